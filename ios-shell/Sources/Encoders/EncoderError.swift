import Foundation

/// Failures of the Core ML encoders.
public enum EncoderError: Error, Equatable {
    /// The compiled model at `path` could not be loaded.
    case modelLoadFailed(path: String, reason: String)
    /// The image has a side of zero pixels.
    case emptyImage
    /// Core Image could not produce the 224 x 224 input.
    case imagePreparationFailed(reason: String)
    /// Core ML failed to run the model.
    case predictionFailed(reason: String)
    /// The model's output has no feature with this name.
    case missingOutput(name: String)
    /// The output is not `dimension` values for one input.
    case unexpectedOutputShape(shape: [Int], dimension: Int)
    /// The text encoder takes exactly `expected` token ids.
    case invalidTokenCount(expected: Int, actual: Int)
}

extension EncoderError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case let .modelLoadFailed(path, reason):
            return "Core ML model \(path) could not be loaded: \(reason)"
        case .emptyImage:
            return "Image has a side of 0 pixels."
        case let .imagePreparationFailed(reason):
            return "Image could not be resized for the encoder: \(reason)"
        case let .predictionFailed(reason):
            return "Core ML prediction failed: \(reason)"
        case let .missingOutput(name):
            return "Model output \(name) is missing; convert the model with the output names in README.md."
        case let .unexpectedOutputShape(shape, dimension):
            return "Model output has shape \(shape), expected [1, \(dimension)]."
        case let .invalidTokenCount(expected, actual):
            return "Text encoder takes \(expected) token ids, got \(actual)."
        }
    }
}
