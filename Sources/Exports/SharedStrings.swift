/// The workbook's shared string table (xl/sharedStrings.xml): each distinct text once, in the
/// order first used, cells referring to it by index.
struct SharedStrings {
    private(set) var strings: [String] = []
    private var indices: [String: Int] = [:]
    /// How many cells refer to the table (the `count` attribute).
    private(set) var references = 0

    /// The index of `text`, added when new.
    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        strings.append(text)
        indices[text] = strings.count - 1
        return strings.count - 1
    }

    /// The sharedStrings part.
    var xml: String {
        var xml = OOXML.declaration
        xml += "<sst xmlns=\"\(OOXML.spreadsheetNamespace)\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">"
        for text in strings {
            // Leading or trailing spaces and line breaks survive only with xml:space="preserve".
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains("\n")
            xml += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>"
            xml += XMLText.escape(text) + "</t></si>"
        }
        return xml + "</sst>"
    }
}
