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

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        let catalog = hub.loadPlugins(config)
        _ = try hub.computeIndicators(store: store, config: config, catalog: catalog)
        let workbook: Workbook
        do {
            let database = store.database
            let snapshot = try IndicatorSnapshot.load(database)
            let knownCodes = try LARegister(database: database).knownCodes()
            // Every LA with a figure in any period: their regions give the totals and the cells of
            // secondary suppression.
            var laCodes = Set(snapshot.definitions.flatMap { definition in
                snapshot.periods(of: definition.id).flatMap { snapshot.figures(definition.id, period: $0).map(\.laCode) }
            })
            let scope: WorkbookScope
            if let la = selection.la {
                guard knownCodes.contains(la) || laCodes.contains(la) else { throw ComparisonTablesError.unknownLA(la) }
                scope = .la(la, own: selection.own)
                laCodes.insert(la)
            } else if let group = selection.group {
                let members = try LAGroups.members(of: group, in: config.groups, knownCodes: knownCodes)
                scope = .group(name: group, members: members)
                laCodes.formUnion(members)
            } else {
                scope = .england
            }
            let edition = try StatisticalNeighbours(database: database).edition(selection.neighboursEdition)
            let geography = try LAGeography.load(database, for: laCodes.sorted(), neighboursEdition: edition,
                                                 groups: config.groups)
            workbook = IndicatorWorkbook(
                snapshot: snapshot, geography: geography, scope: scope,
                control: DisclosureControl(threshold: config.suppressionThreshold), period: selection.period,
                sources: try WorkbookSources.load(database), neighboursEdition: edition,
                generated: Self.generationDay()).workbook()
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
        let sheets = workbook.sheets.map(\.name).joined(separator: ", ")
        print("wrote \(xlsx): \(workbook.sheets.count) sheets (\(sheets)), \(bytes.count) bytes")
    }

    /// Today (UTC), or the day of SOURCE_DATE_EPOCH when set, for reproducible files.
    static func generationDay() -> Day {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        let seconds = epoch ?? Date().timeIntervalSince1970
        return Day(daysSinceEpoch: Int32((seconds / 86_400).rounded(.down)))
    }
}
