import Foundation
import QueryableSchema

extension LibraryAsset {
    /// The asset as one entry of a SyncManifest chunk.
    ///
    /// Dates become milliseconds since the Unix epoch, rounded down, and 0
    /// when unknown. Subtypes come in a fixed order and album ids sorted, so
    /// an unchanged asset always maps to the same entry.
    public var manifestEntry: Queryable_V1_ManifestEntry {
        var entry = Queryable_V1_ManifestEntry()
        entry.id = localIdentifier
        entry.createdMs = Self.milliseconds(since1970: creationDate)
        entry.modifiedMs = Self.milliseconds(since1970: modificationDate)
        entry.favorite = isFavorite
        entry.mediaType = mediaType
        entry.subtypes = mediaSubtypes
        entry.albumIds = albumIdentifiers.sorted()
        if let coordinate {
            var location = Queryable_V1_Location()
            location.latitude = coordinate.latitude
            location.longitude = coordinate.longitude
            entry.location = location
        }
        return entry
    }

    /// Milliseconds since 1970-01-01T00:00:00Z, rounded down; 0 for nil.
    static func milliseconds(since1970 date: Date?) -> Int64 {
        guard let date else { return 0 }
        return Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    private var mediaType: Queryable_V1_MediaType {
        switch kind {
        case .image: return .image
        case .video: return .video
        case .other: return .unspecified
        }
    }

    private var mediaSubtypes: [Queryable_V1_MediaSubtype] {
        let table: [(Subtypes, Queryable_V1_MediaSubtype)] = [
            (.screenshot, .screenshot),
            (.livePhoto, .livePhoto),
            (.panorama, .panorama),
            (.hdr, .hdr),
            (.depthEffect, .depthEffect),
            (.burst, .burst),
        ]
        return table.filter { subtypes.contains($0.0) }.map(\.1)
    }
}
