/// Which new placements a run of the flow model counts, and in which cell: a map from every
/// ``FlowState`` (where the child is at the census it arrives at) to a cell, or to none. A new
/// placement is a joiner (a new plan or a transfer in) or a stayer whose setting group changed.
/// A child's need never changes, its NCY only rises, and children do not act on one another, so a
/// run without adjustments carries only the children the tally can still count: of the needs it
/// counts and, when it counts some year groups only, in or reaching them within the run. Their
/// draws, and so the tally, are the same as in a run of every child, while the run's counts and
/// components cover those children only.
package struct PlacementTally: Sendable {
    package let cells: Int
    /// Cell by state index; -1 for a state not counted.
    let cellByState: [Int32]
    /// By need position: some state of the need is counted.
    let countsNeed: [Bool]
    /// The NCYs of the counted states, as offsets from the lowest (``FlowState/ncyRange``); nil
    /// when no state is counted.
    let countedNCYs: ClosedRange<Int>?

    /// `cell` maps a state to a cell in 0..<cells, or nil to leave it out.
    package init(cells: Int, _ cell: (FlowState) -> Int?) {
        self.cells = cells
        let cellByState = (0..<FlowState.count).map { index -> Int32 in
            guard let value = cell(FlowState(index: index)), value >= 0, value < cells else { return -1 }
            return Int32(value)
        }
        self.cellByState = cellByState
        var countsNeed = [Bool](repeating: false, count: PrimaryNeed.codes.count)
        for index in 0..<FlowState.count where cellByState[index] >= 0 { countsNeed[FlowState(index: index).need] = true }
        self.countsNeed = countsNeed
        let ncys = (0..<FlowState.count).filter { cellByState[$0] >= 0 }.map { FlowState(index: $0).ncy - FlowState.ncyRange.lowerBound }
        countedNCYs = ncys.min().map { $0...ncys.max()! }
    }

    /// Every need has a counted state: a run carries every child of every need.
    var countsEveryNeed: Bool { countsNeed.allSatisfy { $0 } }

    /// The counted NCYs when they are not every NCY: a run carries only children in or reaching them.
    var countsSomeNCYs: ClosedRange<Int>? {
        countedNCYs.flatMap { $0 == 0...(FlowState.ncyRange.count - 1) ? nil : $0 }
    }

    func cell(ofStateIndex index: Int) -> Int { Int(cellByState[index]) }
}

/// One year of one simulation of an LA's flows: the stock at the start (the census before) and
/// what changed it. `stockEnd = stockStart + newPlans + transfersIn - ceased - transfersOut`,
/// exactly, in every simulation.
package struct FlowComponents: Sendable, Equatable {
    package var stockStart = 0
    /// Joiners other than transfers in.
    package var newPlans = 0
    /// Joiners who came from another LA.
    package var transfersIn = 0
    /// Leavers other than transfers out (plans ceased, children aged out).
    package var ceased = 0
    /// Leavers who moved to another LA.
    package var transfersOut = 0
    /// Stayers whose setting group changed.
    package var movers = 0
    /// Children a redirect placed, still in the setting it placed them in at the census.
    package var redirected = 0
    package var stockEnd = 0

    package init() {}

    package var joiners: Int { newPlans + transfersIn }
    package var leavers: Int { ceased + transfersOut }
}

/// The simulations of one LA's flow model: for every simulation and census year ahead, the number
/// of children in every ``FlowState`` and the year's ``FlowComponents``. This is the model's
/// reusable output: sums over any set of states (a need, an age range, a setting, a centre's
/// catchment) are taken per simulation with ``totals(where:)``, so their spread is right.
/// A run that kept its tally only (``statesKept`` false) has the components and the new
/// placements, and no children by state.
package struct FlowSimulations: Sendable {
    package let la: String
    /// The census the simulations start from.
    package let origin: Int
    package let horizon: Int
    package let simulations: Int
    /// [(simulation x horizon + year index) x FlowState.count + state index].
    let counts: [UInt16]
    /// [simulation x horizon + year index].
    package let components: [FlowComponents]
    /// Cells of the run's ``PlacementTally`` (0 without one).
    package let placementCells: Int
    /// New placements by tally cell: [(simulation x horizon + year index) x placementCells + cell].
    let newPlacements: [UInt16]
    /// False when the run kept only its tally and components: then no children by state are held,
    /// and ``count(simulation:yearIndex:state:)``, ``totals(where:)`` and ``cellTotals(cells:_:)``
    /// must not be asked.
    package let statesKept: Bool

    init(la: String, origin: Int, horizon: Int, simulations: Int, counts: [UInt16], components: [FlowComponents],
         newPlacements: [UInt16] = [], placementCells: Int = 0, statesKept: Bool = true) {
        self.la = la
        self.origin = origin
        self.horizon = horizon
        self.simulations = simulations
        self.counts = counts
        self.components = components
        self.newPlacements = newPlacements
        self.placementCells = placementCells
        self.statesKept = statesKept
    }

    /// New placements (joiners, and stayers who changed setting group) counted in `cell` of the
    /// run's tally at the census `origin + yearIndex + 1` of simulation `simulation`.
    package func newPlacements(simulation: Int, yearIndex: Int, cell: Int) -> Int {
        Int(newPlacements[(simulation * horizon + yearIndex) * placementCells + cell])
    }

    /// The mean over the simulations of the new placements in `cells` of the tally at the census
    /// `origin + yearIndex + 1`, each cell's count times its weight: summed simulation by simulation
    /// and, within one, cell by cell in the order given, then divided by the simulations (at least 1).
    package func meanNewPlacements(yearIndex: Int, cells: [(cell: Int, weight: Double)]) -> Double {
        var sum = 0.0
        for simulation in 0..<simulations {
            let base = (simulation * horizon + yearIndex) * placementCells
            for (cell, weight) in cells { sum += Double(newPlacements[base + cell]) * weight }
        }
        return sum / Double(max(simulations, 1))
    }

    private func requireStates() {
        precondition(statesKept, "this flow-model run kept only its tally (statesKept: false): it holds no children by state")
    }

    /// The census years simulated.
    package var years: [Int] { (1...max(horizon, 1)).map { origin + $0 } }

    /// Children in `state` at the census `origin + yearIndex + 1` in simulation `simulation`.
    package func count(simulation: Int, yearIndex: Int, state: FlowState) -> Int {
        requireStates()
        return Int(counts[(simulation * horizon + yearIndex) * FlowState.count + state.index])
    }

    package func components(simulation: Int, yearIndex: Int) -> FlowComponents {
        components[simulation * horizon + yearIndex]
    }

    /// For every simulation and year, the children in the states `include` keeps: [simulation][year index].
    package func totals(where include: (FlowState) -> Bool) -> [[Double]] {
        requireStates()
        let chosen = (0..<FlowState.count).filter { include(FlowState(index: $0)) }
        return (0..<simulations).map { simulation in
            (0..<horizon).map { year in
                let base = (simulation * horizon + year) * FlowState.count
                return Double(chosen.reduce(0) { $0 + Int(counts[base + $1]) })
            }
        }
    }

    /// For every simulation and year, the children by cell: `cell` maps a state to a cell index in
    /// 0..<cells (nil to leave it out). [simulation][year index][cell].
    package func cellTotals(cells: Int, _ cell: (FlowState) -> Int?) -> [[[Double]]] {
        requireStates()
        let map = (0..<FlowState.count).map { cell(FlowState(index: $0)) }
        return (0..<simulations).map { simulation in
            (0..<horizon).map { year in
                var totals = [Double](repeating: 0, count: cells)
                let base = (simulation * horizon + year) * FlowState.count
                for state in 0..<FlowState.count where counts[base + state] > 0 {
                    if let index = map[state] { totals[index] += Double(counts[base + state]) }
                }
                return totals
            }
        }
    }
}
