import SwiftUI

/// The app target: everything it shows and does lives in the local packages.
@main
struct QueryableApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var appDelegate

    var body: some Scene {
        WindowGroup {
            RootView(environment: appDelegate.environment, launchError: appDelegate.launchError)
        }
    }
}
