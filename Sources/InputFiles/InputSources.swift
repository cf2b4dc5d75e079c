#if canImport(Glibc)
import Glibc
#endif
import Crypto
import HubKit

/// Turns paths given on the command line into import sources, undoing gzip transparently.
package struct InputOpener: Sendable {
    /// Bytes of each file shown to importers for detection.
    package var headSize = 64 << 10
    package var limits: InflationLimits

    package init(limits: InflationLimits = InflationLimits()) { self.limits = limits }

    /// True when the path is a folder.
    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The regular files directly inside a folder, sorted by name (hidden files and subfolders left out).
    package static func files(in folder: String) throws -> [String] {
        try entries(in: folder).files
    }

    /// What a folder holds directly, sorted by name: its regular files (links to them included),
    /// and the other entries that are not folders (FIFOs, sockets, devices, broken links) with what
    /// they are, which an import skips and says so (see docs/input-rules.md). Hidden entries and
    /// subfolders are left out.
    package static func entries(in folder: String) throws -> (files: [String], others: [(path: String, kind: String)]) {
        guard let dir = opendir(folder) else { throw InputFileError.cannotOpen(path: folder, reason: String(cString: strerror(errno))) }
        defer { closedir(dir) }
        var files: [String] = []
        var others: [(path: String, kind: String)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard !name.hasPrefix(".") else { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            switch FileKind.of(path) {
            case .regular?: files.append(path)
            case .directory?: continue
            case let kind?: others.append((path, kind.description))
            case nil: others.append((path, "a link to nothing"))
            }
        }
        return (files.sorted(), others.sorted { $0.path < $1.path })
    }

    /// One file as an importer sees it: gzip (by its magic bytes, not its name) is inflated.
    package func inputFile(path: String) throws -> InputFile {
        guard let kind = FileKind.of(path) else { throw InputFileError.notFound(path: path) }
        guard kind == .regular else { throw InputFileError.notRegular(path: path, kind: kind.description) }
        let limits = self.limits
        let open: @Sendable () throws -> any ByteStream = {
            let raw = try FileByteStream(path: path)
            let magic = try Self.peek(path: path, count: 2)
            if magic == [0x1f, 0x8b] {
                return try InflatingByteStream(source: raw, name: path, limits: limits)
            }
            return raw
        }
        let head = try Self.readHead(open(), count: headSize)
        return InputFile(name: path, head: head, open: open)
    }

    /// A file, or the files of a folder together (e.g. one COLLECT Blade export).
    package func source(path: String) throws -> ImportSource {
        if Self.isDirectory(path) {
            return ImportSource(name: path, files: try Self.files(in: path).map(inputFile(path:)))
        }
        return ImportSource(name: path, files: [try inputFile(path: path)])
    }

    static func peek(path: String, count: Int) throws -> [UInt8] {
        try readHead(FileByteStream(path: path), count: count)
    }

    static func readHead(_ stream: any ByteStream, count: Int) throws -> [UInt8] {
        var head = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try head.withUnsafeMutableBytes {
                try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        head.removeSubrange(filled...)
        return head
    }
}

/// The SHA-256 of a file's bytes as stored on disk, hex, with the file size.
package func fileChecksum(path: String) throws -> (sha256: String, bytes: Int) {
    let stream = try FileByteStream(path: path)
    var hasher = SHA256()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var total = 0
    while true {
        let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        if n == 0 { break }
        total += n
        buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
    return (hex(hasher.finalize()), total)
}

/// Lower-case hex of a digest or any byte sequence.
package func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// SHA-256 of bytes in memory, hex.
package func sha256Hex(_ bytes: [UInt8]) -> String {
    hex(SHA256.hash(data: bytes))
}

/// An incremental SHA-256 for callers that hash bytes they read anyway (the raw archive).
package struct SHA256Stream {
    private var hasher = SHA256()
    package init() {}
    package mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }
    /// Lower-case hex of the digest.
    package func finalizeHex() -> String { hex(hasher.finalize()) }
}
