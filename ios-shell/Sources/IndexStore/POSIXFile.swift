import Foundation

/// An open file descriptor with the few calls the index store needs.
/// Every failing call throws `IndexStoreError.writeFailed` naming the call.
struct POSIXFile {
    let descriptor: Int32
    let name: String

    /// Opens `url` with `flags`, creating it with mode 0644 when O_CREAT is set.
    static func open(_ url: URL, flags: Int32) throws -> POSIXFile {
        let descriptor = url.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            return Darwin.open(path, flags | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw failure("open", file: url.lastPathComponent) }
        return POSIXFile(descriptor: descriptor, name: url.lastPathComponent)
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    func writeAll(_ bytes: Data) throws {
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var written = 0
            while written < raw.count {
                let result = Darwin.write(descriptor, base + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw Self.failure("write", file: name)
                }
                written += result
            }
        }
    }

    /// Flushes the file to storage. F_FULLFSYNC also empties the drive's
    /// cache on Apple platforms; plain fsync is the fallback where it is unsupported.
    func sync() throws {
        if fcntl(descriptor, F_FULLFSYNC) == 0 { return }
        guard fsync(descriptor) == 0 else { throw Self.failure("fsync", file: name) }
    }

    /// Moves the file offset to the end and returns it, which is the file's size.
    func seekToEnd() throws -> Int {
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else { throw Self.failure("lseek", file: name) }
        return Int(end)
    }

    func truncate(to length: Int) throws {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw Self.failure("ftruncate", file: name) }
    }

    func close() {
        _ = Darwin.close(descriptor)
    }

    static func failure(_ operation: String, file: String) -> IndexStoreError {
        .writeFailed(file: file, operation: operation, reason: String(cString: strerror(errno)))
    }
}
