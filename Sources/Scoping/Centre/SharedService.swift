/// A shared specialist service sized for the cohort (docs/scoping.md, "Shared service"): each LA
/// alone needs ceil(its caseload ÷ caseload per practitioner) practitioners; pooled, the group needs
/// ceil(the group's caseload ÷ caseload per practitioner).
public struct SharedService: Sendable, Equatable {
    public var assumptions: ServiceAssumptions
    /// Children per LA (the cohort: every child in scope, whatever the setting).
    public var caseloads: [Int]
    public var alone: [Int]
    public var pooled: Int

    public init(caseloads: [Int], assumptions: ServiceAssumptions) {
        self.assumptions = assumptions
        self.caseloads = caseloads
        let per = assumptions.caseloadPerPractitioner
        alone = caseloads.map { Int((Double($0) / per).rounded(.up)) }
        pooled = Int((Double(caseloads.reduce(0, +)) / per).rounded(.up))
    }

    public var aloneTotal: Int { alone.reduce(0, +) }
    /// Practitioners pooling saves.
    public var saved: Int { aloneTotal - pooled }
    /// Pounds a year pooling saves.
    public var saving: Double { Double(saved) * assumptions.costPerPractitioner }
}
