import QueryableSchema
import XCTest

final class VectorBlockTests: XCTestCase {
    func testOneIsLittleEndianFloat32() {
        XCTAssertEqual(VectorBlock.packFloat32([1.0]), Data([0x00, 0x00, 0x80, 0x3F]))
    }

    func testVectorsArePackedBackToBack() throws {
        let block = try VectorBlock.packFloat32([[1, 2], [3, 4]], dimension: 2)

        XCTAssertEqual(block.count, 16)
        XCTAssertEqual(try VectorBlock.unpackFloat32(block, dimension: 2), [[1, 2], [3, 4]])
    }

    func testWrongLengthVectorIsRejected() {
        XCTAssertThrowsError(try VectorBlock.packFloat32([[1, 2], [3]], dimension: 2)) { error in
            XCTAssertEqual(error as? VectorBlockError, .dimensionMismatch(index: 1, expected: 2, actual: 1))
        }
    }

    func testPartialBlockIsRejected() {
        XCTAssertThrowsError(try VectorBlock.unpackFloat32(Data(count: 6), dimension: 1)) { error in
            XCTAssertEqual(error as? VectorBlockError, .lengthNotMultiple(byteCount: 6, dimension: 1))
        }
    }
}
