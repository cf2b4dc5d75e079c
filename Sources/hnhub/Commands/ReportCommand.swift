import ArgumentParser
import Comparison
import ComparisonTables
import DisclosureAudit
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

    @OptionGroup var selection: OutputScopeOptions

    @OptionGroup var purpose: PurposeOption

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.storeWithIndicators(config).store
        let started = Date()
        let data: ReportData
        let pattern: SuppressionPattern
        var scope: ReportScope
        let purposeScope = try purpose.scope(config, store: store, naming: [selection.la].compactMap { $0 })
        do {
            let everyone = try ReportData.load(store.database, neighboursEdition: selection.neighboursEdition,
                                               groups: config.groups)
            data = everyone.leavingOut(purposeScope.leftOut)
            pattern = try PurposeOption.pattern(for: purposeScope, config, store: store, snapshot: everyone.snapshot,
                                                geography: everyone.geography)
            scope = try resolveScope(store: store, data: data, groups: config.groups)
            if case .group(let name, let members) = scope { scope = .group(name: name, members: members.filter(purposeScope.includes)) }
        } catch let error as ComparisonTablesError {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownGroup {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownCode {
            throw HubFailure.unusable("\(error)")
        } catch let error as StatisticalNeighbours.UnknownEdition {
            throw HubFailure.unusable("\(error)")
        }
        if let period = selection.period, !data.snapshot.definitions.contains(where: { data.snapshot.period(of: $0.id, requested: period) != nil }) {
            throw HubFailure.unusable("no indicator has figures for period '\(period)' (e.g. 2024/25 or 2024)")
        }
        var options = ReportOptions(scope: scope, period: selection.period, ownView: selection.own,
                                    suppressionThreshold: config.suppressionThreshold)
        options.purposeNotice = purposeScope.notice
        options.pattern = pattern
        // The forecast section: only LAs the purpose may use.
        switch scope {
        case .la(let code): options.forecast = ForecastScope.overview(store.database, config: config, las: [code], group: nil)
        case .group(let name, let members):
            let included = members.filter(purposeScope.includes)
            options.forecast = ForecastScope.overview(store.database, config: config, las: included, group: (name, included))
        case .hub:
            options.forecast = ForecastScope.overview(store.database, config: config, las: Set(data.returns.map(\.laCode)).sorted().filter(purposeScope.includes),
                                                      group: nil)
        }
        let html = ReportBuilder(data: data, options: options).html()
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw HubFailure.unusable("cannot write \(out): \(error.localizedDescription)")
        }
        hub.registerOutput(out, kind: "report", laCode: selection.la, purpose: purpose.purpose, store: store)
        let seconds = Date().timeIntervalSince(started)
        print("wrote \(out): \(describe(scope, data: data)), \(html.utf8.count / 1024) KB in \(String(format: "%.2f", seconds)) s"
              + (selection.own ? " (own view: unsuppressed, do not share)" : ""))
        if let notice = purposeScope.notice { print(notice) }
    }

    func resolveScope(store: Store, data: ReportData, groups: [String: [String]]) throws -> ReportScope {
        if let la = selection.la {
            guard data.geography.names[la] != nil || data.returns.contains(where: { $0.laCode == la }) else { throw ComparisonTablesError.unknownLA(la) }
            return .la(la)
        }
        if let group = selection.group {
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
