import Indexer
import QueryableCoreHost
import QueryableSchema
import XCTest

final class CoreSessionTests: XCTestCase {
    func testJournalAppendIsStoredBeforeReturning() async throws {
        var response = Queryable_V1_Response()
        response.journalAppend = Data([1, 2, 3])
        response.embeddingsPut = Queryable_V1_EmbeddingsPut()
        let store = InMemoryIndexFileStore()
        let session = CoreSession(host: FakeCoreHost(results: [.success(response)]), store: store)

        try await session.putEmbeddings(ids: ["a"], vectors: VectorBlock.packFloat32([1]), versions: [AssetVersion(modifiedMs: 5)])

        XCTAssertEqual(store.journal, Data([1, 2, 3]))
    }

    func testPutEmbeddingsSendsVersions() async throws {
        var response = Queryable_V1_Response()
        response.embeddingsPut = Queryable_V1_EmbeddingsPut()
        let host = FakeCoreHost(results: [.success(response)])
        let session = CoreSession(host: host, store: InMemoryIndexFileStore())

        try await session.putEmbeddings(ids: ["a"], vectors: VectorBlock.packFloat32([1]), versions: [AssetVersion(modifiedMs: 5, fingerprint: "f")])

        XCTAssertEqual(host.requests.first?.putEmbeddings.modifiedMs, [5])
        XCTAssertEqual(host.requests.first?.putEmbeddings.fingerprints, ["f"])
    }

    func testRejectionKeepsCoreCodeAndMessage() async {
        let rejection = CoreHostError.rejected(code: .unknownPolicy, message: "no ranking policy is named \"x\"")
        let session = CoreSession(host: FakeCoreHost(results: [.failure(rejection)]), store: InMemoryIndexFileStore())

        do {
            _ = try await session.search(Queryable_V1_Search())
            XCTFail("search succeeded")
        } catch {
            XCTAssertEqual(error as? CoreHostError, rejection)
        }
    }

    func testWrongResultKindIsReported() async {
        var response = Queryable_V1_Response()
        response.stats = Queryable_V1_Stats()
        let session = CoreSession(host: FakeCoreHost(results: [.success(response)]), store: InMemoryIndexFileStore())

        do {
            _ = try await session.listPolicies()
            XCTFail("listPolicies succeeded")
        } catch {
            XCTAssertEqual(error as? IndexerError, .unexpectedResponse(expected: "policy_list", received: "stats"))
        }
    }

    func testSnapshotReplacesFilesAndEmptiesJournal() async throws {
        var snapshot = Queryable_V1_SnapshotTaken()
        snapshot.snapshot = Data([8, 8])
        var response = Queryable_V1_Response()
        response.snapshotTaken = snapshot
        let store = InMemoryIndexFileStore()
        try store.appendJournal(Data([1]))
        let session = CoreSession(host: FakeCoreHost(results: [.success(response)]), store: store)

        try await session.takeSnapshot()

        XCTAssertEqual(store.snapshot, Data([8, 8]))
        XCTAssertEqual(store.journal, Data())
    }

    func testOpenIndexSendsStoredBytes() async throws {
        var opened = Queryable_V1_Response()
        opened.indexOpened = Queryable_V1_IndexOpened()
        let host = FakeCoreHost(results: [.success(opened)])
        let store = InMemoryIndexFileStore()
        try store.replaceSnapshot(Data([4]))
        try store.appendJournal(Data([5]))
        let session = CoreSession(host: host, store: store)

        _ = try await session.openIndex(modelID: "clip-vit-b32", dimension: 512)

        XCTAssertEqual(host.requests.first?.openIndex.snapshot, Data([4]))
        XCTAssertEqual(host.requests.first?.openIndex.journal, Data([5]))
        XCTAssertEqual(host.requests.first?.openIndex.dimension, 512)
    }
}
