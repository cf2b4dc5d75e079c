import HubKit

/// Per-rule counts of the findings of one input, with the first few examples of each: what
/// `hnhub validate` prints and `hnhub import` reports. Memory stays bounded however many there are.
package struct ValidationSummary: Sendable {
    package struct RuleTally: Sendable {
        package var ruleID: String
        package var severity: Severity
        package var count: Int
        package var examples: [ImportIssue]
    }

    package private(set) var tallies: [String: RuleTally] = [:]
    package var examplesPerRule = 5
    package private(set) var persons = 0
    package private(set) var quarantinedPersons = 0

    package init() {}

    package mutating func add(_ issue: ImportIssue) {
        var tally = tallies[issue.ruleID] ?? RuleTally(ruleID: issue.ruleID, severity: issue.severity, count: 0, examples: [])
        tally.count += 1
        if tally.examples.count < examplesPerRule { tally.examples.append(issue) }
        tallies[issue.ruleID] = tally
    }

    mutating func countPerson(quarantined: Bool) {
        persons += 1
        if quarantined { quarantinedPersons += 1 }
    }

    /// A person counted as loaded turned out to be in error (a later person repeated its UPN).
    mutating func countLaterQuarantine() {
        quarantinedPersons += 1
    }

    package var errorCount: Int { tallies.values.filter { $0.severity == .error }.reduce(0) { $0 + $1.count } }
    package var warningCount: Int { tallies.values.filter { $0.severity == .warning }.reduce(0) { $0 + $1.count } }

    /// Rules ordered errors first, then by count.
    package var orderedTallies: [RuleTally] {
        tallies.values.sorted { ($0.severity, -$0.count, $0.ruleID) < ($1.severity, -$1.count, $1.ruleID) }
    }

    /// The report as text, one block per rule. Locations leave out the file when it is `sourceName`
    /// (the report's heading names it already).
    package func render(sourceName: String? = nil) -> String {
        var lines: [String] = []
        for tally in orderedTallies {
            lines.append("\(tally.severity.rawValue.uppercased()) \(tally.ruleID): \(tally.count) \(tally.count == 1 ? "finding" : "findings")")
            for example in tally.examples {
                var place: [String] = []
                if let location = example.location {
                    place.append("person \(location.index)")
                    if let line = location.line { place.append("line \(line)") }
                    if let file = location.file, file != sourceName { place.append(file) }
                }
                if let path = example.path { place.append(path) }
                let value = example.value.map { " value '\(IssueMasking.display($0, personal: example.isPersonal))'" } ?? ""
                lines.append("    \(place.joined(separator: ", ")):\(value) \(example.message)")
            }
            if tally.count > tally.examples.count {
                lines.append("    ... and \(tally.count - tally.examples.count) more")
            }
        }
        return lines.joined(separator: "\n")
    }
}

private func < (a: (Severity, Int, String), b: (Severity, Int, String)) -> Bool {
    if a.0 != b.0 { return a.0 < b.0 }
    if a.1 != b.1 { return a.1 < b.1 }
    return a.2 < b.2
}

/// Keeps identifying values out of the store and off the screen.
package enum IssueMasking {
    /// The value as it may be shown or stored: personal values keep their first two characters and
    /// their length, e.g. `X1***********` for a 13-character UPN.
    package static func display(_ value: String, personal: Bool) -> String {
        guard personal else { return value }
        let keep = value.prefix(2)
        return keep + String(repeating: "*", count: max(0, value.count - keep.count))
    }

    package static func masked(_ issue: ImportIssue) -> ImportIssue {
        guard issue.isPersonal, let value = issue.value else { return issue }
        var copy = issue
        copy.value = display(value, personal: true)
        return copy
    }
}
