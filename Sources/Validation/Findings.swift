import HubKit

/// The issues found for one person, each pointed at the person's place in the file.
struct Findings {
    let location: RecordLocation
    /// Paths the importer already reported (e.g. a date it could not parse), so that a value it
    /// dropped is not reported a second time as missing.
    let importerPaths: [String?]
    private(set) var issues: [ImportIssue] = []

    init(for person: PersonRecord) {
        location = person.location
        importerPaths = person.issues.isEmpty ? [] : person.issues.map(\.path)
    }

    mutating func add(_ rule: ValidationRule, _ message: String, at path: String,
                      value: String? = nil, isPersonal: Bool = false) {
        issues.append(ImportIssue(ruleID: rule.id, severity: rule.severity, message: message,
                                  location: location, path: path, value: value, isPersonal: isPersonal))
    }

    func importerReported(_ path: String) -> Bool {
        importerPaths.contains { $0 == path }
    }
}
