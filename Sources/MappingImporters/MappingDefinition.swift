import HubKit

/// A mapping file (`config/importers/*.yaml`) as parsed: how to recognise an export, which column
/// feeds which SEN2 element, how its codes and dates translate, and the constants of the return.
/// `docs/mapping-importers.md` describes the file with a complete example.
package struct MappingDefinition: Sendable {
    /// The mapping file, for messages and `hnhub plugins`.
    package var file: String
    /// The mapping's own id; the importer's id is `mapping:<id>`.
    package var id: String
    package var version: String
    package var summary: String
    package var layout: FileLayout
    package var constants: ReturnConstants
    /// Rows with the same value in this column are one person; nil: every row is a person.
    package var personKey: String?
    /// Rows of one person with the same value in this column are one request (EHC needs assessment
    /// request), in order of first appearance; nil: each person has one request.
    package var requestKey: String?
    /// Formats tried in order for every date field without its own (ISO `yyyy-mm-dd` always works).
    package var dateFormats: [DateFormat]
    /// Code tables by name.
    package var codeTables: [String: CodeTable]
    /// Every mapped element, in file order.
    package var fields: [FieldMapping]
    /// The line of a key in the mapping file, for messages that point at the mapping (`fields.person.Sex`).
    package var lines: [String: Int]

    /// The importer id: `mapping:<id>`.
    package var importerID: String { "mapping:\(id)" }

    /// `file:line` of a key, or the file alone when the line is unknown.
    package func place(_ key: String) -> String {
        lines[key].map { "\(file):\($0)" } ?? file
    }
}

/// How the export is laid out and recognised.
package struct FileLayout: Sendable {
    /// Column names that must all be in the header row for the mapping to claim a file.
    package var requiredHeaders: [String]
    /// XLSX: the sheet to read; nil reads the first sheet.
    package var sheet: String?
    /// 1-based row of the column names (rows above it are ignored).
    package var headerRow: Int
    /// CSV: the field separator; nil guesses it from the header row (`,` `;` tab `|`).
    package var delimiter: UInt8?
    /// CSV: nil guesses UTF-8 or Windows-1252 from the bytes.
    package var encoding: TextEncoding?

    package init(requiredHeaders: [String] = [], sheet: String? = nil, headerRow: Int = 1,
                delimiter: UInt8? = nil, encoding: TextEncoding? = nil) {
        self.requiredHeaders = requiredHeaders
        self.sheet = sheet
        self.headerRow = headerRow
        self.delimiter = delimiter
        self.encoding = encoding
    }
}

/// What an export does not say but a SEN2 return header needs.
package struct ReturnConstants: Sendable {
    /// 3-digit DfE LA number.
    package var laCode: String
    package var censusDate: Day
    package var collectionYear: Int
}

/// A table of code translations, e.g. `Autism: ASD`. Keys match trimmed and case-insensitively;
/// a key mapped to nothing (`~`) means the cell says nothing for that element.
package struct CodeTable: Sendable {
    package var name: String
    /// Lower-cased trimmed key -> translation (nil: no value).
    package var translations: [String: String?]

    package init(name: String, translations: [String: String?]) {
        self.name = name
        self.translations = translations
    }

    /// The translation of `value`: `.some(nil)` for a key mapped to nothing, nil when the table has no entry.
    package func translate(_ value: String) -> String?? {
        translations[CodeTable.key(value)]
    }

    static func key(_ value: String) -> String { CSVText.trimmed(value).lowercased() }
}

/// Where one element's value comes from.
package struct FieldMapping: Sendable {
    package enum Source: Sendable, Hashable {
        /// A column of the export (matched by name, any case).
        case column(String)
        /// The same value for every record that has the module (e.g. `PlacementRank: {value: 1}`).
        case constant(String)
    }

    package var target: MappingTarget
    package var source: Source
    /// The code table the column's values go through (codes only).
    package var codes: String?
    /// Date formats for this field only; nil uses the mapping's.
    package var dateFormats: [DateFormat]?
    /// True when the column may be missing from the header row.
    package var optional: Bool
    /// The key in the mapping file, e.g. `fields.needs[1].SENtype`.
    package var key: String
    /// `default:`: the value (in SEN2 terms, not translated) when the column gives none for a
    /// module that exists; nil for none.
    package var defaultValue: String? = nil
    /// `when:`: what must hold for the constant or the default to apply (all of them).
    package var conditions: [FieldCondition] = []

    /// The column name, when the value comes from a column.
    package var column: String? {
        if case let .column(name) = source { return name }
        return nil
    }
}

/// One test of a field's `when:`, on another element of the same module, e.g. `URN: empty`. The
/// test sees what the columns and the unconditional constants give, never another default
/// (docs/mapping-importers.md, "Defaults and conditions").
package struct FieldCondition: Sendable, Hashable {
    package enum Test: Sendable, Hashable {
        /// The element has no value.
        case empty
        /// The element has a value.
        case filled
        /// The element has this value (SEN2 terms: a code after translation, 1/0 for a flag).
        case equals(FieldValue)
    }

    /// The SEN2 element tested, in the field's own module.
    package var element: String
    package var test: Test

    package init(element: String, test: Test) {
        self.element = element
        self.test = test
    }

    /// Whether the test holds for `value` (nil: no value).
    package func holds(for value: FieldValue?) -> Bool {
        switch test {
        case .empty: value == nil
        case .filled: value != nil
        case .equals(let expected): value == expected
        }
    }
}
