import Comparison
import ComparisonTables
import Exports
import Forecasting
import Foundation
import Governance
import HubKit
import ReferenceData
import Report

/// The CLI's outputs (compare, report, workbook, indicator tables) made from the served figures
/// for an audience the policy chose. Nothing here decides who may see what: it is given the
/// resolved scope and the audience.
struct FigureOutputs {
    let figures: HubFigures
    let groups: [String: [String]]

    /// A group's members opted in to benchmarking (the others are left out, as `--purpose
    /// benchmarking` leaves them out of the CLI's outputs; docs/governance.md, "Purposes").
    func members(of group: String) throws -> [String] {
        do {
            return try LAGroups.members(of: group, in: groups, knownCodes: figures.knownCodes).filter(figures.benchmarking.includes)
        } catch {
            throw ServiceError.notFound("\(error)")
        }
    }

    /// Refuses an output about one LA that has not opted in to benchmarking, as the CLI does.
    func requireBenchmarking(_ code: String) throws {
        do {
            try figures.benchmarking.require(code)
        } catch {
            throw ServiceError(.forbidden, "Left out of benchmarking", "\(error)")
        }
    }

    /// Refuses every output of `purpose` while the current returns of the LAs it would show were
    /// kept at more than one level of minimisation, as the CLI refuses them (docs/governance.md,
    /// "Minimisation").
    func requireOneMinimisationLevel(_ purpose: StandardPurpose) throws {
        if let refusal = figures.minimisationRefusals[purpose.rawValue] { throw ServiceError.notComparable(refusal) }
    }

    /// `hnhub compare`'s lines.
    func comparison(la: String, peers: PeerSet, period: String?, audience: Audience) throws -> [ComparisonLine] {
        try requireOneMinimisationLevel(.benchmarking)
        try requireBenchmarking(la)
        do {
            return try LAComparisons(snapshot: figures.snapshot, geography: figures.geography, audience: audience)
                .lines(for: la, period: period, peers: peers)
        } catch {
            throw ServiceError.badRequest("\(error)")
        }
    }

    /// `hnhub report`'s document.
    func reportHTML(_ scope: FigureScope, period: String?, audience: Audience) throws -> String {
        try requireOneMinimisationLevel(.benchmarking)
        let reportScope: ReportScope
        switch scope {
        case .la(let code, _):
            try requireBenchmarking(code)
            reportScope = .la(code)
        case .group(let name): reportScope = .group(name: name, members: try members(of: name))
        case .hub: reportScope = .hub
        }
        let own: Bool
        if case .la(let code, true) = scope, audience.ownLA == code { own = true } else { own = false }
        var options = ReportOptions(scope: reportScope, period: period, ownView: own,
                                    suppressionThreshold: audience.control.threshold)
        options.pattern = audience.pattern
        options.purposeNotice = figures.benchmarking.notice
        switch reportScope {
        case .la(let code): options.forecast = forecast(las: [code], group: nil)
        case .group(let name, let members): options.forecast = forecast(las: members, group: (name, members))
        case .hub: options.forecast = forecast(las: Set(figures.report.returns.map(\.laCode)).sorted(), group: nil)
        }
        return ReportBuilder(data: figures.report, options: options).html()
    }

    /// `hnhub export --xlsx`'s workbook.
    func workbook(_ scope: FigureScope, period: String?, audience: Audience) throws -> [UInt8] {
        try requireOneMinimisationLevel(.benchmarking)
        let workbookScope: WorkbookScope
        switch scope {
        case .la(let code, let own):
            try requireBenchmarking(code)
            workbookScope = .la(code, own: own && audience.ownLA == code)
        case .group(let name): workbookScope = .group(name: name, members: try members(of: name))
        case .hub: workbookScope = .england
        }
        let seconds = Date().timeIntervalSince1970
        let today = Day(daysSinceEpoch: Int32((seconds / 86_400).rounded(.down)))
        var workbook = IndicatorWorkbook(snapshot: figures.snapshot, geography: figures.geography, scope: workbookScope,
                                         control: audience.control, period: period, sources: figures.sources,
                                         neighboursEdition: figures.report.neighboursEdition, generated: today)
        workbook.pattern = audience.pattern
        workbook.purposeNotice = figures.benchmarking.notice
        switch workbookScope {
        case .la(let code, _): workbook.forecast = forecast(las: [code], group: nil)
        case .group(let name, let members): workbook.forecast = forecast(las: members, group: (name, members))
        case .england: workbook.forecast = forecast(las: figures.knownCodes.sorted().filter(figures.benchmarking.includes), group: nil)
        }
        return workbook.workbook().xlsx()
    }

    /// The forecast section of a report or workbook, as the CLI makes it (nil: left out): only LAs
    /// opted in to forecasting too, the others' returns left out of the series (docs/forecasting.md,
    /// "Purposes").
    func forecast(las: [String], group: (name: String, members: [String])?) -> ForecastOverview? {
        guard let caseload = figures.caseload else { return nil }
        let scope = figures.forecasting
        let sum = group.map { ForecastRequest.Area(code: "group:\($0.name)", members: $0.members.filter(scope.includes)) }
        var overview = try? ForecastOverview.make(caseload, las: las.filter(scope.includes), sum: sum)
        overview?.leftOut = ForecastOverview.leftOutNotice(purpose: scope.permission.purpose, title: scope.permission.title,
                                                           las: scope.leftOut)
        return overview
    }

    /// One row of the indicators API.
    struct IndicatorRow {
        var table: LATable
        var row: LATableRow
    }

    /// Every indicator's table for the scope's LAs, with disclosure control for the audience: an LA
    /// (its own row), a group (its members), or every LA. `indicators` narrows to those ids.
    func indicatorTables(_ scope: FigureScope, period: String?, indicators: [String], audience: Audience) throws
        -> [(table: LATable, rows: [LATableRow])] {
        try requireOneMinimisationLevel(.benchmarking)
        let group: (name: String, members: [String])?
        let listed: Set<String>?
        switch scope {
        case .la(let code, _):
            try requireBenchmarking(code)
            group = nil
            listed = [code]
        case .group(let name):
            let members = try members(of: name)
            group = (name, members)
            listed = Set(members)
        case .hub:
            group = nil
            listed = nil
        }
        var result: [(LATable, [LATableRow])] = []
        for definition in figures.snapshot.definitions where indicators.isEmpty || indicators.contains(definition.id) {
            guard let chosen = figures.snapshot.period(of: definition.id, requested: period) else { continue }
            let table = LATable.make(figures.snapshot, indicator: definition, period: chosen, geography: figures.geography,
                                     audience: audience, group: group)
            let rows = table.rows.filter { listed?.contains($0.figure.laCode) ?? true }
            if !rows.isEmpty || group != nil { result.append((table, rows)) }
        }
        return result
    }
}

extension HubService {
    func outputs(_ figures: HubFigures) -> FigureOutputs { FigureOutputs(figures: figures, groups: setup.config.groups) }

    /// The report for a scope and the grant's audience, rendered once per figures version.
    func cachedReport(_ scope: FigureScope, period: String?, grant: Grant) throws -> [UInt8] {
        let key = "report|\(scope)|\(period ?? "-")|\(grant.audience.ownLA ?? "-")"
        return try shelf.rendered(key, from: grant.figures) { figures in
            Array(try outputs(figures).reportHTML(scope, period: period, audience: grant.audience).utf8)
        }
    }
}
