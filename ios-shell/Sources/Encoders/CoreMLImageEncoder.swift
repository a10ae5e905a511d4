import CoreML
import os

/// The CLIP image encoder as a compiled Core ML model with an image input.
public final class CoreMLImageEncoder: ImageEncoding, @unchecked Sendable {
    public let dimension: Int
    // MLModel predictions may run from several threads.
    private let model: MLModel
    private let names: EncoderFeatureNames
    private let resizer = ClipImageResizer()
    private let logger = Logger(subsystem: "app.queryable", category: "image-encoder")

    /// Loads the compiled model (.mlmodelc) at `modelURL`.
    /// - Throws: `EncoderError.modelLoadFailed`.
    public init(
        modelURL: URL,
        configuration: MLModelConfiguration = MLModelConfiguration(),
        names: EncoderFeatureNames = EncoderFeatureNames(),
        dimension: Int = ClipModel.dimension
    ) throws {
        do {
            model = try MLModel(contentsOf: modelURL, configuration: configuration)
        } catch {
            throw EncoderError.modelLoadFailed(path: modelURL.lastPathComponent, reason: error.localizedDescription)
        }
        self.names = names
        self.dimension = dimension
        logger.info("Loaded image encoder \(modelURL.lastPathComponent, privacy: .public)")
    }

    public func encode(_ images: [OrientedImage]) throws -> [[Float]] {
        guard !images.isEmpty else { return [] }

        let inputs: [MLFeatureProvider] = try images.map { image in
            let buffer = try resizer.pixelBuffer(for: image)
            return try MLDictionaryFeatureProvider(dictionary: [names.imageInput: MLFeatureValue(pixelBuffer: buffer)])
        }

        let outputs: MLBatchProvider
        do {
            outputs = try model.predictions(from: MLArrayBatchProvider(array: inputs), options: MLPredictionOptions())
        } catch {
            throw EncoderError.predictionFailed(reason: error.localizedDescription)
        }

        return try (0..<outputs.count).map { index in
            try EmbeddingReader.vector(from: outputs.features(at: index), output: names.imageOutput, dimension: dimension)
        }
    }
}
