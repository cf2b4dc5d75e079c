/// Residents aged 0-25 of each generated authority, by mid-year, single year of age and sex.
/// Each authority's size is drawn on its own, independently of its own caseload, as in England:
/// the group's mean number of plans at the latest census times 20 to 32 residents per plan, drawn
/// to the tenth of a resident, so rates spread around England's (3.1% to 5%) without ties and
/// without being a whole fraction of the caseload. The population grows by half a percent a year
/// while the caseload grows faster, so that rates rise over the years as they do.
struct PopulationFigures: Sendable {
    /// One authority, mid-year and age.
    struct Row: Sendable, Hashable {
        let authority: LocalAuthority
        /// The mid-year (30 June) of the estimate: the calendar year before a collection's census.
        let year: Int
        let age: Int
        let male: Int
        let female: Int
        var total: Int { male + female }
    }

    /// Ages written: those the hub's rates use (0-25).
    static let ages = 0...25
    /// Residents of each age per 10,000 aged 0-25, shaped like England's mid-2023 estimates (fewer
    /// young children as births have fallen, a bulge of teenagers, young adults moving about).
    static let ageShape = [
        352, 358, 365, 371, 377, 384, 390, 396, 401, 404, 406, 405, 403, 400, 396, 392,
        389, 386, 381, 372, 377, 385, 391, 396, 398, 400,
    ]
    /// Boys per 1,000 children born.
    static let malePerMille = 512

    let rows: [Row]

    /// - Parameter activePlans: plans active at each census, by LA code and collection year.
    init(seed: UInt64, authorities: [LocalAuthority], years: [Int], activePlans: [String: [Int: Int]]) {
        let sorted = years.sorted()
        guard let latest = sorted.last else {
            rows = []
            return
        }
        var rows: [Row] = []
        // The group's scale, not the authority's own caseload.
        let latestPlans = authorities.map { activePlans[$0.code]?[latest] ?? 0 }
        let meanPlans = max(latestPlans.reduce(0, +) / max(latestPlans.count, 1), 1)
        for authority in authorities {
            var random = DemoRandom(seed, 0x909_0A7E, UInt64(authority.number))
            // Tenths of a resident per plan: 20.0 to 32.0.
            let tenthsPerPlan = random.int(in: 200...320)
            // Each authority its own shape: a university town has more people aged 18-22.
            let students = random.chance(perMille: 300) ? random.int(in: 110...135) : 100
            let weights = Self.ages.map { age in
                Self.ageShape[age] * random.int(in: 97...103) * ((18...22).contains(age) ? students : 100) / 100
            }
            for year in sorted {
                let total = meanPlans * tenthsPerPlan * (1000 - 5 * (latest - year)) / 10_000
                for (age, residents) in zip(Self.ages, Self.split(total, by: weights)) {
                    let male = (residents * Self.malePerMille + 500) / 1000
                    rows.append(Row(authority: authority, year: year - 1, age: age, male: male, female: residents - male))
                }
            }
        }
        self.rows = rows
    }

    /// `total` shared in proportion to `weights`, in whole numbers that add up to `total`.
    static func split(_ total: Int, by weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        var running = 0, given = 0
        return weights.map { weight in
            running += weight
            let upTo = total * running / sum
            defer { given = upTo }
            return upTo - given
        }
    }

    /// The mid-years written, oldest first.
    var years: [Int] { Array(Set(rows.map(\.year))).sorted() }
}
