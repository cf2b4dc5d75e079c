import HubKit

/// Children with a plan active at a return's census date, counted by placement, primary need and
/// birth month (the rows of `census_placements`, `census_needs`, `census_birth_months`).
///
/// Each child counts once (sen2.md census-date logic): among the child's plans active at the
/// census, the one that started latest; its request's placement attended at the census, rank 1
/// first, else rank 2; its primary need (SENtypeRank 1). Ties go to the earliest in the return,
/// the order `SchemaV4.backfill` breaks them in too.
public struct CensusTally: Sendable {
    /// The placement attended at the census, as stored (all nil when `attended` is false).
    public struct Placement: Hashable, Sendable {
        public var attended: Bool
        public var urn: String?
        public var ukprn: String?
        public var senSetting: String?
    }

    public let censusDate: Day
    public private(set) var children = 0
    public private(set) var placements: [Placement: Int] = [:]
    public private(set) var needs: [String?: Int] = [:]
    public private(set) var birthMonths: [String?: Int] = [:]

    public init(censusDate: Day) {
        self.censusDate = censusDate
    }

    /// Counts `person` when one of their plans is active at the census. `birthMonth` is the month
    /// the store keeps for them.
    public mutating func add(_ person: PersonRecord, birthMonth: String?) {
        guard let pick = Self.pick(person, census: censusDate) else { return }
        children += 1
        let placement = pick.placement
        placements[Placement(attended: placement != nil, urn: placement?.urn, ukprn: placement?.ukprn,
                             senSetting: placement?.senSetting), default: 0] += 1
        needs[pick.primaryNeed, default: 0] += 1
        birthMonths[birthMonth, default: 0] += 1
    }

    /// The child's census facts, or nil when no plan is active at `census`.
    static func pick(_ person: PersonRecord, census: Day) -> (placement: SettingDetail?, primaryNeed: String?)? {
        // Candidates are ordered by (start date, latest first), then (placement rank, rank 1 first,
        // none last); the first of equals wins, so only a strictly better one replaces it.
        var best: (start: Day, rank: PlacementOrder, request: RequestRecord, placement: SettingDetail?)?
        for request in person.requests {
            guard let plan = request.assessment?.namedPlan, plan.isActive(on: census),
                  let start = plan.startDate else { continue }
            var placement: SettingDetail?
            var rank = PlacementOrder.none
            for candidate in request.activePlans?.placements ?? [] where candidate.isAttended(on: census) {
                let order = PlacementOrder(candidate.placementRank)
                if placement == nil || order < rank { (placement, rank) = (candidate, order) }
            }
            if let current = best, !(start > current.start || (start == current.start && rank < current.rank)) { continue }
            best = (start, rank, request, placement)
        }
        guard let best else { return nil }
        let need = best.request.activePlans?.needs.first { $0.senTypeRank == 1 }?.senType
        return (best.placement, need)
    }

    /// How placements sort: by rank, a placement without one (or none attended) last.
    struct PlacementOrder: Comparable {
        var missing: Bool
        var rank: Int

        init(_ rank: Int?) {
            missing = rank == nil
            self.rank = rank ?? 0
        }

        static let none = PlacementOrder(nil)

        static func < (lhs: PlacementOrder, rhs: PlacementOrder) -> Bool {
            (lhs.missing ? 1 : 0, lhs.rank) < (rhs.missing ? 1 : 0, rhs.rank)
        }
    }
}
