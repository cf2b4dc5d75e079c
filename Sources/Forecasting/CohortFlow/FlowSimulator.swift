import Foundation

/// Runs an LA's flow model forward from its last census, child by child, in many simulations
/// (docs/forecasting.md, "The cohort flow model"). Each year every child ages a year; leaves
/// with its state's chance (everyone at 25); otherwise stays and may move setting group; then
/// joiners arrive: a Poisson number per NCY with mean rate x population x trend, each given a
/// need and setting from the joiners' mix. Adjustments (a scenario) change these chances for the
/// children they name.
///
/// Every random number is addressed by (seed, LA, simulation, child, year, purpose): the same seed
/// gives the same output, on any number of threads, and a scenario run differs from the
/// unmitigated one only where the scenario acts.
package struct FlowSimulator: Sendable {
    package var parameters: FlowParameters
    /// The children at the last census.
    package var start: [RosterChild]
    package var adjustments: [FlowAdjustment]

    package init(parameters: FlowParameters, start: [RosterChild], adjustments: [FlowAdjustment] = []) {
        self.parameters = parameters
        self.start = start
        self.adjustments = adjustments.filter { $0.las?.contains(parameters.la) ?? true }
    }

    /// Simulations `horizon` census years ahead. Runs on the machine's cores; the result does not
    /// depend on how many. With `tally`, the new placements of every year are counted by its cells
    /// too (the draws, and so every other figure, are the same with or without it); `statesKept`
    /// false keeps the tally and the components only, not the children in every state (a run's
    /// largest part by far).
    package func run(horizon: Int, simulations: Int, seed: UInt64, tally: PlacementTally? = nil,
                     statesKept: Bool = true) -> FlowSimulations {
        let random = CounterRandom(seed: seed, stream: parameters.la)
        let ordered = Self.ordered(start)
        let tables = Tables(parameters, horizon: horizon)
        let slots = ResultSlots(simulations: simulations, horizon: horizon, placementCells: tally?.cells ?? 0,
                                statesKept: statesKept)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, simulations))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for simulation in stride(from: worker, to: simulations, by: workers) {
                simulate(simulation: simulation, horizon: horizon, children: ordered, tables: tables, random: random, into: slots,
                         tally: tally)
            }
        }
        return FlowSimulations(la: parameters.la, origin: parameters.lastYear, horizon: horizon, simulations: simulations,
                               counts: slots.countArray, components: slots.componentArray,
                               newPlacements: slots.placementArray, placementCells: tally?.cells ?? 0, statesKept: statesKept)
    }

    /// The parameters laid out flat for the inner loop, and the expected joiners of every year and
    /// NCY, worked out once for all simulations.
    struct Tables: Sendable {
        /// [ncy * settings + setting]
        let leave: [Double]
        /// [(ncy * settings + setting) * settings + destination]
        let move: [Double]
        /// [ncy * cells + cell], cells = needs x settings
        let mix: [Double]
        /// [year index * ncys + ncy]
        let expected: [Double]

        init(_ p: FlowParameters, horizon: Int) {
            leave = p.leaveProbability.flatMap { $0 }
            move = p.moveCumulative.flatMap { $0.flatMap { $0 } }
            mix = p.joinerMixCumulative.flatMap { $0 }
            expected = (0..<horizon).flatMap { h in
                (0..<FlowParameters.ncyCount).map { p.expectedJoiners(ncy: $0, census: p.lastYear + h + 1) }
            }
        }
    }

    /// Children in a fixed order with fixed ids, whatever order the store gave them in.
    static func ordered(_ children: [RosterChild]) -> [RosterChild] {
        children.sorted { ($0.pseudonym ?? "~", $0.state.index) < ($1.pseudonym ?? "~", $1.state.index) }
    }

    /// The memory the simulations fill; each simulation writes only its own part, through raw
    /// pointers (so threads never touch the same array value).
    final class ResultSlots: @unchecked Sendable {
        let countSize: Int
        let componentSize: Int
        let placementSize: Int
        let counts: UnsafeMutablePointer<UInt16>
        let components: UnsafeMutablePointer<FlowComponents>
        /// New placements by tally cell: [(simulation x horizon + year index) x cells + cell].
        let placements: UnsafeMutablePointer<UInt16>

        init(simulations: Int, horizon: Int, placementCells: Int, statesKept: Bool) {
            countSize = statesKept ? simulations * horizon * FlowState.count : 0
            componentSize = simulations * horizon
            placementSize = simulations * horizon * placementCells
            counts = .allocate(capacity: max(countSize, 1))
            counts.initialize(repeating: 0, count: max(countSize, 1))
            components = .allocate(capacity: componentSize)
            components.initialize(repeating: FlowComponents(), count: componentSize)
            placements = .allocate(capacity: max(placementSize, 1))
            placements.initialize(repeating: 0, count: max(placementSize, 1))
        }

        deinit {
            counts.deallocate()
            components.deinitialize(count: componentSize)
            components.deallocate()
            placements.deallocate()
        }

        var countArray: [UInt16] { Array(UnsafeBufferPointer(start: counts, count: countSize)) }
        var componentArray: [FlowComponents] { Array(UnsafeBufferPointer(start: components, count: componentSize)) }
        var placementArray: [UInt16] { Array(UnsafeBufferPointer(start: placements, count: placementSize)) }
    }

    /// Children as the simulation carries them.
    struct Child {
        var id: UInt64
        var ncy: Int      // offset: 0 = NCY -4
        var need: Int
        var setting: Int
        /// The redirect (index into `adjustments`) that placed the child where it is, or -1.
        var redirectedBy: Int
    }

    static let purposeLeave: UInt64 = 1, purposeTransferOut: UInt64 = 3
    static let purposeJoinerCell: UInt64 = 5, purposeTransferIn: UInt64 = 6, purposeRedirect: UInt64 = 7
    static let purposeThin: UInt64 = 8, purposeJoinerCount: UInt64 = 9, purposeExtraCount: UInt64 = 10
    static let purposeExtraCell: UInt64 = 11

    func simulate(simulation: Int, horizon: Int, children start: [RosterChild], tables: Tables, random: CounterRandom,
                  into slots: ResultSlots, tally: PlacementTally? = nil) {
        let p = parameters
        let last = FlowParameters.ncyCount - 1
        let settings = FlowParameters.settingCount
        let cells = PrimaryNeed.codes.count * settings
        let sim = UInt64(simulation)
        let adjusted = !adjustments.isEmpty
        let leaverAdjustments = adjustments.contains { if case .leavers = $0.target { return true } else { return false } }
        var children = start.enumerated().map { index, child in
            Child(id: UInt64(index + 1), ncy: child.state.ncy - FlowState.ncyRange.lowerBound, need: child.state.need,
                  setting: child.state.setting.position, redirectedBy: -1)
        }
        // Only children a tally can still count, when nothing links children (see PlacementTally): of
        // the needs it counts, and in or reaching its NCYs (offsets) within the run.
        let carried = tally.flatMap { !adjusted && !$0.countsEveryNeed ? $0.countsNeed : nil }
        if let carried { children.removeAll { !carried[$0.need] } }
        let reach = adjusted ? nil : tally?.countsSomeNCYs
        if let reach { children.removeAll { $0.ncy + 1 > reach.upperBound || $0.ncy + horizon < reach.lowerBound } }
        var placedBy = [Int](repeating: 0, count: adjustments.count)
        var next: [Child] = []
        tables.leave.withUnsafeBufferPointer { leaveTable in
        tables.move.withUnsafeBufferPointer { moveTable in
        tables.mix.withUnsafeBufferPointer { mixTable in
        for h in 0..<horizon {
            let census = p.lastYear + h + 1
            let year = UInt64(census)
            let prefix = random.prefix(sim, year)
            var c = FlowComponents()
            c.stockStart = children.count
            let placed = slots.placements + (simulation * horizon + h) * (tally?.cells ?? 0)
            func counted(_ child: Child) {
                guard let tally else { return }
                let cell = tally.cell(ofStateIndex: (child.ncy * PrimaryNeed.codes.count + child.need) * settings + child.setting)
                if cell >= 0, placed[cell] < UInt16.max { placed[cell] += 1 }
            }
            next.removeAll(keepingCapacity: true)
            next.reserveCapacity(children.count + children.count / 5)
            for var child in children {
                var leave = child.ncy >= last ? 1.0 : leaveTable[child.ncy * settings + child.setting]
                if leaverAdjustments {
                    let state = FlowState(ncy: child.ncy + FlowState.ncyRange.lowerBound, need: child.need,
                                          setting: Self.settingList[child.setting])
                    for adjustment in adjustments {
                        if case let .leavers(multiplier) = adjustment.target {
                            leave *= adjustment.multiplier(multiplier, state: state, la: p.la, census: census)
                        }
                    }
                }
                let (leaveDraw, moveDraw) = CounterRandom.uniformPair(prefix, child.id, Self.purposeLeave)
                if leaveDraw < min(leave, 1) {
                    if random.uniform(sim, child.id, year, Self.purposeTransferOut) < p.transferOutShare {
                        c.transfersOut += 1
                    } else {
                        c.ceased += 1
                    }
                    if child.redirectedBy >= 0 { placedBy[child.redirectedBy] -= 1 }
                    continue
                }
                let row = (child.ncy * settings + child.setting) * settings
                let destination = Self.pick(moveTable, from: row, count: settings, moveDraw)
                child.ncy += 1
                if destination != child.setting {
                    c.movers += 1
                    if child.redirectedBy >= 0 {
                        placedBy[child.redirectedBy] -= 1
                        child.redirectedBy = -1
                    }
                    child.setting = destination
                    if adjusted { place(&child, census: census, random: random, simulation: sim, placedBy: &placedBy) }
                    counted(child)
                }
                if let reach, child.ncy + 1 > reach.upperBound { continue }   // past the counted NCYs for good
                next.append(child)
            }
            // Joiners, NCY by NCY.
            for ncy in 0..<FlowParameters.ncyCount {
                let expected = tables.expected[h * FlowParameters.ncyCount + ncy]
                guard expected > 0 else { continue }
                if let reach, ncy > reach.upperBound || ncy + (horizon - 1 - h) < reach.lowerBound { continue }
                var countGenerator = SeededGenerator(seed: random.bits(sim, UInt64(ncy), year, Self.purposeJoinerCount))
                let count = Self.poisson(expected, &countGenerator)
                let mixRow = ncy * cells
                for k in 0..<count {
                    let id = (year << 40) | (UInt64(ncy) << 32) | UInt64(k)
                    let cell = Self.pick(mixTable, from: mixRow, count: cells, random.uniform(sim, id, year, Self.purposeJoinerCell))
                    if let carried, !carried[cell / settings] { continue }
                    let transferIn = random.uniform(sim, id, year, Self.purposeTransferIn) < p.transferInShare
                    var child = Child(id: id, ncy: ncy, need: cell / settings, setting: cell % settings, redirectedBy: -1)
                    if adjusted {
                        let multiplier = joinerMultiplier(ncy: ncy, cell: cell, census: census, transferIn: transferIn)
                        if multiplier < 1, random.uniform(sim, id, year, Self.purposeThin) >= multiplier { continue }
                        place(&child, census: census, random: random, simulation: sim, placedBy: &placedBy)
                    }
                    if transferIn { c.transfersIn += 1 } else { c.newPlans += 1 }
                    counted(child)
                    if let reach, ncy + 1 > reach.upperBound { continue }
                    next.append(child)
                }
                guard adjusted else { continue }
                // More joiners than the model expects, where a scenario raises them: a second Poisson
                // number on top, drawn from its own stream so the first are unchanged.
                var extraWeights = [Double](repeating: 0, count: cells)
                var hasExtra = false
                for cell in 0..<cells {
                    let probability = mixTable[mixRow + cell] - (cell > 0 ? mixTable[mixRow + cell - 1] : 0)
                    let multiplier = joinerMultiplier(ncy: ncy, cell: cell, census: census, transferIn: false)
                    if multiplier > 1, probability > 0 {
                        extraWeights[cell] = probability * (multiplier - 1)
                        hasExtra = true
                    }
                }
                if hasExtra {
                    let extraExpected = expected * extraWeights.reduce(0, +)
                    var extraGenerator = SeededGenerator(seed: random.bits(sim, UInt64(ncy), year, Self.purposeExtraCount))
                    let extraCumulative = FlowEstimation.cumulative(extraWeights)
                    for k in 0..<Self.poisson(extraExpected, &extraGenerator) {
                        let id = (1 << 63) | (year << 40) | (UInt64(ncy) << 32) | UInt64(k)
                        let cell = Self.pick(extraCumulative, random.uniform(sim, id, year, Self.purposeExtraCell))
                        var child = Child(id: id, ncy: ncy, need: cell / settings, setting: cell % settings, redirectedBy: -1)
                        place(&child, census: census, random: random, simulation: sim, placedBy: &placedBy)
                        c.newPlans += 1
                        counted(child)
                        next.append(child)
                    }
                }
            }
            swap(&children, &next)
            c.stockEnd = children.count
            c.redirected = placedBy.reduce(0, +)
            if slots.countSize > 0 {
                let counts = slots.counts + (simulation * horizon + h) * FlowState.count
                for child in children {
                    let index = (child.ncy * PrimaryNeed.codes.count + child.need) * settings + child.setting
                    if counts[index] < UInt16.max { counts[index] += 1 }
                }
            }
            slots.components[simulation * horizon + h] = c
        }
        }
        }
        }
    }

    static var settingList: [FlowSetting] { FlowSetting.list }

    /// The product of the joiner and request multipliers in force for a joiner in `cell`.
    func joinerMultiplier(ncy: Int, cell: Int, census: Int, transferIn: Bool) -> Double {
        guard !adjustments.isEmpty else { return 1 }
        let settings = FlowParameters.settingCount
        let state = FlowState(ncy: ncy + FlowState.ncyRange.lowerBound, need: cell / settings,
                              setting: Self.settingList[cell % settings])
        var multiplier = 1.0
        for adjustment in adjustments {
            switch adjustment.target {
            case let .joiners(full):
                multiplier *= adjustment.multiplier(full, state: state, la: parameters.la, census: census)
            case let .requests(full) where !transferIn:
                multiplier *= adjustment.multiplier(full, state: state, la: parameters.la, census: census)
            default:
                continue
            }
        }
        return multiplier
    }

    /// A new placement (a joiner, or a stayer changing group): a redirect in force for it sends it
    /// elsewhere with its share, while its places are not all taken.
    func place(_ child: inout Child, census: Int, random: CounterRandom, simulation: UInt64, placedBy: inout [Int]) {
        for (index, adjustment) in adjustments.enumerated() {
            guard case let .redirect(from, to, share, capacity) = adjustment.target, child.setting == from.position else { continue }
            let state = FlowState(ncy: child.ncy + FlowState.ncyRange.lowerBound, need: child.need, setting: from)
            let strength = adjustment.applies(to: state, la: parameters.la) ? adjustment.strength(census: census) : 0
            guard strength > 0, placedBy[index] < (capacity ?? Int.max),
                  random.uniform(simulation, child.id, UInt64(census), Self.purposeRedirect &+ UInt64(index) << 8) < share * strength
            else { continue }
            child.setting = to.position
            child.redirectedBy = index
            placedBy[index] += 1
            return
        }
    }

    /// The index (from `start`, of `count`) whose cumulative probability first exceeds `u`.
    static func pick(_ table: UnsafeBufferPointer<Double>, from start: Int, count: Int, _ u: Double) -> Int {
        var low = 0, high = count - 1
        while low < high {
            let middle = (low + high) / 2
            if table[start + middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The index whose cumulative probability first exceeds `u`.
    static func pick(_ cumulative: [Double], _ u: Double) -> Int {
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A Poisson number: by multiplying uniforms below a mean of 30, else a normal approximation
    /// rounded (its error is far below the model's).
    static func poisson(_ mean: Double, _ generator: inout SeededGenerator) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let limit = exp(-mean)
            var product = generator.uniform(), count = 0
            while product > limit {
                count += 1
                product *= generator.uniform()
            }
            return count
        }
        return max(0, Int((mean + mean.squareRoot() * generator.normal()).rounded()))
    }
}
