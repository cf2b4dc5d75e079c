// Character data: collecting text between tags, decoding references, handing values out.
extension XMLPullReader {
    /// Collects text up to the next `<` (left at `position`) or the end of the stream.
    mutating func scanText() throws {
        while true {
            var p = position
            let end = limit
            let bytes = buffer
            while p < end {
                let byte = bytes[p]
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { break }
                p &+= 1
            }
            if p > position {
                try takeText(from: position, to: p)
                position = p
            }
            if p < end {
                if bytes[p] == UInt8(ascii: "<") { return }
                try readReference()
            } else if try !fill(keepingFrom: position) {
                return
            }
        }
    }

    /// Adds raw bytes to ``text`` (inside the root) or checks they are whitespace (outside it).
    mutating func takeText(from start: Int, to end: Int) throws {
        guard depth > 0 else {
            for i in start ..< end where !Self.isWhitespace(buffer[i]) {
                throw rejection(rootSeen ? "text after the end of the root element"
                                         : "the content does not start with an XML element", at: i)
            }
            return
        }
        let pending = pendingTextEnd - pendingTextStart
        guard textRun.count + pending + (end - start) <= Self.maximumTextLength else {
            throw rejection("text longer than \(Self.maximumTextLength) bytes in one element", at: start)
        }
        if encoding != .utf8 {
            for i in start ..< end { appendScalar(Self.scalar(buffer[i], in: encoding)) }
        } else if textRun.count == 0, pending == 0 || pendingTextEnd == start {
            if pending == 0 { pendingTextStart = start }
            pendingTextEnd = end
        } else {
            keepPendingText()
            textRun.append(buffer + start, count: end - start)
        }
    }

    /// Copies text still in the buffer into `textRun`, before the buffer moves or decoded
    /// characters are added.
    @inline(__always)
    mutating func keepPendingText() {
        guard pendingTextEnd > pendingTextStart else { return }
        textRun.append(buffer + pendingTextStart, count: pendingTextEnd - pendingTextStart)
        pendingTextEnd = pendingTextStart
    }

    /// Decodes the reference at `position` into `text`.
    private mutating func readReference() throws {
        try ensureAvailable(Self.longestReference + 2)
        let (scalar, next) = try reference(at: position, end: limit)
        guard depth > 0 else {
            throw rejection(rootSeen ? "text after the end of the root element"
                                     : "the content does not start with an XML element", at: position)
        }
        appendScalar(scalar)
        position = next
    }

    /// Checks the reference at `start` (in an attribute value) and returns the index after it.
    mutating func checkReference(at start: Int, end: Int) throws -> Int {
        try reference(at: start, end: end).next
    }

    private static let longestReference = 32

    /// Decodes `&name;`, `&#NNN;` or `&#xHHH;` at `start`.
    private mutating func reference(at start: Int, end: Int) throws -> (scalar: Unicode.Scalar, next: Int) {
        var i = start + 1
        while i < end, i - start <= Self.longestReference, Self.isNameByte(buffer[i]) || buffer[i] == UInt8(ascii: "#") {
            i += 1
        }
        guard i < end, buffer[i] == UInt8(ascii: ";"), i > start + 1 else {
            throw rejection("'&' must start a reference such as &amp; that ends with ';'", at: start)
        }
        let body = UnsafeBufferPointer(start: buffer + start + 1, count: i - start - 1)
        if body[0] == UInt8(ascii: "#") {
            guard let scalar = Self.characterReference(UnsafeBufferPointer(rebasing: body.dropFirst())) else {
                throw rejection("&\(Self.string(body)); is not a valid character reference", at: start)
            }
            return (scalar, i + 1)
        }
        switch Self.string(body) {
        case "lt": return ("<", i + 1)
        case "gt": return (">", i + 1)
        case "amp": return ("&", i + 1)
        case "apos": return ("'", i + 1)
        case "quot": return ("\"", i + 1)
        case let name:
            throw rejection("the entity reference &\(name); is refused: only &lt; &gt; &amp; &apos; &quot; and "
                            + "character references are allowed (entities are never expanded)", at: start)
        }
    }

    /// The character of `NNN` or `xHHH`, when it is one XML allows.
    private static func characterReference(_ digits: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var radix: UInt32 = 10
        var rest = digits[...]
        if rest.first == UInt8(ascii: "x") {
            radix = 16
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        var value: UInt32 = 0
        for byte in rest {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a") ... UInt8(ascii: "f") where radix == 16: digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A") ... UInt8(ascii: "F") where radix == 16: digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * radix + digit
            if value > 0x10FFFF { return nil }
        }
        let allowed = value == 0x9 || value == 0xA || value == 0xD || (0x20 ... 0xD7FF).contains(value)
            || (0xE000 ... 0xFFFD).contains(value) || (0x10000 ... 0x10FFFF).contains(value)
        return allowed ? Unicode.Scalar(value) : nil
    }

    private mutating func appendScalar(_ scalar: Unicode.Scalar) {
        keepPendingText()
        for byte in UTF8.encode(scalar)! { textRun.append(byte) }
    }

    /// The character a single byte stands for in a single-byte encoding.
    static func scalar(_ byte: UInt8, in encoding: XMLTextEncoding) -> Unicode.Scalar {
        if encoding == .windows1252, byte >= 0x80, byte < 0xA0, let mapped = windows1252High[Int(byte - 0x80)] {
            return mapped
        }
        return Unicode.Scalar(byte)
    }

    /// Windows-1252 0x80-0x9F (nil where the code page leaves a byte undefined).
    private static let windows1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    // MARK: - Values

    /// ``text`` without leading and trailing whitespace (empty for blank text). Valid until
    /// ``next()`` is called again.
    var trimmedTextBytes: UnsafeBufferPointer<UInt8> {
        let text = self.text
        var start = 0
        var end = text.count
        while start < end, Self.isWhitespace(text[start]) { start += 1 }
        while end > start, Self.isWhitespace(text[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: text[start ..< end])
    }

    /// ``text`` trimmed, with line ends normalised to LF; nil when blank.
    var trimmedText: String? {
        let value = trimmedTextBytes
        guard !value.isEmpty else { return nil }
        guard value.contains(0x0D) else { return String(decoding: value, as: UTF8.self) }
        var normalised: [UInt8] = []
        normalised.reserveCapacity(value.count)
        var previous: UInt8 = 0
        for byte in value {
            if !(byte == 0x0A && previous == 0x0D) { normalised.append(byte == 0x0D ? 0x0A : byte) }
            previous = byte
        }
        return String(decoding: normalised, as: UTF8.self)
    }
}
