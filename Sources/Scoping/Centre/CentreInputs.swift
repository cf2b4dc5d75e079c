/// What the centre model needs of one LA (docs/scoping.md, "Fill" and "Money"), taken from the
/// cohort: its eligible children by national curriculum year, the share of its new placements that
/// would be eligible, and the average fee and change in travel of a child who moves.
package struct LACentreInputs: Sendable, Equatable {
    package var la: String
    /// Eligible children at the census, [NCY - DemandPaths.ncyRange.lowerBound].
    package var stock: [Double]
    /// Share of the LA's new placements in the scoped settings that live within the distance limit.
    package var eligibleShare: Double
    /// Average annual fee of the placement a child leaves.
    package var fee: Double
    /// Average change in straight-line home-to-school kilometres when a child moves to the centre.
    package var extraKilometres: Double

    package init(la: String, stock: [Double], eligibleShare: Double, fee: Double, extraKilometres: Double) {
        self.la = la
        self.stock = stock
        self.eligibleShare = eligibleShare
        self.fee = fee
        self.extraKilometres = extraKilometres
    }

    package var eligible: Double { stock.reduce(0, +) }
}

/// The eligible children of a cohort for a site and distance limit, and the centre inputs per LA.
package struct Eligibility: Sendable {
    package var inputs: [LACentreInputs]
    /// Per LA: children in a `--from-settings` placement, and of them those within the limit.
    package var fromSettings: [String: Int]
    package var eligible: [String: Int]
    /// Eligible children whose fee rests on a default, and whose travel change could not be measured.
    package var feeOnDefault: [String: Int]
    package var travelUnmeasured: [String: Int]

    package init(cohort: Cohort, site: GridPoint, assumptions: ScopeAssumptions) {
        let members = Set(cohort.las)
        var inputs: [LACentreInputs] = []
        var fromSettings: [String: Int] = [:], eligibleCount: [String: Int] = [:]
        var feeOnDefault: [String: Int] = [:], travelUnmeasured: [String: Int] = [:]
        for la in cohort.las {
            let children = cohort.children.filter { $0.la == la }
            let candidates = children.filter { $0.isFromSetting(assumptions.fromSettings, members: members) }
            let within = { (child: CohortChild) in child.distance(to: site).map { $0 <= assumptions.maxKilometres } ?? false }
            let eligible = candidates.filter(within)
            var stock = [Double](repeating: 0, count: DemandPaths.ncyCount)
            for child in eligible where DemandPaths.ncyRange.contains(child.ncy) {
                stock[child.ncy - DemandPaths.ncyRange.lowerBound] += 1
            }
            let share: Double
            if !candidates.isEmpty {
                share = Double(eligible.count) / Double(candidates.count)
            } else if !children.isEmpty {
                share = Double(children.filter(within).count) / Double(children.count)
            } else {
                share = 0
            }
            let feeBase = eligible.isEmpty ? candidates : eligible
            let fee = feeBase.isEmpty ? assumptions.fallbackFee
                : feeBase.map { $0.annualCost ?? assumptions.fallbackFee }.reduce(0, +) / Double(feeBase.count)
            let travel = eligible.compactMap { child -> Double? in
                guard let home = child.home, let placement = child.placement else { return nil }
                return home.kilometres(to: site) - home.kilometres(to: placement)
            }
            inputs.append(LACentreInputs(la: la, stock: stock, eligibleShare: share, fee: fee,
                                         extraKilometres: travel.isEmpty ? 0 : travel.reduce(0, +) / Double(travel.count)))
            fromSettings[la] = candidates.count
            eligibleCount[la] = eligible.count
            feeOnDefault[la] = eligible.filter(\.costOnDefault).count
            travelUnmeasured[la] = eligible.count - travel.count
        }
        self.inputs = inputs
        self.fromSettings = fromSettings
        self.eligible = eligibleCount
        self.feeOnDefault = feeOnDefault
        self.travelUnmeasured = travelUnmeasured
    }
}
