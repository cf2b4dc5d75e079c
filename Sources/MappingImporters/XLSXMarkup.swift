import HubKit

/// A minimal streaming scanner for the XML parts of an XLSX workbook (workbook, relationships,
/// shared strings, styles, worksheets): start and end tags with their attributes, and text with the
/// predefined and numeric entities decoded. Prefixes are dropped from names (`x:row` is `row`);
/// comments, processing instructions, DOCTYPE and CDATA are handled as a spreadsheet needs.
///
/// It reads its stream in chunks and holds one token at a time, so a part of any size streams
/// through in bounded memory; a single tag or text longer than ``maximumToken`` is refused.
struct XLSXMarkup {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    /// The longest tag or run of text held (a cell's text is at most 32,767 characters in Excel).
    static let maximumToken = 4 << 20
    static let chunkSize = 1 << 16

    private let stream: any ByteStream
    /// `bytes[position...]` are read and not yet scanned.
    private var bytes: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private var started = false

    init(stream: any ByteStream) { self.stream = stream }

    init(_ bytes: [UInt8]) { self.init(stream: MemoryByteStream(bytes)) }

    /// The next event, or nil at the end. Throws on markup that is cut off or a token too long.
    mutating func next() throws -> Event? {
        if !started {
            started = true
            if try available(3), bytes[position ..< position + 3].elementsEqual([0xEF, 0xBB, 0xBF]) { position += 3 }
        }
        guard try available(1) else { return nil }
        if bytes[position] != UInt8(ascii: "<") {
            let end = try find(UInt8(ascii: "<"), from: position, orEnd: true)
            defer { position = end }
            return .text(Self.decode(bytes[position ..< end]))
        }
        let second: UInt8 = try available(2) ? bytes[position + 1] : 0
        if second == UInt8(ascii: "?") { try skip(past: "?>"); return try next() }
        if second == UInt8(ascii: "!") {
            if try starts(with: "<!--") { try skip(past: "-->"); return try next() }
            if try starts(with: "<![CDATA[") {
                let start = position + 9
                let end = try find(sequence: Array("]]>".utf8), from: start)
                defer { position = end + 3 }
                return .text(String(decoding: bytes[start ..< end], as: UTF8.self))
            }
            try skip(past: ">")
            return try next()
        }
        let close = try tagEnd()
        let inner = bytes[(position + 1) ..< close]
        position = close + 1
        if inner.first == UInt8(ascii: "/") {
            var name = inner.dropFirst()
            while let last = name.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { name = name.dropLast() }
            return .end(name: Self.localName(name))
        }
        let selfClosing = inner.last == UInt8(ascii: "/")
        return Self.startTag(selfClosing ? inner.dropLast() : inner, selfClosing: selfClosing)
    }

    /// The text up to the end tag of the element just started (its descendants' text included),
    /// consuming that end tag.
    mutating func textOfElement(_ name: String) throws -> String {
        var text = ""
        var depth = 0
        while let event = try next() {
            switch event {
            case let .text(t):
                text += t
                guard text.utf8.count <= Self.maximumToken else {
                    throw XLSXFormatError("<\(name)> holds more than \(Self.maximumToken) bytes of text")
                }
            case .start(_, _, let selfClosing): if !selfClosing { depth += 1 }
            case let .end(end):
                if depth == 0 {
                    guard end == name else { throw XLSXFormatError("<\(name)> is closed by </\(end)>") }
                    return text
                }
                depth -= 1
            }
        }
        throw XLSXFormatError("<\(name)> is never closed")
    }

    // MARK: - Reading

    /// Reads another chunk behind the unscanned bytes (dropping the scanned ones); false at the end.
    /// Indexes into `bytes` move down by the old `position`.
    private mutating func load() throws -> Bool {
        guard !exhausted else { return false }
        if position > 0 {
            bytes.removeFirst(position)
            position = 0
        }
        guard bytes.count <= Self.maximumToken else {
            throw XLSXFormatError("a tag or text longer than \(Self.maximumToken) bytes")
        }
        let old = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        let count = try bytes.withUnsafeMutableBytes {
            try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...]))
        }
        bytes.removeLast(Self.chunkSize - count)
        if count == 0 { exhausted = true }
        return count > 0
    }

    /// Whether `count` unscanned bytes are there (or can be read).
    private mutating func available(_ count: Int) throws -> Bool {
        while bytes.count - position < count {
            guard try load() else { return false }
        }
        return true
    }

    /// The index of the first `byte` at or after `start`, reading on as needed; at the end of the
    /// stream, the end when `orEnd`, else a cut-off error.
    private mutating func find(_ byte: UInt8, from start: Int, orEnd: Bool = false) throws -> Int {
        var offset = start - position
        while true {
            if let found = bytes[(position + offset)...].firstIndex(of: byte) { return found }
            offset = bytes.count - position
            guard try load() else {
                if orEnd { return bytes.count }
                throw XLSXFormatError("markup is cut off at the end of the part")
            }
        }
    }

    /// The index of the first `sequence` at or after `start`, reading on as needed.
    private mutating func find(sequence: [UInt8], from start: Int) throws -> Int {
        var offset = start - position  // from `position`, which `load` moves
        while true {
            var i = position + offset
            while i + sequence.count <= bytes.count {
                if bytes[i] == sequence[0], bytes[i ..< i + sequence.count].elementsEqual(sequence) { return i }
                i += 1
            }
            offset = i - position
            guard try load() else {
                throw XLSXFormatError("markup that should end with \(String(decoding: sequence, as: UTF8.self)) is never closed")
            }
        }
    }

    private mutating func starts(with literal: StaticString) throws -> Bool {
        let count = literal.utf8CodeUnitCount
        guard try available(count) else { return false }
        return (0 ..< count).allSatisfy { bytes[position + $0] == literal.utf8Start[$0] }
    }

    private mutating func skip(past literal: String) throws {
        let end = try find(sequence: Array(literal.utf8), from: position)
        position = end + literal.utf8.count
    }

    /// The index of the `>` closing the tag at `position`, outside attribute quotes.
    private mutating func tagEnd() throws -> Int {
        var offset = 1
        var quote: UInt8?
        while true {
            while position + offset < bytes.count {
                let byte = bytes[position + offset]
                if let q = quote { if byte == q { quote = nil } } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return position + offset
                }
                offset += 1
            }
            guard try load() else { throw XLSXFormatError("a tag is cut off at the end of the part") }
        }
    }

    private static func startTag(_ inner: ArraySlice<UInt8>, selfClosing: Bool) -> Event {
        var i = inner.startIndex
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i < inner.endIndex, !isSpace(inner[i]) { i += 1 }
        let name = localName(inner[inner.startIndex ..< i])
        var attributes: [String: String] = [:]
        while i < inner.endIndex {
            while i < inner.endIndex, isSpace(inner[i]) { i += 1 }
            let nameStart = i
            while i < inner.endIndex, inner[i] != UInt8(ascii: "="), !isSpace(inner[i]) { i += 1 }
            let attribute = localName(inner[nameStart ..< i])
            while i < inner.endIndex, inner[i] != UInt8(ascii: "\""), inner[i] != UInt8(ascii: "'") { i += 1 }
            guard i < inner.endIndex else { break }
            let quote = inner[i]
            i += 1
            let valueStart = i
            while i < inner.endIndex, inner[i] != quote { i += 1 }
            if !attribute.isEmpty { attributes[attribute] = decode(inner[valueStart ..< min(i, inner.endIndex)]) }
            i += 1
        }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// The name without its namespace prefix.
    private static func localName(_ bytes: ArraySlice<UInt8>) -> String {
        let name = bytes.lastIndex(of: UInt8(ascii: ":")).map { bytes[($0 + 1)...] } ?? bytes
        return String(decoding: name, as: UTF8.self)
    }

    /// Text with `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#N;` `&#xH;` decoded.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp) ..< semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let scalar: UInt32? = entity.hasPrefix("#x") || entity.hasPrefix("#X") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let scalar, let character = Unicode.Scalar(scalar) { out.unicodeScalars.append(character) } else {
                    out += rest[amp ... semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

/// A workbook part that is not the XML an XLSX file should hold.
struct XLSXFormatError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
