import Foundation
import Governance
import HubKit

/// Applies the config's retention periods to the store (docs/governance.md, "Retention"): lists
/// what has expired and, when asked, deletes it so that its bytes are gone from the store's file,
/// and records each deletion in `retention_log`.
///
/// - An expired SEN2 return (census date before the `sen2_returns` cutoff, current or in history)
///   goes whole: its persons and their modules, quarantine, findings, summaries, sealed archive,
///   header facts, ledger row and findings reports. Its indicator values, aggregates and never
///   person-level, are kept in `retained_indicator_values` and put back whenever indicators are
///   computed again.
/// - Expired findings (`findings`, by import day) of an import that stays: `validation_issues`,
///   `quarantine` and the LA's findings reports.
/// - An expired archive (`archive`, by import day): the sealed chunks; the import stays, but can
///   no longer be re-processed or re-keyed.
/// - Expired outputs (`outputs`, by the day written): report and workbook files the hub wrote,
///   when still as written.
///
/// Deleting runs with `secure_delete` on, then `VACUUM` rebuilds every table and index (an index
/// page can keep a copy of a deleted key), and a checkpoint truncates the write-ahead log.
package struct RetentionSweep {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// One thing that has expired, as listed and as logged.
    package struct Item: Sendable, Hashable {
        package var data: RetainedData
        package var period: String
        package var cutoff: String
        package var importID: Int64?
        package var dataset: String?
        package var laCode: String?
        package var collectionYear: Int?
        package var censusDate: String?
        package var importedAt: String?
        /// An output file (and for a return or findings, the findings reports that go with it).
        package var files: [OutputFile] = []
        /// What goes, in words with counts.
        package var deleted: String
        /// Rows deleted from the store (0 in a dry run).
        package var rows = 0
    }

    /// What would go on `today`.
    package func expired(_ policy: RetentionPolicy, today: Day) throws -> [Item] {
        var items: [Item] = []
        let outputs = try OutputRegister(database: database).files()
        var covered = Set<Int64>()
        func reports(of id: Int64) -> [OutputFile] {
            outputs.filter { $0.importID == id && $0.kind == "findings-report" }
        }
        if let period = policy.periods[.sen2Returns], let cutoff = policy.cutoff(.sen2Returns, today: today) {
            for row in try database.rows("""
                SELECT i.id, i.dataset, i.la_code, i.collection_year, i.census_date, i.imported_at, i.superseded_by IS NULL,
                       (SELECT count(*) FROM persons p WHERE p.import_id = i.id),
                       (SELECT count(*) FROM quarantine q WHERE q.import_id = i.id),
                       (SELECT count(*) FROM validation_issues v WHERE v.import_id = i.id),
                       (SELECT count(*) FROM import_archive a WHERE a.import_id = i.id)
                FROM imports i WHERE i.dataset = 'sen2-return' AND i.census_date < ? ORDER BY i.la_code, i.collection_year, i.id
                """, [.text(cutoff.iso)]) {
                let id = row[0].int64 ?? 0
                covered.insert(id)
                let history = row[6].int == 1 ? "" : " (in history)"
                items.append(Item(data: .sen2Returns, period: "\(period)", cutoff: cutoff.iso, importID: id,
                                  dataset: row[1].string, laCode: row[2].string, collectionYear: row[3].int,
                                  censusDate: row[4].string, importedAt: row[5].string, files: reports(of: id),
                                  deleted: "SEN2 return\(history): \(row[7].int ?? 0) persons with their requests, plans and "
                                      + "placements, \(row[8].int ?? 0) quarantined, \(row[9].int ?? 0) findings, "
                                      + "\(row[10].int ?? 0) archive chunks, the census summaries, the ledger row and "
                                      + "\(reports(of: id).count) findings report files; its indicator values are kept"))
            }
        }
        if let period = policy.periods[.findings], let cutoff = policy.cutoff(.findings, today: today) {
            for row in try importsBefore(cutoff, having: """
                (SELECT count(*) FROM validation_issues v WHERE v.import_id = i.id),
                (SELECT count(*) FROM quarantine q WHERE q.import_id = i.id)
                """) where !covered.contains(row.id) {
                let files = reports(of: row.id)
                guard row.counts[0] + row.counts[1] + files.count > 0 else { continue }
                items.append(Item(data: .findings, period: "\(period)", cutoff: cutoff.iso, importID: row.id,
                                  dataset: row.dataset, laCode: row.laCode, collectionYear: row.year,
                                  censusDate: row.censusDate, importedAt: row.importedAt, files: files,
                                  deleted: "\(row.counts[0]) findings, \(row.counts[1]) quarantined persons and "
                                      + "\(files.count) findings report files"))
            }
        }
        if let period = policy.periods[.archive], let cutoff = policy.cutoff(.archive, today: today) {
            for row in try importsBefore(cutoff, having: "(SELECT count(*) FROM import_archive a WHERE a.import_id = i.id)")
                where !covered.contains(row.id) && row.counts[0] > 0 {
                items.append(Item(data: .archive, period: "\(period)", cutoff: cutoff.iso, importID: row.id,
                                  dataset: row.dataset, laCode: row.laCode, collectionYear: row.year,
                                  censusDate: row.censusDate, importedAt: row.importedAt,
                                  deleted: "\(row.counts[0]) sealed archive chunks (the import can no longer be re-processed)"))
            }
        }
        if let period = policy.periods[.outputs], let cutoff = policy.cutoff(.outputs, today: today) {
            for file in outputs where file.kind != "findings-report" && file.writtenAt < cutoff.iso {
                items.append(Item(data: .outputs, period: "\(period)", cutoff: cutoff.iso, importID: nil, laCode: file.laCode,
                                  files: [file], deleted: "\(file.kind) written \(file.writtenAt.prefix(10))"))
            }
        }
        return items
    }

    /// Deletes what has expired on `today`, logs each item at `appliedAt`, and erases the deleted
    /// bytes from the file. Returns the items with the rows each deleted; a file that changed since
    /// it was written (its SHA-256, which `sha256` computes, is not the one recorded) is left alone
    /// and said so in `deleted`.
    package func apply(_ policy: RetentionPolicy, today: Day, appliedAt: String,
                      sha256: (String) -> String?) throws -> [Item] {
        var items = try expired(policy, today: today)
        guard !items.isEmpty else { return [] }
        try database.execute("PRAGMA secure_delete = ON")
        defer { try? database.execute("PRAGMA secure_delete = OFF") }
        try database.transaction {
            for index in items.indices {
                items[index].rows = try delete(items[index], appliedAt: appliedAt)
                items[index].deleted += Self.removeFiles(items[index].files, sha256: sha256)
                try log(items[index], appliedAt: appliedAt)
            }
        }
        // Rebuilt from scratch, no table or index page keeps a deleted value; then the log is emptied.
        try database.execute("VACUUM")
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return items
    }

    /// Deletes one item's rows; returns how many, cascades included.
    private func delete(_ item: Item, appliedAt: String) throws -> Int {
        guard let id = item.importID else {
            for file in item.files { try OutputRegister(database: database).forget(id: file.id) }
            return item.files.count
        }
        let import_ = [SQLValue.integer(id)]
        let before = database.totalChanges
        func run(_ sql: String) throws { try database.execute(sql, import_) }
        switch item.data {
        case .sen2Returns:
            if let la = item.laCode, let year = item.collectionYear,
               try database.scalar("SELECT superseded_by IS NULL FROM imports WHERE id = ?", import_)?.int == 1 {
                try retainIndicatorValues(laCode: la, collectionYear: year, at: appliedAt)
            }
            for table in ["quarantine", "validation_issues", "import_archive", "persons", "return_sources"] {
                try run("DELETE FROM \(table) WHERE import_id = ?")
            }
            // Every version of one scope shares its census date, so they expire together; the
            // history's references to a newer version are cleared first all the same.
            try run("UPDATE imports SET superseded_by = NULL WHERE superseded_by = ?")
            try run("DELETE FROM imports WHERE id = ?")
        case .findings:
            try run("DELETE FROM validation_issues WHERE import_id = ?")
            try run("DELETE FROM quarantine WHERE import_id = ?")
        case .archive:
            try run("DELETE FROM import_archive WHERE import_id = ?")
        case .outputs:
            break
        }
        // Counted before the output register forgets the files: the data's rows with those the
        // foreign keys cascaded to (requests, plans, placements, summaries).
        let rows = database.totalChanges - before
        for file in item.files { try OutputRegister(database: database).forget(id: file.id) }
        return rows
    }

    /// Keeps the indicator values computed from a current return (both its census and its work
    /// period) before it goes.
    private func retainIndicatorValues(laCode: String, collectionYear: Int, at time: String) throws {
        try database.execute("""
            INSERT OR REPLACE INTO retained_indicator_values (indicator_id, la_code, period, period_type, numerator,
                denominator, value, unavailable_reason, source, provider_id, computed_at, retained_at)
            SELECT indicator_id, la_code, period, period_type, numerator, denominator, value, unavailable_reason, source,
                   provider_id, computed_at, ? FROM indicator_values
            WHERE la_code = ? AND period IN (?, ?) AND source IS NULL
            """, [.text(time), .text(laCode), .text(Period.census(collectionYear: collectionYear).label),
                  .text(Period.calendar(collectionYear: collectionYear).label)])
    }

    private func log(_ item: Item, appliedAt: String) throws {
        let paths = item.files.map(\.path)
        try database.execute("""
            INSERT INTO retention_log (applied_at, rule, period, cutoff, import_id, dataset, la_code, collection_year,
                census_date, imported_at, output_path, deleted, rows_deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, [.text(appliedAt), .text(item.data.rule), .text(item.period), .text(item.cutoff),
                  item.importID.map { .integer($0) } ?? .null, SQLValue(item.dataset), SQLValue(item.laCode),
                  SQLValue(item.collectionYear), SQLValue(item.censusDate), SQLValue(item.importedAt),
                  paths.isEmpty ? .null : .text(paths.joined(separator: "\n")), .text(item.deleted),
                  .integer(Int64(item.rows))])
    }

    /// Removes the files that are still as written (`sha256` gives a file's digest, nil when it
    /// cannot be read); says which were not removed.
    static func removeFiles(_ files: [OutputFile], sha256: (String) -> String?) -> String {
        var notes: [String] = []
        for file in files {
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            guard sha256(file.path) == file.sha256 else {
                notes.append("\(file.path) left alone: changed since it was written (delete it yourself)")
                continue
            }
            do {
                try FileManager.default.removeItem(atPath: file.path)
            } catch {
                notes.append("\(file.path) could not be deleted: \(error.localizedDescription)")
            }
        }
        return notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")
    }

    private struct ImportRow {
        var id: Int64
        var dataset, laCode, censusDate, importedAt: String?
        var year: Int?
        var counts: [Int]
    }

    /// Imports made before `cutoff`, with the counts the SQL expressions `having` give.
    private func importsBefore(_ cutoff: Day, having counts: String) throws -> [ImportRow] {
        try database.rows("""
            SELECT i.id, i.dataset, i.la_code, i.collection_year, i.census_date, i.imported_at, \(counts)
            FROM imports i WHERE substr(i.imported_at, 1, 10) < ? ORDER BY i.id
            """, [.text(cutoff.iso)]).map { row in
            ImportRow(id: row[0].int64 ?? 0, dataset: row[1].string, laCode: row[2].string, censusDate: row[4].string,
                      importedAt: row[5].string, year: row[3].int, counts: row.dropFirst(6).map { $0.int ?? 0 })
        }
    }
}
