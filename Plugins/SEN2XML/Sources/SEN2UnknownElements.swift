import HubKit

/// The elements a file has that the importer does not read, for one file-level warning.
struct SEN2UnknownElements {
    /// How many such elements were skipped (with everything inside them).
    private(set) var count = 0
    /// Distinct `Parent/Name` pairs, in the order first seen, at most ``listedLimit``.
    private(set) var names: [String] = []
    static let listedLimit = 20

    mutating func note(_ name: String, in parent: SEN2Element) {
        count += 1
        guard names.count < Self.listedLimit else { return }
        let qualified = "\(parent.name)/\(name)"
        if !names.contains(qualified) { names.append(qualified) }
    }

    /// The warning for the file, or nil when every element was known.
    var issue: ImportIssue? {
        guard count > 0 else { return nil }
        let more = names.count == Self.listedLimit ? ", ..." : ""
        return ImportIssue(
            ruleID: "SEN2-FMT-UNKNOWN-ELEMENT", severity: .warning,
            message: "\(count) element(s) not part of SEN2 2023-2026 (or in the wrong place) were ignored: "
                + names.joined(separator: ", ") + more)
    }
}
