import ArgumentParser
import Comparison
import Foundation
import HubKit
import HubStore
import MetricEngine
import ReferenceData

/// `hnhub compare`: where one LA stands on every indicator, against its peers, region and England.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare one LA with its peers, region and England on every indicator.",
        discussion: "Counts of 1 to threshold-1 (config disclosure.threshold, default 5), and rates built on them, show as c; with --own the LA's own figures are shown unsuppressed.")

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "3-digit LA code.")
    var la: String

    @Option(name: .long, help: "Period: e.g. 2024/25 (census indicators) or 2024 (calendar); default the latest of each.")
    var period: String?

    @Option(name: .long, help: "england, region, neighbours or group:NAME.")
    var peers: String = "neighbours"

    @Option(name: .customLong("neighbours-edition"), help: "Statistical neighbours edition (default: the newest).")
    var neighboursEdition: String?

    @Flag(name: .long, help: "Show the LA's own figures unsuppressed (its own view).")
    var own = false

    @Option(name: .long, help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument { case table, json }

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        let catalog = hub.loadPlugins(config)
        _ = try hub.computeIndicators(store: store, config: config, catalog: catalog)
        let database = store.database
        let register = LARegister(database: database)
        let region = try register.region(of: la)
        let regionName = region?.name
        let regionMembers = try region.map { try register.members(ofRegion: $0.code) } ?? []
        let neighbours: [String]
        do {
            neighbours = try StatisticalNeighbours(database: database).neighbours(of: la, edition: neighboursEdition).map(\.laCode)
        } catch {
            throw HubFailure.unusable("\(error)")
        }
        let peerCodes: [String]?
        switch peers {
        case "england": peerCodes = nil
        case "region": peerCodes = regionMembers
        case "neighbours": peerCodes = neighbours
        case let group where group.hasPrefix("group:"):
            do {
                peerCodes = try LAGroups.members(of: String(group.dropFirst(6)), in: config.groups, knownCodes: register.knownCodes())
            } catch {
                throw HubFailure.unusable("\(error)")
            }
        default:
            throw HubFailure.unusable("--peers must be england, region, neighbours or group:NAME (got '\(peers)')")
        }

        let control = DisclosureControl(threshold: config.suppressionThreshold)
        var rows: [ComparisonRow] = []
        for definition in try Self.definitions(database) {
            let periods = try database.rows("""
                SELECT DISTINCT period FROM indicator_values WHERE indicator_id = ? AND la_code = ? AND value IS NOT NULL
                ORDER BY period DESC
                """, [.text(definition.id), .text(la)]).compactMap { $0[0].string }
            let wanted = period.map { periods.contains($0) ? $0 : nil } ?? periods.first
            guard let chosen = wanted else { continue }
            let all = try Self.figures(database, indicator: definition.id, period: chosen)
            let previousPeriod = periods.first { $0 < chosen }
            let previous = try previousPeriod.flatMap { try Self.figures(database, indicator: definition.id, period: $0).first { $0.laCode == la } }
            guard let comparison = IndicatorComparison.make(
                definition: definition, focus: la, all: all, previous: previous,
                peers: peerCodes ?? all.map(\.laCode).filter { $0 != la }, neighbours: neighbours,
                regionName: regionName, regionMembers: regionMembers) else { continue }
            // Figures of other LAs shown beside each other: primary and secondary suppression over
            // the region's LAs (their total is shown); the focus LA's own only without --own.
            let regionCells = regionMembers.map { code in all.first { $0.laCode == code }?.numerator }
            let hiddenInRegion = Set(control.suppressedCells(regionCells).map { regionMembers[$0] })
            func hidden(_ figure: Figure) -> Bool {
                if own && figure.laCode == la { return false }
                return control.suppressesFigure(numerator: figure.numerator, denominator: definition.denominator == nil ? nil : figure.denominator)
                    || hiddenInRegion.contains(figure.laCode)
            }
            rows.append(ComparisonRow(definition: definition, period: chosen, comparison: comparison,
                                      focusHidden: hidden(comparison.focus),
                                      hiddenPeers: Set(comparison.peers.filter(hidden).map(\.laCode))))
        }
        switch format {
        case .json: print(try ComparisonRow.json(rows, la: la, peers: peers))
        case .table: print(ComparisonRow.table(rows, la: la, peers: peers, regionName: regionName))
        }
    }

    static func definitions(_ database: Database) throws -> [IndicatorDefinition] {
        try IndicatorTable(database: database).storedDefinitions()
            .sorted { ($0.periodType.rawValue, $0.id) < ($1.periodType.rawValue, $1.id) }
    }

    static func figures(_ database: Database, indicator: String, period: String) throws -> [Figure] {
        try database.rows("""
            SELECT la_code, numerator, denominator, value, source FROM indicator_values WHERE indicator_id = ? AND period = ?
            """, [.text(indicator), .text(period)]).map {
            Figure(laCode: $0[0].string ?? "", numerator: $0[1].double, denominator: $0[2].double, value: $0[3].double,
                   source: $0[4].string)
        }
    }
}

/// One line of `compare` output.
struct ComparisonRow {
    var definition: IndicatorDefinition
    var period: String
    var comparison: IndicatorComparison
    var focusHidden: Bool
    var hiddenPeers: Set<String>

    static func number(_ value: Double?) -> String { value.map(Number.text) ?? "-" }

    static func table(_ rows: [ComparisonRow], la: String, peers: String, regionName: String?) -> String {
        var table = TextTable(header: ["indicator", "period", la, "num/den", "rank", "band", "neighbours", peers + " median",
                                       regionName ?? "region", "England", "change", "outlier"],
                              rightAligned: [2, 4, 6, 7, 8, 9, 10])
        for row in rows {
            let c = row.comparison
            let peerValues = c.peers.filter { !row.hiddenPeers.contains($0.laCode) }.compactMap(\.value)
            table.rows.append([
                row.definition.id, row.period, row.focusHidden ? "c" : number(c.focus.value),
                row.focusHidden ? "c" : "\(number(c.focus.numerator))/\(number(c.focus.denominator))",
                c.rank.map { "\($0) of \(c.rankedCount)" } ?? "", c.band?.rawValue ?? "",
                c.neighbourMean.map { "\(Number.text($0)) (\(c.neighbourCount))" } ?? "-",
                number(Outliers.median(peerValues)), number(c.region?.value), number(c.england?.value),
                row.focusHidden ? "" : number(c.change), c.outlier ? "yes" : "",
            ])
        }
        return table.render() + "\nrank and band: among all LAs with a value (1 = best); c = suppressed (small numbers)"
    }

    static func json(_ rows: [ComparisonRow], la: String, peers: String) throws -> String {
        func figure(_ f: Figure, hidden: Bool) -> [String: Any] {
            ["la_code": f.laCode, "value": hidden ? NSNull() : (f.value as Any? ?? NSNull()),
             "numerator": hidden ? NSNull() : (f.numerator as Any? ?? NSNull()),
             "denominator": hidden ? NSNull() : (f.denominator as Any? ?? NSNull()), "suppressed": hidden,
             "source": f.source ?? "returns"]
        }
        func aggregate(_ a: AggregateFigure?) -> Any {
            guard let a else { return NSNull() }
            return ["name": a.name, "value": a.value as Any? ?? NSNull(), "numerator": a.numerator,
                    "denominator": a.denominator as Any? ?? NSNull(), "la_count": a.laCount]
        }
        let objects: [[String: Any]] = rows.map { row in
            let c = row.comparison
            return [
                "indicator": row.definition.id, "period": row.period, "unit": row.definition.unit.rawValue,
                "polarity": row.definition.polarity.rawValue, "la": figure(c.focus, hidden: row.focusHidden),
                "rank": c.rank as Any? ?? NSNull(), "ranked_count": c.rankedCount,
                "band": c.band?.rawValue as Any? ?? NSNull(),
                "neighbour_mean": c.neighbourMean as Any? ?? NSNull(), "neighbour_count": c.neighbourCount,
                "peer_set": peers, "peers": c.peers.map { figure($0, hidden: row.hiddenPeers.contains($0.laCode)) },
                "region": aggregate(c.region), "england": aggregate(c.england),
                "change": row.focusHidden ? NSNull() : (c.change as Any? ?? NSNull()), "outlier": c.outlier,
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
