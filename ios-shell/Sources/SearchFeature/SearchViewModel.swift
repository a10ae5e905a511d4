import Foundation
import Indexer
import os

/// State of the search screen: the query, its hits, and the index status.
@MainActor
public final class SearchViewModel: ObservableObject {
    @Published public var query = "" {
        didSet { scheduleSearch() }
    }
    @Published public private(set) var hits: [SearchHit] = []
    @Published public private(set) var isSearching = false
    @Published public private(set) var errorMessage: String?
    @Published public private(set) var status = IndexStatus()

    private let service: any SearchServing
    private let settings: PolicySettingsStore
    private var searchTask: Task<Void, Never>?
    private let logger = Logger(subsystem: "app.queryable", category: "search-screen")

    /// Wait after the last keystroke before searching, so typing does not queue searches.
    private let debounceNanoseconds: UInt64 = 300_000_000

    public init(service: any SearchServing, settings: PolicySettingsStore) {
        self.service = service
        self.settings = settings
    }

    /// Reloads the index counters.
    public func refreshStatus() async {
        do {
            let stats = try await service.stats()
            status.indexed = Int(stats.indexed)
            status.assets = Int(stats.assets)
            status.pending = Int(stats.pending)
            status.failed = Int(stats.failed)
        } catch {
            logger.error("Index status could not be read: \(error.localizedDescription, privacy: .public)")
            errorMessage = error.localizedDescription
        }
    }

    /// Shows the progress of a sync run.
    public func show(_ progress: IndexingProgress) {
        status.progress = progress
    }

    private func scheduleSearch() {
        searchTask?.cancel()
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            hits = []
            errorMessage = nil
            return
        }

        searchTask = Task { [weak self, debounceNanoseconds] in
            do {
                try await Task.sleep(nanoseconds: debounceNanoseconds)
            } catch {
                return // A newer keystroke cancelled this search.
            }
            await self?.search(text)
        }
    }

    private func search(_ text: String) async {
        isSearching = true
        defer { isSearching = false }
        do {
            let found = try await service.search(text: text, policy: settings.load())
            guard !Task.isCancelled else { return }
            hits = found
            errorMessage = nil
        } catch {
            logger.error("Search failed: \(error.localizedDescription, privacy: .public)")
            errorMessage = error.localizedDescription
        }
    }
}

/// Index counters and sync progress for the status line.
public struct IndexStatus: Equatable, Sendable {
    public var assets = 0
    public var indexed = 0
    public var pending = 0
    public var failed = 0
    public var progress: IndexingProgress?

    public init() {}
}
