import HubKit

/// A cell turned into the value of its SEN2 element.
package enum FieldValue: Sendable, Hashable {
    case text(String)
    case flag(Bool)
    case day(Day)
    case integer(Int)

    var text: String? { if case let .text(value) = self { value } else { nil } }
    var flag: Bool? { if case let .flag(value) = self { value } else { nil } }
    var day: Day? { if case let .day(value) = self { value } else { nil } }
    var integer: Int? { if case let .integer(value) = self { value } else { nil } }
}

/// Why a cell could not be read.
package struct ValueProblem: Error, Sendable, Hashable {
    package enum Kind: String, Sendable {
        /// A code with no entry in the field's code table.
        case untranslated = "MAPPING-CODE"
        /// Not a date in the accepted formats.
        case date = "MAPPING-DATE"
        /// Not a flag or a whole number.
        case value = "MAPPING-VALUE"
    }

    package var kind: Kind
    package var message: String
}

/// Reads cells as the mapping says: code tables, date formats, flags and numbers.
struct FieldValueReader {
    let mapping: MappingDefinition

    /// Words read as a flag (after any code translation), in lower case.
    static let flagWords: [String: Bool] = ["1": true, "0": false, "true": true, "false": false, "yes": true,
                                            "no": false, "y": true, "n": false]

    /// The value of `field` in `cell` (trimmed text): nil for an empty cell or a code translated to
    /// nothing, a problem when the cell cannot be read.
    func value(_ field: FieldMapping, cell: String, table: SheetTable?) -> Result<FieldValue?, ValueProblem> {
        var text = CSVText.trimmed(cell)
        guard !text.isEmpty else { return .success(nil) }
        if let name = field.codes, let codes = mapping.codeTables[name] {
            guard let translated = codes.translate(text) else {
                return .failure(ValueProblem(kind: .untranslated,
                                             message: "'\(text)' has no translation in codes.\(name) of \(mapping.file)"))
            }
            guard let value = translated, !CSVText.trimmed(value).isEmpty else { return .success(nil) }
            text = CSVText.trimmed(value)
        }
        return Self.parse(text, kind: field.target.kind, formats: field.dateFormats ?? mapping.dateFormats, table: table,
                          shown: field.target.isPersonal ? Self.masked(text) : text)
    }

    /// An identifying value as it may be shown: its first two characters, then one `*` per character.
    static func masked(_ text: String) -> String {
        String(text.prefix(2)) + String(repeating: "*", count: max(0, text.count - 2))
    }

    /// `text` as a value of `kind`.
    /// `text` as a value of `kind`; messages show `shown` (the text, masked when it identifies a child).
    static func parse(_ text: String, kind: MappingValueKind, formats: [DateFormat], table: SheetTable?,
                      shown: String? = nil) -> Result<FieldValue?, ValueProblem> {
        let shown = shown ?? text
        switch kind {
        case .text: return .success(.text(text))
        case .code: return .success(.text(text.uppercased()))
        case .flag:
            guard let flag = flagWords[text.lowercased()] else {
                return .failure(ValueProblem(kind: .value, message: "'\(shown)' is not a yes/no value (1/0, true/false, yes/no, y/n; or translate it with codes)"))
            }
            return .success(.flag(flag))
        case .integer:
            guard let number = Int(SpreadsheetDate.plainNumber(text)) else {
                return .failure(ValueProblem(kind: .value, message: "'\(shown)' is not a whole number"))
            }
            return .success(.integer(number))
        case .date:
            for format in formats + [DateFormat.iso] {
                if let day = format.parse(text) { return .success(.day(day)) }
            }
            if let table, table.numbersAreDateSerials, text.allSatisfy({ $0.isNumber || $0 == "." }),
               let day = SpreadsheetDate.day(serial: text, uses1904: table.uses1904Dates) {
                return .success(.day(day))
            }
            return .failure(ValueProblem(kind: .date, message: dateProblem(text, shown: shown, formats: formats)))
        }
    }

    /// Why `text` is not a date: a day that does not exist in a format that fits its shape, or a
    /// shape no accepted format reads, shown as digits `d` and letters `a` (so a masked birth date
    /// still tells its layout) with the format to add.
    static func dateProblem(_ text: String, shown: String, formats: [DateFormat]) -> String {
        let accepted = formats + [DateFormat.iso]
        let list = accepted.map(\.pattern).joined(separator: ", ")
        let candidates = DateShape.candidates(for: text)
        if let fitting = accepted.first(where: { $0.fitsShape(text) }) {
            return "'\(shown)' is not a real date in the format \(fitting.pattern) (accepted: \(list))"
        }
        let shape = "shape \(DateShape.of(text))"
        guard let suggestion = candidates.first else {
            return "'\(shown)' (\(shape)) is not a date in the accepted formats (\(list))"
        }
        let others = candidates.dropFirst().map(\.pattern)
        return "'\(shown)' (\(shape)) is not a date in the accepted formats (\(list)): add its format to the mapping's dates, e.g. dates: [\(suggestion.pattern)]" + (others.isEmpty ? "" : " (or \(others.joined(separator: ", ")))")
    }
}
