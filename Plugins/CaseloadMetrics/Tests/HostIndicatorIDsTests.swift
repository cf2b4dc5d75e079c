import CaseloadMetrics
import Foundation
import HubKit
import HubTestSupport
import Testing

/// The host knows indicators only through the metric plugins' declarations (docs/writing-plugins.md,
/// "What the host knows of an indicator"): no Swift file under `Sources/` spells an indicator id a
/// built-in metric plugin declares. Comments and doc comments count as much as code: a comment that
/// names an indicator states a rule about it that only its declaration should state, and goes stale
/// when the plugin changes. The test lives with the caseload plugin, the only built-in plugin that
/// declares indicators, because the host's own test targets never link a plugin (docs/testing.md).
@Suite struct HostIndicatorIDsTests {
    /// File -> the ids it may spell: strings of another contract that are spelled like an indicator,
    /// each written once, with a comment naming the doc that fixes it.
    static let allowed: [String: Set<String>] = [
        // The forecast's caseload measure in its JSON output (docs/forecasting.md, "Commands").
        "Sources/Forecasting/Forecast/ForecastMeasure.swift": ["ehcp_caseload"],
        // The joiners column of the forecast's components.csv (docs/forecasting.md, "Components").
        "Sources/Exports/ForecastFiles.swift": ["new_plans"],
    ]

    /// Every indicator id the built-in metric plugins declare.
    static let ids = Set(metricProviders.flatMap(\.indicators).map(\.id))

    /// The words of `line`: letters, digits and `_` make a word, so `ehcp_caseload_change` does not
    /// spell `ehcp_caseload`.
    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
    }

    /// `file:line: id` for every indicator id `text` spells, except those `file` may spell.
    static func mentions(in text: String, file: String) -> [String] {
        let allowed = Self.allowed[file] ?? []
        var found: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for word in words(String(line)) where ids.contains(word) && !allowed.contains(word) {
                found.append("\(file):\(number + 1): \(word)")
            }
        }
        return found
    }

    @Test func noSwiftFileOfTheHostSpellsAnIndicatorID() throws {
        #expect(Self.ids.count == 48)
        let root = packageRoot + "/"
        let files = try #require(FileManager.default.enumerator(atPath: root + "Sources")).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }.map { "Sources/" + $0 }.sorted()
        #expect(files.count > 100)
        var found: [String] = []
        for file in files {
            found += Self.mentions(in: try String(contentsOfFile: root + file, encoding: .utf8), file: file)
        }
        #expect(found.isEmpty, """
            the host names indicators only through the metric plugins' declarations (docs/writing-plugins.md): \
            declare it with the indicator, or, for another contract's string, add it to HostIndicatorIDsTests.allowed
            \(found.joined(separator: "\n"))
            """)
        // Each exception is still needed where it is listed.
        for (file, ids) in Self.allowed {
            let spelled = Set(Self.words(try String(contentsOfFile: root + file, encoding: .utf8)))
            for id in ids {
                #expect(spelled.contains(id), "\(file) no longer spells \(id): take it out of the allowed list")
            }
        }
    }

    @Test func anIDInCodeOrCommentIsFoundAndALongerWordIsNot() {
        let text = """
            /// Counts plans like ehcp_caseload does.
            let measure = "ehcp_caseload_change"
            let id = "tribunal_rate", other = "need_share_ASD"
            """
        #expect(Self.mentions(in: text, file: "Sources/X/Y.swift") == [
            "Sources/X/Y.swift:1: ehcp_caseload",
            "Sources/X/Y.swift:3: tribunal_rate",
            "Sources/X/Y.swift:3: need_share_ASD",
        ])
        #expect(Self.mentions(in: "let m = \"ehcp_caseload\"", file: "Sources/Forecasting/Forecast/ForecastMeasure.swift").isEmpty)
    }

    /// The other plugins the hub ships register importers only; one that declares indicators must add
    /// its ids to `ids` above. Only the shipped plugins are read: a plugin a user adds with
    /// `hnhub plugin new` may declare indicators of its own without breaking this test
    /// (docs/writing-plugins.md, "Adding a plugin never breaks the tests").
    static let shippedImporterPlugins = ["Establishments", "PlacementCosts", "Population", "PublishedStatistics", "SEN2Blade",
                                         "SEN2XML", "StatisticalNeighbours"]

    @Test func onlyTheCaseloadPluginDeclaresIndicators() throws {
        for plugin in Self.shippedImporterPlugins {
            let entry = try String(contentsOfFile: "\(packageRoot)/Plugins/\(plugin)/Entry/Entry.swift", encoding: .utf8)
            #expect(!entry.contains("metrics:"), "Plugins/\(plugin) registers metrics: read their indicator ids here too")
        }
    }
}
