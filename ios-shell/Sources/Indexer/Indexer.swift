import Encoders
import Foundation
import os
import PhotoLibrary
import QueryableSchema

/// Runs a sync: sends the library manifest to core in chunks, encodes the
/// assets core's plan lists, and stores their vectors or failures.
///
/// Core decides what to embed, re-embed or drop; this type only moves data.
/// A run that is cancelled or killed resumes by running again: every stored
/// batch is already in the journal, so the next plan lists only what is left.
public actor Indexer {
    /// Sizes that trade memory against the number of bridge calls.
    public struct Configuration: Sendable {
        /// Manifest entries per SyncManifest chunk.
        public var chunkSize = 500
        /// Images per Core ML batch and per PutEmbeddings request.
        public var batchSize = 16
        /// Shorter side requested from PhotoKit, in pixels. Twice the model
        /// input, so the final bicubic step to 224 is ours and small.
        public var imageShortSide = 2 * ClipModel.imageSize
        /// Journal size above which a run ends with a snapshot.
        public var snapshotJournalBytes = 8 * 1024 * 1024

        public init() {}
    }

    let session: CoreSession
    let library: any PhotoLibraryProviding
    let encoder: any ImageEncoding
    let configuration: Configuration
    let logger = Logger(subsystem: "app.queryable", category: "indexer")
    private let onProgress: @Sendable (IndexingProgress) -> Void
    private var isRunning = false

    public init(
        session: CoreSession,
        library: any PhotoLibraryProviding,
        encoder: any ImageEncoding,
        configuration: Configuration = Configuration(),
        onProgress: @escaping @Sendable (IndexingProgress) -> Void = { _ in }
    ) {
        self.session = session
        self.library = library
        self.encoder = encoder
        self.configuration = configuration
        self.onProgress = onProgress
    }

    /// Runs one sync to the end, or until the task is cancelled.
    /// - Throws: `IndexerError.alreadyRunning`, `PhotoLibraryError.accessDenied`,
    ///   `CancellationError`, and core or storage errors, which stop the run.
    public func run() async throws -> IndexingSummary {
        guard !isRunning else { throw IndexerError.alreadyRunning }
        isRunning = true
        defer { isRunning = false }

        let started = Date()
        logger.info("Sync started")
        var summary = IndexingSummary()

        var versions: [String: AssetVersion] = [:]
        let plan = try await sendManifest(summary: &summary, versions: &versions)
        summary.removed = plan.removed.count
        logger.info("Plan: \(plan.toEmbed.count) to embed, \(plan.removed.count) removed, \(plan.reused.count) reused, \(plan.unchanged) unchanged, \(plan.failedWaiting) failed and waiting")

        try await embed(plan.toEmbed, versions: versions, summary: &summary)
        try await session.snapshotIfJournalExceeds(configuration.snapshotJournalBytes)

        let seconds = Date().timeIntervalSince(started)
        logger.info("Sync finished in \(seconds, format: .fixed(precision: 1)) s: \(summary.embedded) embedded, \(summary.failed) failed")
        report(.finished(summary))
        return summary
    }

    func report(_ progress: IndexingProgress) {
        onProgress(progress)
    }

    /// Sends the manifest and returns core's plan. `versions` receives each
    /// asset's version as sent, which PutEmbeddings and MarkFailed must echo.
    private func sendManifest(
        summary: inout IndexingSummary,
        versions: inout [String: AssetVersion]
    ) async throws -> Queryable_V1_SyncPlan {
        let manifest = try library.openManifest()
        let total = manifest.count
        var start = 0
        var plan = Queryable_V1_SyncPlan()

        // An empty library still sends one chunk that is both first and last, so core can drop what is gone.
        repeat {
            try Task.checkCancellation()
            let end = min(start + configuration.chunkSize, total)
            let entries = manifest.assets(in: start..<end).map(\.manifestEntry)
            for entry in entries {
                versions[entry.id] = AssetVersion(entry)
            }
            plan = try await session.syncChunk(entries, first: start == 0, last: end == total)
            report(.listing(sent: end, total: total))
            start = end
        } while start < total

        summary.listed = total
        guard plan.complete else { throw IndexerError.syncIncomplete(received: plan.received) }
        return plan
    }
}
