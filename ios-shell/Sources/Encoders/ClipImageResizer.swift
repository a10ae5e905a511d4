import CoreImage
import CoreImage.CIFilterBuiltins
import CoreVideo

/// Turns an image into the 224 x 224 BGRA pixel buffer the image model takes:
/// orientation applied, shorter side scaled to 224 with a bicubic filter,
/// centre crop. Pixel values stay 0 to 255; the converted model scales them
/// and applies CLIP's per-channel mean and standard deviation.
///
/// NOTE: Core Image's bicubic filter is not Pillow's resampler, so inputs
/// differ slightly from core's PreprocessImage (Pillow-exact). Compare the two
/// on device with a PreprocessImage request before trusting small score gaps.
public struct ClipImageResizer: @unchecked Sendable {
    // CIContext is safe to use from several threads.
    private let context: CIContext

    public init() {
        // No colour management: Pillow resamples the stored sRGB values, not linear light.
        context = CIContext(options: [.workingColorSpace: NSNull(), .outputColorSpace: NSNull()])
    }

    /// - Throws: `EncoderError.emptyImage` or `.imagePreparationFailed`.
    public func pixelBuffer(for image: OrientedImage, side: Int = ClipModel.imageSize) throws -> CVPixelBuffer {
        let oriented = CIImage(cgImage: image.cgImage, options: [.colorSpace: NSNull()]).oriented(image.orientation)
        let extent = oriented.extent
        let source = oriented.transformed(by: CGAffineTransform(translationX: -extent.minX, y: -extent.minY))

        let width = Int(extent.width.rounded())
        let height = Int(extent.height.rounded())
        guard let geometry = ClipImageGeometry(width: width, height: height, inputSize: side) else {
            throw EncoderError.emptyImage
        }

        let scaled = try scale(source, width: width, height: height, to: geometry)
        // torchvision measures the crop from the top; Core Image's origin is the bottom-left corner.
        let cropRect = CGRect(
            x: geometry.cropLeft,
            y: geometry.resizedHeight - geometry.cropTop - side,
            width: side,
            height: side
        )
        let cropped = scaled
            .cropped(to: cropRect)
            .transformed(by: CGAffineTransform(translationX: -cropRect.minX, y: -cropRect.minY))

        let buffer = try makePixelBuffer(side: side)
        context.render(cropped, to: buffer, bounds: CGRect(x: 0, y: 0, width: side, height: side), colorSpace: nil)
        return buffer
    }

    private func scale(_ image: CIImage, width: Int, height: Int, to geometry: ClipImageGeometry) throws -> CIImage {
        let filter = CIFilter.bicubicScaleTransform()
        filter.inputImage = image
        // `scale` sets the height; `aspectRatio` is the extra horizontal factor.
        let verticalScale = Float(geometry.resizedHeight) / Float(height)
        let horizontalScale = Float(geometry.resizedWidth) / Float(width)
        filter.scale = verticalScale
        filter.aspectRatio = horizontalScale / verticalScale
        // B = 0, C = 0.5 is the Catmull-Rom cubic, Pillow's BICUBIC kernel (a = -0.5).
        filter.parameterB = 0
        filter.parameterC = 0.5
        guard let output = filter.outputImage else {
            throw EncoderError.imagePreparationFailed(reason: "bicubic scale filter produced no image")
        }
        return output
    }

    private func makePixelBuffer(side: Int) throws -> CVPixelBuffer {
        let attributes: [CFString: Any] = [
            kCVPixelBufferCGImageCompatibilityKey: true,
            kCVPixelBufferCGBitmapContextCompatibilityKey: true,
        ]
        var buffer: CVPixelBuffer?
        let status = CVPixelBufferCreate(
            kCFAllocatorDefault,
            side,
            side,
            kCVPixelFormatType_32BGRA,
            attributes as CFDictionary,
            &buffer
        )
        guard status == kCVReturnSuccess, let buffer else {
            throw EncoderError.imagePreparationFailed(reason: "CVPixelBufferCreate returned \(status)")
        }
        return buffer
    }
}
