/// What happened between two consecutive censuses of one LA, child by child (matched on the
/// pseudonym): who stayed (and in which setting), who left, who joined. A child who left one hub
/// LA and is in another's next census is a transfer: a leaver of the first and a joiner of the
/// second, counted apart.
package struct ObservedFlows: Sendable, Equatable {
    package var la: String
    /// The census the flows start from; they end at `fromYear + 1`.
    package var fromYear: Int
    package var stockStart: Int
    package var stockEnd: Int
    /// Stayers by state at the start and setting at the end.
    package var stayers: [Int: [FlowSetting: Int]]
    /// Leavers by state at the start (including transfers out and ageing out).
    package var leavers: [Int: Int]
    package var transfersOut: Int
    /// Joiners by state at the end (including transfers in).
    package var joiners: [Int: Int]
    package var transfersIn: Int
    /// Stayers whose setting group changed.
    package var movers: Int

    package var leaverCount: Int { leavers.values.reduce(0, +) }
    package var joinerCount: Int { joiners.values.reduce(0, +) }

    /// The flows of every pair of consecutive census years each LA of `roster` has. A child with no
    /// pseudonym cannot be followed: it counts as a leaver and, if still there, a joiner.
    package static func all(_ roster: CensusRoster) -> [ObservedFlows] {
        // Pseudonym -> LAs whose census has the child, by year.
        var whereIs: [Int: [String: Set<String>]] = [:]
        for (la, years) in roster.children {
            for (year, children) in years {
                for child in children { if let key = child.pseudonym { whereIs[year, default: [:]][key, default: []].insert(la) } }
            }
        }
        var flows: [ObservedFlows] = []
        for la in roster.children.keys.sorted() {
            for year in roster.years(of: la) where roster.children[la]![year + 1] != nil {
                let before = roster.children[la]![year]!
                let after = roster.children[la]![year + 1]!
                var afterByKey: [String: RosterChild] = [:]
                for child in after { if let key = child.pseudonym { afterByKey[key] = child } }
                var beforeKeys = Set<String>()
                var flow = ObservedFlows(la: la, fromYear: year, stockStart: before.count, stockEnd: after.count, stayers: [:],
                                         leavers: [:], transfersOut: 0, joiners: [:], transfersIn: 0, movers: 0)
                for child in before {
                    if let key = child.pseudonym, let next = afterByKey[key] {
                        beforeKeys.insert(key)
                        flow.stayers[child.state.index, default: [:]][next.state.setting, default: 0] += 1
                        if next.state.setting != child.state.setting { flow.movers += 1 }
                    } else {
                        flow.leavers[child.state.index, default: 0] += 1
                        if let key = child.pseudonym, let elsewhere = whereIs[year + 1]?[key], !elsewhere.subtracting([la]).isEmpty {
                            flow.transfersOut += 1
                        }
                    }
                }
                for child in after where child.pseudonym.map({ !beforeKeys.contains($0) }) ?? true {
                    flow.joiners[child.state.index, default: 0] += 1
                    if let key = child.pseudonym, let elsewhere = whereIs[year]?[key], !elsewhere.subtracting([la]).isEmpty {
                        flow.transfersIn += 1
                    }
                }
                flows.append(flow)
            }
        }
        return flows
    }
}
