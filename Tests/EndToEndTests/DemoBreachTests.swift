import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import ReferenceData
import SEN2XMLImporter
import Testing
import Validation
@testable import DemoData

/// `hnhub demo --with-errors`: every validation rule that a return the hub validates can break is
/// broken, each in one person, and `SEN2Validator` finds exactly what `intended-breaches.csv`
/// lists: no breach missed, none extra.
@Suite struct DemoBreachTests {
    /// A breach as the manifest lists it or the validator finds it.
    struct Finding: Hashable, CustomStringConvertible {
        let file: String
        let person: Int?
        let ruleID: String
        var description: String { "\(file) #\(person.map(String.init) ?? "header") \(ruleID)" }
    }

    static func options() throws -> DemoOptions {
        try DemoSetImportTests.options(withErrors: true)
    }

    @Test func theValidatorFindsExactlyTheIntendedBreaches() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let summary = try DemoGenerator(options: Self.options(), catalogue: DemoSetImportTests.catalogue()).write(to: folder.path)
        let intended = try Self.manifest(folder.path("intended-breaches.csv"))
        #expect(Set(summary.breaches.map { Finding(file: $0.file, person: $0.person, ruleID: $0.ruleID) }) == intended)

        let register = try GIASRows(folder.path("establishments.csv"))
        let urns = Set(register.rows.keys)
        let reference = try BundledReference.collectionReference(from: "\(packageRoot)/Datasets")
        var found = Set<Finding>()
        let returns = try folder.files().filter { $0.hasSuffix(".xml") }
        for name in returns {
            let reader = try DemoReturnReader.read(folder.path(name))
            #expect(reader.fileIssues.isEmpty, "\(name): \(reader.fileIssues)")
            var validator = SEN2Validator(header: try #require(reader.header), reference: reference,
                                          establishmentKnown: { urns.contains($0) })
            for issue in validator.validateHeader() { found.insert(Finding(file: name, person: nil, ruleID: issue.ruleID)) }
            for person in reader.persons {
                #expect(person.issues.isEmpty, "\(name) #\(person.location.index): \(person.issues)")
                for issue in validator.validate(person) + validator.takeEarlierPersonIssues() {
                    found.insert(Finding(file: name, person: issue.location?.index, ruleID: issue.ruleID))
                }
            }
        }
        #expect(found.subtracting(intended).sorted(by: { $0.description < $1.description }) == [], "found but not intended")
        #expect(intended.subtracting(found).sorted(by: { $0.description < $1.description }) == [], "intended but not found")
        // One breach per person.
        let persons = intended.filter { $0.person != nil }.map { "\($0.file)#\($0.person!)" }
        #expect(Set(persons).count == persons.count)
    }

    @Test func everyRuleOfTheCatalogueIsBrokenOrExplained() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let summary = try DemoGenerator(options: Self.options(), catalogue: DemoSetImportTests.catalogue()).write(to: folder.path)
        let broken = Set(summary.breaches.map(\.ruleID))
        let explained = Set(summary.unbrokenRules.map(\.ruleID))
        #expect(explained == ["SEN2-HEADER-COLLECTION", "SEN2-HEADER-LEA"])
        #expect(broken.union(explained) == Set(ValidationRule.catalogue.map(\.id)))
        #expect(broken.isDisjoint(with: explained))
        for breach in summary.breaches {
            #expect(ValidationRule.rule(id: breach.ruleID)?.severity.rawValue == breach.severity, "\(breach.ruleID)")
        }
        let manifest = try folder.text("intended-breaches.csv")
        #expect(manifest.contains("#   SEN2-HEADER-LEA: the SEN2 XML importer rejects"))
        // Breaches are spread over the authorities and years.
        #expect(Set(summary.breaches.map(\.file)).count >= 10)
    }

    @Test func importedThroughTheHubTheErrorsAreQuarantinedAndTheWarningsKept() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let summary = try DemoGenerator(options: Self.options(), catalogue: DemoSetImportTests.catalogue()).write(to: folder.path("set"))
        let hub = try DemoSetImportTests.Hub(folder: folder)
        var quarantined = 0, warnings = 0
        for outcome in hub.runner.run(path: folder.path("set")) {
            guard case let .imported(entry, _, _) = outcome else { continue }
            quarantined += entry.quarantined
            warnings += entry.warnings
        }
        let persons = summary.breaches.filter { $0.person != nil }
        #expect(quarantined == persons.filter { $0.severity == "error" }.count)
        #expect(warnings >= persons.filter { $0.severity == "warning" }.count)
        let stored = try hub.rows("SELECT DISTINCT rule_id FROM validation_issues ORDER BY 1").map { $0[0] }
        #expect(Set(stored) == Set(persons.map(\.ruleID)))

        // The header breaches: the four errors are refused whole; the two warnings are kept with empty returns.
        let headers = hub.runner.run(path: folder.path("set/header-breaches"))
        #expect(headers.count == 6)
        let rejected = headers.compactMap { outcome -> String? in
            if case let .rejected(_, reason) = outcome { return reason }
            return nil
        }
        #expect(rejected.count == 4)
        for rule in ["SEN2-HEADER-YEAR]", "SEN2-HEADER-REFDATE-YEAR]", "SEN2-HEADER-CENSUS-DAY]", "SEN2-HEADER-LEA-UNKNOWN]"] {
            #expect(rejected.contains { $0.contains("[" + rule) }, "\(rule) not among the rejections")
        }
    }

    /// The rows of `intended-breaches.csv` (comment lines start with `#`).
    static func manifest(_ path: String) throws -> Set<Finding> {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.first == "file,person_index,rule_id,severity,change")
        return Set(lines.dropFirst().map { line in
            let fields = CSVLine.fields(String(line))
            return Finding(file: fields[0], person: Int(fields[1]), ruleID: fields[2])
        })
    }
}
