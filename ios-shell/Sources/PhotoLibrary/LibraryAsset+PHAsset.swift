import CoreLocation
import Photos

extension LibraryAsset {
    /// Reads the values core needs from a PhotoKit asset.
    init(asset: PHAsset, albumIdentifiers: [String]) {
        var subtypes: Subtypes = []
        if asset.mediaSubtypes.contains(.photoScreenshot) { subtypes.insert(.screenshot) }
        if asset.mediaSubtypes.contains(.photoLive) { subtypes.insert(.livePhoto) }
        if asset.mediaSubtypes.contains(.photoPanorama) { subtypes.insert(.panorama) }
        if asset.mediaSubtypes.contains(.photoHDR) { subtypes.insert(.hdr) }
        if asset.mediaSubtypes.contains(.photoDepthEffect) { subtypes.insert(.depthEffect) }
        if asset.representsBurst || asset.burstIdentifier != nil { subtypes.insert(.burst) }

        let kind: Kind
        switch asset.mediaType {
        case .image: kind = .image
        case .video: kind = .video
        default: kind = .other
        }

        let coordinate = asset.location.map {
            Coordinate(latitude: $0.coordinate.latitude, longitude: $0.coordinate.longitude)
        }

        self.init(
            localIdentifier: asset.localIdentifier,
            creationDate: asset.creationDate,
            modificationDate: asset.modificationDate,
            isFavorite: asset.isFavorite,
            kind: kind,
            subtypes: subtypes,
            albumIdentifiers: albumIdentifiers,
            coordinate: coordinate
        )
    }
}
