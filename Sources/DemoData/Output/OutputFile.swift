#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written sequentially with plain `write(2)` calls of large chunks; the caller does the
/// buffering (see ``XMLOutput``), so memory stays bounded whatever the file's size.
final class OutputFile {
    let path: String
    private var descriptor: Int32
    private(set) var bytesWritten = 0

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw DemoDataError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DemoDataError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
        bytesWritten += bytes.count
    }

    func close() throws {
        guard descriptor >= 0 else { return }
        let result = systemClose(descriptor)
        descriptor = -1
        if result != 0 { throw DemoDataError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { if descriptor >= 0 { _ = systemClose(descriptor) } }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}

private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}
