import Foundation
import IndexStore

/// Index files in memory, with the same contract as FileIndexStore.
final class InMemoryIndexFileStore: IndexFileStore, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var snapshot = Data()
    private(set) var journal = Data()

    func readSnapshot() throws -> Data { lock.withLock { snapshot } }
    func readJournal() throws -> Data { lock.withLock { journal } }
    func journalByteCount() throws -> Int { lock.withLock { journal.count } }

    func appendJournal(_ bytes: Data) throws {
        lock.withLock { journal.append(bytes) }
    }

    func replaceSnapshot(_ bytes: Data) throws {
        lock.withLock {
            snapshot = bytes
            journal = Data()
        }
    }
}
