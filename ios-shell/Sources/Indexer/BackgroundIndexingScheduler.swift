import BackgroundTasks
import os

/// Runs the indexer in BGProcessingTasks while the phone charges.
///
/// The identifier must be listed under BGTaskSchedulerPermittedIdentifiers
/// in Info.plist, with "processing" in UIBackgroundModes.
public final class BackgroundIndexingScheduler: @unchecked Sendable {
    public static let taskIdentifier = "app.queryable.indexing"
    private let indexer: Indexer
    private let logger = Logger(subsystem: "app.queryable", category: "background-indexing")

    public init(indexer: Indexer) {
        self.indexer = indexer
    }

    /// Registers the launch handler. Call before the app finishes launching.
    public func register() {
        let registered = BGTaskScheduler.shared.register(forTaskWithIdentifier: Self.taskIdentifier, using: nil) { [weak self] task in
            self?.handle(task)
        }
        if !registered {
            logger.error("Task \(Self.taskIdentifier, privacy: .public) could not be registered; check BGTaskSchedulerPermittedIdentifiers in Info.plist")
        }
    }

    /// Asks the system for a processing run on external power.
    public func schedule() {
        let request = BGProcessingTaskRequest(identifier: Self.taskIdentifier)
        request.requiresExternalPower = true
        request.requiresNetworkConnectivity = false
        do {
            try BGTaskScheduler.shared.submit(request)
            logger.info("Scheduled background indexing")
        } catch {
            logger.error("Background indexing could not be scheduled: \(error.localizedDescription, privacy: .public)")
        }
    }

    private func handle(_ task: BGTask) {
        logger.info("Background indexing started")
        schedule()

        let indexer = self.indexer
        let logger = self.logger
        let work = Task {
            do {
                let summary = try await indexer.run()
                logger.info("Background indexing finished: \(summary.embedded) embedded, \(summary.failed) failed")
                task.setTaskCompleted(success: true)
            } catch is CancellationError {
                // The next run resumes: everything stored so far is in the journal.
                logger.notice("Background indexing stopped when its time expired")
                task.setTaskCompleted(success: false)
            } catch {
                logger.error("Background indexing failed: \(error.localizedDescription, privacy: .public)")
                task.setTaskCompleted(success: false)
            }
        }
        task.expirationHandler = {
            work.cancel()
        }
    }
}
