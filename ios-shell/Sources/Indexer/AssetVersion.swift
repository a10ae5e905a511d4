import QueryableSchema

/// The version of an asset a vector or failure belongs to: the
/// `modified_ms` and `fingerprint` of the manifest entry read before the image.
public struct AssetVersion: Equatable, Sendable {
    public var modifiedMs: Int64
    /// Empty when the asset has no fingerprint.
    public var fingerprint: String

    public init(modifiedMs: Int64, fingerprint: String = "") {
        self.modifiedMs = modifiedMs
        self.fingerprint = fingerprint
    }

    public init(_ entry: Queryable_V1_ManifestEntry) {
        self.init(modifiedMs: entry.modifiedMs, fingerprint: entry.fingerprint)
    }
}
