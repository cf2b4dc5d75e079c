import HubKit

/// The files of an import source sorted into Blade tables by their header rows, never by their
/// names (exports are often renamed, e.g. `SEN2_person_201.csv` or `Blade-Export_20-01-2025_person.csv`).
struct BladeExportFiles {
    /// The file of each table found.
    private(set) var tables: [BladeTableKind: InputFile] = [:]
    /// Files that are no Blade table.
    private(set) var others: [InputFile] = []
    /// A table found in two files: the first and the second.
    private(set) var repeated: (kind: BladeTableKind, first: InputFile, second: InputFile)?

    init(_ source: ImportSource) {
        for file in source.files {
            guard let kind = BladeHeaderRow.tableKind(head: file.head) else {
                others.append(file)
                continue
            }
            if let first = tables[kind] {
                if repeated == nil { repeated = (kind, first, file) }
            } else {
                tables[kind] = file
            }
        }
    }

    /// True when the header table and the person table are both there: enough to be sure this is
    /// a Blade export (the other tables may be missing or empty in a small return).
    var looksLikeExport: Bool { tables[.sen2] != nil && tables[.person] != nil }

    /// Throws ``InputRejected`` unless the files are the tables of one export.
    func checkOneExport(sourceName: String) throws {
        if let repeated {
            throw InputRejected(file: sourceName, message: """
                \(repeated.first.name) and \(repeated.second.name) are both \(repeated.kind.rawValue) tables \
                (a header with \(repeated.kind.idColumn)): give the tables of one Blade export at a time
                """)
        }
        for kind in [BladeTableKind.sen2, .person] where tables[kind] == nil {
            throw InputRejected(file: sourceName, message: """
                no \(kind.rawValue) table among the files (a CSV whose header has \(kind.idColumn)): \
                this is not a COLLECT Blade export of a SEN2 return
                """)
        }
    }

    /// Warnings about the files: tables that are missing, and files that are no table.
    var issues: [ImportIssue] {
        var issues: [ImportIssue] = []
        let missing = BladeTableKind.allCases.filter { tables[$0] == nil }
        if !missing.isEmpty {
            issues.append(ImportIssue(
                ruleID: "SEN2-BLADE-MISSING-TABLE", severity: .warning,
                message: "no " + missing.map(\.rawValue).joined(separator: ", ")
                    + " table among the files (recognised by a header with <table>tableid): "
                    + "every person is read without those rows"))
        }
        if !others.isEmpty {
            issues.append(ImportIssue(
                ruleID: "SEN2-BLADE-UNKNOWN-FILE", severity: .warning,
                message: "\(others.count) file(s) are not Blade tables and were ignored: "
                    + others.map(\.name).joined(separator: ", ")))
        }
        return issues
    }
}
