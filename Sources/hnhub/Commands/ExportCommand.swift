import ArgumentParser
import Comparison
import ComparisonTables
import Exports
import Foundation
import HubKit
import HubStore
import ReferenceData

/// `hnhub export --xlsx FILE`: the indicators as an Excel workbook, one sheet per topic, one row per
/// LA, with totals, disclosure control and a Notes sheet (docs/exports.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the indicators to an Excel workbook (one sheet per topic, one row per LA, with notes).",
        discussion: """
            With --la: that LA, its statistical neighbours and its region's LAs; with --group: the group's \
            members and total; with neither: every LA with figures. Counts of 1 to threshold-1 (config \
            disclosure.threshold, default 5), and rates built on them, show as c; with --la X --own, X's own \
            figures are shown unsuppressed. The date written in the workbook is today's, or \
            SOURCE_DATE_EPOCH's when set (the same store and date give the same bytes).
            """)

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "The workbook to write (.xlsx).")
    var xlsx: String

    @OptionGroup var selection: OutputScopeOptions

    @OptionGroup var purpose: PurposeOption

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.storeWithIndicators(config).store
        let workbook: Workbook
        let purposeScope = try purpose.scope(config, store: store, naming: [selection.la].compactMap { $0 })
        do {
            let database = store.database
            let everyone = try IndicatorSnapshot.load(database)
            let snapshot = everyone.leavingOut(purposeScope.leftOut)
            let knownCodes = try LARegister(database: database).knownCodes()
            let scope: WorkbookScope
            if let la = selection.la {
                let hasFigures = snapshot.definitions.contains { definition in
                    snapshot.periods(of: definition.id).contains { snapshot.figure(definition.id, period: $0, la: la) != nil }
                }
                guard knownCodes.contains(la) || hasFigures else { throw ComparisonTablesError.unknownLA(la) }
                scope = .la(la, own: selection.own)
            } else if let group = selection.group {
                let members = try LAGroups.members(of: group, in: config.groups, knownCodes: knownCodes)
                scope = .group(name: group, members: members.filter(purposeScope.includes))
            } else {
                scope = .england
            }
            // The whole register in a few queries: every LA's region gives the totals and the cells
            // of secondary suppression.
            let edition = try StatisticalNeighbours(database: database).edition(selection.neighboursEdition)
            let geography = try LAGeography.loadAll(database, neighboursEdition: edition, groups: config.groups)
            var sources = try WorkbookSources.load(database)
            sources.returns.removeAll { !purposeScope.includes($0.laCode) }
            var made = IndicatorWorkbook(
                snapshot: snapshot, geography: geography, scope: scope,
                control: DisclosureControl(threshold: config.suppressionThreshold), period: selection.period,
                sources: sources, neighboursEdition: edition,
                generated: Self.generationDay())
            made.purposeNotice = purposeScope.notice
            made.pattern = try PurposeOption.pattern(for: purposeScope, config, store: store, snapshot: everyone,
                                                     geography: geography)
            // The Forecast sheet: only LAs the purpose may use.
            switch scope {
            case .la(let code, _): made.forecast = ForecastScope.overview(database, config: config, las: [code], group: nil)
            case .group(let name, let members):
                let included = members.filter(purposeScope.includes)
                made.forecast = ForecastScope.overview(database, config: config, las: included, group: (name, included))
            case .england: made.forecast = ForecastScope.overview(database, config: config, las: knownCodes.sorted().filter(purposeScope.includes), group: nil)
            }
            workbook = made.workbook()
        } catch let error as ComparisonTablesError {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownGroup {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownCode {
            throw HubFailure.unusable("\(error)")
        } catch let error as StatisticalNeighbours.UnknownEdition {
            throw HubFailure.unusable("\(error)")
        }
        let bytes = workbook.xlsx()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: xlsx), options: .atomic)
        } catch {
            throw HubFailure.unusable("cannot write \(xlsx): \(error.localizedDescription)")
        }
        hub.registerOutput(xlsx, kind: "workbook", laCode: selection.la, purpose: purpose.purpose, store: store)
        let sheets = workbook.sheets.map(\.name).joined(separator: ", ")
        print("wrote \(xlsx): \(workbook.sheets.count) sheets (\(sheets)), \(bytes.count) bytes")
        if let notice = purposeScope.notice { print(notice) }
    }

    /// Today (UTC), or the day of SOURCE_DATE_EPOCH when set, for reproducible files.
    static func generationDay() -> Day {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        let seconds = epoch ?? Date().timeIntervalSince1970
        return Day(daysSinceEpoch: Int32((seconds / 86_400).rounded(.down)))
    }
}
