import Foundation
import HubKit

/// What a mapping makes of an export, column by column: for `hnhub validate --importer mapping:ID`
/// while a mapping is being written. Nothing is validated or stored here.
package struct MappingDiagnosis: Sendable {
    /// One column of the export's header row.
    package struct Column: Sendable {
        package var name: String
        /// The elements it feeds, e.g. `needs[1].SENtype (codes: need)`; empty when not mapped.
        package var mappedTo: [String]
        /// Non-empty cells.
        package var filled: Int
        /// Values with no code translation, most frequent first, with how many cells had each.
        package var untranslated: [(value: String, count: Int)]
    }

    package var mappingFile: String
    package var importerID: String
    /// Where the rows came from, e.g. `XLSX sheet 'Children'`.
    package var origin: String
    package var rows: Int
    package var persons: Int
    /// Requests over all persons, when the mapping has a `request_key` (nil: one a person).
    package var requests: Int?
    package var columns: [Column]
    /// Optional columns the mapping names that the export does not have.
    package var absentOptional: [String]
    /// The cells that could not be read (the first 10,000; ``failureCount`` counts them all).
    package var failures: [RowFailure]
    package var failureCount: Int

    /// Reads `source` through `importer`'s mapping and describes the result. Throws
    /// ``InputRejected`` when the file cannot be read at all (e.g. a column the mapping needs is missing).
    package init(importer: MappingImporter, source: ImportSource) throws {
        let mapping = importer.mapping
        let mapped = try importer.mappedRows(source)
        mappingFile = mapping.file
        importerID = mapping.importerID
        origin = mapped.table.origin
        rows = mapped.rows
        persons = mapped.persons
        requests = mapping.requestKey == nil ? nil : mapped.requests
        failures = mapped.failures
        failureCount = mapped.failureCount
        let header = mapped.table.header
        var targets: [Int: [String]] = [:]
        absentOptional = []
        for field in mapping.fields {
            guard let column = field.column else { continue }
            guard let index = header.column(column) else { absentOptional.append(column); continue }
            targets[index, default: []].append(field.target.description + (field.codes.map { " (codes: \($0))" } ?? ""))
        }
        if let key = mapping.personKey, let index = header.column(key) { targets[index, default: []].insert("person key", at: 0) }
        if let key = mapping.requestKey, let index = header.column(key) { targets[index, default: []].insert("request key", at: 0) }
        columns = header.names.enumerated().map { index, name in
            let seen = mapped.untranslated[name] ?? [:]
            return Column(name: name, mappedTo: targets[index] ?? [], filled: mapped.filledCells[name] ?? 0,
                          untranslated: seen.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) })
        }
    }

    /// The report as text: a line per column, then the untranslated values and the failed rows.
    package func render(maxFailures: Int = 50) -> String {
        var lines = ["mapping \(importerID) (\(mappingFile)) on the \(origin): \(rows) rows, \(persons) persons"
                     + (requests.map { ", \($0) requests" } ?? "")]
        lines.append("columns:")
        let width = min(40, columns.map(\.name.count).max() ?? 0)
        for column in columns {
            let name = column.name.padding(toLength: max(width, column.name.count), withPad: " ", startingAt: 0)
            let target = column.mappedTo.isEmpty ? "not mapped (ignored)" : "-> " + column.mappedTo.joined(separator: ", ")
            lines.append("  \(name)  \(target); \(column.filled) filled")
            for (value, count) in column.untranslated {
                lines.append("      no translation: '\(value)' x\(count)")
            }
        }
        for column in absentOptional { lines.append("  \(column)  (optional, not in this export)") }
        if failures.isEmpty {
            lines.append("every mapped cell was read")
        } else {
            lines.append("\(failureCount) \(failureCount == 1 ? "cell" : "cells") could not be read:")
            for failure in failures.prefix(maxFailures) { lines.append("  \(failure.ruleID) \(failure)") }
            if failureCount > maxFailures { lines.append("  ... and \(failureCount - maxFailures) more") }
        }
        return lines.joined(separator: "\n")
    }
}
