/// Facts about the encoder pair the app ships, as models/clip-vit-b32/manifest.json states them.
public enum ClipModel {
    /// Model id stored in the index; an index built with another id is rejected by core.
    public static let modelID = "clip-vit-b32"
    /// Embedding length.
    public static let dimension = 512
    /// Side of the square image input, in pixels.
    public static let imageSize = 224
    /// Tokens per text input.
    public static let contextLength = 77
}

/// Feature names of the converted Core ML models. The defaults are the ONNX
/// export's names, which the conversion in README.md keeps.
public struct EncoderFeatureNames: Equatable, Sendable {
    public var imageInput = "pixel_values"
    public var imageOutput = "image_embeds"
    public var textInput = "input_ids"
    public var textOutput = "text_embeds"

    public init() {}
}
