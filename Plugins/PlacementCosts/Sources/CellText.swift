/// Column names compare case-insensitively and without surrounding spaces.
enum ColumnName {
    static func normalised(_ name: String) -> String {
        CellText.trimmed(name).lowercased()
    }
}

/// Cell text as the importers use it.
enum CellText {
    /// Without surrounding spaces and tabs.
    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
