import HubKit

/// The latest annual review known at the census, for plans that have had one.
struct AnnualReview {
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
