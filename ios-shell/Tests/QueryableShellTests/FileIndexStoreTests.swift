import IndexStore
import XCTest

final class FileIndexStoreTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString, isDirectory: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testNewStoreReadsEmptyFiles() throws {
        let store = try FileIndexStore(directory: directory)

        XCTAssertEqual(try store.readSnapshot(), Data())
        XCTAssertEqual(try store.readJournal(), Data())
        XCTAssertEqual(try store.journalByteCount(), 0)
    }

    func testAppendsConcatenateInOrder() throws {
        let store = try FileIndexStore(directory: directory)

        try store.appendJournal(Data([1, 2, 3]))
        try store.appendJournal(Data([4]))

        XCTAssertEqual(try store.readJournal(), Data([1, 2, 3, 4]))
        XCTAssertEqual(try store.journalByteCount(), 4)
    }

    func testEmptyAppendCreatesNoJournal() throws {
        let store = try FileIndexStore(directory: directory)

        try store.appendJournal(Data())

        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("index.journal").path))
    }

    func testReplaceSnapshotEmptiesJournal() throws {
        let store = try FileIndexStore(directory: directory)
        try store.appendJournal(Data([9, 9]))

        try store.replaceSnapshot(Data([7, 7, 7]))

        XCTAssertEqual(try store.readSnapshot(), Data([7, 7, 7]))
        XCTAssertEqual(try store.readJournal(), Data())
    }

    func testReplaceSnapshotLeavesNoTemporaryFile() throws {
        let store = try FileIndexStore(directory: directory)

        try store.replaceSnapshot(Data([1]))

        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        XCTAssertEqual(names, ["index.journal", "index.snapshot"])
    }

    func testAppendAfterSnapshotStartsNewJournal() throws {
        let store = try FileIndexStore(directory: directory)
        try store.appendJournal(Data([1, 1]))
        try store.replaceSnapshot(Data([2]))

        try store.appendJournal(Data([3]))

        XCTAssertEqual(try store.readJournal(), Data([3]))
    }

    func testReopenedStoreReadsWhatWasWritten() throws {
        let first = try FileIndexStore(directory: directory)
        try first.replaceSnapshot(Data([5]))
        try first.appendJournal(Data([6]))

        let second = try FileIndexStore(directory: directory)

        XCTAssertEqual(try second.readSnapshot(), Data([5]))
        XCTAssertEqual(try second.readJournal(), Data([6]))
    }
}
