import HubKit

/// A streaming XML pull reader over the raw UTF-8 bytes of a ``ByteStream``.
///
/// Made for large, regular data files (a SEN2 return can be hundreds of MB): it reads the stream in
/// chunks into one reusable buffer, never holds the whole file, and reports start and end tags with
/// interned local names (``XMLNameTable``) instead of strings. Text between tags is collected into
/// ``text`` with the predefined entities and character references decoded, so a leaf element's
/// value is there when its end tag is reported.
///
/// It checks well-formedness (characters XML 1.0 allows in valid UTF-8 or the declared encoding,
/// tag nesting, one root, names, attribute syntax and uniqueness, references) and rejects the input
/// with ``InputRejected`` carrying the 1-based line and column (column in bytes); see
/// docs/input-rules.md. For safety it refuses any `<!DOCTYPE` (so no entity is ever declared,
/// expanded or fetched) and any named entity other than the five predefined ones. Namespace
/// prefixes are dropped (names match on the local part); attributes are checked and otherwise ignored.
///
/// A noncopyable value type: a reader owns its buffers, and its hot loops need no exclusivity checks.
struct XMLPullReader: ~Copyable {
    static let defaultChunkSize = 256 * 1024
    /// Longest tag, entity reference or declaration kept whole in the buffer.
    static let maximumMarkupLength = 1 << 20
    /// Longest text collected between two tags.
    static let maximumTextLength = 1 << 20
    static let maximumDepth = 256

    /// The name used in rejections.
    let fileName: String
    let names: XMLNameTable
    let stream: any ByteStream
    let chunkSize: Int

    // MARK: Buffer: bytes `buffer[0 ..< limit]` are loaded and their characters checked;
    // `buffer[limit ..< loaded]` are loaded, not yet checked; `position` is the next unread one.
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var position = 0
    var limit = 0
    var loaded = 0
    /// Characters are checked once the encoding is known (after the XML declaration).
    var checksCharacters = false
    /// The refused character at `limit`, thrown when the parser asks for more input.
    var characterProblem: CharacterProblem?
    var reachedEndOfStream = false
    /// Offset in the stream of `buffer[0]`.
    var bufferOffset = 0
    /// Bytes read from the stream so far.
    var bytesRead = 0

    // MARK: Lines, counted in bulk, only when a line is asked for or before bytes are dropped.
    /// Newlines are counted in `buffer[0 ..< countedTo]`.
    var countedTo = 0
    /// The line `buffer[countedTo]` is on.
    var countedLine = 1
    /// Stream offset of the first byte of `countedLine`.
    var countedLineStart = 0

    // MARK: Current token.
    /// Buffer index of the `<` of the last tag; negative once those bytes were dropped.
    var tokenStart = 0
    /// Buffer range of the local name of the last start tag.
    var localNameStart = 0
    var localNameEnd = 0
    /// The second half of a self-closing tag is due.
    var pendingEnd = false

    // MARK: Text since the last tag: `textRun`, or while that is empty, `buffer[pendingText]`
    // (text is only copied when it must outlive the buffer or be joined with decoded characters).
    var textRun = ByteRun(capacity: 256)
    var pendingTextStart = 0
    var pendingTextEnd = 0

    // MARK: Document state.
    /// The open elements, outermost first (`depth` of them). Qualified names not in the name table
    /// are copied into `openNames` (`nameStart` -1 means the table's name for `id`).
    let openStack: UnsafeMutablePointer<OpenElement>
    private(set) var depth = 0
    var openNames = ByteRun(capacity: 1024)
    var rootSeen = false
    /// Whether any markup (comment, processing instruction, tag) has been read.
    var markupSeen = false
    var documentStarted = false
    var encoding: XMLTextEncoding = .utf8
    /// What a `<!DOCTYPE` before the root does. Reading refuses it; detection may step over it
    /// unread (nothing in it is declared or expanded) so that a SEN2 file carrying one is still
    /// recognised, and then refused by the read with a clear message.
    var doctypeHandling = DoctypeHandling.refuse

    enum DoctypeHandling {
        case refuse
        case skipUnread
    }

    struct OpenElement {
        var nameStart: Int
        var nameEnd: Int
        var id: Int
    }

    init(stream: any ByteStream, fileName: String, names: XMLNameTable,
         chunkSize: Int = XMLPullReader.defaultChunkSize) {
        self.stream = stream
        self.fileName = fileName
        self.names = names
        self.chunkSize = max(chunkSize, 64)
        self.capacity = self.chunkSize * 2
        self.buffer = .allocate(capacity: capacity)
        self.openStack = .allocate(capacity: Self.maximumDepth)
    }

    deinit {
        buffer.deallocate()
        openStack.deallocate()
    }

    /// The character data since the last tag, with references decoded (UTF-8). At an end tag it is
    /// the value of a leaf element. Valid until ``next()`` is called again.
    var text: UnsafeBufferPointer<UInt8> {
        textRun.count > 0 ? textRun.bytes
            : UnsafeBufferPointer(start: buffer + pendingTextStart, count: pendingTextEnd - pendingTextStart)
    }

    /// The next start tag, end tag or the end of the document.
    mutating func next() throws -> XMLToken {
        textRun.removeAll()
        pendingTextEnd = pendingTextStart
        if pendingEnd {
            pendingEnd = false
            return .end(name: popElement())
        }
        if !documentStarted { try startDocument() }
        while true {
            try scanText()
            if position >= limit { return try finishDocument() }
            tokenStart = position
            if limit - position < 9 { try ensureAvailable(9) }
            let second: UInt8 = position + 1 < limit ? buffer[position + 1] : 0
            switch second {
            case UInt8(ascii: "/"): return try readEndTag()
            case UInt8(ascii: "?"): try readProcessingInstruction()
            case UInt8(ascii: "!"): try readMarkupDeclaration()
            default: return try readStartTag()
            }
        }
    }

    /// Reads past the end of the element whose start tag was just reported, skipping its content.
    mutating func skipElement() throws {
        var open = 1
        while open > 0 {
            switch try next() {
            case .start: open += 1
            case .end: open -= 1
            case .endOfDocument: return
            }
        }
    }

    /// The line of the last tag reported. Ask before calling ``next()`` again.
    mutating func tokenLine() -> Int {
        guard tokenStart >= 0 else { return countedLine }
        countLines(upTo: tokenStart)
        return countedLine
    }

    /// The local name of the last start tag, as written. Ask before calling ``next()`` again.
    var localName: String {
        String(decoding: UnsafeBufferPointer(start: buffer + localNameStart, count: localNameEnd - localNameStart),
               as: UTF8.self)
    }

    /// A rejection placed at the last tag.
    mutating func rejection(_ message: String) -> InputRejected {
        rejection(message, at: max(tokenStart, 0))
    }

    /// The line and column (in bytes) of the last tag reported. Ask before calling ``next()`` again.
    mutating func tokenPosition() -> (line: Int, column: Int) {
        let start = max(tokenStart, 0)
        countLines(upTo: start)
        return (countedLine, bufferOffset + start - countedLineStart + 1)
    }

    // MARK: - Open elements

    /// Opens an element. A known name without a prefix is not copied: the table has its bytes.
    mutating func pushElement(nameStart: Int, nameEnd: Int, localStart: Int, id: Int) throws {
        guard depth < Self.maximumDepth else {
            throw rejection("elements are nested more than \(Self.maximumDepth) deep")
        }
        if id >= 0, localStart == nameStart {
            openStack[depth] = OpenElement(nameStart: -1, nameEnd: -1, id: id)
        } else {
            let start = openNames.count
            openNames.append(buffer + nameStart, count: nameEnd - nameStart)
            openStack[depth] = OpenElement(nameStart: start, nameEnd: openNames.count, id: id)
        }
        depth += 1
    }

    mutating func popElement() -> Int {
        depth -= 1
        let top = openStack[depth]
        if top.nameStart >= 0 { openNames.truncate(to: top.nameStart) }
        return top.id
    }

    /// The qualified name of the innermost open element, as written.
    @inline(__always)
    var openName: UnsafeBufferPointer<UInt8> {
        let top = openStack[depth - 1]
        guard top.nameStart >= 0 else { return names.name(top.id) }
        return UnsafeBufferPointer(rebasing: openNames.bytes[top.nameStart ..< top.nameEnd])
    }

    // MARK: - Document start and end

    /// Steps over a UTF-8 BOM, refuses UTF-16, reads the encoding an XML declaration names, then
    /// starts checking characters in that encoding from the first byte after any BOM.
    private mutating func startDocument() throws {
        documentStarted = true
        try ensureAvailable(6)
        let available = limit - position
        func starts(with prefix: [UInt8]) -> Bool {
            available >= prefix.count && prefix.indices.allSatisfy { buffer[position + $0] == prefix[$0] }
        }
        if starts(with: [0xEF, 0xBB, 0xBF]) {
            position += 3
        } else if starts(with: [0xFE, 0xFF]) || starts(with: [0xFF, 0xFE]) || starts(with: [0x00, 0x3C])
                    || starts(with: [0x3C, 0x00]) {
            throw rejection("the file is UTF-16; save it as UTF-8", at: position)
        }
        try readDeclaredEncoding()
        checksCharacters = true
        limit = position
        checkLoadedCharacters()
    }

    private mutating func finishDocument() throws -> XMLToken {
        if depth > 0 {
            throw rejection("the file ends before <\(Self.string(openName))> is closed", at: limit)
        }
        guard rootSeen else { throw rejection("no XML element found: the file is empty or not XML", at: limit) }
        return .endOfDocument
    }

    // MARK: - Bytes

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    @inline(__always)
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
