import SwiftUI

/// The main screen: a search field, the index status, and the result grid.
public struct SearchView: View {
    @ObservedObject var model: SearchViewModel
    let settings: SettingsViewModel
    let loader: ThumbnailLoader

    public init(model: SearchViewModel, settings: SettingsViewModel, loader: ThumbnailLoader) {
        self.model = model
        self.settings = settings
        self.loader = loader
    }

    public var body: some View {
        NavigationStack {
            VStack(spacing: 8) {
                IndexStatusView(status: model.status)
                if let message = model.errorMessage {
                    Text(message)
                        .font(.footnote)
                        .foregroundStyle(.red)
                        .padding(.horizontal)
                }
                content
            }
            .navigationTitle("Queryable")
            .searchable(text: $model.query, prompt: "Describe a photo")
            .toolbar {
                NavigationLink {
                    SettingsView(model: settings)
                } label: {
                    Image(systemName: "slider.horizontal.3")
                        .accessibilityLabel(Text("Settings"))
                }
            }
            .task { await model.refreshStatus() }
        }
    }

    @ViewBuilder private var content: some View {
        if model.isSearching && model.hits.isEmpty {
            ProgressView().frame(maxHeight: .infinity)
        } else if model.hits.isEmpty {
            Text(model.query.isEmpty ? "Search your photos by what they show." : "No matching photos.")
                .foregroundStyle(.secondary)
                .frame(maxHeight: .infinity)
        } else {
            ResultGridView(hits: model.hits, loader: loader)
        }
    }
}
