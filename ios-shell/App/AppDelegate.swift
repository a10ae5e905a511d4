import os
import UIKit

/// Builds the app's objects at launch and registers background indexing,
/// which must happen before launch finishes.
final class AppDelegate: NSObject, UIApplicationDelegate {
    private(set) var environment: AppEnvironment?
    private(set) var launchError: String?
    private let logger = Logger(subsystem: "app.queryable", category: "app")

    func application(
        _ application: UIApplication,
        didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        do {
            let environment = try AppEnvironment.make()
            environment.backgroundIndexing.register()
            self.environment = environment
        } catch {
            logger.fault("App could not start: \(error.localizedDescription, privacy: .public)")
            launchError = error.localizedDescription
        }
        return true
    }
}
