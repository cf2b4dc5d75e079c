import HubKit

/// A date pattern as analysts write it: `dd/mm/yyyy`, `d-mmm-yy`, `yyyy-mm-dd`.
///
/// `d`/`dd` day and `m`/`mm` month (one or two digits either way), `mmm` a month name (`Jan`,
/// `January`), `yyyy` four-digit year, `yy` two-digit year (00-69 is 20xx). Everything else is
/// literal. A time after the date (`12/01/2024 00:00`, as Excel exports it) is ignored.
package struct DateFormat: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case day, month, monthName, year4, year2
        case literal(Character)
    }

    /// The pattern as written.
    package let pattern: String
    let tokens: [Token]

    /// Nil when the pattern has no day, month or year.
    package init?(_ pattern: String) {
        var tokens: [Token] = []
        let characters = Array(pattern.lowercased())
        var i = 0
        func run(of character: Character) -> Int {
            var n = 0
            while i + n < characters.count, characters[i + n] == character { n += 1 }
            return n
        }
        while i < characters.count {
            let c = characters[i]
            let n = run(of: c)
            switch (c, n) {
            case ("d", 1...2): tokens.append(.day)
            case ("m", 1...2): tokens.append(.month)
            case ("m", 3...4): tokens.append(.monthName)
            case ("y", 4): tokens.append(.year4)
            case ("y", 2): tokens.append(.year2)
            case ("d", _), ("m", _), ("y", _): return nil
            default:
                tokens.append(.literal(c))
                i += 1
                continue
            }
            i += n
        }
        let kinds = Set(tokens)
        guard kinds.contains(.day), kinds.contains(.month) || kinds.contains(.monthName),
              kinds.contains(.year4) || kinds.contains(.year2) else { return nil }
        self.pattern = pattern
        self.tokens = tokens
    }

    package var description: String { pattern }

    /// ISO `yyyy-mm-dd`, which every date field accepts.
    package static let iso = DateFormat("yyyy-mm-dd")!

    /// The date `text` spells in this format, or nil.
    package func parse(_ text: String) -> Day? {
        guard let (day, month, year) = parts(text) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// True when `text` is laid out in this format, whether or not its day exists (`31/02/2024`).
    func fitsShape(_ text: String) -> Bool { parts(text) != nil }

    /// The day, month and year `text` gives in this format, not checked against the calendar.
    private func parts(_ text: String) -> (day: Int, month: Int, year: Int)? {
        var characters = Array(CSVText.trimmed(text))
        // Drop a time part: a space or `T` followed by `h:` or `hh:`.
        if let cut = characters.indices.first(where: { at in
            guard characters[at] == " " || characters[at] == "T" else { return false }
            let rest = characters[(at + 1)...].prefix(3)
            return rest.first?.isNumber == true && rest.dropFirst().prefix(2).contains(":")
        }) {
            characters.removeSubrange(cut...)
        }
        var i = 0
        var day: Int?, month: Int?, year: Int?
        func number(maxDigits: Int, exactly: Bool) -> Int? {
            var value = 0, count = 0
            while i < characters.count, count < maxDigits, let digit = characters[i].wholeNumberValue, characters[i].isASCII {
                value = value * 10 + digit
                count += 1
                i += 1
            }
            return count == 0 || (exactly && count != maxDigits) ? nil : value
        }
        for token in tokens {
            switch token {
            case .day: day = number(maxDigits: 2, exactly: false)
            case .month: month = number(maxDigits: 2, exactly: false)
            case .year4: year = number(maxDigits: 4, exactly: true)
            case .year2: year = number(maxDigits: 2, exactly: true).map { $0 < 70 ? 2000 + $0 : 1900 + $0 }
            case .monthName:
                var letters = ""
                while i < characters.count, characters[i].isLetter { letters.append(characters[i]); i += 1 }
                month = Self.month(named: letters)
            case let .literal(c):
                guard i < characters.count, characters[i].lowercased() == String(c) else { return nil }
                i += 1
            }
            if token == .day, day == nil { return nil }
            if token == .month || token == .monthName, month == nil { return nil }
            if token == .year4 || token == .year2, year == nil { return nil }
        }
        guard i == characters.count, let day, let month, let year else { return nil }
        return (day, month, year)
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func month(named name: String) -> Int? {
        let lower = name.lowercased()
        guard lower.count >= 3 else { return nil }
        if lower == "sept" { return 9 }
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"]
        if let index = monthNames.firstIndex(of: lower) ?? full.firstIndex(of: lower) { return index + 1 }
        return nil
    }
}
