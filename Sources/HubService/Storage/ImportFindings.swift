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
        let stored = StoredFindings(database: database)
        let rules = try stored.ruleCounts(importID: importID).map { count in
            let findings = try stored.findings(importID: importID, rule: count.rule, limit: perRule).map { f in
                Finding(personIndex: f.personIndex, line: f.line, file: shownFile(f.file, source: entry.sourceName),
                        path: f.path, value: f.value, message: f.message)
            }
            return Rule(ruleID: count.rule, severity: count.severity, count: count.count, findings: findings)
        }
        let quarantined = try stored.quarantined(importID: importID).map {
            Quarantined(personIndex: $0.personIndex, line: $0.line, rules: $0.rules)
        }
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
