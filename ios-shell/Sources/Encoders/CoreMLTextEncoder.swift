import CoreML
import os

/// The CLIP text encoder as a compiled Core ML model with an int32 [1, 77] input.
public final class CoreMLTextEncoder: TextEncoding, @unchecked Sendable {
    public let dimension: Int
    public let contextLength: Int
    private let model: MLModel
    private let names: EncoderFeatureNames
    private let logger = Logger(subsystem: "app.queryable", category: "text-encoder")

    /// Loads the compiled model (.mlmodelc) at `modelURL`.
    /// - Throws: `EncoderError.modelLoadFailed`.
    public init(
        modelURL: URL,
        configuration: MLModelConfiguration = MLModelConfiguration(),
        names: EncoderFeatureNames = EncoderFeatureNames(),
        dimension: Int = ClipModel.dimension,
        contextLength: Int = ClipModel.contextLength
    ) throws {
        do {
            model = try MLModel(contentsOf: modelURL, configuration: configuration)
        } catch {
            throw EncoderError.modelLoadFailed(path: modelURL.lastPathComponent, reason: error.localizedDescription)
        }
        self.names = names
        self.dimension = dimension
        self.contextLength = contextLength
        logger.info("Loaded text encoder \(modelURL.lastPathComponent, privacy: .public)")
    }

    public func encode(tokenIDs: [Int32]) throws -> [Float] {
        guard tokenIDs.count == contextLength else {
            throw EncoderError.invalidTokenCount(expected: contextLength, actual: tokenIDs.count)
        }

        let features: MLFeatureProvider
        do {
            // Core ML has no int64 inputs, so the converted model takes the ONNX export's int64 ids as int32.
            let ids = try MLMultiArray(shape: [1, NSNumber(value: contextLength)], dataType: .int32)
            for (index, id) in tokenIDs.enumerated() {
                ids[[0, NSNumber(value: index)]] = NSNumber(value: id)
            }
            let input = try MLDictionaryFeatureProvider(dictionary: [names.textInput: MLFeatureValue(multiArray: ids)])
            features = try model.prediction(from: input)
        } catch {
            throw EncoderError.predictionFailed(reason: error.localizedDescription)
        }
        return try EmbeddingReader.vector(from: features, output: names.textOutput, dimension: dimension)
    }
}
