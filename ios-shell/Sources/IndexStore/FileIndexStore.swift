import Foundation
import os

/// The index files in one directory: `index.snapshot` and `index.journal`.
///
/// Durability follows the bridge contract: journal bytes are synced before
/// `appendJournal` returns, and a snapshot replaces the old one only after
/// it is fully on storage. A crash between the rename and emptying the
/// journal is safe, because core replays only journal records newer than
/// the snapshot.
public final class FileIndexStore: IndexFileStore, @unchecked Sendable {
    public let directory: URL
    private let snapshotURL: URL
    private let temporarySnapshotURL: URL
    private let journalURL: URL
    // Serialises writers; the app has one CoreSession, but tests and background tasks may overlap.
    private let lock = NSLock()
    private let logger = Logger(subsystem: "app.queryable", category: "index-store")

    /// Uses `directory`, creating it when missing.
    /// - Throws: `IndexStoreError.directoryUnavailable`.
    public init(directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw IndexStoreError.directoryUnavailable(path: directory.path, reason: error.localizedDescription)
        }
        self.directory = directory
        snapshotURL = directory.appendingPathComponent("index.snapshot")
        temporarySnapshotURL = directory.appendingPathComponent("index.snapshot.tmp")
        journalURL = directory.appendingPathComponent("index.journal")
    }

    /// Creates the store for `modelID` under Application Support/Index.
    public static func applicationSupport(modelID: String) throws -> FileIndexStore {
        let base: URL
        do {
            base = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        } catch {
            throw IndexStoreError.directoryUnavailable(path: "Application Support", reason: error.localizedDescription)
        }
        return try FileIndexStore(directory: base.appendingPathComponent("Index", isDirectory: true).appendingPathComponent(modelID, isDirectory: true))
    }

    public func readSnapshot() throws -> Data {
        try read(snapshotURL)
    }

    public func readJournal() throws -> Data {
        try read(journalURL)
    }

    public func appendJournal(_ bytes: Data) throws {
        guard !bytes.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }

        let file = try POSIXFile.open(journalURL, flags: O_WRONLY | O_CREAT | O_APPEND)
        defer { file.close() }
        let previousSize = try file.seekToEnd()
        do {
            try file.writeAll(bytes)
            try file.sync()
        } catch {
            // A torn tail would hide every later record from replay, so cut it off.
            logger.error("Journal append of \(bytes.count) bytes failed at offset \(previousSize): \(error.localizedDescription, privacy: .public)")
            do {
                try file.truncate(to: previousSize)
                try file.sync()
            } catch {
                logger.fault("Journal could not be cut back to \(previousSize) bytes: \(error.localizedDescription, privacy: .public)")
            }
            throw error
        }
    }

    public func replaceSnapshot(_ bytes: Data) throws {
        lock.lock()
        defer { lock.unlock() }

        let temporary = try POSIXFile.open(temporarySnapshotURL, flags: O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try temporary.writeAll(bytes)
            try temporary.sync()
            temporary.close()
        } catch {
            temporary.close()
            removeTemporarySnapshot()
            throw error
        }

        let renamed = temporarySnapshotURL.withUnsafeFileSystemRepresentation { from in
            snapshotURL.withUnsafeFileSystemRepresentation { to in
                guard let from, let to else { return false }
                return rename(from, to) == 0
            }
        }
        guard renamed else {
            let failure = POSIXFile.failure("rename", file: snapshotURL.lastPathComponent)
            removeTemporarySnapshot()
            throw failure
        }
        try syncDirectory()

        let journal = try POSIXFile.open(journalURL, flags: O_WRONLY | O_CREAT)
        defer { journal.close() }
        try journal.truncate(to: 0)
        try journal.sync()
        logger.info("Wrote a snapshot of \(bytes.count) bytes and emptied the journal")
    }

    public func journalByteCount() throws -> Int {
        guard FileManager.default.fileExists(atPath: journalURL.path) else { return 0 }
        let file = try POSIXFile.open(journalURL, flags: O_RDONLY)
        defer { file.close() }
        return try file.seekToEnd()
    }

    private func read(_ url: URL) throws -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else { return Data() }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw IndexStoreError.readFailed(file: url.lastPathComponent, reason: error.localizedDescription)
        }
    }

    // The rename is durable only once the directory entry itself is synced.
    private func syncDirectory() throws {
        let directoryFile = try POSIXFile.open(directory, flags: O_RDONLY)
        defer { directoryFile.close() }
        try directoryFile.sync()
    }

    private func removeTemporarySnapshot() {
        do {
            try FileManager.default.removeItem(at: temporarySnapshotURL)
        } catch {
            logger.error("Temporary snapshot could not be removed: \(error.localizedDescription, privacy: .public)")
        }
    }
}
