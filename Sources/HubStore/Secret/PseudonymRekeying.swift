/// The store's side of re-keying it from one hub secret to another (docs/hub-secret.md): a
/// temporary table of old pseudonym -> new, then every stored pseudonym replaced by its pair and
/// every archive chunk sealed again. The caller holds the transaction and reads the identifiers.
package final class PseudonymRekeying {
    /// The tables that hold pseudonyms, with the column.
    static let pseudonymColumns = [("persons", "pseudonym"), ("quarantine", "pseudonym"), ("placement_costs", "person_pseudonym")]

    package let database: Database
    private let insert: Statement

    /// Starts an empty table of pairs (temporary: on this connection only).
    package init(database: Database) throws {
        self.database = database
        try database.execute("DROP TABLE IF EXISTS temp.rotated_pseudonyms")
        try database.execute("CREATE TEMP TABLE rotated_pseudonyms (old TEXT PRIMARY KEY, new TEXT NOT NULL) WITHOUT ROWID")
        insert = try database.prepare("INSERT OR IGNORE INTO temp.rotated_pseudonyms (old, new) VALUES (?, ?)")
    }

    /// Drops the table of pairs.
    package func finish() {
        try? database.execute("DROP TABLE IF EXISTS temp.rotated_pseudonyms")
    }

    /// Pairs a pseudonym under the old secret with the same identifier's under the new one (the
    /// first pair of an old pseudonym stands).
    package func pair(old: String, new: String) throws {
        try insert.bind([.text(old), .text(new)])
        try insert.run()
    }

    /// Distinct old pseudonyms paired so far.
    package func pairedCount() throws -> Int {
        try database.scalar("SELECT count(*) FROM temp.rotated_pseudonyms")?.int ?? 0
    }

    /// Imports with at least one stored pseudonym, oldest first.
    package func importsHoldingPseudonyms() throws -> [Int64] {
        let union = Self.pseudonymColumns.map { "SELECT import_id FROM \($0.0) WHERE \($0.1) IS NOT NULL" }
            .joined(separator: " UNION ")
        return try database.rows("SELECT import_id FROM (\(union)) ORDER BY import_id").compactMap { $0[0].int64 }
    }

    /// Imports with stored pseudonyms that have no pair, and how many, oldest import first.
    package func unpairedImports() throws -> [(importID: Int64, count: Int)] {
        let union = Self.pseudonymColumns.map { "SELECT import_id, \($0.1) AS p FROM \($0.0) WHERE \($0.1) IS NOT NULL" }
            .joined(separator: " UNION ALL ")
        return try database.rows("""
            SELECT import_id, count(*) FROM (\(union)) WHERE p NOT IN (SELECT old FROM temp.rotated_pseudonyms)
            GROUP BY import_id ORDER BY import_id
            """).compactMap { row in row[0].int64.map { ($0, row[1].int ?? 0) } }
    }

    /// Replaces every stored pseudonym by its pair; returns the rows changed.
    package func replacePseudonyms() throws -> Int {
        var rows = 0
        for (table, column) in Self.pseudonymColumns {
            try database.execute("""
                UPDATE \(table) SET \(column) = (SELECT new FROM temp.rotated_pseudonyms WHERE old = \(table).\(column))
                WHERE \(column) IS NOT NULL
                """)
            rows += database.changes
        }
        return rows
    }

    /// Passes every archive chunk through `reseal` (open with the old secret, seal with the new),
    /// one chunk in memory at a time; returns the chunks.
    package func resealArchive(_ reseal: ([UInt8]) throws -> [UInt8]) throws -> Int {
        let keys = try database.rows("SELECT import_id, seq FROM import_archive ORDER BY import_id, seq")
        for key in keys {
            guard let sealed = try database.scalar(
                "SELECT sealed FROM import_archive WHERE import_id = ? AND seq = ?", key)?.bytes else { continue }
            try database.execute("UPDATE import_archive SET sealed = ? WHERE import_id = ? AND seq = ?",
                                 [.blob(try reseal(sealed))] + key)
        }
        return keys.count
    }
}
