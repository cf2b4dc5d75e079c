import Foundation

/// The yearly rates of one LA's flow model, learned from its observed flows with the hub's
/// pooled flows as a prior (docs/forecasting.md, "The cohort flow model"):
///
/// - leaving: by NCY and setting group, `(leavers + k p_hub) / (children + k)`, p_hub itself the hub's
///   rate for that NCY and setting pulled towards the hub's NCY rate; every child at NCY 21
///   (age 25) leaves;
/// - moving: the setting group a stayer is in a year later, by NCY and setting, with the hub's
///   mix as the prior;
/// - joining: joiners per head of the LA's population at each age (pooled over the observed years,
///   scaled to the latest year's level), on a damped trend: the observed joiner rate's yearly
///   log-growth, fading by ``trendDamping`` a year and capped at +/-``maximumTrend``; and the need
///   and setting mix of joiners by NCY, with the hub's mix as the prior.
package struct FlowParameters: Sendable {
    /// Weight of the prior, in children.
    package static let priorWeight = 2.0
    package static let trendDamping = 0.8
    package static let maximumTrend = 0.2

    package var la: String
    /// The last observed census (the simulations start from it).
    package var lastYear: Int
    /// By NCY offset (0 = NCY -4) and setting position.
    package var leaveProbability: [[Double]]
    /// Cumulative destination probabilities: [ncy][setting][destination].
    package var moveCumulative: [[[Double]]]
    /// Joiners per head at the last observed year, by NCY offset of the joiner's census.
    package var joinRate: [Double]
    /// Cumulative (need, setting) mix of joiners by NCY offset: index need * settings + setting.
    package var joinerMixCumulative: [[Double]]
    /// The yearly log-growth of the joiner rate over the observed years (before damping).
    package var joinTrend: Double
    /// Share of joiners who transferred in from another LA of the hub, and of leavers who
    /// transferred out, over the observed years.
    package var transferInShare: Double
    package var transferOutShare: Double
    /// The population (by age 0-25) per year that joiners are scaled by; nil when the store has
    /// no population for the LA (joiners are then counts a year, not rates).
    package var population: [Int: [Double]]?

    static var ncyCount: Int { FlowState.ncyRange.count }
    static var settingCount: Int { FlowSetting.allCases.count }
    static var needCount: Int { PrimaryNeed.codes.count }

    /// The joiner rate's factor `years` years after the last observed census (damped trend).
    package func trendFactor(years: Int) -> Double {
        guard years > 0 else { return 1 }
        var sum = 0.0, weight = 1.0
        for _ in 1...years {
            weight *= Self.trendDamping
            sum += weight
        }
        return exp(joinTrend * sum)
    }

    /// The population at `age` for the census of `year` (the mid-year before it), the latest year
    /// held when the store has none that late; 1 without population.
    package func population(age: Int, census year: Int) -> Double {
        guard let population, let latest = population.keys.max() else { return 1 }
        let years = population.keys.filter { $0 <= year - 1 }
        let chosen = years.max() ?? population.keys.min() ?? latest
        return population[chosen]?[age] ?? 0
    }

    /// The expected joiners at NCY offset `ncy` into the census of `year`.
    package func expectedJoiners(ncy: Int, census year: Int) -> Double {
        joinRate[ncy] * population(age: ncy + FlowState.ncyRange.lowerBound + 4, census: year)
            * trendFactor(years: year - lastYear)
    }
}

/// Learns ``FlowParameters`` for every LA from the observed flows.
package enum FlowEstimation {
    /// Parameters for `la` from `flows` of every hub LA (the LA's own and the pooled prior);
    /// nil when the LA has no observed pair of censuses.
    package static func parameters(la: String, flows: [ObservedFlows], population: [Int: [Double]]?,
                                  lastYear: Int) -> FlowParameters? {
        let own = flows.filter { $0.la == la }
        guard !own.isEmpty else { return nil }
        let n = FlowParameters.ncyCount, s = FlowParameters.settingCount, m = FlowParameters.needCount
        let k = FlowParameters.priorWeight

        // Leaving and moving, counted by (ncy, setting) at the start.
        func tally(_ chosen: [ObservedFlows]) -> (left: [[Double]], total: [[Double]], moves: [[[Double]]]) {
            var left = Array(repeating: Array(repeating: 0.0, count: s), count: n)
            var total = left
            var moves = Array(repeating: Array(repeating: Array(repeating: 0.0, count: s), count: s), count: n)
            for flow in chosen {
                for (index, count) in flow.leavers {
                    let state = FlowState(index: index)
                    left[state.ncy - FlowState.ncyRange.lowerBound][state.setting.position] += Double(count)
                    total[state.ncy - FlowState.ncyRange.lowerBound][state.setting.position] += Double(count)
                }
                for (index, destinations) in flow.stayers {
                    let state = FlowState(index: index)
                    for (destination, count) in destinations {
                        total[state.ncy - FlowState.ncyRange.lowerBound][state.setting.position] += Double(count)
                        moves[state.ncy - FlowState.ncyRange.lowerBound][state.setting.position][destination.position] += Double(count)
                    }
                }
            }
            return (left, total, moves)
        }
        let hub = tally(flows), mine = tally(own)
        let overallLeave = ratio(hub.left.joined().reduce(0, +), hub.total.joined().reduce(0, +), fallback: 0.1)
        var leave = Array(repeating: Array(repeating: 0.0, count: s), count: n)
        var moveCumulative = Array(repeating: Array(repeating: Array(repeating: 0.0, count: s), count: s), count: n)
        for ncy in 0..<n {
            let hubNCY = (hub.left[ncy].reduce(0, +) + overallLeave) / (hub.total[ncy].reduce(0, +) + 1)
            for setting in 0..<s {
                let hubRate = (hub.left[ncy][setting] + k * hubNCY) / (hub.total[ncy][setting] + k)
                leave[ncy][setting] = ncy == n - 1 ? 1 : (mine.left[ncy][setting] + k * hubRate) / (mine.total[ncy][setting] + k)
                // Destinations: the hub's mix for this NCY and setting, pulled towards staying put.
                let hubMoves = hub.moves[ncy][setting]
                let hubStayers = hubMoves.reduce(0, +)
                var prior = (0..<s).map { destination in (hubMoves[destination] + (destination == setting ? 1 : 0)) / (hubStayers + 1) }
                let mineMoves = mine.moves[ncy][setting]
                let mineStayers = mineMoves.reduce(0, +)
                prior = (0..<s).map { (mineMoves[$0] + k * prior[$0]) / (mineStayers + k) }
                moveCumulative[ncy][setting] = cumulative(prior)
            }
        }

        // Joining: rates per head by NCY of the joiner's census, and the mix of needs and settings.
        func heads(_ year: Int, _ ncy: Int) -> Double {
            guard let population else { return 1 }
            let age = ncy + FlowState.ncyRange.lowerBound + 4
            let years = population.keys.filter { $0 <= year - 1 }
            guard let chosen = years.max() ?? population.keys.min() else { return 1 }
            return population[chosen]?[age] ?? 0
        }
        var joiners = Array(repeating: 0.0, count: n)
        var exposure = Array(repeating: 0.0, count: n)
        var yearly: [(year: Int, rate: Double)] = []
        var mixMine = Array(repeating: Array(repeating: 0.0, count: m * s), count: n)
        for flow in own.sorted(by: { $0.fromYear < $1.fromYear }) {
            let census = flow.fromYear + 1
            var yearJoiners = 0.0, yearPopulation = 0.0
            for ncy in 0..<n {
                exposure[ncy] += heads(census, ncy)
                yearPopulation += heads(census, ncy)
            }
            for (index, count) in flow.joiners {
                let state = FlowState(index: index)
                let offset = state.ncy - FlowState.ncyRange.lowerBound
                joiners[offset] += Double(count)
                yearJoiners += Double(count)
                mixMine[offset][state.need * s + state.setting.position] += Double(count)
            }
            if yearPopulation > 0 { yearly.append((census, yearJoiners / yearPopulation)) }
        }
        var rate = (0..<n).map { exposure[$0] > 0 ? joiners[$0] / exposure[$0] : 0 }
        // Scale the pooled NCY profile to the latest year's overall level.
        if let latest = yearly.last {
            let pooled = joiners.reduce(0, +) / max(exposure.reduce(0, +), 1e-9)
            if pooled > 0 { rate = rate.map { $0 * latest.rate / pooled } }
        }
        var trend = 0.0
        if yearly.count >= 2, yearly.allSatisfy({ $0.rate > 0 }),
           let line = ForecastMethod.leastSquares(yearly.map { (Double($0.year), log($0.rate)) }) {
            trend = min(max(line.slope, -FlowParameters.maximumTrend), FlowParameters.maximumTrend)
        }
        // The joiner mix: the LA's own with the hub's as a prior (the hub's overall mix where the
        // hub has no joiner at that NCY).
        var mixHub = Array(repeating: Array(repeating: 0.0, count: m * s), count: n)
        for flow in flows {
            for (index, count) in flow.joiners {
                let state = FlowState(index: index)
                mixHub[state.ncy - FlowState.ncyRange.lowerBound][state.need * s + state.setting.position] += Double(count)
            }
        }
        let hubOverall = (0..<(m * s)).map { cell in mixHub.map { $0[cell] }.reduce(0, +) }
        let mix: [[Double]] = (0..<n).map { ncy in
            let hubTotal = mixHub[ncy].reduce(0, +)
            let overallTotal = max(hubOverall.reduce(0, +), 1e-9)
            let prior = hubTotal > 0 ? mixHub[ncy].map { $0 / hubTotal } : hubOverall.map { $0 / overallTotal }
            let mineTotal = mixMine[ncy].reduce(0, +)
            return cumulative((0..<(m * s)).map { (mixMine[ncy][$0] + k * prior[$0]) / (mineTotal + k) })
        }
        let joined = own.map(\.joinerCount).reduce(0, +), left = own.map(\.leaverCount).reduce(0, +)
        return FlowParameters(
            la: la, lastYear: lastYear, leaveProbability: leave, moveCumulative: moveCumulative, joinRate: rate,
            joinerMixCumulative: mix, joinTrend: trend,
            transferInShare: ratio(Double(own.map(\.transfersIn).reduce(0, +)), Double(joined), fallback: 0),
            transferOutShare: ratio(Double(own.map(\.transfersOut).reduce(0, +)), Double(left), fallback: 0),
            population: population)
    }

    static func ratio(_ a: Double, _ b: Double, fallback: Double) -> Double { b > 0 ? a / b : fallback }

    static func cumulative(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        var running = 0.0
        var result = weights.map { weight -> Double in
            running += total > 0 ? weight / total : 1 / Double(weights.count)
            return running
        }
        if !result.isEmpty { result[result.count - 1] = 1 }
        return result
    }
}
