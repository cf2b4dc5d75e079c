/// A minimal scanner for the XML parts of an XLSX workbook (workbook, relationships, shared
/// strings, styles, worksheets): start and end tags with their attributes, and text with the
/// predefined and numeric entities decoded. Prefixes are dropped from names (`x:row` is `row`);
/// comments, processing instructions, DOCTYPE and CDATA are handled as a spreadsheet needs.
struct XLSXMarkup {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next event, or nil at the end. Throws on markup that is cut off.
    mutating func next() throws -> Event? {
        guard position < bytes.count else { return nil }
        if bytes[position] != UInt8(ascii: "<") {
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
            return .text(Self.decode(bytes[start ..< position]))
        }
        if starts(with: "<!--") { try skip(past: "-->"); return try next() }
        if starts(with: "<?") { try skip(past: "?>"); return try next() }
        if starts(with: "<![CDATA[") {
            let start = position + 9
            try skip(past: "]]>")
            return .text(String(decoding: bytes[start ..< position - 3], as: UTF8.self))
        }
        if starts(with: "<!") { try skip(past: ">"); return try next() }
        let tagStart = position
        // Find the closing `>` outside attribute quotes.
        var quote: UInt8?
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if let q = quote { if byte == q { quote = nil } } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") { break }
            position += 1
        }
        guard position < bytes.count else { throw XLSXFormatError("a tag is cut off at the end of the part") }
        let inner = bytes[(tagStart + 1) ..< position]
        position += 1
        if inner.first == UInt8(ascii: "/") {
            return .end(name: Self.localName(inner.dropFirst()).trimmingSpaces)
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
            case let .text(t): text += t
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

    // MARK: - Pieces

    private func starts(with literal: String) -> Bool {
        bytes[position...].starts(with: literal.utf8)
    }

    private mutating func skip(past literal: String) throws {
        let target = Array(literal.utf8)
        while position + target.count <= bytes.count {
            if bytes[position ..< position + target.count].elementsEqual(target) {
                position += target.count
                return
            }
            position += 1
        }
        throw XLSXFormatError("markup that starts with \(literal.first.map(String.init) ?? "") is never closed")
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

private extension String {
    var trimmingSpaces: String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
    }
}

/// A workbook part that is not the XML an XLSX file should hold.
struct XLSXFormatError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
