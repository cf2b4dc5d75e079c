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

    /// The placement the plan names: the one attended at the census (or at the cease date).
    var namedPlacement: PlacementEpisode? {
        let day = showsCease ? person.ceased! : calendar.census
        return person.placements.last { $0.entry <= day } ?? person.placements.first
    }
}

/// The latest annual review known at the census, for plans that have had one.
struct Review {
    let meeting: Day
    let decided: Day
    /// `A` amend, `C` cease, `M` maintain.
    let outcome: UInt8
    /// The draft amended plan (2025+), when the outcome is to amend and it was issued by the census.
    let draft: Day?

    /// Reviews fall in the month before each anniversary of the plan's start, so a plan more than
    /// 12 months old always has one by the census.
    init?(person: SyntheticPerson, calendar: CollectionCalendar) {
        guard let start = person.planStart else { return nil }
        let limit = person.ceased.map { min($0, calendar.census) } ?? calendar.census
        var latest: (meeting: Day, decided: Day, number: Int)?
        var number = 1
        while true {
            var random = DemoRandom(person.detailSeed, 0x4E71E3, UInt64(number))
            let meeting = start.shifted(months: 12 * number).adding(days: -(30 + random.below(21)))
            let decided = meeting.adding(days: random.below(27))
            guard decided <= limit else { break }
            latest = (meeting, decided, number)
            number += 1
        }
        guard let latest else { return nil }
        var random = DemoRandom(person.detailSeed, 0x0C7C03E, UInt64(latest.number))
        meeting = latest.meeting
        decided = latest.decided
        if let ceased = person.ceased, person.ceaseReason != UInt8(ascii: "5"),
           ceased <= calendar.census, latest.decided.days(to: ceased) <= 180 {
            outcome = UInt8(ascii: "C")
        } else {
            switch random.below(1000) {
            case ..<700: outcome = UInt8(ascii: "M")
            case ..<985: outcome = UInt8(ascii: "A")
            default: outcome = UInt8(ascii: "C")
            }
        }
        let draftDate = decided.adding(days: 7 + random.below(21))
        draft = outcome == UInt8(ascii: "A") && draftDate <= limit ? draftDate : nil
    }
}

/// The phase transfer review of a plan active at the census (2025+): the statutory deadline
/// (15 February for a move between school phases, 31 March for a move to post-16) and, once
/// made, the date the amended plan was finalised.
struct PhaseTransfer {
    let due: Day
    let finalised: Day?

    init?(person: SyntheticPerson, calendar: CollectionCalendar) {
        guard let start = person.planStart else { return nil }
        let year = calendar.year
        let curriculumYear = person.school.curriculumYear(on: calendar.census)
        var random = DemoRandom(person.detailSeed, 0x9A5E, UInt64(year))
        switch curriculumYear {
        case -1, 6, 11:
            // Moving next September: the deadline is ahead.
            due = curriculumYear == 11 ? Day.known(year, 3, 31) : Day.known(year, 2, 15)
            let early = calendar.census.adding(days: -random.below(60))
            finalised = random.chance(perMille: 150) && early >= start ? early : nil
        case 0, 7, 12:
            // Moved last September: the review is done.
            due = curriculumYear == 12 ? Day.known(year - 1, 3, 31) : Day.known(year - 1, 2, 15)
            guard start < due.adding(days: -30) else { return nil }
            finalised = random.chance(perMille: 800) ? due.adding(days: -random.below(30))
                : due.adding(days: 1 + random.below(120))
        default:
            return nil
        }
    }
}
