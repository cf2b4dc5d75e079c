import HubKit

/// Children with a plan active at a return's census date, counted by placement, primary need and
/// birth month (the rows of `census_placements`, `census_needs`, `census_birth_months`).
///
/// Each child counts once (docs/sen2.md census-date logic, `CensusChoice` in HubKit): among the child's
/// plans active at the census, the one that started latest; its request's placement attended at
/// the census, rank 1 first, else rank 2, of two of one rank the one entered latest; its primary
/// need (SENtypeRank 1). `SchemaV8.censusBackfill` and the caseload plugin order rows the same way.
package struct CensusTally: Sendable {
    /// The placement attended at the census, as stored (all nil when `attended` is false).
    package struct Placement: Hashable, Sendable {
        package var attended: Bool
        package var urn: String?
        package var ukprn: String?
        package var senSetting: String?
    }

    package let censusDate: Day
    package private(set) var children = 0
    package private(set) var placements: [Placement: Int] = [:]
    package private(set) var needs: [String?: Int] = [:]
    package private(set) var birthMonths: [String?: Int] = [:]

    package init(censusDate: Day) {
        self.censusDate = censusDate
    }

    /// Counts `person` when one of their plans is active at the census. `birthMonth` is the month
    /// the store keeps for them.
    package mutating func add(_ person: PersonRecord, birthMonth: String?) {
        guard let pick = Self.pick(person, census: censusDate) else { return }
        children += 1
        let placement = pick.placement
        placements[Placement(attended: placement != nil, urn: placement?.urn, ukprn: placement?.ukprn,
                             senSetting: placement?.senSetting), default: 0] += 1
        needs[pick.primaryNeed, default: 0] += 1
        birthMonths[birthMonth, default: 0] += 1
    }

    /// The child's census facts, or nil when no plan is active at `census`: the plan and placement
    /// of `PersonRecord.censusChoice(on:)` and that request's primary need.
    static func pick(_ person: PersonRecord, census: Day) -> (placement: SettingDetail?, primaryNeed: String?)? {
        guard let choice = person.censusChoice(on: census) else { return nil }
        let active = person.requests[choice.request].activePlans
        let need = active?.needs.first { $0.senTypeRank == 1 }?.senType
        return (choice.placement.map { active!.placements[$0] }, need)
    }
}
