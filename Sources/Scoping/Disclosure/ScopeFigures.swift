import Comparison
import DisclosureAudit
import HubKit

/// The per-LA counts a scope shows, and which of them the reader may see (docs/scoping.md,
/// "Disclosure control"). The counts are declared to the hub's disclosure machinery with their
/// relations (settings, year groups and home locations each partition the cohort; the eligible are
/// part of those in the taken-from settings; LAs add up to the group's total), and one suppression
/// pattern is computed for them as for every other output (docs/disclosure-control.md).
package struct ScopeFigures: Sendable {
    /// Figure id -> LA -> value.
    package private(set) var values: [String: [String: Double]] = [:]
    package private(set) var definitions: [IndicatorDefinition] = []
    package let period: String
    package let group: String
    package let las: [String]
    /// The setting group x year group cells some LA has a child in, settings then year groups in order.
    package private(set) var cellKeys: [CellKey] = []

    /// A setting group and year group.
    package struct CellKey: Sendable, Hashable {
        package var category: PlacementCategory
        package var ncy: Int
    }

    /// The figures of a scope made: as below, from its cohort, eligibility and assumptions.
    package init(scope: Scope) {
        self.init(cohort: scope.cohort, eligibility: scope.eligibility, assumptions: scope.assumptions)
    }

    /// The figures from what they depend on alone: the cohort, who of it is eligible for the site,
    /// and the assumptions (group, ages, taken-from settings). Neither the demand path nor the
    /// capacity options enter, so the figures (and their suppression pattern) can be worked out
    /// while the demand is simulated.
    package init(cohort: Cohort, eligibility: Eligibility, assumptions: ScopeAssumptions) {
        period = cohort.period
        group = assumptions.group
        las = cohort.las
        let members = Set(cohort.las)
        func add(_ id: String, _ title: String, kind: CountKind = .children, partition: (String, String, Bool)? = nil,
                 also: (String, String, Bool)? = nil, builtOn: String? = nil, _ value: (String) -> Double) {
            let counts = IndicatorCounts(
                numerator: [CountTerm(id)], numeratorKind: kind,
                partitions: [partition, also].compactMap { $0.map { PartitionMembership($0.0, total: $0.1, complete: $0.2) } },
                builtOn: builtOn.map { [CountTerm($0)] } ?? [])
            definitions.append(IndicatorDefinition(id: id, title: title, unit: kind == .pounds ? .pounds : .count, polarity: .none,
                                                   periodType: .census, numerator: title, sources: [.sen2Returns], counts: counts))
            values[id] = Dictionary(uniqueKeysWithValues: cohort.las.map { ($0, value($0)) })
        }
        let byLA = Dictionary(grouping: cohort.children, by: \.la)
        func children(_ la: String) -> [CohortChild] { byLA[la] ?? [] }
        add(Self.cohort, "children in scope") { Double(children($0).count) }
        for category in PlacementCategory.allCases {
            add(Self.setting(category), "in scope, placed: " + SettingSelector.label(category),
                partition: ("scope by setting", Self.cohort, true)) { la in Double(children(la).filter { $0.category == category }.count) }
        }
        for ncy in Self.yearGroups(assumptions.ages) {
            add(Self.yearGroup(ncy), "in scope, " + Self.yearGroupLabel(ncy), partition: ("scope by year group", Self.cohort, true)) { la in
                Double(children(la).filter { $0.ncy == ncy }.count)
            }
        }
        // LA x setting group x year group: each cell is part of its setting and of its year group.
        // Only cells some LA has a child in (the rest are 0 everywhere).
        let cells = Set(cohort.children.map { CellKey(category: $0.category, ncy: $0.ncy) })
        cellKeys = PlacementCategory.allCases.flatMap { category in
            Self.yearGroups(assumptions.ages).map { CellKey(category: category, ncy: $0) }
        }.filter(cells.contains)
        for key in cellKeys {
            let label = SettingSelector.label(key.category) + ", " + Self.yearGroupLabel(key.ncy)
            func inCell(_ la: String) -> [CohortChild] { children(la).filter { $0.category == key.category && $0.ncy == key.ncy } }
            add(Self.cell(key), "in scope, " + label,
                partition: ("scope " + SettingSelector.label(key.category) + " by year group", Self.setting(key.category), true),
                also: ("scope " + Self.yearGroupLabel(key.ncy) + " by setting", Self.yearGroup(key.ncy), true)) {
                Double(inCell($0).count)
            }
            add(Self.cell(key, "cost"), "current annual cost, " + label, kind: .pounds, builtOn: Self.cell(key)) { la in
                inCell(la).compactMap(\.annualCost).reduce(0, +)
            }
        }
        for location in HomeLocation.allCases {
            add(Self.home(location), "in scope, home located by " + location.rawValue,
                partition: ("scope by home location", Self.cohort, true)) { la in
                Double(children(la).filter { $0.homeLocation == location }.count)
            }
        }
        add(Self.outOfArea, "in scope, placed out of area", partition: ("scope by placement area", Self.cohort, false)) { la in
            Double(children(la).filter(\.outOfArea).count)
        }
        add(Self.fromSettings, "in scope, in a setting the centre takes from",
            partition: ("scope by taken-from setting", Self.cohort, false)) { Double(eligibility.fromSettings[$0] ?? 0) }
        add(Self.eligible, "eligible (taken-from setting, within the distance limit)",
            partition: ("taken-from by distance", Self.fromSettings, false)) { Double(eligibility.eligible[$0] ?? 0) }
        add(Self.newPlacements, "new placements of the last year in taken-from settings",
            partition: ("taken-from by start", Self.fromSettings, false)) { la in
            Double(children(la).filter { $0.newPlacement && $0.isFromSetting(assumptions.fromSettings, members: members) }.count)
        }
        add(Self.feeOnDefault, "eligible, fee resting on a default", partition: ("eligible by fee source", Self.eligible, false)) {
            Double(eligibility.feeOnDefault[$0] ?? 0)
        }
        add(Self.travelUnmeasured, "eligible, change in travel not measured",
            partition: ("eligible by travel measured", Self.eligible, false)) { Double(eligibility.travelUnmeasured[$0] ?? 0) }
        add(Self.costOnDefault, "in scope, cost resting on a default (a config band, or no cost held)",
            partition: ("scope by cost source", Self.cohort, false)) { Double(children($0).filter(\.costOnDefault).count) }
        add(Self.cost, "current annual cost of the cohort's placements", kind: .pounds, builtOn: Self.cohort) { la in
            children(la).compactMap(\.annualCost).reduce(0, +)
        }
    }

    // Figure ids.
    package static let cohort = "scope.cohort", outOfArea = "scope.out_of_area", fromSettings = "scope.from_settings"
    package static let eligible = "scope.eligible", newPlacements = "scope.new_placements", feeOnDefault = "scope.fee_default"
    package static let cost = "scope.cost", travelUnmeasured = "scope.travel_unmeasured", costOnDefault = "scope.cost_on_default"
    /// A cell of the cohort: LA x setting group x year group (its `part`: nil for the children,
    /// `cost` for their current annual cost).
    package static func cell(_ key: CellKey, _ part: String? = nil) -> String {
        "scope.cell." + key.category.costKey + ".\(key.ncy)" + (part.map { "." + $0 } ?? "")
    }
    package static func setting(_ category: PlacementCategory) -> String { "scope.setting." + category.costKey }
    package static func yearGroup(_ ncy: Int) -> String { "scope.ncy.\(ncy)" }
    package static func home(_ location: HomeLocation) -> String { "scope.home." + location.rawValue }

    /// The national curriculum years of an age range.
    package static func yearGroups(_ ages: ClosedRange<Int>) -> [Int] { ages.map { $0 - 4 } }

    /// `Reception`, `Year 7`, `Nursery (age 3)`.
    package static func yearGroupLabel(_ ncy: Int) -> String {
        ncy == 0 ? "Reception" : ncy > 0 ? "Year \(ncy)" : "age \(ncy + 4)"
    }

    package func value(_ id: String, la: String) -> Double { values[id]?[la] ?? 0 }

    /// The group's total of a figure.
    package func total(_ id: String) -> Double { las.reduce(0) { $0 + value(id, la: $1) } }

    /// What the hub's disclosure machinery needs: every figure, and the group's total.
    package var disclosureInput: DisclosureInput {
        disclosureInput(control: DisclosureControl())
    }

    package func disclosureInput(control: DisclosureControl) -> DisclosureInput {
        var figures: [String: [String: [Figure]]] = [:]
        for definition in definitions {
            figures[definition.id] = [period: las.map { la in
                let value = value(definition.id, la: la)
                return Figure(laCode: la, numerator: value, denominator: nil, value: value)
            }]
        }
        return DisclosureInput(definitions: definitions, figures: figures,
                               totals: [.group(group, members: Set(las))], control: control)
    }
}

/// Who reads a scope's outputs, and so what they hide (docs/scoping.md, "Disclosure control"):
/// shared outputs hide every LA's small counts, and whatever would give them away, by the
/// suppression pattern; an LA's own view shows its own figures whole.
package struct ScopeAudience: Sendable {
    /// The LA whose own figures are shown unsuppressed; nil for a shared output.
    package var ownLA: String?
    package var pattern: SuppressionPattern
    package var figures: ScopeFigures
    /// Counts from 1 to threshold - 1 are small.
    package var threshold: Int

    /// LAs whose modelled figures are hidden: those whose eligible count is hidden, and when that is
    /// one LA only, the other LA with the fewest eligible too, so that the group's total of places
    /// less the shown LAs' never gives one LA's places.
    package private(set) var modelHidden: Set<String>

    package init(figures: ScopeFigures, ownLA: String? = nil, control: DisclosureControl = DisclosureControl()) {
        self.figures = figures
        self.ownLA = ownLA
        threshold = control.threshold
        let pattern = SuppressionPattern.compute(figures.disclosureInput(control: control))
        self.pattern = pattern
        var hidden = Set(figures.las.filter { pattern.hides(ScopeFigures.eligible, period: figures.period, la: $0) })
        if hidden.count == 1, let second = figures.las.filter({ !hidden.contains($0) })
            .min(by: { (figures.value(ScopeFigures.eligible, la: $0), $0) < (figures.value(ScopeFigures.eligible, la: $1), $1) }) {
            hidden.insert(second)
        }
        modelHidden = hidden
    }

    /// True when an LA's figure shows as `c`.
    package func hides(_ id: String, la: String) -> Bool {
        la != ownLA && pattern.hides(id, period: figures.period, la: la)
    }

    /// True when the group's total of a figure shows as `c`.
    package func hidesTotal(_ id: String) -> Bool {
        pattern.hidesTotal(id, period: figures.period, total: TotalDefinition.group(figures.group, members: []).key)
    }

    /// Modelled figures of an LA (its places, fill and money) follow its eligible count: they are
    /// proportional to it, so they show only where it shows.
    package func hidesModel(la: String) -> Bool { la != ownLA && modelHidden.contains(la) }

    /// The shared service figures of an LA follow its cohort.
    package func hidesService(la: String) -> Bool { hides(ScopeFigures.cohort, la: la) }
}
