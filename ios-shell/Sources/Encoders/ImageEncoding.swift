import CoreGraphics
import ImageIO

/// An image with the orientation it must be shown in.
public struct OrientedImage: @unchecked Sendable {
    public var cgImage: CGImage
    public var orientation: CGImagePropertyOrientation

    public init(cgImage: CGImage, orientation: CGImagePropertyOrientation = .up) {
        self.cgImage = cgImage
        self.orientation = orientation
    }
}

/// The image side of a CLIP pair.
public protocol ImageEncoding: Sendable {
    /// Length of every returned vector.
    var dimension: Int { get }
    /// Encodes `images` in one batch and returns one vector per image, in order.
    /// - Throws: `EncoderError` when any image cannot be prepared or the model fails.
    func encode(_ images: [OrientedImage]) throws -> [[Float]]
}

/// The text side of a CLIP pair.
public protocol TextEncoding: Sendable {
    /// Length of every returned vector.
    var dimension: Int { get }
    /// Number of token ids the model takes.
    var contextLength: Int { get }
    /// Encodes one text, given as the `contextLength` token ids that core's Tokenize request returns.
    /// - Throws: `EncoderError.invalidTokenCount` when the count is wrong, and `EncoderError` when the model fails.
    func encode(tokenIDs: [Int32]) throws -> [Float]
}
