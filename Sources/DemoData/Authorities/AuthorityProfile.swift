/// How one authority differs from the others, so that comparisons between demo authorities show
/// a spread (quartiles, ranks) rather than 150 copies of one average. Drawn from the data seed and
/// the LA code; every figure is a per-mille or a percentage multiplier.
struct AuthorityProfile: Sendable {
    /// Requests the LA refuses to assess (England: roughly 1 in 4).
    let refusalPerMille: Int
    /// Request decisions made within 6 weeks.
    let requestDecisionOnTimePerMille: Int
    /// New plans issued within 20 weeks of the request (England 2024: about 46%).
    let twentyWeeksPerMille: Int
    /// Assessments where the Week20 exceptions apply.
    let week20ExceptionPerMille: Int
    /// Multipliers (percent) on the special school, independent special and out-of-area weights.
    let specialTiltPercent: Int
    let independentTiltPercent: Int
    let outOfAreaTiltPercent: Int

    init(seed: UInt64, authority: LocalAuthority) {
        var random = DemoRandom(seed, 0xA07_4041, UInt64(authority.number))
        refusalPerMille = random.int(in: 120...330)
        requestDecisionOnTimePerMille = random.int(in: 600...980)
        twentyWeeksPerMille = random.int(in: 200...950)
        week20ExceptionPerMille = random.int(in: 20...110)
        specialTiltPercent = random.int(in: 75...135)
        independentTiltPercent = random.int(in: 50...200)
        outOfAreaTiltPercent = random.int(in: 50...180)
    }
}
