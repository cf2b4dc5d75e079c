import ArgumentParser
import Comparison
import ComparisonTables
import Foundation
import HubStore
import ReferenceData
import Report

/// `hnhub report`: the self-contained HTML benchmarking report for one LA, a group, or every LA in
/// the hub.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the HTML benchmarking report (one self-contained file with charts and tables).",
        discussion: """
            Without --la or --group the report covers every LA whose returns the hub holds. Counts of 1 to \
            threshold-1 (config disclosure.threshold, default 5), and rates built on them, show as c and are left \
            out of the charts; with --la and --own the LA's own figures are shown unsuppressed (do not share that file).
            """)

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "The HTML file to write.")
    var out: String

    @Option(name: .long, help: "3-digit LA code: the focus LA, marked against all LAs, its neighbours and region.")
    var la: String?

    @Option(name: .long, help: "A named group of LAs from the config: one panel per member and the group total.")
    var group: String?

    @Option(name: .long, help: "Period: e.g. 2024/25 (census indicators) or 2024 (calendar); default the latest of each.")
    var period: String?

    @Option(name: .customLong("neighbours-edition"), help: "Statistical neighbours edition (default: the newest).")
    var neighboursEdition: String?

    @Flag(name: .long, help: "With --la: the LA's own view, its figures unsuppressed.")
    var own = false

    func validate() throws {
        if la != nil, group != nil { throw ValidationError("give --la or --group, not both") }
        if own, la == nil { throw ValidationError("--own needs --la (a group report is always suppressed)") }
    }

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        let catalog = hub.loadPlugins(config)
        _ = try hub.computeIndicators(store: store, config: config, catalog: catalog)
        let started = Date()
        let data: ReportData
        let scope: ReportScope
        do {
            data = try ReportData.load(store.database, neighboursEdition: neighboursEdition, groups: config.groups)
            scope = try resolveScope(store: store, data: data, groups: config.groups)
        } catch let error as ComparisonTablesError {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownGroup {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownCode {
            throw HubFailure.unusable("\(error)")
        } catch let error as StatisticalNeighbours.UnknownEdition {
            throw HubFailure.unusable("\(error)")
        }
        if let period, !data.snapshot.definitions.contains(where: { data.snapshot.period(of: $0.id, requested: period) != nil }) {
            throw HubFailure.unusable("no indicator has figures for period '\(period)' (e.g. 2024/25 or 2024)")
        }
        let options = ReportOptions(scope: scope, period: period, ownView: own,
                                    suppressionThreshold: config.suppressionThreshold)
        let html = ReportBuilder(data: data, options: options).html()
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw HubFailure.unusable("cannot write \(out): \(error.localizedDescription)")
        }
        let seconds = Date().timeIntervalSince(started)
        print("wrote \(out): \(describe(scope, data: data)), \(html.utf8.count / 1024) KB in \(String(format: "%.2f", seconds)) s"
              + (own ? " (own view: unsuppressed, do not share)" : ""))
    }

    func resolveScope(store: Store, data: ReportData, groups: [String: [String]]) throws -> ReportScope {
        if let la {
            guard data.geography.names[la] != nil || data.returns.contains(where: { $0.laCode == la }) else { throw ComparisonTablesError.unknownLA(la) }
            return .la(la)
        }
        if let group {
            let members = try LAGroups.members(of: group, in: groups, knownCodes: LARegister(database: store.database).knownCodes())
            return .group(name: group, members: members)
        }
        return .hub
    }

    func describe(_ scope: ReportScope, data: ReportData) -> String {
        switch scope {
        case .la(let code): return "report for \(data.geography.name(code)) (\(code))"
        case .group(let name, let members): return "report for \(name) (\(members.count) LAs)"
        case .hub: return "report for the \(Set(data.returns.map(\.laCode)).count) LAs in the hub"
        }
    }
}
