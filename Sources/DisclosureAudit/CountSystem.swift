import Comparison
import HubKit

/// A count of one unit in one period: a cell of the linear system. The unit is an LA's code, or
/// `sum(CODES)` for the hub's LAs a total adds up.
package struct CellKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var count: String
    package var unit: String
    package var period: String

    package init(count: String, unit: String, period: String) {
        self.count = count
        self.unit = unit
        self.period = period
    }

    package static func < (a: CellKey, b: CellKey) -> Bool { (a.unit, a.period, a.count) < (b.unit, b.period, b.count) }

    package var description: String { "\(unit) \(period) \(count)" }
}

/// What a cell is.
enum CellRole: Sendable {
    /// A count that figures show.
    case count
    /// The part of a partition's total in none of its shown parts: shown nowhere, derivable.
    case rest
    /// The hub LAs' part of a total (published LAs' figures are constants beside it).
    case sum
}

struct Cell: Sendable {
    var key: CellKey
    var kind: CountKind
    var role: CellRole
    /// The LA whose count it is (nil for sums).
    var owner: String?
    /// The true value; nil when no figure gives it.
    var value: Double?
}

/// `Σ coefficient × cell + constant = value`: one side (numerator or denominator) of a figure.
struct FigureSide: Sendable {
    var terms: [(cell: Int, coefficient: Double)]
    var constant: Double
    var value: Double

    /// The one cell this side shows directly, when it has one term.
    var directCell: Int? { terms.count == 1 && abs(terms[0].coefficient) == 1 ? terms[0].cell : nil }
}

struct SystemFigure: Sendable {
    var key: FigureKey
    /// From a published table: public, never hidden, no cells.
    var published: Bool
    var sides: [FigureSide]
    /// Cells the figure is built on without showing them (only for primary suppression).
    var builtOn: [Int]
    /// True for totals.
    var isTotal: Bool

    var cells: [Int] { sides.flatMap { $0.terms.map(\.cell) } }
}

/// `Σ coefficient × cell = 0`: what every reader knows whatever is shown (a partition adds up, a
/// total is the sum of its LAs).
struct StructuralEquation: Sendable {
    var terms: [(cell: Int, coefficient: Double)]
    var label: String
}

/// The linear system of every figure the hub's outputs can show (docs/disclosure-control.md):
/// cells with their true values, figures as sums of cells, and the relations between cells.
/// Which figures are shown is the pattern's business; ``DisclosureAuditor`` puts the two together.
package struct CountSystem: Sendable {
    var cells: [Cell] = []
    var figures: [SystemFigure] = []
    var equations: [StructuralEquation] = []
    /// Declarations or figures that contradict each other (left out of the system), for the auditor to report.
    package private(set) var warnings: [String] = []
    var indexByKey: [CellKey: Int] = [:]
    /// The figures with a side showing each cell directly.
    var showing: [Int: [Int]] = [:]
    /// Each sum cell's member cells.
    var sumMembers: [Int: [Int]] = [:]
    /// Cells that are the total of a partition (the caseload and other headline counts).
    var partitionTotals: Set<Int> = []
    var figureIndex: [FigureKey: Int] = [:]

    /// The hub's own LAs (with figures computed from returns).
    package private(set) var hubLAs: [String] = []

    package init(_ input: DisclosureInput) {
        let definitions = input.definitions.sorted { $0.id < $1.id }
        var hub = Set<String>()
        var sums: [Int: [Int]] = [:]
        for definition in definitions {
            let counts = definition.countStructure
            let byPeriod = input.figures[definition.id] ?? [:]
            for period in byPeriod.keys.sorted() {
                let all = (byPeriod[period] ?? []).filter { $0.numerator != nil }.sorted { $0.laCode < $1.laCode }
                for figure in all {
                    let key = FigureKey(indicator: definition.id, period: period, unit: figure.laCode)
                    if DisclosureInput.isPublished(figure) {
                        add(SystemFigure(key: key, published: true, sides: [], builtOn: [], isTotal: false))
                        continue
                    }
                    hub.insert(figure.laCode)
                    var sides = [side(counts.numerator, kind: counts.numeratorKind, la: figure.laCode, period: period,
                                      value: figure.numerator!)]
                    if let denominator = counts.denominator, let value = figure.denominator {
                        sides.append(side(denominator, kind: counts.denominatorKind, la: figure.laCode, period: period, value: value))
                    }
                    let builtOn = counts.builtOn.compactMap {
                        cellIndex($0, kind: .children, la: figure.laCode, period: period)
                    }
                    add(SystemFigure(key: key, published: false, sides: sides.compactMap { $0 }, builtOn: builtOn, isTotal: false))
                }
            }
        }
        hubLAs = hub.sorted()
        inferValues()
        // Totals: the hub LAs' part of each count is a sum cell; published LAs add constants.
        for total in input.totals {
            for definition in definitions {
                let counts = definition.countStructure
                let byPeriod = input.figures[definition.id] ?? [:]
                for period in byPeriod.keys.sorted() {
                    let members = (byPeriod[period] ?? []).filter {
                        $0.numerator != nil && (total.members?.contains($0.laCode) ?? true)
                    }
                    guard !members.isEmpty else { continue }
                    let totalKey = FigureKey(indicator: definition.id, period: period, unit: total.key)
                    if input.publishedTotals.contains(totalKey) {
                        add(SystemFigure(key: totalKey, published: true, sides: [], builtOn: [], isTotal: true))
                        continue
                    }
                    let hubMembers = members.filter { !DisclosureInput.isPublished($0) }.map(\.laCode).sorted()
                    let published = members.filter(DisclosureInput.isPublished)
                    let numerator = sumSide(counts.numerator, kind: counts.numeratorKind, hubMembers: hubMembers, period: period,
                                            constant: published.reduce(0) { $0 + ($1.numerator ?? 0) },
                                            value: members.reduce(0) { $0 + ($1.numerator ?? 0) }, sums: &sums)
                    var sides = [numerator]
                    if definition.denominator != nil, let denominator = counts.denominator {
                        sides.append(sumSide(denominator, kind: counts.denominatorKind, hubMembers: hubMembers, period: period,
                                             constant: published.reduce(0) { $0 + ($1.denominator ?? 0) },
                                             value: members.reduce(0) { $0 + ($1.denominator ?? 0) }, sums: &sums))
                    }
                    let builtOn = counts.builtOn.map {
                        sumSide([$0], kind: .children, hubMembers: hubMembers, period: period, constant: 0, value: 0, sums: &sums)
                    }.flatMap { $0.terms.map(\.cell) }
                    add(SystemFigure(key: FigureKey(indicator: definition.id, period: period, unit: total.key), published: false,
                                     sides: sides.filter { !$0.terms.isEmpty || $0.constant != 0 }, builtOn: builtOn, isTotal: true))
                }
            }
        }
        sumMembers = sums
        for (sum, members) in sums.sorted(by: { $0.key < $1.key }) {
            let values = members.map { cells[$0].value }
            if values.allSatisfy({ $0 != nil }) { cells[sum].value = values.reduce(0) { $0 + $1! } }
            equations.append(StructuralEquation(terms: [(sum, 1)] + members.map { ($0, -1) },
                                                label: "total \(cells[sum].key)"))
        }
        addPartitions(definitions, input: input)
        dropUnverifiable()
    }

    // MARK: - Building

    private mutating func add(_ figure: SystemFigure) {
        figureIndex[figure.key] = figures.count
        for side in figure.sides {
            if let cell = side.directCell { showing[cell, default: []].append(figures.count) }
        }
        figures.append(figure)
    }

    private mutating func cellIndex(_ term: CountTerm, kind: CountKind, la: String, period label: String) -> Int? {
        guard let period = period(label, before: term.periodsBefore) else { return nil }
        return cell(CellKey(count: term.count, unit: la, period: period), kind: kind, role: .count, owner: la)
    }

    private mutating func cell(_ key: CellKey, kind: CountKind, role: CellRole, owner: String?) -> Int {
        if let existing = indexByKey[key] { return existing }
        indexByKey[key] = cells.count
        cells.append(Cell(key: key, kind: kind, role: role, owner: owner, value: nil))
        return cells.count - 1
    }

    private mutating func side(_ terms: [CountTerm], kind: CountKind, la: String, period: String, value: Double) -> FigureSide? {
        var resolved: [(cell: Int, coefficient: Double)] = []
        for term in terms {
            guard let cell = cellIndex(term, kind: kind, la: la, period: period) else { return nil }
            resolved.append((cell, Double(term.coefficient)))
        }
        return FigureSide(terms: resolved, constant: 0, value: value)
    }

    /// A total's side: the hub members' sum cells (one per term) plus the published members' constant.
    private mutating func sumSide(_ terms: [CountTerm], kind: CountKind, hubMembers: [String], period label: String,
                                  constant: Double, value: Double, sums: inout [Int: [Int]]) -> FigureSide {
        var resolved: [(cell: Int, coefficient: Double)] = []
        if !hubMembers.isEmpty {
            for term in terms {
                guard let period = period(label, before: term.periodsBefore) else { continue }
                let unit = hubMembers.count == 1 ? hubMembers[0] : "sum(\(hubMembers.joined(separator: ",")))"
                if hubMembers.count == 1 {
                    // One hub LA: its part of the total is its own cell.
                    resolved.append((cell(CellKey(count: term.count, unit: unit, period: period), kind: kind, role: .count,
                                          owner: unit), Double(term.coefficient)))
                    continue
                }
                let sum = cell(CellKey(count: term.count, unit: unit, period: period), kind: kind, role: .sum, owner: nil)
                if sums[sum] == nil {
                    sums[sum] = hubMembers.map {
                        cell(CellKey(count: term.count, unit: $0, period: period), kind: kind, role: .count, owner: $0)
                    }
                }
                resolved.append((sum, Double(term.coefficient)))
            }
        }
        return FigureSide(terms: resolved, constant: constant, value: value)
    }

    /// True values from the LAs' figures: a one-term side gives its cell; a side with one cell
    /// not yet known gives that one. Two figures giving one cell different values are reported.
    private mutating func inferValues() {
        var changed = true
        while changed {
            changed = false
            for figure in figures where !figure.published && !figure.isTotal {
                for side in figure.sides {
                    let unknown = side.terms.filter { cells[$0.cell].value == nil }
                    if unknown.count == 1 {
                        let known = side.terms.reduce(0) { sum, term in sum + (cells[term.cell].value ?? 0) * term.coefficient }
                        cells[unknown[0].cell].value = (side.value - known) / unknown[0].coefficient
                        changed = true
                    } else if unknown.isEmpty {
                        let total = side.terms.reduce(0) { $0 + cells[$1.cell].value! * $1.coefficient }
                        if abs(total - side.value) > 1e-6 && !warnings.contains(where: { $0.hasPrefix("\(figure.key)") }) {
                            warnings.append("\(figure.key): shows \(side.value) where its counts give \(total); left out")
                        }
                    }
                }
            }
        }
    }

    /// Each LA's partitions: the parts' cells and the rest add up to the total's cell.
    private mutating func addPartitions(_ definitions: [IndicatorDefinition], input: DisclosureInput) {
        struct Group { var total: String; var complete: Bool; var declared: Set<String> }
        var groups: [String: Group] = [:]
        for definition in definitions {
            for membership in definition.countStructure.partitions {
                guard let part = definition.countStructure.numerator.first else { continue }
                var group = groups[membership.partition] ?? Group(total: membership.total, complete: true, declared: [])
                group.complete = group.complete && membership.complete
                group.declared.insert(part.count)
                groups[membership.partition] = group
            }
        }
        let periods = Set(cells.map(\.key.period))
        for (name, group) in groups.sorted(by: { $0.key < $1.key }) {
            for la in hubLAs {
                for period in periods.sorted() {
                    guard let total = indexByKey[CellKey(count: group.total, unit: la, period: period)],
                          let totalValue = cells[total].value else { continue }
                    let parts = group.declared.sorted().compactMap { indexByKey[CellKey(count: $0, unit: la, period: period)] }
                    guard !parts.isEmpty, parts.allSatisfy({ cells[$0].value != nil }) else { continue }
                    let rest = totalValue - parts.reduce(0) { $0 + cells[$1].value! }
                    guard rest > -1e-6 else {
                        warnings.append("\(la) \(period) \(name): the parts add up to more than \(group.total); left out")
                        continue
                    }
                    var terms = parts.map { ($0, 1.0) } + [(total, -1.0)]
                    if group.complete && parts.count == group.declared.count && abs(rest) > 1e-6 {
                        warnings.append("\(la) \(period) \(name): declared complete, but \(rest) of \(group.total) is in no part")
                    }
                    // A rest of zero is taken as known (the stronger reader); any other rest is a cell.
                    if abs(rest) > 1e-6 {
                        let restCell = cell(CellKey(count: "\(name) (rest)", unit: la, period: period), kind: cells[total].kind,
                                            role: .rest, owner: la)
                        cells[restCell].value = rest
                        terms.append((restCell, 1))
                    }
                    equations.append(StructuralEquation(terms: terms, label: "\(la) \(period) \(name)"))
                    partitionTotals.insert(total)
                }
            }
        }
    }

    /// Equations on cells whose value no figure gives cannot be checked, nor a true point found:
    /// they are left out and reported.
    private mutating func dropUnverifiable() {
        equations = equations.filter { equation in
            guard equation.terms.allSatisfy({ cells[$0.cell].value != nil }) else {
                warnings.append("\(equation.label): a count has no value; left out")
                return false
            }
            let residual = equation.terms.reduce(0) { $0 + cells[$1.cell].value! * $1.coefficient }
            guard abs(residual) < 1e-6 else {
                warnings.append("\(equation.label): does not add up (\(residual)); left out")
                return false
            }
            return true
        }
    }

    // MARK: - Reading

    /// The key of a cell.
    package func key(_ cell: Int) -> CellKey { cells[cell].key }

    package var cellCount: Int { cells.count }
    /// Every figure the outputs can show (published ones included).
    package var figureKeys: [FigureKey] { figures.map(\.key) }
    /// Partitions and totals (shown figures add their own equations when audited).
    package var relationCount: Int { equations.count }

    /// The figure with this key, if the system has it.
    func figure(_ key: FigureKey) -> SystemFigure? { figureIndex[key].map { figures[$0] } }
}
