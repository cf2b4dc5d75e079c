/// A validation rule broken on purpose by `hnhub demo --with-errors`: a row of
/// `intended-breaches.csv`.
package struct IntendedBreach: Sendable, Hashable {
    /// The file, relative to the set's folder (`sen2-800-2025.xml`, `header-breaches/...`).
    package let file: String
    /// 1-based position of the `<Person>` in the file; nil for a rule of the header.
    package let person: Int?
    package let ruleID: String
    /// `error` or `warning`.
    package let severity: String
    /// What was changed.
    package let change: String
}

/// `intended-breaches.csv`: what `SEN2Validator` must find in a set written with `--with-errors`,
/// no more and no less, and the rules no file breaks with the reason.
enum BreachManifest {
    static let fileName = "intended-breaches.csv"

    static func text(_ breaches: [IntendedBreach], unbroken: [(ruleID: String, reason: String)], seed: UInt64) -> String {
        var lines = [
            "# Validation rules broken on purpose by `hnhub demo --with-errors` (seed \(seed)): each row is one person",
            "# (or, with no person_index, one return header) edited to break that rule of the hub's catalogue",
            "# (Sources/Validation, ValidationRule.catalogue) and no other. SEN2Validator finds exactly these.",
            "# person_index is the 1-based position of the <Person> in the file. Every other person is clean.",
        ]
        if !unbroken.isEmpty {
            lines.append("# Rules not broken in this set:")
            for rule in unbroken { lines.append("#   \(rule.ruleID): \(rule.reason)") }
        }
        lines.append("file,person_index,rule_id,severity,change")
        for breach in breaches {
            lines.append([breach.file, breach.person.map(String.init) ?? "", breach.ruleID, breach.severity, breach.change]
                .map(GIASEstablishmentsFile.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
