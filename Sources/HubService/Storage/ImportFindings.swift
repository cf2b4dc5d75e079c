import HubStore

/// What validation found in one import, by rule, with where (person, line) and why: the findings
/// and quarantine pages, their CSV and the API. Person-level: only the import's LA sees it.
struct ImportFindings: Sendable {
    struct Finding: Sendable {
        var personIndex: Int?
        var line: Int?
        var file: String?
        var path: String?
        /// Masked when it came from an identifying field (done at import).
        var value: String?
        var message: String
    }

    struct Rule: Sendable {
        var ruleID: String
        var severity: String
        var count: Int
        /// The first `perRule` findings, in file order.
        var findings: [Finding]
    }

    struct Quarantined: Sendable {
        var personIndex: Int
        var line: Int?
        var rules: [String]
    }

    var entry: ImportEntry
    var rules: [Rule]
    var quarantined: [Quarantined]

    /// The import's findings, `perRule` of each rule at most (nil: all).
    static func load(_ database: Database, importID: Int64, perRule: Int?) throws -> ImportFindings? {
        guard let entry = try ImportLedger(database: database).entry(id: importID) else { return nil }
        var rules: [Rule] = []
        for row in try database.rows("""
            SELECT rule_id, severity, count(*) FROM validation_issues WHERE import_id = ?
            GROUP BY rule_id, severity ORDER BY severity, count(*) DESC, rule_id
            """, [.integer(importID)]) {
            let rule = row[0].string ?? ""
            let limit = perRule.map { " LIMIT \($0)" } ?? ""
            let findings = try database.rows("""
                SELECT person_index, line, file, path, value, message FROM validation_issues
                WHERE import_id = ? AND rule_id = ? ORDER BY id\(limit)
                """, [.integer(importID), .text(rule)]).map { f in
                Finding(personIndex: f[0].int, line: f[1].int, file: shownFile(f[2].string, source: entry.sourceName),
                        path: f[3].string, value: f[4].string, message: f[5].string ?? "")
            }
            rules.append(Rule(ruleID: rule, severity: row[1].string ?? "", count: row[2].int ?? 0, findings: findings))
        }
        let quarantined = try database.rows(
            "SELECT person_index, line, rules FROM quarantine WHERE import_id = ? ORDER BY person_index", [.integer(importID)]
        ).map { Quarantined(personIndex: $0[0].int ?? 0, line: $0[1].int, rules: ($0[2].string ?? "").split(separator: ",").map(String.init)) }
        return ImportFindings(entry: entry, rules: rules, quarantined: quarantined)
    }

    /// The file of a finding as a person knows it: its name without the folder it was read from
    /// (for an upload, the service's own), and nothing when it is the import's one file.
    static func shownFile(_ file: String?, source: String) -> String? {
        guard let file else { return nil }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name == source || name == (source.split(separator: "/").last.map(String.init) ?? source) ? nil : name
    }
}
