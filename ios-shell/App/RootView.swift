import SearchFeature
import SwiftUI

/// The search screen, or why the app could not start.
struct RootView: View {
    let environment: AppEnvironment?
    let launchError: String?

    var body: some View {
        if let environment {
            SearchView(model: environment.searchModel, settings: environment.settingsModel, loader: environment.thumbnails)
                .task { await environment.start() }
        } else {
            Text(launchError ?? "Queryable could not start.")
                .padding()
        }
    }
}
