import CaseloadMetrics
import Foundation
import HubKit
import HubTestSupport
import MappingImporters
import Testing

/// The table of which SEN2 elements feed which indicators, as `validate --importer` uses it
/// (`IndicatorInputs`) and as docs/mapping-importers.md shows it, names real indicators and the
/// same elements.
@Suite struct IndicatorInputsTests {
    @Test func everyIndicatorNamedIsOneTheBuiltInPluginsDeclare() {
        let providers: [any MetricProvider] = [CaseloadMetricProvider(), WorkMetricProvider(), CostMetricProvider()]
        let declared = providers.flatMap { $0.indicators.map(\.id) }
        for (element, indicators) in IndicatorInputs.byElement {
            for id in indicators {
                let known = id.hasSuffix("*") ? declared.contains { $0.hasPrefix(id.dropLast()) } : declared.contains(id)
                #expect(known, "\(element) names \(id), which no built-in metric declares")
            }
        }
    }

    /// The elements of the page's table "Which fields feed which indicators": its first column
    /// names `section.Element`, and an element without a section belongs to the one before it.
    static func documentedElements() throws -> Set<String> {
        let page = try String(contentsOfFile: packageRoot + "/docs/mapping-importers.md", encoding: .utf8)
        let table = try #require(page.components(separatedBy: "## Which fields feed which indicators").dropFirst().first)
            .components(separatedBy: "\n## ")[0]
        var elements: Set<String> = []
        for row in table.split(separator: "\n") where row.hasPrefix("| `") {
            var section = ""
            for name in row.split(separator: "|")[0].split(separator: ",") {
                let parts = name.trimmingCharacters(in: CharacterSet(charactersIn: "` ")).split(separator: ".")
                if parts.count == 2 { section = String(parts[0]) }
                elements.insert("\(section).\(parts.last!)")
            }
        }
        return elements
    }

    @Test func theDocsListTheSameElements() throws {
        #expect(try Self.documentedElements() == Set(IndicatorInputs.byElement.keys))
    }
}
