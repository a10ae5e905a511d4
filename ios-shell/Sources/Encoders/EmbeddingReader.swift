import CoreML

/// Reads one embedding out of a model's output features.
enum EmbeddingReader {
    /// Returns the `dimension` values of output `name`, whose shape must be [dimension] or [1, ..., 1, dimension].
    /// Elements are read through the multiarray's subscript, which respects its strides.
    static func vector(from features: MLFeatureProvider, output name: String, dimension: Int) throws -> [Float] {
        guard let array = features.featureValue(for: name)?.multiArrayValue else {
            throw EncoderError.missingOutput(name: name)
        }
        let shape = array.shape.map(\.intValue)
        guard shape.last == dimension, shape.dropLast().allSatisfy({ $0 == 1 }) else {
            throw EncoderError.unexpectedOutputShape(shape: shape, dimension: dimension)
        }

        let leading = Array(repeating: NSNumber(value: 0), count: shape.count - 1)
        return (0..<dimension).map { index in
            array[leading + [NSNumber(value: index)]].floatValue
        }
    }
}
