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
/// A UTF-8 byte order mark at the very start of the stream is skipped before anything else is
/// read, whatever the encoding, so a quoted first header name (as Excel writes it) is read as a
/// quoted field and not as text that starts with the mark.
/// Give `fileName` and every ``InputRejected`` that `next()` throws names the file.
///
/// ```swift
/// let reader = CSVReader(stream: try file.open(), encoding: .windows1252, fileName: file.name)
/// while let row = try reader.next() { print(reader.line, row) }
/// ```
///
/// For a table with a header row, ``CSVTable`` does the rest: columns by name, blank rows
/// skipped, rejections that name the line and column.
public final class CSVReader {
    /// The bytes of a UTF-8 byte order mark.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let stream: any ByteStream
    public let delimiter: UInt8
    public let encoding: TextEncoding
    /// The file the stream reads, for rejections; nil leaves them without a file.
    public let fileName: String?
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    /// 1-based line where the most recent row started.
    public private(set) var line = 0
    private var nextLine = 1
    /// Bytes consumed so far.
    public private(set) var bytesRead = 0
    /// The longest row read: a longer one (a quote left open, a file without line ends) is
    /// refused before it is held whole.
    public let maximumRowBytes: Int

    /// True until the start of the stream has been checked for a byte order mark.
    private var atStart = true

    /// Reads `stream` from its start; `fileName` is the name rejections give (see ``InputFile/name``).
    public init(stream: any ByteStream, delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding = .utf8,
                fileName: String? = nil, maximumRowBytes: Int = 16 << 20) {
        self.stream = stream
        self.delimiter = delimiter
        self.encoding = encoding
        self.fileName = fileName
        self.maximumRowBytes = maximumRowBytes
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

    /// Moves past a byte order mark at the start of the stream, if there is one.
    private func skipByteOrderMark() throws {
        atStart = false
        while buffer.count - position < Self.byteOrderMark.count, try fill() {}
        if buffer[position...].starts(with: Self.byteOrderMark) { position += Self.byteOrderMark.count }
    }

    /// The next row's fields, or nil at the end. Throws ``InputRejected`` on a quote left open at
    /// the end of input, naming `fileName` (also in a rejection the stream throws without a file).
    public func next() throws -> [String]? {
        do {
            if atStart { try skipByteOrderMark() }
            return try readRow()
        } catch var rejected as InputRejected where rejected.file == nil && fileName != nil {
            rejected.file = fileName
            throw rejected
        }
    }

    private func readRow() throws -> [String]? {
        guard try peek() != nil else { return nil }
        line = nextLine
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var atFieldStart = true
        var rowBytes = 0
        while let byte = try peek() {
            position += 1
            rowBytes += 1
            if rowBytes > maximumRowBytes {
                let size = maximumRowBytes % (1 << 20) == 0 ? "\(maximumRowBytes >> 20) MB" : "\(maximumRowBytes) bytes"
                throw InputRejected(line: line, message: "the row that starts here is longer than \(size): is a quote left "
                                    + "open, or are the line ends missing?")
            }
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
