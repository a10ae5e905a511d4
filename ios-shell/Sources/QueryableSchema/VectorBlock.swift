import Foundation

/// Failures of packing or unpacking a vector block.
public enum VectorBlockError: Error, Equatable {
    /// Vector `index` has `actual` elements, but the block's dimension is `expected`.
    case dimensionMismatch(index: Int, expected: Int, actual: Int)
    /// A block of `byteCount` bytes is not a whole number of float32 vectors of `dimension` elements.
    case lengthNotMultiple(byteCount: Int, dimension: Int)
    /// The dimension is zero or negative.
    case invalidDimension(Int)
}

/// The bridge's vector wire format: vectors back to back in one `bytes`
/// field, each element an IEEE 754 float32 in little-endian byte order
/// (`PutEmbeddings.vectors`, `QueryVector.vector` with VECTOR_ENCODING_FLOAT32).
public enum VectorBlock {
    /// Packs one vector.
    public static func packFloat32(_ vector: [Float]) -> Data {
        var data = Data(capacity: vector.count * MemoryLayout<UInt32>.size)
        append(vector, to: &data)
        return data
    }

    /// Packs `vectors` back to back.
    /// - Throws: `VectorBlockError.dimensionMismatch` when a vector does not have `dimension` elements.
    public static func packFloat32(_ vectors: [[Float]], dimension: Int) throws -> Data {
        guard dimension > 0 else { throw VectorBlockError.invalidDimension(dimension) }
        var data = Data(capacity: vectors.count * dimension * MemoryLayout<UInt32>.size)
        for (index, vector) in vectors.enumerated() {
            guard vector.count == dimension else {
                throw VectorBlockError.dimensionMismatch(index: index, expected: dimension, actual: vector.count)
            }
            append(vector, to: &data)
        }
        return data
    }

    /// Unpacks a float32 block into vectors of `dimension` elements.
    /// - Throws: `VectorBlockError.lengthNotMultiple` when the length is not a whole number of vectors.
    public static func unpackFloat32(_ data: Data, dimension: Int) throws -> [[Float]] {
        guard dimension > 0 else { throw VectorBlockError.invalidDimension(dimension) }
        let vectorBytes = dimension * MemoryLayout<UInt32>.size
        guard data.count % vectorBytes == 0 else {
            throw VectorBlockError.lengthNotMultiple(byteCount: data.count, dimension: dimension)
        }

        return data.withUnsafeBytes { raw in
            (0..<(data.count / vectorBytes)).map { row in
                (0..<dimension).map { column in
                    let offset = row * vectorBytes + column * MemoryLayout<UInt32>.size
                    let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                    return Float(bitPattern: bits)
                }
            }
        }
    }

    private static func append(_ vector: [Float], to data: inout Data) {
        for value in vector {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
    }
}
