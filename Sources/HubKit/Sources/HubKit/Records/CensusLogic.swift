

// The census-date logic of docs/sen2.md, shared by validation and metric plugins.

extension NamedPlanRecord {
    /// Active at `date`: started on or before it and not ceased by it (a plan ceasing on the census
    /// date itself is no longer active).
    public func isActive(on date: Day) -> Bool {
        guard let startDate, startDate <= date else { return false }
        return ceaseDate.map { $0 > date } ?? true
    }
}

extension SettingDetail {
    /// Attended on `date`: entered on or before it and not left before it (a placement left on the
    /// census date still counts). A placement with no EntryDate covers no date.
    public func isAttended(on date: Day) -> Bool {
        guard let entryDate, entryDate <= date else { return false }
        return leavingDate.map { $0 >= date } ?? true
    }
}

/// Which of a person's plans and placements count at a census date: one plan a child, one
/// placement a plan. Validation reports the choice when it had to be made (several plans active,
/// two placements of the same rank attended); the census summaries and the metric plugins count
/// with it.
///
/// - The plan: among the plans active at the date, the one that started latest; on the same
///   start date, the one whose attended placement ranks better (rank 1, then 2, then none); then
///   the earliest request in the return.
/// - Its placement: among that request's placements attended at the date, the best rank (1, then
///   2, then no rank); of two with the same rank, the one entered latest (the child's latest
///   move); on the same EntryDate, the lowest setting (URN, else UKPRN, else SENSetting, compared
///   as text). Nothing but the values decides, so the order of the file never does.
public struct CensusChoice: Sendable, Hashable {
    /// Position in `requests` of the plan that counts.
    public var request: Int
    /// Position in that request's `activePlans.placements` of the placement that counts; nil when
    /// none is attended at the date ("placement unknown").
    public var placement: Int?
    /// How many of the person's plans are active at the date (one counts).
    public var activePlans: Int
    /// Other placements of the counted placement's rank attended at the date in the same
    /// request: the choice between them was made on EntryDate and setting.
    public var samePlacementRank: Int
}

extension PersonRecord {
    /// What counts for this person at `date`, or nil when no plan is active then (see
    /// ``CensusChoice``).
    public func censusChoice(on date: Day) -> CensusChoice? {
        var best: (start: Day, order: PlacementOrder, choice: CensusChoice)?
        var active = 0
        for i in requests.indices {
            guard let plan = requests[i].assessment?.namedPlan, plan.isActive(on: date),
                  let start = plan.startDate else { continue }
            active += 1
            var placement: Int?
            var order = PlacementOrder.none
            var sameRank = 0
            if let placements = requests[i].activePlans?.placements {
                for k in placements.indices where placements[k].isAttended(on: date) {
                    let candidate = PlacementOrder(placements[k].placementRank)
                    if placement == nil || candidate < order {
                        (placement, order, sameRank) = (k, candidate, 0)
                    } else if candidate == order {
                        sameRank += 1
                        if placements[k].countsBefore(placements[placement!]) { placement = k }
                    }
                }
            }
            if let current = best, !(start > current.start || (start == current.start && order < current.order)) {
                continue
            }
            best = (start, order, CensusChoice(request: i, placement: placement, activePlans: 0,
                                               samePlacementRank: sameRank))
        }
        guard var choice = best?.choice else { return nil }
        choice.activePlans = active
        return choice
    }
}

extension SettingDetail {
    /// The setting as one text for ordering: URN, else UKPRN, else SENSetting ("" when none).
    public var settingKey: String { urn ?? ukprn ?? senSetting ?? "" }

    /// Between two placements of the same rank attended at a census: entered later, else the lower
    /// setting key.
    func countsBefore(_ other: SettingDetail) -> Bool {
        if let entry = entryDate, let otherEntry = other.entryDate, entry != otherEntry { return entry > otherEntry }
        return settingKey < other.settingKey
    }
}

/// How placements sort by rank: rank 1, then 2, then a placement without a rank (or none attended).
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
