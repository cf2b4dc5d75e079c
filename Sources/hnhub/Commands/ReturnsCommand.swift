import ArgumentParser
import Foundation
import HubKit
import HubStore

/// `hnhub returns`: the import history.
struct ReturnsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "returns", abstract: "List imported returns, current and replaced (history).")

    @OptionGroup var hub: HubOptions

    @Flag(name: .long, help: "Include reference data sets (establishments, population, costs).")
    var all = false

    @Flag(name: .long, help: "List children who appear in two or more LAs' returns of the same year (transfers or double counting).")
    var overlaps = false

    @Option(name: .long, help: "Show the validation findings stored with this import id.")
    var findings: Int64?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        if overlaps { return try printOverlaps(store) }
        if let findings { return try printFindings(store, importID: findings) }
        let entries = try ImportLedger(database: store.database).entries(dataset: all ? nil : "sen2-return")
        // Designated medical, clinical and social care officers as each return states them (Y, N, R).
        let officers = try ReturnSources(database: store.database).designatedOfficers()
        if json {
            let objects: [[String: Any]] = entries.map { e in
                var o: [String: Any] = [
                    "import_id": e.id, "dataset": e.dataset, "source": e.sourceName, "sha256": e.checksum,
                    "importer": e.importerID, "importer_version": e.importerVersion, "imported_at": e.importedAt,
                    "records": e.records, "quarantined": e.quarantined, "errors": e.errors, "warnings": e.warnings,
                    "current": e.isCurrent,
                ]
                o["la_code"] = e.laCode ?? NSNull()
                o["collection_year"] = e.collectionYear ?? NSNull()
                o["census_date"] = e.censusDate ?? NSNull()
                o["superseded_by"] = e.supersededBy ?? NSNull()
                o["minimisation"] = e.minimisation ?? NSNull()  // docs/governance.md, "Minimisation"
                if let stated = officers[e.id] {
                    o["designated_officers"] = ["dmo": stated.medical ?? NSNull(), "dco": stated.clinical ?? NSNull(),
                                                "dsco": stated.socialCare ?? NSNull()] as [String: Any]
                }
                return o
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if entries.isEmpty {
            print("no \(all ? "imports" : "returns") yet; add some with: hnhub import FILE")
            return
        }
        var table = TextTable(header: ["import", "dataset", "la", "year", "census", "records", "quarantined",
                                       "warnings", "officers", "imported at", "importer", "status", "source"],
                              rightAligned: [0, 5, 6, 7])
        table.rows = entries.map { e in
            [String(e.id), e.dataset, e.laCode ?? "", e.collectionYear.map(String.init) ?? "", e.censusDate ?? "",
             String(e.records), String(e.quarantined), String(e.warnings), officers[e.id]?.summary ?? "", e.importedAt,
             "\(e.importerID) \(e.importerVersion)",
             e.supersededBy.map { "replaced by #\($0)" } ?? "current", e.sourceName]
        }
        print(table.render())
    }

    func printOverlaps(_ store: Store) throws {
        let overlaps = try PersonOverlaps(database: store.database).all()
        if json {
            let objects: [[String: Any]] = overlaps.map { o in
                ["collection_year": o.collectionYear, "pseudonym": o.pseudonym,
                 "appearances": o.appearances.map { a in
                     ["la_code": a.laCode, "import_id": a.importID, "person_index": a.personIndex,
                      "exported": a.exportedTo, "transfer_la": a.transferLA,
                      "active_plan_at_census": a.activePlanAtCensus] as [String: Any]
                 }]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if overlaps.isEmpty {
            print("no child appears in more than one LA's return of the same year")
            return
        }
        var table = TextTable(header: ["year", "child (pseudonym)", "la", "import", "person", "exported", "transfer la",
                                       "active plan at census"])
        for o in overlaps {
            for a in o.appearances {
                table.rows.append([String(o.collectionYear), String(o.pseudonym.prefix(12)), a.laCode, "#\(a.importID)",
                                   String(a.personIndex), a.exportedTo.joined(separator: " "),
                                   a.transferLA.joined(separator: " "), a.activePlanAtCensus ? "yes" : "no"])
            }
        }
        print(table.render())
        let both = overlaps.filter { $0.appearances.filter(\.activePlanAtCensus).count > 1 }.count
        print("\(overlaps.count) children in more than one return; \(both) with an active plan at the census in more than one (counted twice in the pooled caseload)")
    }

    func printFindings(_ store: Store, importID: Int64) throws {
        guard let entry = try ImportLedger(database: store.database).entry(id: importID) else {
            throw HubFailure.unusable("no import with id \(importID); see `hnhub returns --all`")
        }
        let stored = StoredFindings(database: store.database)
        print("import #\(entry.id) \(entry.sourceName): \(entry.records) stored, \(entry.quarantined) quarantined, \(entry.errors) errors, \(entry.warnings) warnings")
        for count in try stored.ruleCounts(importID: importID) {
            print("\(count.severity.uppercased()) \(count.rule): \(count.count)")
            for e in try stored.findings(importID: importID, rule: count.rule, limit: 5) {
                let place = [e.personIndex.map { "person \($0)" }, e.line.map { "line \($0)" }, e.path]
                    .compactMap { $0 }.joined(separator: ", ")
                print("    \(place):\(e.value.map { " value '\($0)'" } ?? "") \(e.message)")
            }
        }
        let quarantined = try stored.quarantined(importID: importID)
        if !quarantined.isEmpty {
            print("quarantined persons (held back from every indicator):")
            for q in quarantined {
                print("    person \(q.personIndex)\(q.line.map { ", line \($0)" } ?? ""): \(q.rules.joined(separator: ","))")
            }
        }
    }
}
