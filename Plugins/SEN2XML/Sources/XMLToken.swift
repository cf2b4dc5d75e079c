/// What ``XMLPullReader/next()`` reports.
enum XMLToken: Equatable, Sendable {
    /// A start tag (also the first half of `<Name/>`). `name` is the local name's id in the reader's
    /// ``XMLNameTable``, or ``XMLNameTable/unknown``.
    case start(name: Int)
    /// An end tag (also the second half of `<Name/>`). The reader's `text` then holds the character
    /// data since the previous tag: the value of a leaf element.
    case end(name: Int)
    /// The end of a well-formed document. Returned again on every later call.
    case endOfDocument
}

/// The character encoding of the document, from the BOM and the XML declaration.
enum XMLTextEncoding: Sendable, Equatable {
    case utf8
    /// ISO-8859-1: each byte is the code point.
    case latin1
    /// Windows-1252: Latin-1 with printable characters in 0x80-0x9F.
    case windows1252

    /// The encoding named in an XML declaration, or nil when the reader cannot decode it.
    init?(declared name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii": self = .utf8
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1": self = .latin1
        case "windows-1252", "cp1252": self = .windows1252
        default: return nil
        }
    }
}
