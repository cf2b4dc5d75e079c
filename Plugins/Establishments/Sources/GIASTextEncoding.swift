import HubKit

/// How a GIAS file is encoded. GIAS publishes Windows-1252; a file re-saved as UTF-8 (with or without
/// a byte order mark) is read as UTF-8. The detection head alone can mislead: a register's first
/// non-ASCII name (`St Mary’s`, `Brontë House`) may lie far beyond it.
enum GIASTextEncoding {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The encoding of `file`, reading past its head only when the head is plain ASCII.
    static func of(_ file: InputFile) throws -> TextEncoding {
        if let decided = of(head: file.head) { return decided }
        return try firstNonASCII(in: file.open())
    }

    /// The encoding the head shows, or nil when it is plain ASCII (and so could be either).
    static func of(head: [UInt8]) -> TextEncoding? {
        if head.starts(with: byteOrderMark) { return .utf8 }
        guard head.contains(where: { $0 >= 0x80 }) else { return nil }
        return TextEncoding.guess(head)
    }

    /// UTF-8 when the first non-ASCII character of `stream` is a valid UTF-8 sequence, else
    /// Windows-1252 (also for a file that is ASCII throughout, where both read the same).
    private static func firstNonASCII(in stream: any ByteStream) throws -> TextEncoding {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var sequence: [UInt8] = []
        var needed = 0
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { break }
            for byte in chunk[0..<count] {
                if sequence.isEmpty {
                    guard byte >= 0x80 else { continue }
                    needed = sequenceLength(lead: byte)
                    guard needed > 1 else { return .windows1252 }
                }
                sequence.append(byte)
                if sequence.count == needed {
                    return String(validating: sequence, as: UTF8.self) != nil ? .utf8 : .windows1252
                }
            }
        }
        return .windows1252
    }

    /// Bytes in a UTF-8 sequence starting with `lead`; 0 when `lead` cannot start one.
    private static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }
}
