import HubKit

/// Writes validation findings and quarantine rows of one import.
package final class FindingsWriter {
    private let insertIssue: Statement
    private let insertQuarantine: Statement
    private let importID: Int64
    private let database: Database

    package init(database: Database, importID: Int64) throws {
        self.importID = importID
        self.database = database
        insertIssue = try database.prepare("""
            INSERT INTO validation_issues (import_id, rule_id, severity, person_index, file, line, path, value, message)
            VALUES (?,?,?,?,?,?,?,?,?)
            """)
        insertQuarantine = try database.prepare(
            "INSERT INTO quarantine (import_id, person_index, line, pseudonym, rules) VALUES (?,?,?,?,?)")
    }

    /// Stores one finding. `value` must already be masked when it is personal.
    package func write(_ issue: ImportIssue) throws {
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
    package func quarantine(_ location: RecordLocation, pseudonym: String?, rules: [String]) throws {
        let s = insertQuarantine
        s.bind(importID, at: 1)
        s.bind(location.index, at: 2)
        s.bind(location.line, at: 3)
        s.bind(pseudonym, at: 4)
        s.bind(rules.joined(separator: ","), at: 5)
        try s.insert()
    }

    /// Quarantines persons of this import after the fact, for `rule`: a stored person leaves the
    /// module tables (with everything below it) for the quarantine, keeping its pseudonym; a person
    /// already quarantined gets the rule added to its reasons. One pass over the import's persons
    /// however many there are. Used for the first holder of a repeated UPN, known only once the
    /// second turns up (docs/validation.md).
    package func quarantineLater(_ locations: [RecordLocation], rule: String) throws {
        guard !locations.isEmpty else { return }
        try database.execute("CREATE TEMP TABLE IF NOT EXISTS late_quarantine (person_index INTEGER PRIMARY KEY, line INTEGER)")
        try database.execute("DELETE FROM late_quarantine")
        let insert = try database.prepare("INSERT OR IGNORE INTO late_quarantine (person_index, line) VALUES (?, ?)")
        for location in locations {
            insert.bind(location.index, at: 1)
            insert.bind(location.line, at: 2)
            try insert.run()
        }
        let id = SQLValue.integer(importID)
        try database.execute("""
            UPDATE quarantine SET rules = rules || ',' || ?
            WHERE import_id = ? AND person_index IN (SELECT person_index FROM late_quarantine)
              AND ',' || rules || ',' NOT LIKE '%,' || ? || ',%'
            """, [.text(rule), id, .text(rule)])
        try database.execute("""
            INSERT INTO quarantine (import_id, person_index, line, pseudonym, rules)
            SELECT p.import_id, p.person_index, l.line, p.pseudonym, ?
            FROM persons p JOIN late_quarantine l ON l.person_index = p.person_index WHERE p.import_id = ?
            """, [.text(rule), id])
        try database.execute("""
            DELETE FROM persons WHERE import_id = ? AND person_index IN (SELECT person_index FROM late_quarantine)
            """, [id])
        try database.execute("DELETE FROM late_quarantine")
    }
}
