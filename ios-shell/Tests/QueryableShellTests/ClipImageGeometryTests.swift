import Encoders
import XCTest

final class ClipImageGeometryTests: XCTestCase {
    func testLandscapeShorterSideBecomes224() throws {
        let geometry = try XCTUnwrap(ClipImageGeometry(width: 640, height: 480))

        XCTAssertEqual(geometry.resizedWidth, 298)
        XCTAssertEqual(geometry.resizedHeight, 224)
    }

    func testLandscapeCropIsCentred() throws {
        let geometry = try XCTUnwrap(ClipImageGeometry(width: 640, height: 480))

        XCTAssertEqual(geometry.cropLeft, 37)
        XCTAssertEqual(geometry.cropTop, 0)
    }

    func testPortraitLongerSideIsTruncated() throws {
        let geometry = try XCTUnwrap(ClipImageGeometry(width: 300, height: 401))

        XCTAssertEqual(geometry.resizedWidth, 224)
        XCTAssertEqual(geometry.resizedHeight, 299)
    }

    func testHalfOffsetsRoundToEven() throws {
        // 227 - 224 = 3, half 1.5 -> 2; 229 - 224 = 5, half 2.5 -> 2.
        let odd = try XCTUnwrap(ClipImageGeometry(width: 227, height: 224))
        let evenFloor = try XCTUnwrap(ClipImageGeometry(width: 229, height: 224))

        XCTAssertEqual(odd.cropLeft, 2)
        XCTAssertEqual(evenFloor.cropLeft, 2)
    }

    func testSmallImageIsScaledUp() throws {
        let geometry = try XCTUnwrap(ClipImageGeometry(width: 10, height: 20))

        XCTAssertEqual(geometry.resizedWidth, 224)
        XCTAssertEqual(geometry.resizedHeight, 448)
        XCTAssertEqual(geometry.cropTop, 112)
    }

    func testEmptyImageHasNoGeometry() {
        XCTAssertNil(ClipImageGeometry(width: 0, height: 10))
    }
}
