import Indexer
import SwiftUI

/// One line on how far indexing has come.
struct IndexStatusView: View {
    let status: IndexStatus

    var body: some View {
        HStack(spacing: 8) {
            switch status.progress {
            case let .listing(sent, total)?:
                ProgressView(value: Double(sent), total: Double(max(total, 1)))
                Text("Reading library: \(sent) of \(total)")
            case let .embedding(done, total)?:
                ProgressView(value: Double(done), total: Double(max(total, 1)))
                Text("Indexing photos: \(done) of \(total)")
            case .finished?, nil:
                Text("\(status.indexed) of \(status.assets) photos searchable")
                if status.failed > 0 {
                    Text("\(status.failed) could not be read").foregroundStyle(.secondary)
                }
            }
        }
        .font(.footnote)
        .padding(.horizontal)
    }
}
