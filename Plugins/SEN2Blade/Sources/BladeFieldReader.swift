import HubKit

/// One row of one table, as the field reader sees it.
struct BladeRecordRow {
    let table: BladeTable
    let row: BladeRow

    /// The trimmed text of the element's column (its name in lower case); nil when blank or absent.
    func text(_ element: String) -> String? { table.value(element.lowercased(), in: row) }
}

/// Reads typed values for one person and keeps what cannot be read as error issues on the person,
/// with the rule ids, paths and messages of the SEN2 XML importer. Each issue's location is the
/// person's index with the file and line of the row that holds the value.
struct BladeFieldReader {
    /// The person's 1-based position in the person table.
    let personIndex: Int
    private(set) var issues: [ImportIssue] = []

    /// Elements whose values identify a person: their values in issues are marked personal.
    static let personalElements: Set<String> = [
        "Surname", "Forename", "PersonBirthDate", "PostCode", "UPN", "UniqueLearnerNumber",
    ]

    init(personIndex: Int) { self.personIndex = personIndex }

    func string(_ element: String, in row: BladeRecordRow) -> String? { row.text(element) }

    func code(_ element: String, in row: BladeRecordRow) -> String? { row.text(element).map(BladeValue.code) }

    mutating func flag(_ element: String, in row: BladeRecordRow, at path: BladePersonPath) -> Bool? {
        guard let text = row.text(element) else { return nil }
        if let value = BladeValue.flag(text) { return value }
        report("SEN2-FMT-BOOL", "\(element) must be 1 or 0 (true or false is accepted)", element, row, path, value: text)
        return nil
    }

    mutating func day(_ element: String, in row: BladeRecordRow, at path: BladePersonPath) -> Day? {
        guard let text = row.text(element) else { return nil }
        if let value = BladeValue.day(text) { return value }
        report("SEN2-FMT-DATE", "\(element) is not a date in the form YYYY-Mon-DD (as COLLECT exports it) or YYYY-MM-DD",
               element, row, path, value: text)
        return nil
    }

    mutating func integer(_ element: String, in row: BladeRecordRow, at path: BladePersonPath) -> Int? {
        guard let text = row.text(element) else { return nil }
        if let value = BladeValue.integer(text) { return value }
        report("SEN2-FMT-NUMBER", "\(element) is not a whole number", element, row, path, value: text)
        return nil
    }

    /// A second row where the return allows one (e.g. two `assessment` rows under one request):
    /// reported on the person; the caller keeps the first.
    mutating func repeated(_ row: BladeRecordRow, firstLine: Int, parentID: String, at path: BladePersonPath) {
        let kind = row.table.kind
        let parentColumn = kind.parent?.idColumn ?? ""
        report("SEN2-STRUCT-REPEATED", """
            \(kind.elementName) appears more than once in \(kind.parent?.elementName ?? "the return"): \
            line \(row.row.line) has the same \(parentColumn) \(parentID) as line \(firstLine); only the first is kept
            """, nil, row, path)
    }

    private mutating func report(_ rule: String, _ message: String, _ element: String?, _ row: BladeRecordRow,
                                 _ path: BladePersonPath, value: String? = nil) {
        issues.append(ImportIssue(
            ruleID: rule, severity: .error, message: message,
            location: RecordLocation(index: personIndex, line: row.row.line, file: row.table.fileName),
            path: path.text(element), value: value,
            isPersonal: element.map(Self.personalElements.contains) ?? false))
    }
}
