import Foundation

/// One photo or video as the library lists it, in plain values, so that
/// manifest mapping can be tested without PhotoKit.
public struct LibraryAsset: Equatable, Sendable {
    /// The kind of media.
    public enum Kind: Equatable, Sendable {
        case image
        case video
        /// Audio or an unknown kind; core stores it as MEDIA_TYPE_UNSPECIFIED.
        case other
    }

    /// Special kinds of capture that search filters can keep or drop.
    public struct Subtypes: OptionSet, Equatable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let screenshot = Subtypes(rawValue: 1 << 0)
        public static let livePhoto = Subtypes(rawValue: 1 << 1)
        public static let panorama = Subtypes(rawValue: 1 << 2)
        public static let hdr = Subtypes(rawValue: 1 << 3)
        public static let depthEffect = Subtypes(rawValue: 1 << 4)
        public static let burst = Subtypes(rawValue: 1 << 5)
    }

    /// A capture location in degrees (WGS 84).
    public struct Coordinate: Equatable, Sendable {
        public var latitude: Double
        public var longitude: Double

        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    /// PhotoKit's `localIdentifier`, the asset id everywhere in core.
    public var localIdentifier: String
    public var creationDate: Date?
    public var modificationDate: Date?
    public var isFavorite: Bool
    public var kind: Kind
    public var subtypes: Subtypes
    /// `localIdentifier`s of the user albums that contain the asset.
    public var albumIdentifiers: [String]
    public var coordinate: Coordinate?

    public init(
        localIdentifier: String,
        creationDate: Date? = nil,
        modificationDate: Date? = nil,
        isFavorite: Bool = false,
        kind: Kind = .image,
        subtypes: Subtypes = [],
        albumIdentifiers: [String] = [],
        coordinate: Coordinate? = nil
    ) {
        self.localIdentifier = localIdentifier
        self.creationDate = creationDate
        self.modificationDate = modificationDate
        self.isFavorite = isFavorite
        self.kind = kind
        self.subtypes = subtypes
        self.albumIdentifiers = albumIdentifiers
        self.coordinate = coordinate
    }
}
