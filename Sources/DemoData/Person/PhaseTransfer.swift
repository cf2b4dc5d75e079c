import HubKit

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
