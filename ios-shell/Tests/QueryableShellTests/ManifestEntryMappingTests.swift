import PhotoLibrary
import QueryableSchema
import XCTest

final class ManifestEntryMappingTests: XCTestCase {
    func testDatesBecomeMillisecondsRoundedDown() {
        let asset = LibraryAsset(
            localIdentifier: "A/L0/001",
            creationDate: Date(timeIntervalSince1970: 1_700_000_000.1239),
            modificationDate: Date(timeIntervalSince1970: -0.0005)
        )

        let entry = asset.manifestEntry

        XCTAssertEqual(entry.createdMs, 1_700_000_000_123)
        XCTAssertEqual(entry.modifiedMs, -1)
    }

    func testMissingDatesBecomeZero() {
        let entry = LibraryAsset(localIdentifier: "A").manifestEntry

        XCTAssertEqual(entry.createdMs, 0)
        XCTAssertEqual(entry.modifiedMs, 0)
    }

    func testIdentifierFavoriteAndKindAreCopied() {
        let entry = LibraryAsset(localIdentifier: "B/L0/001", isFavorite: true, kind: .video).manifestEntry

        XCTAssertEqual(entry.id, "B/L0/001")
        XCTAssertTrue(entry.favorite)
        XCTAssertEqual(entry.mediaType, .video)
    }

    func testOtherKindIsUnspecified() {
        XCTAssertEqual(LibraryAsset(localIdentifier: "C", kind: .other).manifestEntry.mediaType, .unspecified)
    }

    func testSubtypesComeInSchemaOrder() {
        let asset = LibraryAsset(localIdentifier: "D", subtypes: [.burst, .screenshot, .hdr, .livePhoto, .depthEffect, .panorama])

        XCTAssertEqual(asset.manifestEntry.subtypes, [.screenshot, .livePhoto, .panorama, .hdr, .depthEffect, .burst])
    }

    func testAlbumIdentifiersAreSorted() {
        let asset = LibraryAsset(localIdentifier: "E", albumIdentifiers: ["z-album", "a-album"])

        XCTAssertEqual(asset.manifestEntry.albumIds, ["a-album", "z-album"])
    }

    func testLocationIsSetOnlyWhenKnown() {
        let placed = LibraryAsset(localIdentifier: "F", coordinate: .init(latitude: 48.2, longitude: 16.37)).manifestEntry
        let unplaced = LibraryAsset(localIdentifier: "G").manifestEntry

        XCTAssertTrue(placed.hasLocation)
        XCTAssertEqual(placed.location.latitude, 48.2)
        XCTAssertEqual(placed.location.longitude, 16.37)
        XCTAssertFalse(unplaced.hasLocation)
    }
}
