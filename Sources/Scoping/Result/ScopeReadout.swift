import HubKit

/// A scope laid out for one audience (docs/scoping.md, "Outputs"): the cohort by LA, the cohort by
/// year group, each capacity option year by year and in summary, the sensitivity, the shared service,
/// the assumptions and the data coverage. Per-LA counts go through the scope's suppression pattern;
/// per-LA places and service figures are hidden with the count they are drawn from; money is shown
/// for the group only (fees are commercially sensitive), except in an LA's own view.
package struct ScopeReadout: Sendable {
    package var scope: Scope
    package var audience: ScopeAudience
    package var cohort: ScopeTable
    package var yearGroups: ScopeTable
    /// Per LA (and the group), setting group and year group: children, independent, out of area, cost.
    package var cells: ScopeTable
    package var options: ScopeTable
    package var optionSummary: ScopeTable
    package var commitments: ScopeTable
    package var sensitivity: ScopeTable
    package var service: ScopeTable?
    package var assumptions: ScopeTable
    package var coverage: ScopeTable

    package init(scope: Scope, audience: ScopeAudience) {
        self.scope = scope
        self.audience = audience
        let figures = audience.figures
        let las = scope.cohort.las
        let groupRow = "group " + scope.assumptions.group
        func count(_ id: String, _ la: String?) -> ScopeCell {
            guard let la else { return audience.hidesTotal(id) ? .hidden : .count(figures.total(id)) }
            return audience.hides(id, la: la) ? .hidden : .count(figures.value(id, la: la))
        }
        // Money follows the count of children it is summed over: a cost beside a hidden count
        // would give the count back to anyone who knows the usual fee.
        func pounds(_ id: String, _ la: String?, over children: String) -> ScopeCell {
            guard let la else {
                return audience.hidesTotal(id) || audience.hidesTotal(children) ? .hidden : .pounds(figures.total(id))
            }
            return audience.hides(id, la: la) || audience.hides(children, la: la) ? .hidden : .pounds(figures.value(id, la: la))
        }
        func name(_ la: String) -> ScopeCell { .text(scope.cohort.names[la] ?? "") }

        // The cohort by LA.
        let settings = PlacementCategory.allCases.filter { figures.total(ScopeFigures.setting($0)) > 0 }
        var cohort = ScopeTable(name: "cohort", title: "Children in scope at the \(scope.cohort.period) census, by LA",
                                columns: ["LA", "name", "children in scope"] + settings.map { "placed: " + SettingSelector.label($0) }
                                    + ["placed out of area", "in taken-from settings", "eligible", "new placements last year",
                                       "current annual cost", "cost on default", "eligible with fee on default"])
        for la in las + [nil] as [String?] {
            var row: [ScopeCell] = [la.map { .text($0) } ?? .text(groupRow), la.map(name) ?? .empty, count(ScopeFigures.cohort, la)]
            row += settings.map { count(ScopeFigures.setting($0), la) }
            row += [count(ScopeFigures.outOfArea, la), count(ScopeFigures.fromSettings, la), count(ScopeFigures.eligible, la),
                    count(ScopeFigures.newPlacements, la), pounds(ScopeFigures.cost, la, over: ScopeFigures.cohort),
                    count(ScopeFigures.costOnDefault, la),
                    count(ScopeFigures.feeOnDefault, la)]
            cohort.rows.append(row)
        }
        self.cohort = cohort

        let ncys = ScopeFigures.yearGroups(scope.assumptions.ages)
        var yearGroups = ScopeTable(name: "year_groups", title: "Children in scope by year group",
                                    columns: ["LA"] + ncys.map(ScopeFigures.yearGroupLabel))
        for la in las + [nil] as [String?] {
            yearGroups.rows.append([la.map { .text($0) } ?? .text(groupRow)] + ncys.map { count(ScopeFigures.yearGroup($0), la) })
        }
        self.yearGroups = yearGroups

        // LA x setting group x year group. The cells' out-of-area and cost-on-default counts are
        // shown in an LA's own view of its own rows only: under the suppression pattern they would
        // make it too slow to compute for a large group (docs/scoping.md, "Disclosure control").
        func ownOnly(_ la: String?, _ key: ScopeFigures.CellKey, _ include: (CohortChild) -> Bool) -> ScopeCell {
            guard let la, la == audience.ownLA else { return .hidden }
            return .count(Double(scope.cohort.children.filter {
                $0.la == la && $0.category == key.category && $0.ncy == key.ncy && include($0)
            }.count))
        }
        var cells = ScopeTable(name: "cells", title: "Children in scope by LA, setting group and year group",
                               columns: ["LA", "setting group", "year group", "children in scope", "placed independent",
                                         "placed out of area", "current annual cost", "cost on default"])
        for la in las + [nil] as [String?] {
            for key in figures.cellKeys {
                let children = count(ScopeFigures.cell(key), la)
                let independent: ScopeCell = key.category == .independentSpecial ? children : .count(0)
                cells.rows.append([la.map { .text($0) } ?? .text(groupRow), .text(SettingSelector.label(key.category)),
                                   .text(ScopeFigures.yearGroupLabel(key.ncy)), children, independent,
                                   ownOnly(la, key, \.outOfArea),
                                   pounds(ScopeFigures.cell(key, "cost"), la, over: ScopeFigures.cell(key)),
                                   ownOnly(la, key, \.costOnDefault)])
            }
        }
        self.cells = cells

        // Options year by year, summary and places by LA.
        let year0 = scope.cohort.collectionYear
        func yearLabel(_ index: Int) -> String { Period.census(collectionYear: year0 + index + 1).label }
        var options = ScopeTable(name: "options", title: "Fill and money by capacity and year (expected; P10-P90 over the simulations)",
                                 columns: ["capacity", "year", "academic year", "filled", "utilisation", "filled P10", "filled P90",
                                           "admitted", "fees avoided", "centre cost", "transport change", "capital", "net saving",
                                           "cumulative saving"] + las.map { "places " + $0 })
        var summary = ScopeTable(name: "option_summary", title: "Options in summary",
                                 columns: ["capacity", "filled in last year", "break-even year", "break-even places",
                                           "break-even occupancy", "P(85% full in year \(min(3, scope.assumptions.years)))",
                                           "P(net saving)", "simulations", "cumulative saving", "cumulative P10", "cumulative P90"])
        var commitments = ScopeTable(name: "commitments", title: "Places each LA commits (last year)",
                                     columns: ["capacity"] + las + ["total"])
        for option in scope.options {
            for (index, year) in option.path.enumerated() {
                let money = option.money.years[index]
                let band = option.fillBand[index]
                var row: [ScopeCell] = [.count(Double(option.capacity)), .count(Double(index + 1)), .text(yearLabel(index)),
                                        .count(year.filled), .share(year.filled / Double(option.capacity)), .count(band.p10),
                                        .count(band.p90), .count(year.admitted.reduce(0, +)), .pounds(money.feesAvoided),
                                        .pounds(money.centreCost), .pounds(money.transportChange), .pounds(money.capital),
                                        .pounds(money.netSaving), .pounds(money.cumulativeSaving)]
                row += las.indices.map { audience.hidesModel(la: las[$0]) ? .hidden : .count(year.occupancy[$0]) }
                options.rows.append(row)
            }
            summary.rows.append([
                .count(Double(option.capacity)), .count(option.path.last?.filled ?? 0),
                option.money.breakEvenYear.map { .text("year \($0) (\(yearLabel($0 - 1)))") } ?? .text("not within \(scope.assumptions.years) years"),
                option.breakEvenPlaces.map { .count($0) } ?? .text("never"),
                option.breakEvenOccupancy.map { .share($0) } ?? .text("never: a place saves nothing"),
                .share(option.probabilityNearlyFull), .share(option.probabilityNetSaving), .count(Double(scope.demand.simulations)),
                .pounds(option.money.years.last?.cumulativeSaving ?? 0), .pounds(option.cumulativeBand.p10),
                .pounds(option.cumulativeBand.p90)])
            commitments.rows.append([.count(Double(option.capacity))]
                + las.indices.map { audience.hidesModel(la: las[$0]) ? .hidden : .count(Double(option.commitments[$0])) }
                + [.count(Double(option.commitments.reduce(0, +)))])
        }
        self.options = options
        self.optionSummary = summary
        self.commitments = commitments

        let reference = scope.assumptions.capacities.isEmpty ? 0 : scope.assumptions.capacities[scope.referenceOption]
        var sensitivity = ScopeTable(name: "sensitivity",
                                     title: "Sensitivity: cumulative saving after \(scope.assumptions.years) years, \(reference) places",
                                     columns: ["assumption", "low", "high", "saving at low", "saving at high", "swing"])
        for line in scope.sensitivity {
            sensitivity.rows.append([.text(line.assumption), .text(line.low), .text(line.high), .pounds(line.savingLow),
                                     .pounds(line.savingHigh), .pounds(line.swing)])
        }
        self.sensitivity = sensitivity

        if let service = scope.service {
            var table = ScopeTable(name: "service", title: "Shared \(service.assumptions.name) service: practitioners alone and pooled",
                                   columns: ["LA", "caseload", "practitioners alone"])
            for (index, la) in las.enumerated() {
                let hidden = audience.hidesService(la: la)
                table.rows.append([.text(la), hidden ? .hidden : .count(Double(service.caseloads[index])),
                                   hidden ? .hidden : .count(Double(service.alone[index]))])
            }
            table.rows.append([.text(groupRow), count(ScopeFigures.cohort, nil), .count(Double(service.aloneTotal))])
            table.rows.append([.text("pooled"), .empty, .count(Double(service.pooled))])
            table.rows.append([.text("saved"), .empty, .count(Double(service.saved))])
            table.rows.append([.text("saving a year"), .empty, .pounds(service.saving)])
            self.service = table
        }

        var assumptions = ScopeTable(name: "assumptions", title: "Assumptions", columns: ["assumption", "value", "source"])
        for line in Self.assumptionLines(scope: scope, audience: audience) {
            assumptions.rows.append([.text(line.name), .text(line.value), .text(line.source)])
        }
        self.assumptions = assumptions

        var coverage = ScopeTable(name: "coverage", title: "Data coverage",
                                  columns: ["LA", "children in scope", "home by district", "home by LA", "home not located",
                                            "eligible", "eligible with fee on default", "eligible travel not measured"])
        for la in las + [nil] as [String?] {
            let unmeasured = count(ScopeFigures.travelUnmeasured, la)
            coverage.rows.append([la.map { .text($0) } ?? .text(groupRow), count(ScopeFigures.cohort, la),
                                  count(ScopeFigures.home(.district), la), count(ScopeFigures.home(.la), la),
                                  count(ScopeFigures.home(.none), la), count(ScopeFigures.eligible, la),
                                  count(ScopeFigures.feeOnDefault, la), unmeasured])
        }
        self.coverage = coverage
    }

    /// The scope's assumptions as this audience may read them: the fee and home summaries are
    /// shares of group counts, so they show only where those counts show (a share and a known
    /// total would give a hidden count back).
    package static func assumptionLines(scope: Scope, audience: ScopeAudience) -> [AssumptionLine] {
        let hiddenBehind: [String: [String]] = [
            "fees": [ScopeFigures.eligible, ScopeFigures.feeOnDefault],
            "homes": [ScopeFigures.cohort] + HomeLocation.allCases.map(ScopeFigures.home),
        ]
        return scope.assumptionLines.map { line in
            guard let ids = hiddenBehind[line.name], ids.contains(where: audience.hidesTotal) else { return line }
            var hidden = line
            hidden.value = "c (the group's counts behind it are hidden)"
            return hidden
        }
    }

    /// Every table, in reading order.
    package var tables: [ScopeTable] {
        [cohort, yearGroups, cells, optionSummary, commitments, options, sensitivity] + (service.map { [$0] } ?? []) + [assumptions, coverage]
    }
}
