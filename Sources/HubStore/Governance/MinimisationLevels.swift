import Governance

/// The levels of minimisation the current SEN2 returns were kept at (`imports.minimisation`), so
/// that figures made at different levels are never put side by side (docs/governance.md,
/// "Minimisation").
package struct MinimisationLevels: Sendable, Hashable {
    /// LA codes by level label, each list sorted.
    package var lasByLevel: [String: [String]]

    /// Reads the current returns' levels, but those of the LAs `leftOut` (of an output that
    /// leaves them out).
    package init(database: Database, leavingOut leftOut: Set<String> = []) throws {
        var byLevel: [String: Set<String>] = [:]
        for row in try database.rows("""
            SELECT DISTINCT la_code, coalesce(minimisation, ?) FROM imports
            WHERE dataset = 'sen2-return' AND superseded_by IS NULL AND la_code IS NOT NULL
            """, [.text(Minimisation.finest.label)]) {
            guard let la = row[0].string, let level = row[1].string, !leftOut.contains(la) else { continue }
            byLevel[level, default: []].insert(la)
        }
        lasByLevel = byLevel.mapValues { $0.sorted() }
    }

    /// Why the returns cannot be compared in one output (kept at more than one level), or nil.
    package var refusal: String? {
        guard lasByLevel.count > 1 else { return nil }
        let listed = lasByLevel.keys.sorted().map { label in
            "\(Minimisation(label: label)?.description ?? label): \(lasByLevel[label]!.joined(separator: ", "))"
        }.joined(separator: "; ")
        return "the current SEN2 returns were kept at different levels of minimisation (\(listed)), so their figures "
            + "are not comparable: set one level under minimisation in the config and run hnhub reprocess --all "
            + "(docs/governance.md, \"Minimisation\")"
    }

    /// What `hnhub import` says when a return just stored at `label` was kept at a level other
    /// than that of the other current returns; nil when they agree.
    package func change(importedAt label: String) -> String? {
        let others = lasByLevel.filter { $0.key != label }
        guard !others.isEmpty else { return nil }
        let levels = others.keys.sorted().map { "\(Minimisation(label: $0)?.description ?? $0) (LAs \(others[$0]!.joined(separator: ", ")))" }
        return "note: this return was kept at \(Minimisation(label: label)?.description ?? label), other current returns at "
            + levels.joined(separator: " and ") + ": their figures will not be compared until all are at one level "
            + "(set minimisation in the config, then hnhub reprocess --all; docs/governance.md)"
    }
}
