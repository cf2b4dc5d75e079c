// Start and end tags: names, attributes, nesting.
extension XMLPullReader {
    mutating func readStartTag() throws -> XMLToken {
        var close: Int
        var selfClosing = false
        var nameEnd: Int
        var localStart: Int
        // Fast path: `<Name>` or `<Name/>` already in the buffer.
        let quick = quickName(from: tokenStart + 1)
        if let name = quick, buffer[name.end] == UInt8(ascii: ">") {
            (close, nameEnd, localStart) = (name.end, name.end, name.localStart)
        } else if let name = quick, name.end + 1 < limit,
                  buffer[name.end] == UInt8(ascii: "/"), buffer[name.end + 1] == UInt8(ascii: ">") {
            (close, nameEnd, localStart, selfClosing) = (name.end + 1, name.end, name.localStart, true)
        } else {
            close = try findTagEnd()
            (nameEnd, localStart) = try scanName(from: tokenStart + 1, to: close, what: "element name")
            selfClosing = try checkAttributes(from: nameEnd, to: close)
        }
        if depth == 0 {
            if rootSeen { throw rejection("a second root element after the end of the first one") }
            rootSeen = true
        }
        let id = names.id(of: UnsafeBufferPointer(start: buffer + localStart, count: nameEnd - localStart))
        try pushElement(nameStart: tokenStart + 1, nameEnd: nameEnd, localStart: localStart, id: id)
        localNameStart = localStart
        localNameEnd = nameEnd
        position = close + 1
        pendingEnd = selfClosing
        return .start(name: id)
    }

    mutating func readEndTag() throws -> XMLToken {
        guard depth > 0 else {
            let close = try findTagEnd()
            let name = UnsafeBufferPointer(start: buffer + tokenStart + 2, count: max(close - tokenStart - 2, 0))
            throw rejection("end tag </\(Self.string(name))> without a matching start tag")
        }
        // Fast path: the open element's name and `>`, already in the buffer.
        let expected = openName
        let nameStart = tokenStart + 2
        if nameStart + expected.count < limit, buffer[nameStart + expected.count] == UInt8(ascii: ">") {
            var i = 0
            while i < expected.count, buffer[nameStart + i] == expected[i] { i += 1 }
            if i == expected.count {
                position = nameStart + expected.count + 1
                return .end(name: popElement())
            }
        }
        let close = try findTagEnd()
        let nameEnd = try scanName(from: tokenStart + 2, to: close, what: "end tag name").end
        var i = nameEnd
        while i < close, Self.isWhitespace(buffer[i]) { i += 1 }
        guard i == close else { throw rejection("unexpected characters in end tag", at: i) }
        let name = UnsafeBufferPointer(start: buffer + tokenStart + 2, count: nameEnd - tokenStart - 2)
        guard name.elementsEqual(openName) else {
            throw rejection("end tag </\(Self.string(name))> does not match the open element <\(Self.string(openName))>")
        }
        position = close + 1
        return .end(name: popElement())
    }

    /// A name starting at `start` and ending before `limit`, or nil (then the slow path checks and
    /// reports properly).
    @inline(__always)
    private func quickName(from start: Int) -> (end: Int, localStart: Int)? {
        guard start < limit, Self.isNameStart(buffer[start]) else { return nil }
        var i = start + 1
        var localStart = start
        while i < limit {
            let byte = buffer[i]
            i += 1
            if (byte | 0x20) &- UInt8(ascii: "a") < 26 { continue }  // the common case: a letter
            if byte == UInt8(ascii: ":") {
                localStart = i
            } else if !Self.isNameByte(byte) {
                return localStart < i - 1 ? (i - 1, localStart) : nil
            }
        }
        return nil
    }

    /// Finds the `>` closing the tag that starts at `tokenStart`, loading more input as needed
    /// (quoted attribute values may contain `>`). Returns its buffer index.
    mutating func findTagEnd() throws -> Int {
        var i = tokenStart + 1
        var quote: UInt8 = 0
        while true {
            if i >= limit {
                let offset = i - tokenStart
                guard try fill(keepingFrom: tokenStart) else {
                    throw rejection("the file ends inside a tag", at: limit)
                }
                i = tokenStart + offset
                continue
            }
            let byte = buffer[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: ">") {
                return i
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "<") {
                throw rejection("'<' inside a tag (is a '>' missing?)", at: i)
            }
            i += 1
        }
    }

    /// Scans an XML name at `start`; returns where it ends and where its local part (after any
    /// namespace prefix) starts.
    mutating func scanName(from start: Int, to end: Int, what: String) throws -> (end: Int, localStart: Int) {
        guard start < end, Self.isNameStart(buffer[start]) else {
            throw rejection("expected an \(what)", at: start)
        }
        var i = start + 1
        var localStart = start
        while i < end {
            let byte = buffer[i]
            if byte == UInt8(ascii: ":") {
                localStart = i + 1
            } else if !Self.isNameByte(byte) {
                break
            }
            i += 1
        }
        guard localStart < i else { throw rejection("empty local name after a namespace prefix", at: i) }
        return (i, localStart)
    }

    /// Checks the attributes between an element name and the closing `>` (syntax, and that no
    /// name appears twice); returns whether the tag is self-closing (`/>`).
    private mutating func checkAttributes(from start: Int, to close: Int) throws -> Bool {
        var i = start
        var names = Set<[UInt8]>()
        while true {
            let spaced = i < close && Self.isWhitespace(buffer[i])
            while i < close, Self.isWhitespace(buffer[i]) { i += 1 }
            if i == close { return false }
            if buffer[i] == UInt8(ascii: "/") {
                guard i + 1 == close else { throw rejection("'/' must be followed by '>'", at: i + 1) }
                return true
            }
            guard spaced else { throw rejection("expected whitespace before an attribute", at: i) }
            let nameStart = i
            i = try scanName(from: i, to: close, what: "attribute name").end
            let name = UnsafeBufferPointer(start: buffer + nameStart, count: i - nameStart)
            guard names.insert(Array(name)).inserted else {
                let element = try scanName(from: tokenStart + 1, to: close, what: "element name")
                let elementName = UnsafeBufferPointer(start: buffer + tokenStart + 1, count: element.end - tokenStart - 1)
                throw rejection("the attribute \(Self.string(name)) appears twice in <\(Self.string(elementName))>: "
                                + "XML allows each attribute once in a tag", at: nameStart)
            }
            while i < close, Self.isWhitespace(buffer[i]) { i += 1 }
            guard i < close, buffer[i] == UInt8(ascii: "=") else {
                throw rejection("expected '=' after an attribute name", at: i)
            }
            i += 1
            while i < close, Self.isWhitespace(buffer[i]) { i += 1 }
            guard i < close, buffer[i] == UInt8(ascii: "\"") || buffer[i] == UInt8(ascii: "'") else {
                throw rejection("an attribute value must be quoted", at: i)
            }
            let quote = buffer[i]
            i += 1
            while buffer[i] != quote {  // findTagEnd saw the closing quote before `close`
                switch buffer[i] {
                case UInt8(ascii: "&"): i = try checkReference(at: i, end: close)
                case UInt8(ascii: "<"): throw rejection("'<' inside an attribute value", at: i)
                default: i += 1
                }
            }
            i += 1
        }
    }
}
