import HubKit

/// The shape of a date as an export writes it, and the formats that read that shape: for the
/// message on a date no format reads (`'06********' (dd/dd/dddd) ...: add dates: [dd/mm/yyyy]`)
/// and for the date formats `hnhub mapping new` guesses from a column's values.
/// See docs/mapping-importers.md, "Dates".
enum DateShape {
    /// Digits as `d`, letters as `a`, anything else as written, a time part left out:
    /// `06/03/2012` -> `dd/dd/dddd`, `4-Mar-2012` -> `d-aaa-dddd`. Shows no digit of the value.
    static func of(_ text: String) -> String {
        String(withoutTime(CSVText.trimmed(text)).map { $0.isNumber ? "d" : $0.isLetter ? "a" : $0 })
    }

    /// The candidate formats for a date written like `text`, most likely first (day before month
    /// first, as English exports write dates); empty when it looks like no date.
    static func candidates(for text: String) -> [DateFormat] {
        let characters = Array(withoutTime(CSVText.trimmed(text)))
        // Runs of digits or letters, with the separators between them.
        var parts: [(text: String, isDigits: Bool)] = []
        var separators: [String] = []
        var i = 0
        while i < characters.count {
            let isDigit = characters[i].isNumber, isLetter = characters[i].isLetter
            guard isDigit || isLetter else {
                guard parts.count > separators.count else { return [] }
                separators.append(String(characters[i]))
                i += 1
                continue
            }
            var run = ""
            while i < characters.count, isDigit ? characters[i].isNumber : characters[i].isLetter { run.append(characters[i]); i += 1 }
            if parts.count > separators.count { separators.append("") }
            parts.append((run, isDigit))
        }
        guard separators.count == parts.count - 1 else { return [] }
        if parts.count == 1, parts[0].isDigits, parts[0].text.count == 8 {
            return [DateFormat("yyyymmdd"), DateFormat("ddmmyyyy")].compactMap { $0 }
        }
        guard parts.count == 3 else { return [] }
        let (a, b, c) = (parts[0], parts[1], parts[2])
        let (s1, s2) = (separators[0], separators[1])
        func year(_ part: (text: String, isDigits: Bool)) -> String? {
            part.isDigits ? (part.text.count == 4 ? "yyyy" : part.text.count == 2 ? "yy" : nil) : nil
        }
        var patterns: [String] = []
        if a.isDigits, !b.isDigits, let y = year(c), a.text.count <= 2 {
            patterns = ["d\(s1)mmm\(s2)\(y)"]
        } else if a.isDigits, b.isDigits, c.isDigits, a.text.count == 4, b.text.count <= 2, c.text.count <= 2 {
            patterns = ["yyyy\(s1)mm\(s2)dd"]
        } else if a.isDigits, b.isDigits, let y = year(c), a.text.count <= 2, b.text.count <= 2 {
            patterns = ["dd\(s1)mm\(s2)\(y)", "mm\(s1)dd\(s2)\(y)"]
        } else if !a.isDigits, b.isDigits, let y = year(c), b.text.count <= 2 {
            patterns = ["mmm\(s1)d\(s2)\(y)"]
        }
        return patterns.compactMap { DateFormat($0) }
    }

    /// The one format that reads every value of `values` (empty cells left out), preferring day
    /// before month; nil when none does or the values are not dates.
    static func guess(_ values: some Sequence<String>) -> DateFormat? {
        var candidates: [DateFormat]?
        var seen = 0
        for value in values where !CSVText.trimmed(value).isEmpty {
            seen += 1
            let fitting = Self.candidates(for: value).filter { $0.parse(value) != nil }
            candidates = candidates.map { known in known.filter { fitting.contains($0) } } ?? fitting
            if candidates?.isEmpty == true { return nil }
        }
        return seen == 0 ? nil : candidates?.first
    }

    /// The text before a time part (`12/01/2024 00:00` -> `12/01/2024`).
    private static func withoutTime(_ text: String) -> Substring {
        let characters = Array(text)
        for at in characters.indices.dropFirst() where characters[at] == " " || characters[at] == "T" {
            let rest = characters[(at + 1)...]
            if characters[at - 1].isNumber, rest.first?.isNumber == true, rest.prefix(3).contains(":") {
                return Substring(String(characters[..<at]))
            }
        }
        return Substring(text)
    }
}
