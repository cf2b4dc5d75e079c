import Foundation
import HubKit

/// A stored indicator value with its definition's unit, as outputs read it.
package struct StoredIndicatorValue: Sendable, Hashable {
    package var indicatorID: String
    package var laCode: String
    package var period: String
    package var periodType: String
    package var numerator: Double?
    package var denominator: Double?
    package var value: Double?
    package var unavailableReason: String?
    package var unit: String
    package var polarity: String
    /// Nil for figures computed from the hub's returns; else where they come from.
    package var source: String?
    /// Set by disclosure control: the figure must show as `c`.
    package var suppressed = false
}

/// Reads and writes `indicator_definitions` and `indicator_values`.
package struct IndicatorTable {
    package let database: Database
    package init(database: Database) { self.database = database }

    /// The indicator tables this table writes.
    static let tables = ["indicator_definitions", "indicator_values"]

    /// On a read-only connection (a store the user may read but not write): copies the indicator
    /// tables into temporary tables of the same shape, which shadow them on this connection only,
    /// so indicators computed now can be saved and read back without writing the file
    /// (docs/input-rules.md). Does nothing once done.
    package func shadowInTemporaryTables() throws {
        for table in Self.tables {
            let shadowed = try database.scalar("SELECT count(*) FROM temp.sqlite_master WHERE name = ?", [.text(table)])?.int ?? 0
            guard shadowed == 0,
                  let sql = try database.scalar("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?",
                                                [.text(table)])?.string,
                  sql.hasPrefix("CREATE TABLE ") else { continue }
            try database.execute("CREATE TEMP TABLE " + sql.dropFirst("CREATE TABLE ".count))
            try database.execute("INSERT INTO temp.\(table) SELECT * FROM main.\(table)")
        }
    }

    /// Replaces the definitions a provider declares and every value it wrote (in the caller's
    /// transaction). Results may also be for indicators another provider declared (e.g. published
    /// figures for LAs whose returns the hub does not hold); a result for an unknown id is skipped.
    package func replace(definitions: [IndicatorDefinition], results: [IndicatorResult],
                        providerID: String, providerVersion: String, computedAt: String) throws {
        try database.execute("DELETE FROM indicator_values WHERE provider_id = ?", [.text(providerID)])
        var byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for definition in try storedDefinitions() where byID[definition.id] == nil { byID[definition.id] = definition }
        for definition in definitions {
            try database.execute("""
                INSERT OR REPLACE INTO indicator_definitions (id, title, unit, polarity, period_type, numerator,
                    denominator, sources, provider_id, provider_version, counts, presentation)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """, [.text(definition.id), .text(definition.title), .text(definition.unit.rawValue),
                      .text(definition.polarity.rawValue), .text(definition.periodType.rawValue),
                      .text(definition.numerator), SQLValue(definition.denominator),
                      .text(definition.sources.map(\.rawValue).joined(separator: ",")),
                      .text(providerID), .text(providerVersion), SQLValue(Self.json(definition.counts)),
                      SQLValue(Self.json(definition.presentation))])
        }
        let insert = try database.prepare("""
            INSERT OR REPLACE INTO indicator_values (indicator_id, la_code, period, period_type, numerator,
                denominator, value, unavailable_reason, source, provider_id, computed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)
            """)
        for result in results {
            guard let definition = byID[result.indicatorID] else { continue }
            let value = result.numerator.flatMap { definition.value(numerator: $0, denominator: result.denominator) }
            insert.bind(result.indicatorID, at: 1)
            insert.bind(result.laCode, at: 2)
            insert.bind(result.period.label, at: 3)
            insert.bind(result.period.type.rawValue, at: 4)
            insert.bind(result.numerator, at: 5)
            insert.bind(result.denominator, at: 6)
            insert.bind(value, at: 7)
            insert.bind(result.unavailableReason, at: 8)
            insert.bind(result.source, at: 9)
            insert.bind(providerID, at: 10)
            insert.bind(computedAt, at: 11)
            try insert.insert()
        }
        // The figures of returns that retention deleted stand where nothing can be computed any
        // more (docs/governance.md, "Retention").
        try database.execute("""
            DELETE FROM indicator_values WHERE provider_id = ?1 AND value IS NULL AND EXISTS (
                SELECT 1 FROM retained_indicator_values r WHERE r.provider_id = ?1 AND r.indicator_id = indicator_values.indicator_id
                    AND r.la_code = indicator_values.la_code AND r.period = indicator_values.period)
            """, [.text(providerID)])
        try database.execute("""
            INSERT OR IGNORE INTO indicator_values (indicator_id, la_code, period, period_type, numerator, denominator, value,
                unavailable_reason, source, provider_id, computed_at)
            SELECT indicator_id, la_code, period, period_type, numerator, denominator, value, unavailable_reason, source,
                   provider_id, computed_at FROM retained_indicator_values WHERE provider_id = ?1
            """, [.text(providerID)])
    }

    /// Stored values, filtered.
    package func values(indicators: [String] = [], laCodes: [String] = [], period: String? = nil) throws
        -> [StoredIndicatorValue] {
        var conditions: [String] = []
        var args: [SQLValue] = []
        if !indicators.isEmpty {
            conditions.append("v.indicator_id IN (\(Array(repeating: "?", count: indicators.count).joined(separator: ",")))")
            args += indicators.map { .text($0) }
        }
        if !laCodes.isEmpty {
            conditions.append("v.la_code IN (\(Array(repeating: "?", count: laCodes.count).joined(separator: ",")))")
            args += laCodes.map { .text($0) }
        }
        if let period {
            conditions.append("v.period = ?")
            args.append(.text(period))
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try database.rows("""
            SELECT \(Self.valueColumns)
            FROM indicator_values v JOIN indicator_definitions d ON d.id = v.indicator_id
            \(whereClause)
            ORDER BY v.indicator_id, v.period, v.la_code
            """, args).map(Self.storedValue)
    }

    /// Every stored value, with or without a stored definition (the unit and polarity are empty
    /// without one), by indicator, period and LA.
    package func allValues() throws -> [StoredIndicatorValue] {
        try database.rows("""
            SELECT \(Self.valueColumns)
            FROM indicator_values v LEFT JOIN indicator_definitions d ON d.id = v.indicator_id
            ORDER BY v.indicator_id, v.period, v.la_code
            """).map(Self.storedValue)
    }

    /// The columns ``storedValue(_:)`` reads, of `indicator_values v` and `indicator_definitions d`.
    static let valueColumns = """
        v.indicator_id, v.la_code, v.period, v.period_type, v.numerator, v.denominator, v.value, \
        v.unavailable_reason, d.unit, d.polarity, v.source
        """

    static func storedValue(_ row: [SQLValue]) -> StoredIndicatorValue {
        StoredIndicatorValue(indicatorID: row[0].string ?? "", laCode: row[1].string ?? "",
                             period: row[2].string ?? "", periodType: row[3].string ?? "",
                             numerator: row[4].double, denominator: row[5].double, value: row[6].double,
                             unavailableReason: row[7].string, unit: row[8].string ?? "",
                             polarity: row[9].string ?? "", source: row[10].string)
    }

    /// True when some value (a figure or a reason it is unavailable) is stored for `laCode`.
    package func hasValues(laCode: String) throws -> Bool {
        try database.scalar("SELECT EXISTS (SELECT 1 FROM indicator_values WHERE la_code = ?)", [.text(laCode)])?.int == 1
    }

    /// Removes every value and definition a provider stored (in the caller's transaction): for a
    /// metric that no longer exists, whose figures must not stay in any output.
    package func remove(providerID: String) throws {
        try database.execute("DELETE FROM indicator_values WHERE provider_id = ?", [.text(providerID)])
        try database.execute("DELETE FROM indicator_definitions WHERE provider_id = ?", [.text(providerID)])
    }

    /// The provider that declared each stored indicator definition, by indicator id.
    package func providers() throws -> [String: String] {
        var providers: [String: String] = [:]
        for row in try database.rows("SELECT id, provider_id FROM indicator_definitions") {
            if let id = row[0].string, let provider = row[1].string { providers[id] = provider }
        }
        return providers
    }

    /// The definitions every provider has declared so far, without their `inputs`: only
    /// `hnhub validate --importer` reads those, from the plugins it has loaded (docs/writing-plugins.md).
    package func storedDefinitions() throws -> [IndicatorDefinition] {
        try database.rows("""
            SELECT id, title, unit, polarity, period_type, numerator, denominator, sources, counts, presentation
            FROM indicator_definitions
            """).compactMap { row in
            guard let id = row[0].string, let unit = row[2].string.flatMap(IndicatorUnit.init(rawValue:)),
                  let polarity = row[3].string.flatMap(Polarity.init(rawValue:)),
                  let type = row[4].string.flatMap(PeriodType.init(rawValue:)) else { return nil }
            return IndicatorDefinition(id: id, title: row[1].string ?? id, unit: unit, polarity: polarity, periodType: type,
                                       numerator: row[5].string ?? "", denominator: row[6].string,
                                       sources: (row[7].string ?? "").split(separator: ",").compactMap { IndicatorSource(rawValue: String($0)) },
                                       counts: row[8].string.flatMap { try? JSONDecoder().decode(IndicatorCounts.self, from: Data($0.utf8)) },
                                       presentation: row[9].string.flatMap {
                                           try? JSONDecoder().decode(IndicatorPresentation.self, from: Data($0.utf8))
                                       } ?? IndicatorPresentation())
        }
    }

    /// A definition's count structure or presentation as stored (sorted keys, so the same
    /// definition gives the same text).
    static func json(_ value: (some Encodable)?) -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
