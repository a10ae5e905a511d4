import Foundation
import IndexStore
import os
import QueryableCoreHost
import QueryableSchema

/// The app's one conversation with core: sends requests through a
/// `CoreHosting`, stores every journal append before returning, and writes
/// snapshots when core hands them out.
public actor CoreSession {
    private let host: any CoreHosting
    private let store: any IndexFileStore
    private let logger = Logger(subsystem: "app.queryable", category: "core-session")

    public init(host: any CoreHosting, store: any IndexFileStore) {
        self.host = host
        self.store = store
    }

    /// Sends `request` and returns core's response after its `journal_append`
    /// is synced to the journal file.
    /// - Throws: `CoreHostError` from the host (`.rejected` carries core's code
    ///   and message unchanged), or `IndexerError.journalWriteFailed`.
    @discardableResult
    public func send(_ request: Queryable_V1_Request) throws -> Queryable_V1_Response {
        let response = try host.handle(request)
        guard !response.journalAppend.isEmpty else { return response }

        do {
            try store.appendJournal(response.journalAppend)
        } catch {
            logger.error("Journal append of \(response.journalAppend.count) bytes failed: \(error.localizedDescription, privacy: .public)")
            throw IndexerError.journalWriteFailed(reason: error.localizedDescription)
        }
        return response
    }

    /// Opens the index from the stored snapshot and journal. When core
    /// dropped a torn journal tail, a fresh snapshot replaces both files.
    public func openIndex(modelID: String, dimension: Int) throws -> Queryable_V1_IndexOpened {
        var body = Queryable_V1_OpenIndex()
        body.modelID = modelID
        body.dimension = UInt32(dimension)
        body.snapshot = try store.readSnapshot()
        body.journal = try store.readJournal()

        var request = Queryable_V1_Request()
        request.openIndex = body
        let response = try send(request)
        guard case let .indexOpened(opened)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "index_opened", received: response.kindName)
        }

        logger.info("Opened index \(modelID, privacy: .public): \(opened.stats.indexed) of \(opened.stats.assets) assets indexed, \(opened.framesReplayed) journal frames replayed")
        if opened.journalBytesDropped > 0 {
            logger.warning("Core dropped \(opened.journalBytesDropped) torn journal bytes; writing a snapshot")
            try takeSnapshot()
        }
        return opened
    }

    /// Asks core for a snapshot and writes it, which also empties the journal.
    public func takeSnapshot() throws {
        var request = Queryable_V1_Request()
        request.takeSnapshot = Queryable_V1_TakeSnapshot()
        let response = try send(request)
        guard case let .snapshotTaken(snapshot)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "snapshot_taken", received: response.kindName)
        }
        try store.replaceSnapshot(snapshot.snapshot)
    }

    /// Asks core to pack its vector storage and writes the resulting snapshot.
    public func compact() throws {
        var request = Queryable_V1_Request()
        request.compact = Queryable_V1_Compact()
        let response = try send(request)
        guard case let .compacted(snapshot)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "compacted", received: response.kindName)
        }
        try store.replaceSnapshot(snapshot.snapshot)
    }

    /// Writes a snapshot when the journal has grown past `limit` bytes, so the next open replays less.
    public func snapshotIfJournalExceeds(_ limit: Int) throws {
        let size = try store.journalByteCount()
        guard size > limit else { return }
        logger.info("Journal is \(size) bytes, above \(limit); writing a snapshot")
        try takeSnapshot()
    }

    /// Loads the Hugging Face vocab.json and merges.txt pair into core's tokenizer.
    public func loadVocabulary(vocabularyJSON: Data, merges: Data) throws -> Queryable_V1_VocabularyLoaded {
        var body = Queryable_V1_LoadVocabulary()
        body.vocabJson = vocabularyJSON
        body.mergesTxt = merges
        var request = Queryable_V1_Request()
        request.loadVocabulary = body
        let response = try send(request)
        guard case let .vocabularyLoaded(loaded)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "vocabulary_loaded", received: response.kindName)
        }
        return loaded
    }

    /// Returns core's CLIP token ids for `text`, padded to `contextLength`.
    public func tokenize(_ text: String, contextLength: Int) throws -> [Int32] {
        var body = Queryable_V1_Tokenize()
        body.texts = [text]
        body.contextLength = UInt32(contextLength)
        var request = Queryable_V1_Request()
        request.tokenize = body
        let response = try send(request)
        guard case let .tokenizeResult(result)? = response.kind, let first = result.results.first else {
            throw IndexerError.unexpectedResponse(expected: "tokenize_result with one text", received: response.kindName)
        }
        return first.ids
    }

    /// Sends one manifest chunk. Only the response to the `last` chunk carries a complete plan.
    public func syncChunk(_ entries: [Queryable_V1_ManifestEntry], first: Bool, last: Bool) throws -> Queryable_V1_SyncPlan {
        var body = Queryable_V1_SyncManifest()
        body.entries = entries
        body.first = first
        body.last = last
        var request = Queryable_V1_Request()
        request.syncManifest = body
        let response = try send(request)
        guard case let .syncPlan(plan)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "sync_plan", received: response.kindName)
        }
        return plan
    }

    /// Stores float32 vectors for `ids`; `vectors` is one little-endian block (see `VectorBlock`).
    /// `versions` holds, per id, the manifest version the vector was computed
    /// from; core skips vectors of an older version and lists them in `stale`.
    @discardableResult
    public func putEmbeddings(ids: [String], vectors: Data, versions: [AssetVersion]) throws -> Queryable_V1_EmbeddingsPut {
        var body = Queryable_V1_PutEmbeddings()
        body.ids = ids
        body.vectors = vectors
        body.encoding = .float32
        body.modifiedMs = versions.map(\.modifiedMs)
        body.fingerprints = versions.map(\.fingerprint)
        var request = Queryable_V1_Request()
        request.putEmbeddings = body
        let response = try send(request)
        guard case let .embeddingsPut(put)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "embeddings_put", received: response.kindName)
        }
        if !put.stale.isEmpty {
            logger.info("Core skipped \(put.stale.count) vectors of assets that changed during encoding")
        }
        return put
    }

    /// Records assets that could not be embedded, with a reason and the failed version for each.
    @discardableResult
    public func markFailed(_ failures: [Queryable_V1_Failure]) throws -> Queryable_V1_FailuresMarked {
        var body = Queryable_V1_MarkFailed()
        body.failures = failures
        var request = Queryable_V1_Request()
        request.markFailed = body
        let response = try send(request)
        guard case let .failuresMarked(marked)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "failures_marked", received: response.kindName)
        }
        return marked
    }

    /// Runs a search as core's ranking policy decides.
    public func search(_ body: Queryable_V1_Search) throws -> Queryable_V1_SearchResult {
        var request = Queryable_V1_Request()
        request.search = body
        let response = try send(request)
        guard case let .searchResult(result)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "search_result", received: response.kindName)
        }
        return result
    }

    /// Returns the ranking policies core offers, with their parameters.
    public func listPolicies() throws -> [Queryable_V1_PolicyInfo] {
        var request = Queryable_V1_Request()
        request.listPolicies = Queryable_V1_ListPolicies()
        let response = try send(request)
        guard case let .policyList(list)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "policy_list", received: response.kindName)
        }
        return list.policies
    }

    /// Returns the index counters.
    public func stats() throws -> Queryable_V1_Stats {
        var request = Queryable_V1_Request()
        request.getStats = Queryable_V1_GetStats()
        let response = try send(request)
        guard case let .stats(stats)? = response.kind else {
            throw IndexerError.unexpectedResponse(expected: "stats", received: response.kindName)
        }
        return stats
    }
}
