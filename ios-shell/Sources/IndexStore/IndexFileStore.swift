import Foundation

/// Storage of the index bytes that core produces: one snapshot and the
/// journal of changes since. The store never interprets the bytes.
public protocol IndexFileStore: Sendable {
    /// Returns the last snapshot written, or empty data when there is none.
    func readSnapshot() throws -> Data
    /// Returns the journal written since the snapshot, or empty data when there is none.
    func readJournal() throws -> Data
    /// Appends `bytes` to the journal and syncs them to storage before returning.
    /// On failure the journal is cut back to its previous length where possible.
    func appendJournal(_ bytes: Data) throws
    /// Replaces the snapshot atomically (temporary file, sync, rename), then empties the journal.
    func replaceSnapshot(_ bytes: Data) throws
    /// Returns the journal's size in bytes.
    func journalByteCount() throws -> Int
}
