import HubKit

/// Rows the ONS importer leaves out, reported once per file as a warning with counts.
struct SkippedAreas {
    private(set) var rows = 0
    /// Codes in the order first met.
    private(set) var codes: [String] = []
    private var seen: Set<String> = []

    mutating func add(_ code: String) {
        rows += 1
        if seen.insert(code).inserted { codes.append(code) }
    }

    /// The file-level warning, or nil when nothing was skipped.
    func warning(ruleID: String, reason: String) -> ImportIssue? {
        guard rows > 0 else { return nil }
        let examples = codes.prefix(5).joined(separator: ", ") + (codes.count > 5 ? ", ..." : "")
        return ImportIssue(ruleID: ruleID, severity: .warning,
                           message: "skipped \(rows) row(s) of \(codes.count) area(s) (\(examples)): \(reason)")
    }
}
