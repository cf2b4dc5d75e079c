import HubKit

/// What a return's header is held against: the census day of each collection year, and the LA
/// codes in operation on a date (the LA register, whose codes change: Northamptonshire 928 became
/// 940 and 941 in April 2021, Cumbria 909 became 942 and 943 in April 2023). Both come from the
/// repository's `Datasets/` (`census_dates.csv`, `local_authorities.csv`), which `hnhub init`
/// loads into the store; see docs/validation.md.
package struct CollectionReference: Sendable {
    /// One period in which an LA code is in operation; an open end is nil.
    package struct AuthorityPeriod: Sendable, Hashable {
        package var laCode: String
        package var name: String?
        package var from: Day?
        package var to: Day?

        package init(laCode: String, name: String? = nil, from: Day?, to: Day?) {
            self.laCode = laCode
            self.name = name
            self.from = from
            self.to = to
        }

        func covers(_ date: Day) -> Bool {
            (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true)
        }
    }

    /// Collection year -> its census day (the ReferenceDate every return of that year carries).
    package let censusDays: [Int: Day]
    private let periods: [String: [AuthorityPeriod]]

    package init(censusDays: [Int: Day], authorities: [AuthorityPeriod]) {
        self.censusDays = censusDays
        periods = Dictionary(grouping: authorities, by: \.laCode)
    }

    /// True when the register holds any LA (an empty one checks nothing).
    package var hasRegister: Bool { !periods.isEmpty }

    /// The periods the register has for `code` (empty when it never knew the code).
    package func periods(of code: String) -> [AuthorityPeriod] {
        periods[code] ?? []
    }

    /// True when `code` is an LA in operation on `date`.
    package func isInOperation(_ code: String, on date: Day) -> Bool {
        periods(of: code).contains { $0.covers(date) }
    }
}
