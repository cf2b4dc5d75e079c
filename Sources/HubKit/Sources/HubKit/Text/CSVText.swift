/// Cell text as importers of CSV exports compare it.
public enum CSVText {
    /// `text` without surrounding spaces and tabs.
    public static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }

    /// True when every field of a row is empty or spaces: a blank line, or one of commas only.
    public static func isBlankRow(_ fields: [String]) -> Bool {
        fields.allSatisfy { trimmed($0).isEmpty }
    }
}
