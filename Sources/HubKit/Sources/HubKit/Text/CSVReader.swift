/// Text encodings found in LA and DfE exports.
public enum TextEncoding: String, Sendable {
    case utf8
    /// Windows-1252 (GIAS downloads, older Excel CSV exports).
    case windows1252

    /// Decodes bytes to a String (a UTF-8 BOM is dropped).
    public func decode(_ bytes: ArraySlice<UInt8>) -> String {
        switch self {
        case .utf8:
            var slice = bytes
            if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
            return String(decoding: slice, as: UTF8.self)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                if byte < 0x80 || byte >= 0xA0 {
                    scalars.append(Unicode.Scalar(byte))
                } else {
                    scalars.append(Unicode.Scalar(Self.cp1252High[Int(byte - 0x80)]) ?? "\u{FFFD}")
                }
            }
            return String(scalars)
        }
    }

    /// 0x80-0x9F in Windows-1252 (undefined positions map to U+FFFD).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// UTF-8 when the bytes are valid UTF-8, else Windows-1252.
    public static func guess(_ sample: [UInt8]) -> TextEncoding {
        var sample = sample[...]
        // A sample cut mid-character is still UTF-8: drop up to 3 trailing continuation bytes.
        var trim = 0
        while trim < 3, let last = sample.last, last & 0xC0 == 0x80 { sample = sample.dropLast(); trim += 1 }
        if let last = sample.last, last >= 0xC0 { sample = sample.dropLast() }
        return String(validating: sample, as: UTF8.self) != nil ? .utf8 : .windows1252
    }
}

/// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CR LF or LF line ends,
/// newlines inside quotes) over a ByteStream, for importers of CSV exports.
///
/// ```swift
/// let reader = CSVReader(stream: try file.open(), encoding: .windows1252)
/// while let row = try reader.next() { print(reader.line, row) }
/// ```
public final class CSVReader {
    private let stream: any ByteStream
    public let delimiter: UInt8
    public let encoding: TextEncoding
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    /// 1-based line where the most recent row started.
    public private(set) var line = 0
    private var nextLine = 1
    /// Bytes consumed so far.
    public private(set) var bytesRead = 0

    public init(stream: any ByteStream, delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding = .utf8) {
        self.stream = stream
        self.delimiter = delimiter
        self.encoding = encoding
    }

    private func fill() throws -> Bool {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        guard !exhausted else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let n = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
        if n == 0 {
            exhausted = true
            return false
        }
        bytesRead += n
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    private func peek() throws -> UInt8? {
        if position >= buffer.count, try !fill() { return nil }
        return buffer[position]
    }

    /// The next row's fields, or nil at the end. Throws on a quote left open at the end of input.
    public func next() throws -> [String]? {
        guard try peek() != nil else { return nil }
        line = nextLine
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var atFieldStart = true
        while let byte = try peek() {
            position += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if try peek() == UInt8(ascii: "\"") {
                        position += 1
                        field.append(byte)
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { nextLine += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where atFieldStart:
                quoted = true
                atFieldStart = false
            case delimiter:
                fields.append(encoding.decode(field[...]))
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
            case UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "\n"):
                nextLine += 1
                fields.append(encoding.decode(field[...]))
                return fields
            default:
                field.append(byte)
                atFieldStart = false
            }
        }
        if quoted {
            throw InputRejected(line: line, message: "a quoted field that starts on line \(line) is never closed")
        }
        fields.append(encoding.decode(field[...]))
        return fields
    }
}
