// Everything that starts with `<?` or `<!`: the XML declaration, processing instructions, comments,
// CDATA sections, and the refused DOCTYPE and other declarations.
extension XMLPullReader {
    /// `<?xml ...?>` (only before any other markup) or a processing instruction, which is skipped.
    mutating func readProcessingInstruction() throws {
        let target = tokenStart + 2
        let isDeclaration = limit - target >= 4
            && buffer[target] | 0x20 == UInt8(ascii: "x") && buffer[target + 1] | 0x20 == UInt8(ascii: "m")
            && buffer[target + 2] | 0x20 == UInt8(ascii: "l")
            && (Self.isWhitespace(buffer[target + 3]) || buffer[target + 3] == UInt8(ascii: "?"))
        defer { markupSeen = true }
        guard isDeclaration else {
            position = target
            try skip(past: Array("?>".utf8), keepingText: false, what: "processing instruction")
            return
        }
        guard !markupSeen, !rootSeen else {
            throw rejection("the XML declaration <?xml ...?> must come first in the file")
        }
        let close = try findTagEnd()
        guard buffer[close - 1] == UInt8(ascii: "?") else {
            throw rejection("the XML declaration must end with '?>'", at: close)
        }
        position = close + 1  // its encoding was read when the document started
    }

    /// Sets ``encoding`` from an XML declaration at `position`, if there is one (before characters
    /// are checked: the declaration says how to check them).
    mutating func readDeclaredEncoding() throws {
        try ensureAvailable(6)
        let target = position + 2
        guard limit - position >= 6, buffer[position] == UInt8(ascii: "<"), buffer[position + 1] == UInt8(ascii: "?"),
              buffer[target] | 0x20 == UInt8(ascii: "x"), buffer[target + 1] | 0x20 == UInt8(ascii: "m"),
              buffer[target + 2] | 0x20 == UInt8(ascii: "l"), Self.isWhitespace(buffer[target + 3]) else { return }
        tokenStart = position
        let close = try findTagEnd()
        if let name = declaredEncoding(from: tokenStart, to: close) {
            guard let encoding = XMLTextEncoding(declared: name) else {
                throw rejection("the file declares encoding \"\(name)\", which cannot be read: save it as UTF-8")
            }
            self.encoding = encoding
        }
    }

    /// `<!--`, `<![CDATA[`; anything else (`<!DOCTYPE`, `<!ENTITY`, ...) is refused.
    mutating func readMarkupDeclaration() throws {
        markupSeen = true
        if matches("<!--") {
            position = tokenStart + 4
            try skip(past: Array("-->".utf8), keepingText: false, what: "comment")
        } else if matches("<![CDATA[") {
            guard depth > 0 else { throw rejection("a CDATA section outside the root element") }
            position = tokenStart + 9
            try skip(past: Array("]]>".utf8), keepingText: true, what: "CDATA section")
        } else if matches("<!DOCTYPE", ignoringCase: true) {
            guard doctypeHandling == .skipUnread, depth == 0, !rootSeen else {
                throw rejection("a <!DOCTYPE> declaration is refused: document type definitions can declare "
                                + "entities that expand without bound or load external files")
            }
            position = tokenStart + 9
            try skipDoctype()
        } else {
            throw rejection("markup declarations such as <!ENTITY> are not allowed")
        }
    }

    /// Steps over the rest of a DOCTYPE (up to the `>` outside quotes, comments and the internal
    /// subset) without interpreting any of it.
    private mutating func skipDoctype() throws {
        var quote: UInt8 = 0
        var subsetDepth = 0
        var inComment = false
        var recent: UInt32 = 0  // the last four bytes, for spotting `<!--` and `-->`
        while true {
            while position < limit {
                let byte = buffer[position]
                position += 1
                recent = recent << 8 | UInt32(byte)
                if inComment {
                    if recent & 0xFF_FFFF == 0x2D_2D3E { inComment = false }  // -->
                } else if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if recent == 0x3C21_2D2D {  // <!--
                    inComment = true
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "[") {
                    subsetDepth += 1
                } else if byte == UInt8(ascii: "]") {
                    subsetDepth -= 1
                } else if byte == UInt8(ascii: ">"), subsetDepth <= 0 {
                    return
                }
            }
            guard try fill(keepingFrom: position) else {
                throw rejection("the file ends inside a DOCTYPE declaration", at: limit)
            }
        }
    }

    /// Whether the bytes at `tokenStart` spell `literal`.
    private func matches(_ literal: StaticString, ignoringCase: Bool = false) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard limit - tokenStart >= count else { return false }
        let fold: UInt8 = ignoringCase ? 0x20 : 0
        for i in 0 ..< count {
            let expected = literal.utf8Start[i]
            let actual = buffer[tokenStart + i]
            let isLetter = (expected | 0x20) >= UInt8(ascii: "a") && (expected | 0x20) <= UInt8(ascii: "z")
            if isLetter ? (actual | fold) != (expected | fold) : actual != expected { return false }
        }
        return true
    }

    /// Moves past the next `terminator`, loading input as needed; the bytes before it go into
    /// `text` when `keepingText`.
    private mutating func skip(past terminator: [UInt8], keepingText: Bool, what: String) throws {
        let count = terminator.count
        while true {
            var p = position
            while p + count <= limit {
                if buffer[p] == terminator[0], (1 ..< count).allSatisfy({ buffer[p + $0] == terminator[$0] }) {
                    if keepingText { try takeText(from: position, to: p) }
                    position = p + count
                    return
                }
                p += 1
            }
            if keepingText, p > position { try takeText(from: position, to: p) }
            position = p
            guard try fill(keepingFrom: position) else {
                throw rejection("the file ends inside a \(what)", at: limit)
            }
        }
    }

    /// The value of `encoding="..."` in the declaration between the two buffer indices.
    private mutating func declaredEncoding(from start: Int, to end: Int) -> String? {
        let key = Array("encoding".utf8)
        var i = start
        while i + key.count <= end {
            if (0 ..< key.count).allSatisfy({ buffer[i + $0] == key[$0] }) {
                var j = i + key.count
                while j < end, Self.isWhitespace(buffer[j]) || buffer[j] == UInt8(ascii: "=") { j += 1 }
                guard j < end, buffer[j] == UInt8(ascii: "\"") || buffer[j] == UInt8(ascii: "'") else { return nil }
                let quote = buffer[j]
                var k = j + 1
                while k < end, buffer[k] != quote { k += 1 }
                return Self.string(UnsafeBufferPointer(start: buffer + j + 1, count: k - j - 1))
            }
            i += 1
        }
        return nil
    }
}
