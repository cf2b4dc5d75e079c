/// A change to the flows that a mitigation makes (from a scenario file, see ``Scenario``): from the
/// census after its start year on, optionally ramped in over some years, for the children it names.
package struct FlowAdjustment: Sendable, Equatable {
    package enum Target: Sendable, Equatable {
        /// Requests for assessment: new plans (joiners other than transfers in) move with them.
        case requests(multiplier: Double)
        /// Every joiner (new plans and transfers in).
        case joiners(multiplier: Double)
        /// The chance of leaving (ceasing) each year.
        case leavers(multiplier: Double)
        /// A share of new placements into one setting group go to another instead, while the
        /// children so placed who are still there number fewer than `capacity`.
        case redirect(from: FlowSetting, to: FlowSetting, share: Double, capacity: Int?)
    }

    package var name: String
    package var target: Target
    /// Indices into ``PrimaryNeed/codes``; nil for every need.
    package var needs: Set<Int>?
    /// Ages (on 31 August before the census); nil for every age.
    package var ages: ClosedRange<Int>?
    /// LAs it applies to; nil for every LA.
    package var las: Set<String>?
    /// The year it starts: it first shows at the census of January `start + 1`.
    package var start: Int
    /// Years over which it builds up linearly to its full size (0: at once).
    package var rampYears: Int

    package init(name: String, target: Target, needs: Set<Int>? = nil, ages: ClosedRange<Int>? = nil, las: Set<String>? = nil,
                start: Int, rampYears: Int = 0) {
        self.name = name
        self.target = target
        self.needs = needs
        self.ages = ages
        self.las = las
        self.start = start
        self.rampYears = rampYears
    }

    /// How much of the change applies to the flows into the census of `year`: 0 before it starts,
    /// rising by 1/rampYears a year to 1.
    package func strength(census year: Int) -> Double {
        guard year > start else { return 0 }
        guard rampYears > 0 else { return 1 }
        return min(1, Double(year - start) / Double(rampYears))
    }

    func applies(to state: FlowState, la: String) -> Bool {
        (needs?.contains(state.need) ?? true) && (ages?.contains(state.age) ?? true) && (las?.contains(la) ?? true)
    }

    /// The multiplier in force for `state` at the census of `year` (1 when it does not apply).
    func multiplier(_ full: Double, state: FlowState, la: String, census year: Int) -> Double {
        guard applies(to: state, la: la) else { return 1 }
        return 1 + (full - 1) * strength(census: year)
    }
}
