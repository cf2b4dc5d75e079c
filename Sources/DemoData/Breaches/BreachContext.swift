import HubKit

/// What a breach needs to know about the return it is written into.
struct BreachContext {
    let year: Int
    let census: Day
    /// The UPN of an earlier, untouched person of the same return (for a duplicate).
    let earlierUPN: String?
    /// The ULN of an earlier, untouched person of the same return (for a probable duplicate).
    let earlierULN: String?

    /// A plan that started before this date and is active at the census should have a review
    /// recorded (the validator's 12 months before the census).
    var reviewDueBefore: Day { census.shifted(months: -12) }
    /// The 31 August before the census, the day ages are taken on.
    var ageDate: Day { CollectionCalendar(year: year).ageDate }
    /// The collection period: the calendar year before the census.
    var periodStart: Day { CollectionCalendar(year: year).periodStart }
    var periodEnd: Day { CollectionCalendar(year: year).periodEnd }
}
