#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HubKit

/// Reads a file from disk with plain `read(2)` calls.
public final class FileByteStream: ByteStream {
    private let descriptor: Int32
    public let path: String
    /// Bytes read so far.
    public private(set) var bytesRead = 0

    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFileError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        self.path = path
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 {
                bytesRead += n
                return n
            }
            if errno == EINTR { continue }
            throw InputFileError.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Problems reading an input file.
public enum InputFileError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case notFound(path: String)
    case inflation(path: String, reason: String)
    case inflationLimit(path: String, limit: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "\(path): cannot open: \(reason)"
        case let .cannotRead(path, reason): return "\(path): cannot read: \(reason)"
        case let .notFound(path): return "\(path): no such file or folder"
        case let .inflation(path, reason): return "\(path): not a valid gzip stream: \(reason)"
        case let .inflationLimit(path, limit):
            return "\(path): refused: the gzip stream inflates past \(limit) (a possible decompression bomb); raise the limit in the config (input.max_inflate_ratio / input.max_inflated_bytes) if the file is genuine"
        }
    }
}
