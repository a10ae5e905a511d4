import Encoders
import Foundation
import PhotoLibrary
import QueryableCoreHost
import QueryableSchema

extension Indexer {
    /// Encodes `ids` in batches, storing vectors and failures batch by batch.
    func embed(_ ids: [String], versions: [String: AssetVersion], summary: inout IndexingSummary) async throws {
        var done = 0
        report(.embedding(done: 0, total: ids.count))

        for batchStart in stride(from: 0, to: ids.count, by: configuration.batchSize) {
            try Task.checkCancellation()
            let batch = Array(ids[batchStart..<min(batchStart + configuration.batchSize, ids.count)])
            let outcome = try await embedBatch(batch, versions: versions)
            summary.embedded += outcome.stored
            summary.failed += outcome.failed
            done += batch.count
            report(.embedding(done: done, total: ids.count))
        }
    }

    private func embedBatch(_ ids: [String], versions: [String: AssetVersion]) async throws -> (stored: Int, failed: Int) {
        // Every id in a plan came from this run's manifest; the fallback only keeps the types total.
        let version = { (id: String) in versions[id] ?? AssetVersion(modifiedMs: 0) }
        var failures: [Queryable_V1_Failure] = []
        var loaded: [(id: String, image: OrientedImage)] = []

        for id in ids {
            do {
                let image = try await library.loadImage(localIdentifier: id, minimumShortSide: configuration.imageShortSide)
                loaded.append((id, OrientedImage(cgImage: image.cgImage, orientation: image.orientation)))
            } catch let error as PhotoLibraryError {
                logger.error("Image of \(id, privacy: .private) could not be loaded: \(error.localizedDescription, privacy: .public)")
                failures.append(Self.failure(id: id, version: version(id), reason: "image could not be loaded: \(error.localizedDescription)"))
            }
        }

        let encoded = encodeEachIfBatchFails(loaded, version: version)
        failures += encoded.failures
        let putOutcome = try await put(encoded.vectors, version: version)
        failures += putOutcome.failures

        if !failures.isEmpty {
            try await session.markFailed(failures)
        }
        return (stored: putOutcome.stored, failed: failures.count)
    }

    // One unreadable image must not fail its whole batch, so a failed batch is retried image by image.
    private func encodeEachIfBatchFails(
        _ images: [(id: String, image: OrientedImage)],
        version: (String) -> AssetVersion
    ) -> (vectors: [(id: String, vector: [Float])], failures: [Queryable_V1_Failure]) {
        guard !images.isEmpty else { return ([], []) }
        do {
            let vectors = try encoder.encode(images.map(\.image))
            return (Array(zip(images.map(\.id), vectors)).map { (id: $0.0, vector: $0.1) }, [])
        } catch {
            logger.error("Batch of \(images.count) images failed to encode, retrying one by one: \(error.localizedDescription, privacy: .public)")
        }

        var vectors: [(id: String, vector: [Float])] = []
        var failures: [Queryable_V1_Failure] = []
        for item in images {
            do {
                if let vector = try encoder.encode([item.image]).first {
                    vectors.append((item.id, vector))
                }
            } catch {
                logger.error("Image of \(item.id, privacy: .private) failed to encode: \(error.localizedDescription, privacy: .public)")
                failures.append(Self.failure(id: item.id, version: version(item.id), reason: "encoder failed: \(error.localizedDescription)"))
            }
        }
        return (vectors, failures)
    }

    /// Stores `vectors` in one request and returns how many core stored.
    /// When core rejects the batch for a bad vector, they are put one by one,
    /// and the rejected ones come back as failures carrying core's message.
    private func put(
        _ vectors: [(id: String, vector: [Float])],
        version: (String) -> AssetVersion
    ) async throws -> (stored: Int, failures: [Queryable_V1_Failure]) {
        guard !vectors.isEmpty else { return (0, []) }
        let perVectorCodes: [Queryable_V1_Error.Code] = [.nonFiniteVector, .zeroVector, .dimensionMismatch]

        do {
            let block = try VectorBlock.packFloat32(vectors.map(\.vector), dimension: encoder.dimension)
            let response = try await session.putEmbeddings(ids: vectors.map(\.id), vectors: block, versions: vectors.map { version($0.id) })
            return (Int(response.stored), [])
        } catch let CoreHostError.rejected(code, message) where perVectorCodes.contains(code) {
            logger.error("Core rejected a batch of \(vectors.count) vectors (\(String(describing: code), privacy: .public)): \(message, privacy: .public); putting them one by one")
        } catch VectorBlockError.dimensionMismatch(let index, let expected, let actual) {
            logger.error("Vector \(index) has \(actual) values instead of \(expected); putting the batch one by one")
        }

        var stored = 0
        var failures: [Queryable_V1_Failure] = []
        for item in vectors {
            do {
                let response = try await session.putEmbeddings(ids: [item.id], vectors: VectorBlock.packFloat32(item.vector), versions: [version(item.id)])
                stored += Int(response.stored)
            } catch let CoreHostError.rejected(code, message) where perVectorCodes.contains(code) {
                failures.append(Self.failure(id: item.id, version: version(item.id), reason: message))
            }
        }
        return (stored, failures)
    }

    static func failure(id: String, version: AssetVersion, reason: String) -> Queryable_V1_Failure {
        var failure = Queryable_V1_Failure()
        failure.id = id
        failure.reason = reason
        failure.modifiedMs = version.modifiedMs
        failure.fingerprint = version.fingerprint
        return failure
    }
}
