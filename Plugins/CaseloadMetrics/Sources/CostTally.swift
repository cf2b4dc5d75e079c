import HubKit

/// What the cost indicators of one return add up: placements costed by each route, and the
/// costs of all, out-of-area and independent special placements.
struct CostTally {
    var routes = [Int](repeating: 0, count: CostMetricProvider.Route.allCases.count)
    var total = 0.0, costed = 0.0, outOfArea = 0.0, outOfAreaCosted = 0.0, independent = 0.0

    /// Adds `count` children placed like `child`, each costing `cost` by `route`.
    mutating func add(_ child: CensusChild, la: String, cost: Double?, route: CostMetricProvider.Route, count: Int = 1) {
        routes[route.rawValue] += count
        guard let cost, count > 0 else { return }
        // One child adds its cost itself; a group of them, cost x count (exact for whole pounds).
        let amount = count == 1 ? cost : cost * Double(count)
        total += amount
        costed += Double(count)
        if let located = child.establishmentLA, located != la {
            outOfArea += amount
            outOfAreaCosted += Double(count)
        }
        if child.category == .independentSpecial { independent += amount }
    }
}

/// The placements at each current return's census, costed (keyed `la/year`).
struct CostCounting {
    /// The costs and the rule that costs a placement (shared with the host's scoping).
    var book: PlacementCostBook

    func tallies(_ context: any MetricContext) throws -> [String: CostTally] {
        try book.wholePounds ? fromSummaries(context) : childByChild(context)
    }

    /// From the placement counts kept with each return (schema V4), and child by child only for
    /// children with a per-child cost.
    func fromSummaries(_ context: any MetricContext) throws -> [String: CostTally] {
        var tallies: [String: CostTally] = [:]
        // Children with their own cost leave their placement's group.
        var ownCost: [String: [PlacementKey: Int]] = [:]
        if !book.perChild.isEmpty {
            for child in try CensusSnapshot.read(context, withPerChildCost: true) where child.category != .unknown {
                guard let pseudonym = child.pseudonym, let cost = book.perChild[pseudonym] else { continue }
                let key = "\(child.laCode)/\(child.collectionYear)"
                tallies[key, default: CostTally()].add(child, la: child.laCode, cost: cost, route: .child)
                ownCost[key, default: [:]][PlacementKey(child), default: 0] += 1
            }
        }
        for census in try ReturnCensus.readAll(context, placementsOnly: true) {
            let key = "\(census.laCode)/\(census.collectionYear)"
            var tally = tallies[key] ?? CostTally()
            for group in census.placements where group.child.category != .unknown {
                let count = Int(group.children) - (ownCost[key]?[PlacementKey(group.child)] ?? 0)
                // The children with their own cost were taken out above: the group is costed without them.
                let (cost, route) = book.cost(pseudonym: nil, urn: group.child.urn, category: group.child.category, la: census.laCode)
                tally.add(group.child, la: census.laCode, cost: cost, route: route, count: count)
            }
            tallies[key] = tally
        }
        return tallies
    }

    /// Child by child from the module tables, in the children's order: costs with pence are
    /// summed in the same order as ever, so every figure stays the same to the last digit.
    func childByChild(_ context: any MetricContext) throws -> [String: CostTally] {
        var tallies: [String: CostTally] = [:]
        for child in try CensusSnapshot.read(context) where child.category != .unknown {
            let (cost, route) = book.cost(pseudonym: child.pseudonym, urn: child.urn, category: child.category, la: child.laCode)
            tallies["\(child.laCode)/\(child.collectionYear)", default: CostTally()]
                .add(child, la: child.laCode, cost: cost, route: route)
        }
        return tallies
    }

    /// A placement attended at the census as the summaries group them.
    struct PlacementKey: Hashable {
        var urn: String?
        var ukprn: String?
        var senSetting: String?

        init(_ child: CensusChild) {
            (urn, ukprn, senSetting) = (child.urn, child.ukprn, child.senSetting)
        }
    }
}
