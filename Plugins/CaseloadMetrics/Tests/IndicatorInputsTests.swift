import CaseloadMetrics
import Foundation
import HubKit
import HubTestSupport
import MappingImporters
import Testing

/// The SEN2 elements the built-in indicators declare as their `inputs`, by which
/// `hnhub validate --importer` names the indicators a mapping's empty column or constant moves:
/// each is an element a mapping fills, and docs/mapping-importers.md's table "Which fields feed
/// which indicators" says the same.
@Suite struct IndicatorInputsTests {
    static let definitions = metricProviders.flatMap(\.indicators)
    static let inputs = IndicatorInputs(definitions)

    @Test func everyBuiltInIndicatorReadsElementsAMappingFills() {
        #expect(Self.definitions.count == 48)
        for definition in Self.definitions {
            #expect(!definition.inputs.isEmpty, "\(definition.id) declares no inputs")
            for element in definition.inputs {
                #expect(MappingTarget.elements[element.section]?[element.name] != nil,
                        "\(definition.id) declares \(element), which is no element a mapping fills")
            }
        }
    }

    @Test func eachElementFeedsTheIndicatorsThatDeclareIt() {
        #expect(Self.inputs.byElement.count == 21)
        #expect(Self.inputs.byElement["assessment.Week20"] == ["timeliness_20wk_excl"])
        #expect(Self.inputs.byElement["request.RequestTribunal"] == ["tribunal_rate"])
        #expect(Self.inputs.byElement["plan.CeaseReason"] == ["ceased_needs_met_share"])
        #expect(Self.inputs.byElement["placements.UKPRN"] == ["post16_fe_share", "placement_unknown_share"])
        #expect(Self.inputs.byElement["request.ReceivedDate"] == [
            "requests_received", "requests_refused_rate", "timeliness_20wk_incl", "timeliness_20wk_excl",
            "request_decisions_within_6_weeks",
        ])
        #expect(Self.inputs.byElement["person.PersonBirthDate"] == [
            "post16_share", "age_band_share_under5", "age_band_share_5to10", "age_band_share_11to15",
            "age_band_share_16to19", "age_band_share_20to25",
        ])
        #expect(MappingWarning.listed(Self.inputs.byElement["person.PersonBirthDate"]!) == "post16_share, age_band_share_*")
        #expect(MappingWarning.listed(Self.inputs.byElement["needs.SENtype"]!) == "need_share_*")
        #expect(MappingWarning.listed(Self.inputs.byElement["plan.CeaseDate"]!)
                == "ehcp_caseload, ehcp_growth_1y, ehcp_rate_0_25 and 20 more indicators (docs/mapping-importers.md)")
    }

    /// One row of the page's table: the elements of its first column (`section.Element`; an
    /// element without a section belongs to the one before it) and the names in backquotes of its
    /// second.
    struct DocumentedRow {
        var elements: [SEN2Element]
        var names: [String]
    }

    static func documentedRows() throws -> [DocumentedRow] {
        let page = try String(contentsOfFile: packageRoot + "/docs/mapping-importers.md", encoding: .utf8)
        let table = try #require(page.components(separatedBy: "## Which fields feed which indicators").dropFirst().first)
            .components(separatedBy: "\n## ")[0]
        var rows: [DocumentedRow] = []
        for line in table.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|")
            var section = ""
            var elements: [SEN2Element] = []
            for name in cells[0].split(separator: ",") {
                let parts = name.trimmingCharacters(in: CharacterSet(charactersIn: "` ")).split(separator: ".")
                if parts.count == 2 { section = String(parts[0]) }
                elements.append(SEN2Element(section: section, name: String(parts.last!)))
            }
            let names = cells[1].split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            rows.append(DocumentedRow(elements: elements, names: names))
        }
        return rows
    }

    @Test func theDocsListTheDeclaredElements() throws {
        let documented = try Self.documentedRows().flatMap(\.elements)
        #expect(Set(documented.map(\.description)) == Set(Self.inputs.byElement.keys.map(\.description)))
        #expect(documented.count == Set(documented).count)
    }

    /// Each indicator a row names (`need_share_*`: every need share) is fed by one of the row's
    /// elements, as declared; a name of one of the row's elements (`CeaseDate also ...`) is no indicator.
    @Test func everyIndicatorTheDocsNameIsFedByItsRow() throws {
        let rows = try Self.documentedRows()
        #expect(rows.count == 13)
        for row in rows {
            let fed = row.elements.flatMap { Self.inputs.byElement[$0] ?? [] }
            for name in row.names where !row.elements.contains(where: { $0.name == name }) {
                let known = name.hasSuffix("*") ? fed.contains { $0.hasPrefix(name.dropLast()) } : fed.contains(name)
                #expect(known, "docs/mapping-importers.md: \(row.elements) lists \(name), which none of them feeds")
            }
        }
    }
}
