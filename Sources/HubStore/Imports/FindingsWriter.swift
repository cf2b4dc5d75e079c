import HubKit

/// Writes validation findings and quarantine rows of one import.
public final class FindingsWriter {
    private let insertIssue: Statement
    private let insertQuarantine: Statement
    private let importID: Int64

    public init(database: Database, importID: Int64) throws {
        self.importID = importID
        insertIssue = try database.prepare("""
            INSERT INTO validation_issues (import_id, rule_id, severity, person_index, file, line, path, value, message)
            VALUES (?,?,?,?,?,?,?,?,?)
            """)
        insertQuarantine = try database.prepare(
            "INSERT INTO quarantine (import_id, person_index, line, pseudonym, rules) VALUES (?,?,?,?,?)")
    }

    /// Stores one finding. `value` must already be masked when it is personal.
    public func write(_ issue: ImportIssue) throws {
        let s = insertIssue
        s.bind(importID, at: 1)
        s.bind(issue.ruleID, at: 2)
        s.bind(issue.severity.rawValue, at: 3)
        s.bind(issue.location?.index, at: 4)
        s.bind(issue.location?.file, at: 5)
        s.bind(issue.location?.line, at: 6)
        s.bind(issue.path, at: 7)
        s.bind(issue.value, at: 8)
        s.bind(issue.message, at: 9)
        try s.insert()
    }

    /// Records that a person was held back, with the ids of the rules it broke.
    public func quarantine(_ location: RecordLocation, pseudonym: String?, rules: [String]) throws {
        let s = insertQuarantine
        s.bind(importID, at: 1)
        s.bind(location.index, at: 2)
        s.bind(location.line, at: 3)
        s.bind(pseudonym, at: 4)
        s.bind(rules.joined(separator: ","), at: 5)
        try s.insert()
    }
}
