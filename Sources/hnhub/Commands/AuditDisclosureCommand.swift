import ArgumentParser
import Comparison
import ComparisonTables
import DisclosureAudit
import Foundation
import HubStore
import ReferenceData

/// `hnhub audit-disclosure`: bounds every hidden cell of what one audience is shown, across every
/// output, by linear programming, and fails when one is pinned tighter than its protection
/// interval (docs/disclosure-control.md).
struct AuditDisclosureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-disclosure",
        abstract: "Check by linear programming that no suppressed count can be recovered from what an audience is shown.",
        discussion: """
            Builds the linear system of every figure the outputs (indicators, compare, export, report) show \
            the audience: shown figures as constants, hidden cells as nonnegative unknowns, partitions and \
            totals as equations. Prints each hidden cell's feasible range; exit status 1 when a small count \
            is not compatible with both 0 and the threshold, or another hidden count is pinned. With --la X \
            --own the reader is LA X knowing all its own figures. The listing says which hidden cells are \
            small: it is for the hub's operator, do not share it. With purposes in the config, the system \
            holds what the outputs of every purpose show together: each total once per set of members a \
            purpose adds up (keyed 'group:NAME without CODES' when it leaves members out).
            """)

    @OptionGroup var hub: HubOptions

    @OptionGroup var selection: OutputScopeOptions

    @Option(name: .long, help: """
        The pattern to audit: hub (what every output uses), primary (small counts only, to see why more is needed) or \
        separate (each purpose's pattern computed alone, to see what differencing across purposes would recover).
        """)
    var pattern: PatternChoice = .hub

    @Flag(name: .long, help: "List every hidden cell of the hub, not only those of the LAs in scope.")
    var all = false

    @Flag(name: .customLong("every-la"), help: "Also audit each LA of the hub reading with its own figures known (one summary line each).")
    var everyLA = false

    @Option(name: .long, help: "table or json.")
    var format: Format = .table

    enum PatternChoice: String, ExpressibleByArgument { case hub, primary, separate }
    enum Format: String, ExpressibleByArgument { case table, json }

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.storeWithIndicators(config).store
        let started = Date()
        let input: DisclosureInput
        var scopeLAs: Set<String>?
        var narrowed: DisclosureInput?
        do {
            let snapshot = try IndicatorSnapshot.load(store.database)
            let geography = try LAGeography.loadAll(store.database, groups: config.groups)
            // Every purpose's outputs at once (docs/disclosure-control.md, "Purposes").
            input = Audience.disclosureInput(snapshot, geography: geography,
                                             control: DisclosureControl(threshold: config.suppressionThreshold),
                                             purposes: try PurposeScope.every(config.purposes,
                                                                              database: store.database))
            if let la = selection.la {
                scopeLAs = [la]
            } else if let group = selection.group {
                scopeLAs = Set(try LAGroups.members(of: group, in: config.groups,
                                                    knownCodes: LARegister(database: store.database).knownCodes()))
            }
            if let period = selection.period {
                let periods = Set(snapshot.definitions.compactMap { snapshot.period(of: $0.id, requested: period) })
                guard !periods.isEmpty else {
                    throw HubFailure.unusable("no indicator has figures for period '\(period)' (e.g. 2024/25 or 2024)")
                }
                narrowed = input.restricted(toPeriods: periods)
            }
        } catch let error as LAGroups.UnknownGroup {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownCode {
            throw HubFailure.unusable("\(error)")
        } catch let error as ComparisonTablesError {
            throw HubFailure.unusable("\(error)")
        }
        // The hub's pattern is computed on every figure, as the outputs compute it; the system
        // audited is what outputs for the chosen period show.
        let threshold = config.suppressionThreshold
        let chosen: SuppressionPattern
        switch pattern {
        case .hub: chosen = SuppressionPattern.compute(input)
        case .primary: chosen = SuppressionPattern.primaryOnly(system: CountSystem(input), threshold: threshold)
        case .separate: chosen = SuppressionPattern.computedSeparately(input)
        }
        let patternSeconds = Date().timeIntervalSince(started)
        let auditStarted = Date()
        let system = CountSystem(narrowed ?? input)
        let report = DisclosureAuditor(system: system, threshold: threshold)
            .audit(hidden: chosen.hidden, insider: selection.own ? selection.la : nil)
        let seconds = Date().timeIntervalSince(auditStarted)
        // An LA reading with its own figures: every other LA's hidden cells are what it is audited on.
        let listed = all || scopeLAs == nil || selection.own ? report.cells : report.cells.filter { cell in
            cell.cell.unit.split(whereSeparator: { !$0.isNumber }).contains { scopeLAs!.contains(String($0)) }
        }
        switch format {
        case .json: print(try Self.json(report, listed: listed, pattern: chosen, seconds: seconds))
        case .table: print(Self.table(report, listed: listed, pattern: chosen, system: system, threshold: threshold,
                                      patternSeconds: patternSeconds, seconds: seconds, purposes: input.purposes))
        }
        var passed = report.passed
        if everyLA {
            let auditor = DisclosureAuditor(system: system, threshold: threshold)
            for la in system.hubLAs {
                let own = auditor.audit(hidden: chosen.hidden, insider: la)
                passed = passed && own.passed
                print("LA \(la) knowing its own figures: " + (own.passed ? "every hidden cell is protected"
                      : "\(own.unprotected.count) pinned: " + own.unprotected.prefix(5).map { "\($0.cell)" }.joined(separator: "; ")))
            }
        }
        if !passed { throw ExitCode(1) }
    }

    static func table(_ report: AuditReport, listed: [CellAudit], pattern: SuppressionPattern, system: CountSystem,
                      threshold: Int, patternSeconds: Double, seconds: Double,
                      purposes: [PurposeMembers] = []) -> String {
        var table = TextTable(header: ["LA or total", "period", "count", "protect", "range", "result", "hidden in"])
        for cell in listed {
            table.rows.append([cell.cell.unit, cell.cell.period, cell.cell.count,
                               cell.requirement == .primary ? "0 and \(threshold)+" : "not pinned",
                               cell.range.description, cell.protected ? "ok" : "PINNED",
                               cell.hiddenIn.map { $0.unit.first?.isNumber == true ? $0.indicator : "\($0.indicator) (\($0.unit))" }
                                   .joined(separator: " ")])
        }
        let reader = report.insider.map { "LA \($0) knowing its own figures" } ?? "any LA but its own figures"
        var lines = [
            "reader: \(reader)",
            "pattern: \(pattern.hidden.count) figures hidden (\(pattern.primary.count) for a small count), "
                + "read and computed in \(String(format: "%.2f", patternSeconds)) s",
            "system: \(system.cellCount) cells, \(system.relationCount) relations; \(report.cells.count) hidden cells to protect, "
                + "\(report.programs) linear programs (largest \(report.largestProgram) unknowns), audited in "
                + "\(String(format: "%.2f", seconds)) s",
        ]
        if !purposes.isEmpty {
            lines.append("purposes: " + purposes.map { purpose in
                let leftOut = purpose.leftOut.sorted().joined(separator: ",")
                return purpose.purpose + (leftOut.isEmpty ? "" : " (leaves out \(leftOut))")
            }.joined(separator: ", "))
        }
        for warning in system.warnings { lines.append("warning: \(warning)") }
        if !listed.isEmpty { lines.append(table.render()) }
        let failures = report.unprotected.count
        lines.append(failures == 0 ? "every hidden cell is protected"
                     : "\(failures) hidden cell\(failures == 1 ? " is" : "s are") pinned tighter than the protection interval")
        return lines.joined(separator: "\n")
    }

    static func json(_ report: AuditReport, listed: [CellAudit], pattern: SuppressionPattern, seconds: Double) throws -> String {
        let cells: [[String: Any]] = listed.map { cell in
            ["unit": cell.cell.unit, "period": cell.cell.period, "count": cell.cell.count,
             "requirement": cell.requirement.rawValue, "lower": cell.range.lower,
             "upper": cell.range.upper as Any? ?? NSNull(), "protected": cell.protected,
             "hidden_in": cell.hiddenIn.map(\.indicator)]
        }
        let object: [String: Any] = [
            "insider": report.insider as Any? ?? NSNull(), "hidden_figures": pattern.hidden.count,
            "cells": cells, "unprotected": report.unprotected.count, "passed": report.passed, "seconds": seconds,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
