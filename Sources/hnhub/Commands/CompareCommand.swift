import ArgumentParser
import Comparison
import ComparisonTables
import Exports
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

    @Option(name: .long, help: "table, csv or json.")
    var format: Format = .table

    @OptionGroup var purpose: PurposeOption

    enum Format: String, ExpressibleByArgument { case table, csv, json }

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.storeWithIndicators(config).store
        try RequestChecks.knownArea(la, in: store.database, areas: false)
        let purposeScope = try purpose.scope(config, store: store, naming: [la])
        let everyone = try IndicatorSnapshot.load(store.database)
        let snapshot = everyone.leavingOut(purposeScope.leftOut)
        if let period { try RequestChecks.knownPeriod(period, in: snapshot) }
        let lines: [ComparisonLine]
        let peerSet: PeerSet
        let geography: LAGeography
        do {
            peerSet = try PeerSet(parsing: peers)
            geography = try LAGeography.load(store.database, for: [la], neighboursEdition: neighboursEdition,
                                             groups: config.groups)
            if case .group(let name) = peerSet {
                _ = try LAGroups.members(of: name, in: config.groups, knownCodes: LARegister(database: store.database).knownCodes())
            }
            // The hub's one pattern over every LA, region and group, across purposes (docs/disclosure-control.md).
            let pattern = try PurposeOption.pattern(for: purposeScope, config, store: store, snapshot: everyone,
                                                    geography: try LAGeography.loadAll(store.database,
                                                                                       groups: config.groups))
            let audience = Audience(ownLA: own ? la : nil, control: DisclosureControl(threshold: config.suppressionThreshold),
                                    pattern: pattern)
            lines = try LAComparisons(snapshot: snapshot, geography: geography,
                                      audience: audience).lines(for: la, period: period, peers: peerSet)
        } catch let error as ComparisonTablesError {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownGroup {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownCode {
            throw HubFailure.unusable("\(error)")
        }
        if lines.isEmpty, format == .table {
            print("\(geography.name(la)) (\(la)) has no indicator figures\(period.map { " for \($0)" } ?? ""): "
                  + "import its returns (hnhub import), or the published tables (hnhub init)")
            return
        }
        switch format {
        case .json: print(try ComparisonJSON.render(lines, peers: peerSet))
        case .csv: print(ComparisonCSV.render(lines, peers: peerSet))
        case .table:
            print(Self.table(lines, la: la, peers: peers, regionName: geography.regionOf[la].map { $0.name ?? $0.code }))
        }
        // After a table; on standard error beside CSV or JSON, which stay machine-readable.
        if let notice = purposeScope.notice { format == .table ? print(notice) : printError(notice) }
    }

    static func table(_ lines: [ComparisonLine], la: String, peers: String, regionName: String?) -> String {
        func number(_ value: Double?) -> String { value.map(NumberText.text) ?? "-" }
        var table = TextTable(header: ["indicator", "period", la, "num/den", "rank", "band", "neighbours", peers + " median",
                                       regionName ?? "region", "England", "change", "outlier"],
                              rightAligned: [2, 4, 6, 7, 8, 9, 10])
        for line in lines {
            let c = line.comparison
            table.rows.append([
                line.definition.id, line.period, line.focusHidden ? "c" : number(c.focus.value),
                line.focusHidden ? "c" : "\(number(c.focus.numerator))/\(number(c.focus.denominator))",
                c.rank.map { "\($0) of \(c.rankedCount)" } ?? "", c.band?.rawValue ?? "",
                c.neighbourMean.map { "\(NumberText.text($0)) (\(c.neighbourCount))" } ?? "-",
                number(Outliers.median(line.visiblePeerValues)), line.regionHidden ? "c" : number(c.region?.value),
                line.englandHidden ? "c" : number(c.england?.value),
                line.focusHidden ? "" : number(c.change), c.outlier ? "yes" : "",
            ])
        }
        return table.render() + "\nrank and band: among all LAs in England with a value (1 = best), whichever --peers; "
            + "\(peers) median: among the peer set only; c = suppressed (small numbers)"
            + "\nregion and England: the published totals where a published table gives the period, else the total of every LA's figure;"
            + " - where neither exists (why: --format csv, region_source and england_source)"
    }
}
