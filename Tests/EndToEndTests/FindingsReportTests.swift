import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import Testing
@testable import DemoData

/// After each import the LA gets a findings report (CSV and HTML) with every error and warning, the
/// person's position and the LA's own reference for the child, which the store never holds
/// (docs/governance.md, "Findings reports").
@Suite struct FindingsReportTests {
    /// Two authorities, one year: every breach `--with-errors` can place.
    static func options() throws -> DemoOptions {
        DemoOptions(authorities: try DemoSetImportTests.catalogue().named(["800", "801"]), persons: .perAuthority(60),
                    seed: 7, years: [2025], withErrors: true)
    }

    /// One row of a findings report's CSV.
    struct Row {
        var severity, rule, person, element, value, reference: String
    }

    static func rows(_ path: String) throws -> [Row] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "severity,rule_id,person,line,file,element,value,la_reference,message")
        return lines.dropFirst().map { line in
            let f = CSVLine.fields(String(line))
            return Row(severity: f[0], rule: f[1], person: f[2], element: f[5], value: f[6], reference: f[7])
        }
    }

    @Test func theReportOfAWithErrorsDemoReturnListsExactlyTheIntendedBreaches() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        _ = try DemoGenerator(options: Self.options(), catalogue: DemoSetImportTests.catalogue()).write(to: folder.path("set"))
        let hub = try DemoSetImportTests.Hub(folder: folder)
        var runner = hub.runner
        let root = folder.path("findings")
        runner.findingsReports = root
        let headerFiles = try folder.files(in: "set/header-breaches").map { "set/header-breaches/\($0)" }
        var reports: [String: String] = [:]  // file of the set -> its findings report
        for path in [folder.path("set")] + headerFiles.map(folder.path) {
            for outcome in runner.run(path: path) {
                guard case let .imported(entry, _, _) = outcome, entry.dataset == "sen2-return" else { continue }
                let paths = ImportRunner.findingsReportPaths(root: root, laCode: entry.laCode!, collectionYear: entry.collectionYear!,
                                                             importID: entry.id)
                let relative = String(entry.sourceName.dropFirst(folder.path("set").count + 1))
                reports[relative] = paths.csv
                #expect(FileManager.default.fileExists(atPath: paths.html))
            }
        }
        // The returns: two generated, and the two header breaches that are warnings (the errors are refused whole).
        #expect(reports.keys.sorted() == ["header-breaches/sen2-800-2025-officer.xml", "header-breaches/sen2-800-2027.xml",
                                         "sen2-800-2025.xml", "sen2-801-2025.xml"])

        var found = Set<DemoBreachTests.Finding>()
        var references: [String: String] = [:]  // "file#person" -> LA reference
        for (file, report) in reports {
            for row in try Self.rows(report) {
                found.insert(DemoBreachTests.Finding(file: file, person: Int(row.person), ruleID: row.rule))
                if !row.person.isEmpty { references["\(file)#\(row.person)"] = row.reference }
            }
        }
        let intended = try DemoBreachTests.manifest(folder.path("set/intended-breaches.csv"))
            .filter { reports[$0.file] != nil }
        #expect(found.subtracting(intended).map(\.description).sorted() == [], "reported but not intended")
        #expect(intended.subtracting(found).map(\.description).sorted() == [], "intended but not reported")
        #expect(intended.count >= 40)

        // Each person's reference is the identifier the LA sent: its UPN, else ULN, else initials and birth date.
        var upns: [String] = []
        for file in ["sen2-800-2025.xml", "sen2-801-2025.xml"] {
            for person in try DemoReturnReader.read(folder.path("set/\(file)")).persons {
                guard let reference = references["\(file)#\(person.location.index)"] else { continue }
                if let upn = person.identifiers.upn, !upn.isEmpty {
                    #expect(reference == "UPN \(upn)")
                    upns.append(upn)
                } else if let uln = person.identifiers.uniqueLearnerNumber, !uln.isEmpty {
                    #expect(reference == "ULN \(uln)")
                } else {
                    #expect(reference.hasPrefix("initials ") || reference.contains("born "), "\(reference)")
                }
            }
        }
        #expect(upns.count >= 30)
        // ... and the store never holds them: not in any table, nor anywhere in the file's bytes.
        try hub.store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.path("hub.sqlite")))
        for upn in upns { #expect(bytes.range(of: Data(upn.utf8)) == nil, "\(upn) is in the store") }

        // Only the reports of stored returns are left, each readable by its owner only, and recorded.
        let left = try DemoScratchFolder.files(under: root)
        #expect(left.count == 8 && left.allSatisfy { $0.hasSuffix(".csv") || $0.hasSuffix(".html") }, "\(left)")
        for name in left {
            let mode = try FileManager.default.attributesOfItem(atPath: "\(root)/\(name)")[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
        #expect(try OutputRegister(database: hub.store.database).files().filter { $0.kind == "findings-report" }.count == 8)
        let html = try String(contentsOfFile: reports["sen2-800-2025.xml"]!.replacingOccurrences(of: ".csv", with: ".html"),
                              encoding: .utf8)
        #expect(html.contains("<strong>For LA 800 only.</strong>"))
        #expect(html.contains("<td>SEN2-CODE-SEX</td><td>error</td><td class=\"num\">1</td><td>"))
    }
}
