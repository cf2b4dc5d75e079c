import HubKit

/// Turns the text of one Blade cell into a value, the way the SEN2 XML importer reads the same
/// element: text trimmed, blank = absent, codes upper-cased, flags `1`/`0`/`true`/`false`.
/// Each parser returns nil when the text is not a value of its kind; the caller reports that.
enum BladeValue {
    /// The text without leading and trailing spaces, tabs and line ends (CR LF inside becomes LF);
    /// nil when nothing is left.
    static func trimmed(_ text: String) -> String? {
        guard let first = text.utf8.first, let last = text.utf8.last else { return nil }
        if !isWhitespace(first), !isWhitespace(last), !text.utf8.contains(0x0D) { return text }  // most cells
        let bytes = Array(text.utf8)
        var start = 0
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let kept = String(decoding: bytes[start ..< end], as: UTF8.self)
        guard kept.utf8.contains(0x0D) else { return kept }
        return kept.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
    }

    /// A code as the return carries it: ASCII letters upper-cased.
    static func code(_ text: String) -> String {
        guard text.utf8.contains(where: isLowercase) else { return text }
        return String(decoding: text.utf8.map { isLowercase($0) ? $0 - 32 : $0 }, as: UTF8.self)
    }

    /// `1`/`0`, or `true`/`false` in any case.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true": true
        case "0", "false": false
        default: nil
        }
    }

    /// A whole number of up to 9 digits.
    static func integer(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count <= 9 else { return nil }
        return digits(bytes, 0 ..< bytes.count)
    }

    /// A date as COLLECT exports it (`2022-Sep-28 00:00:00`, month in English, any case) or as ISO
    /// (`2022-09-28`). Either may be followed by a time after a space or `T`, which is ignored; ISO
    /// also by a zone (`Z`, `+01:00`), as in SEN2 XML.
    static func day(_ text: String) -> Day? {
        let bytes = Array(text.utf8)
        return collectDay(bytes)?.day ?? bytes.withUnsafeBufferPointer { Day(isoBytes: $0) }
    }

    /// `DateTime` of the header: a COLLECT date-time (`2025-Jan-20 11:14:05`) becomes ISO
    /// (`2025-01-20T11:14:05`), as SEN2 XML writes it; anything else is kept as given.
    static func dateTime(_ text: String) -> String {
        guard let (day, rest) = collectDay(Array(text.utf8)) else { return text }
        return rest.isEmpty ? day.iso : day.iso + "T" + String(decoding: rest.dropFirst(), as: UTF8.self)
    }

    // MARK: - Parts

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `YYYY-Mon-DD`, and what follows it (empty, or a space or `T` and a time).
    private static func collectDay(_ bytes: [UInt8]) -> (day: Day, rest: ArraySlice<UInt8>)? {
        guard bytes.count >= 11, bytes[4] == UInt8(ascii: "-"), bytes[8] == UInt8(ascii: "-"),
              let year = digits(bytes, 0 ..< 4), let day = digits(bytes, 9 ..< 11),
              let month = months.firstIndex(of: String(decoding: bytes[5 ..< 8], as: UTF8.self).lowercased())
        else { return nil }
        let rest = bytes[11...]
        if let first = rest.first, first != UInt8(ascii: " "), first != UInt8(ascii: "T") { return nil }
        return Day(year: year, month: month + 1, day: day).map { ($0, rest) }
    }

    private static func digits(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for i in range {
            let digit = Int(bytes[i]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    private static func isLowercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }
}

private extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
