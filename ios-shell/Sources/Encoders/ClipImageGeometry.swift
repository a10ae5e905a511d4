/// The sizes and offsets that CLIP's reference transform, Resize(224) then
/// CenterCrop(224), gives an image, with torchvision's rounding.
public struct ClipImageGeometry: Equatable, Sendable {
    /// Size after the resize: the shorter side becomes `inputSize`, the
    /// longer `inputSize * long / short`, truncated.
    public let resizedWidth: Int
    public let resizedHeight: Int
    /// Offset of the crop from the left and top edges of the resized image.
    public let cropLeft: Int
    public let cropTop: Int
    /// Side of the square crop.
    public let inputSize: Int

    /// Returns nil when a side is smaller than 1 pixel.
    public init?(width: Int, height: Int, inputSize: Int = ClipModel.imageSize) {
        guard width >= 1, height >= 1, inputSize >= 1 else { return nil }

        if width <= height {
            resizedWidth = inputSize
            resizedHeight = inputSize * height / width
        } else {
            resizedWidth = inputSize * width / height
            resizedHeight = inputSize
        }
        cropLeft = Self.centerCropOffset(length: resizedWidth, crop: inputSize)
        cropTop = Self.centerCropOffset(length: resizedHeight, crop: inputSize)
        self.inputSize = inputSize
    }

    /// torchvision's `int(round((length - crop) / 2.0))`; Python rounds halves to even.
    static func centerCropOffset(length: Int, crop: Int) -> Int {
        Int((Double(length - crop) / 2).rounded(.toNearestOrEven))
    }
}
