/// The stage and count of a sync run, for the status line.
public enum IndexingProgress: Equatable, Sendable {
    /// Manifest chunks sent so far, counted in assets.
    case listing(sent: Int, total: Int)
    /// Assets encoded (or marked failed) so far out of those core asked for.
    case embedding(done: Int, total: Int)
    case finished(IndexingSummary)
}

/// The counts of one finished sync run.
public struct IndexingSummary: Equatable, Sendable {
    public var listed: Int
    public var embedded: Int
    public var failed: Int
    public var removed: Int

    public init(listed: Int = 0, embedded: Int = 0, failed: Int = 0, removed: Int = 0) {
        self.listed = listed
        self.embedded = embedded
        self.failed = failed
        self.removed = removed
    }
}
