import HubKit

/// What one collection year's return shows of a person: the history known at its census.
///
/// A person is in the return when their plan is active at the census, when any of their dates
/// (request, decisions, plan start, cease) falls in the reporting period, or when their request
/// was still open during it. Decisions made before the period are historical (`H`); decisions
/// not made by the census are pending (`A`).
struct ReturnView {
    let person: SyntheticPerson
    let calendar: CollectionCalendar

    /// True when the person belongs in this return.
    var isIncluded: Bool {
        let census = calendar.census
        guard person.received <= census, calendar.age(birth: person.birth) <= 25 else { return false }
        if planIsActive { return true }
        if let ceased = person.ceased, calendar.inPeriod(ceased) { return true }
        return person.received <= calendar.periodEnd && person.chainEnd >= calendar.periodStart
    }

    var planIsActive: Bool {
        guard let start = person.planStart, start <= calendar.census else { return false }
        return person.ceased.map { $0 > calendar.census } ?? true
    }

    /// `RequestOutcome` at the census.
    var requestOutcome: UInt8 {
        if person.transferredFrom != nil { return UInt8(ascii: "H") }
        if person.requestDecided > calendar.census { return UInt8(ascii: "A") }
        if person.requestDecided < calendar.periodStart { return UInt8(ascii: "H") }
        return person.requestOutcome
    }

    /// The assessment is shown once the LA decided to assess (or the plan came from another LA).
    var showsAssessment: Bool {
        person.transferredFrom != nil
            || (person.requestOutcome == UInt8(ascii: "Y") && person.requestDecided <= calendar.census)
    }

    /// `AssessmentOutcome` at the census.
    var assessmentOutcome: UInt8 {
        guard person.transferredFrom == nil, let decided = person.assessmentDecided else { return UInt8(ascii: "H") }
        if decided > calendar.census { return UInt8(ascii: "A") }
        if decided < calendar.periodStart { return UInt8(ascii: "H") }
        return person.assessmentOutcome
    }

    /// The plan is shown once it has started.
    var showsPlan: Bool {
        guard let start = person.planStart else { return false }
        return start <= calendar.census
    }

    var showsCease: Bool {
        person.ceased.map { $0 <= calendar.census } ?? false
    }

    /// Age on the census date itself (for `UPNunknown` UN1, "under 6").
    var ageAtCensus: Int { person.birth.age(on: calendar.census) }

    /// The placements to list: those entered by the census and not left before the period.
    var placements: ArraySlice<PlacementEpisode> {
        let census = calendar.census, periodStart = calendar.periodStart
        let first = person.placements.firstIndex { $0.leaving.map { $0 >= periodStart } ?? true } ?? person.placements.endIndex
        let end = person.placements.firstIndex { $0.entry > census } ?? person.placements.endIndex
        return first < end ? person.placements[first..<end] : []
    }

    /// The placements `ActivePlans` lists: those above, and the one the plan names when they miss it
    /// (each placement once).
    var listedPlacements: [PlacementEpisode] {
        var listed = Array(placements)
        if showsPlan, let named = namedPlacement,
           !listed.contains(where: { $0.entry == named.entry && $0.main == named.main }) {
            listed.append(named)
        }
        return listed
    }

    /// The placement the plan names: the one attended at the census (or at the cease date).
    var namedPlacement: PlacementEpisode? {
        let day = showsCease ? person.ceased! : calendar.census
        return person.placements.last { $0.entry <= day } ?? person.placements.first
    }
}
