

// The one age convention of the hub (docs/sen2.md, "Census-date logic"): a person's age for a census is
// their age on the 31 August before the census date, i.e. at the start of the academic year the
// census falls in. The national curriculum year is that age minus 4 (Reception = 0, Year 1 = 5-year-olds).
// Example: census 2025-01-16, the 31 August before it is 2024-08-31; a child born 2019-03-02 is 5
// on that day and in Year 1; a child born 2019-09-01 is 4 and in Reception.

/// The last 31 August strictly before `date`: the eve of the academic year `date` falls in.
/// For a census on 2025-01-16 that is 2024-08-31; for 2024-08-31 itself it is 2023-08-31.
public func august31Before(_ date: Day) -> Day {
    let (year, month, _) = date.parts
    return Day(year: month >= 9 ? year : year - 1, month: 8, day: 31)!
}

/// Age in whole years on the 31 August before the census date (see `august31Before`).
/// Negative for a child born after that 31 August (e.g. -1 for a baby born in October before a
/// January census).
public func ageOnAugust31Before(_ census: Day, birth: Day) -> Int {
    birth.age(on: august31Before(census))
}

/// National curriculum year at the census: age on the 31 August before it, minus 4.
/// Reception is 0, Year 1 is 1, ..., Year 13 is 13; below 0 is early years, above 13 post-school.
public func nationalCurriculumYear(census: Day, birth: Day) -> Int {
    ageOnAugust31Before(census, birth: birth) - 4
}
