/// A shared specialist service sized for the cohort (docs/scoping.md, "Shared service"): each LA
/// alone needs ceil(its caseload ÷ caseload per practitioner) practitioners; pooled, the group needs
/// ceil(the group's caseload ÷ caseload per practitioner).
package struct SharedService: Sendable, Equatable {
    package var assumptions: ServiceAssumptions
    /// Children per LA (the cohort: every child in scope, whatever the setting).
    package var caseloads: [Int]
    package var alone: [Int]
    package var pooled: Int

    package init(caseloads: [Int], assumptions: ServiceAssumptions) {
        self.assumptions = assumptions
        self.caseloads = caseloads
        let per = assumptions.caseloadPerPractitioner
        alone = caseloads.map { Int((Double($0) / per).rounded(.up)) }
        pooled = Int((Double(caseloads.reduce(0, +)) / per).rounded(.up))
    }

    package var aloneTotal: Int { alone.reduce(0, +) }
    /// Practitioners pooling saves.
    package var saved: Int { aloneTotal - pooled }
    /// Pounds a year pooling saves.
    package var saving: Double { Double(saved) * assumptions.costPerPractitioner }
}
