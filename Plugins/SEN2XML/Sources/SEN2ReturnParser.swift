import HubKit

/// Reads one SEN2 XML file from start to end into a ``RecordSink``: the header first, then one
/// ``PersonRecord`` per `<Person>`, in file order.
///
/// Elements are matched by name, so the order of elements (which differs between collection years)
/// does not matter. Values are carried through as written (codes trimmed and upper-cased); a value
/// that cannot be read as its type becomes an error issue on the person, and checking codes and
/// rules is left to validation.
struct SEN2ReturnParser: ~Copyable {
    var reader: XMLPullReader
    let fileName: String
    /// How often ``RecordSink/progress(bytesRead:)`` is called.
    static let progressInterval = 4 << 20

    var unknownElements = SEN2UnknownElements()
    /// Persons whose UPN an earlier person already had: many reject the file.
    var repeatedUPNs = SEN2RepeatedUPNs()
    /// Issues of the person being read.
    var issues: [ImportIssue] = []
    var location = RecordLocation(index: 0)
    private var personCount = 0
    private var nextProgress = Self.progressInterval

    init(stream: any ByteStream, fileName: String, chunkSize: Int = XMLPullReader.defaultChunkSize) {
        self.reader = XMLPullReader(stream: stream, fileName: fileName, names: SEN2Element.nameTable,
                                    chunkSize: chunkSize)
        self.fileName = fileName
    }

    /// Reads the whole file. Throws ``InputRejected`` when it is not a well-formed SEN2 message.
    mutating func read(into sink: any RecordSink) throws {
        guard case .start(let rootID) = try reader.next(), SEN2Element(nameID: rootID) == .message else {
            throw reader.rejection("the root element is <\(reader.localName)>, not <Message>: this is not a SEN2 return")
        }
        var hasHeader = false
        var personsLine: Int?
        while let element = try nextChild(of: .message) {
            switch element {
            case .header:
                guard !hasHeader else { throw reader.rejection("the Message has more than one <Header>") }
                try sink.beginReturn(readHeader())
                hasHeader = true
            case .persons:
                guard hasHeader else {
                    throw reader.rejection("<Persons> comes before <Header>: a SEN2 message starts with its Header")
                }
                if let personsLine {
                    throw reader.rejection("a second <Persons> list (the first starts on line \(personsLine)): a "
                                           + "return has one list of persons; a second would count its children again")
                }
                personsLine = reader.tokenLine()
                try readPersons(into: sink)
            default:
                try skipMisplaced(element, in: .message)
            }
        }
        guard hasHeader else {
            throw InputRejected(file: fileName, line: 1, message: "the Message has no <Header>: this is not a SEN2 return")
        }
        _ = try reader.next()  // the end of the document: checks that only comments follow
        if let rejection = repeatedUPNs.rejection(persons: personCount, file: fileName) { throw rejection }
        sink.progress(bytesRead: reader.bytesRead)
        if let issue = unknownElements.issue { try sink.issue(issue) }
    }

    /// Reads `<Persons>` (just opened), handing each person to `sink` as soon as it is read.
    private mutating func readPersons(into sink: any RecordSink) throws {
        while let element = try nextChild(of: .persons) {
            guard element == .person else {
                try skipMisplaced(element, in: .persons)
                continue
            }
            personCount += 1
            let line = reader.tokenLine()
            try sink.person(readPerson(index: personCount, line: line))
            if reader.bytesRead >= nextProgress {
                sink.progress(bytesRead: reader.bytesRead)
                nextProgress = reader.bytesRead + Self.progressInterval
            }
        }
    }

    // MARK: - Walking the tree

    /// The next known child of the open element `parent`, or nil after `parent`'s end tag. The
    /// caller must read or skip the child. Unknown children are noted and skipped.
    mutating func nextChild(of parent: SEN2Element) throws -> SEN2Element? {
        while case .start(let id) = try reader.next() {
            if let element = SEN2Element(nameID: id) { return element }
            unknownElements.note(reader.localName, in: parent)
            try reader.skipElement()
        }
        return nil
    }

    /// Skips a known element found where it does not belong, noting it like an unknown one.
    mutating func skipMisplaced(_ element: SEN2Element, in parent: SEN2Element) throws {
        unknownElements.note(element.name, in: parent)
        try reader.skipElement()
    }

    /// Reads to the end of the leaf element just opened; returns its trimmed text, nil when blank
    /// (`<Exported></Exported>` and `<Exported/>` are absent values). The bytes are valid until the
    /// reader moves on.
    mutating func leafText(_ element: SEN2Element) throws -> UnsafeBufferPointer<UInt8>? {
        while case .start(let id) = try reader.next() {
            unknownElements.note(SEN2Element(nameID: id)?.name ?? reader.localName, in: element)
            try reader.skipElement()
        }
        let text = reader.trimmedTextBytes
        return text.isEmpty ? nil : text
    }

    // MARK: - Leaf values (an unreadable one becomes an issue on the person being read)

    mutating func string(_ element: SEN2Element) throws -> String? {
        guard try leafText(element) != nil else { return nil }
        return reader.trimmedText
    }

    mutating func code(_ element: SEN2Element) throws -> String? {
        try leafText(element).map(SEN2Value.code)
    }

    /// The UPN leaf just opened, noted for ``SEN2RepeatedUPNs`` with its position.
    mutating func upn() throws -> String? {
        let position = reader.tokenPosition()
        let upn = try code(.upn)
        if let upn { repeatedUPNs.note(upn, person: location.index, line: position.line, column: position.column) }
        return upn
    }

    mutating func flag(_ element: SEN2Element, at path: SEN2PersonPath) throws -> Bool? {
        guard let text = try leafText(element) else { return nil }
        if let value = SEN2Value.flag(text) { return value }
        report("SEN2-FMT-BOOL", "\(element.name) must be 1 or 0 (true or false is accepted)",
               element, path, value: text)
        return nil
    }

    mutating func day(_ element: SEN2Element, at path: SEN2PersonPath) throws -> Day? {
        guard let text = try leafText(element) else { return nil }
        if let value = SEN2Value.day(text) { return value }
        report("SEN2-FMT-DATE", "\(element.name) is not a date in the form YYYY-MM-DD", element, path, value: text)
        return nil
    }

    mutating func integer(_ element: SEN2Element, at path: SEN2PersonPath) throws -> Int? {
        guard let text = try leafText(element) else { return nil }
        if let value = SEN2Value.integer(text) { return value }
        report("SEN2-FMT-NUMBER", "\(element.name) is not a whole number", element, path, value: text)
        return nil
    }

    /// Whether the child `element` just opened should be read. It should not when it does not
    /// belong under `parent` (noted like an unknown element) or repeats an element allowed once
    /// (reported as an error; the first is kept). Either way it is skipped.
    mutating func shouldRead(_ element: SEN2Element, in seen: inout SEN2ElementSet, parent: SEN2Element,
                             at path: SEN2PersonPath) throws -> Bool {
        guard element.isChild(of: parent) else {
            try skipMisplaced(element, in: parent)
            return false
        }
        if element.isRepeatable || seen.insert(element) { return true }
        let isLeaf = try leafOrSkip()
        let value = reader.trimmedTextBytes
        report("SEN2-STRUCT-REPEATED",
               "\(element.name) appears more than once in \(parent.name); only the first is kept",
               element, path, value: isLeaf && !value.isEmpty ? value : nil)
        return false
    }

    /// Skips the element just opened; returns whether it had no child elements.
    private mutating func leafOrSkip() throws -> Bool {
        guard case .start = try reader.next() else { return true }
        try reader.skipElement()
        try reader.skipElement()
        return false
    }

    /// Adds an error issue about `element` to the person being read.
    mutating func report(_ rule: String, _ message: String, _ element: SEN2Element?, _ path: SEN2PersonPath,
                         value: UnsafeBufferPointer<UInt8>? = nil) {
        issues.append(ImportIssue(
            ruleID: rule, severity: .error, message: message, location: location, path: path.text(element),
            value: value.map { String(decoding: $0, as: UTF8.self) },
            isPersonal: element?.isPersonal ?? false))
    }
}
