/// What demo data set to generate.
package struct DemoOptions: Sendable {
    /// How many persons each return holds.
    package enum Persons: Sendable, Equatable {
        /// This many in each authority's latest return.
        case perAuthority(Int)
        /// This many in all the latest returns together, shared evenly (the first authorities get
        /// one more when it does not divide).
        case total(Int)
    }

    /// The authorities to write returns for, in order.
    package var authorities: [LocalAuthority]
    package var persons: Persons
    /// Same seed and options, same bytes.
    package var seed: UInt64
    /// The collection years, e.g. `[2025]` or `[2023, 2024, 2025, 2026]`.
    package var years: [Int]
    /// Also write `establishments.csv` (GIAS layout) for every URN and UKPRN the returns use.
    package var writesEstablishments: Bool
    /// Also write the population (both layouts), the placement costs and the group config.
    package var writesReferenceFiles: Bool
    /// Break every validation rule that can be broken, in a few persons, and list them in
    /// `intended-breaches.csv`; header rules in files of their own under `header-breaches/`.
    package var withErrors: Bool

    /// The default: 300 persons per authority, the 2025 return only, seed 1, no errors.
    package init(authorities: [LocalAuthority], persons: Persons = .perAuthority(300), seed: UInt64 = 1,
                years: [Int] = [2025], writesEstablishments: Bool = true, writesReferenceFiles: Bool = true,
                withErrors: Bool = false) {
        self.authorities = authorities
        self.persons = persons
        self.seed = seed
        self.years = years
        self.writesEstablishments = writesEstablishments
        self.writesReferenceFiles = writesReferenceFiles
        self.withErrors = withErrors
    }

    /// Collection years `latest - count + 1 ... latest`.
    package static func years(latest: Int, count: Int) throws -> [Int] {
        guard count >= 1 else { throw DemoDataError.badOption("--years must be at least 1") }
        let years = Array((latest - count + 1)...latest)
        for year in years where !CollectionCalendar.supportedYears.contains(year) {
            throw DemoDataError.unsupportedYear(year)
        }
        return years
    }

    /// Persons in the latest return of the authority at `index`.
    func persons(at index: Int) -> Int {
        switch persons {
        case .perAuthority(let count): return count
        case .total(let total):
            let share = total / authorities.count, extra = total % authorities.count
            return share + (index < extra ? 1 : 0)
        }
    }

    func validate() throws {
        guard !authorities.isEmpty else { throw DemoDataError.badOption("no local authorities selected") }
        guard !years.isEmpty else { throw DemoDataError.badOption("no collection years selected") }
        guard Set(authorities.map(\.code)).count == authorities.count else {
            throw DemoDataError.badOption("an authority is listed twice")
        }
        guard Set(years).count == years.count else { throw DemoDataError.badOption("a collection year is listed twice") }
        for year in years where !CollectionCalendar.supportedYears.contains(year) {
            throw DemoDataError.unsupportedYear(year)
        }
        switch persons {
        case .perAuthority(let count) where count < 1:
            throw DemoDataError.badOption("--persons must be at least 1")
        case .total(let total) where total < authorities.count:
            throw DemoDataError.badOption("the total of persons must be at least the number of authorities")
        default: break
        }
    }
}
