#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HubKit

/// Reads a regular file from disk with plain `read(2)` calls.
package final class FileByteStream: ByteStream {
    private let descriptor: Int32
    package let path: String
    /// Bytes read so far.
    package private(set) var bytesRead = 0

    /// Opens `path`, refusing anything that is not a regular file: opening a FIFO would wait for a
    /// writer forever, and a device or socket is never an export (docs/input-rules.md). The file is
    /// opened without blocking and checked through its descriptor, so nothing swapped in after a
    /// check can hang the import either.
    package init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw InputFileError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        let kind = fstat(fd, &info) == 0 ? FileKind(mode: info.st_mode) : nil
        guard kind == .regular else {
            close(fd)
            throw InputFileError.notRegular(path: path, kind: kind?.description ?? "of an unknown kind")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        descriptor = fd
        self.path = path
    }

    deinit { close(descriptor) }

    /// The file's size in bytes, as it is now.
    package var size: Int? {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Reads on from byte `offset` of the file (for archives read from their end: see ``ZipArchive``).
    package func seek(to offset: Int) throws {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            throw InputFileError.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        bytesRead = offset
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
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

/// What kind of entry a path is, as `stat` tells.
package enum FileKind: Sendable, Equatable, CustomStringConvertible {
    case regular, directory, fifo, socket, characterDevice, blockDevice, symbolicLink

    init?(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFLNK: self = .symbolicLink
        default: return nil
        }
    }

    /// The kind of what `path` is (links followed), or nil when it does not exist.
    package static func of(_ path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }

    package var description: String {
        switch self {
        case .regular: "a regular file"
        case .directory: "a folder"
        case .fifo: "a FIFO (named pipe)"
        case .socket: "a socket"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .symbolicLink: "a symbolic link"
        }
    }
}

/// Problems reading an input file.
package enum InputFileError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// A FIFO, socket or device: never read (it could block the import forever).
    case notRegular(path: String, kind: String)
    case cannotRead(path: String, reason: String)
    case notFound(path: String)
    case inflation(path: String, reason: String)
    case inflationLimit(path: String, limit: String)

    package var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "\(path): cannot open: \(reason)"
        case let .notRegular(path, kind):
            return "\(path): not read: it is \(kind), not a regular file (only files are imported)"
        case let .cannotRead(path, reason): return "\(path): cannot read: \(reason)"
        case let .notFound(path): return "\(path): no such file or folder"
        case let .inflation(path, reason): return "\(path): not a valid gzip stream: \(reason)"
        case let .inflationLimit(path, limit):
            return "\(path): refused: the gzip stream inflates past \(limit) (a possible decompression bomb); raise the limit in the config (input.max_inflate_ratio / input.max_inflated_bytes) if the file is genuine"
        }
    }
}
