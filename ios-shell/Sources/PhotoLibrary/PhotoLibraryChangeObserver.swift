import Photos

/// Forwards PhotoKit change notices to a closure. Core works out what
/// changed from the next manifest, so the PHChange details are not read.
final class PhotoLibraryChangeObserver: NSObject, PHPhotoLibraryChangeObserver, LibraryChangeObservation {
    private let onChange: @Sendable () -> Void
    private var isRegistered = false

    init(onChange: @escaping @Sendable () -> Void) {
        self.onChange = onChange
        super.init()
        PHPhotoLibrary.shared().register(self)
        isRegistered = true
    }

    deinit {
        cancel()
    }

    func cancel() {
        guard isRegistered else { return }
        PHPhotoLibrary.shared().unregisterChangeObserver(self)
        isRegistered = false
    }

    func photoLibraryDidChange(_ changeInstance: PHChange) {
        onChange()
    }
}
