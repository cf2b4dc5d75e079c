import Comparison

/// What one SEN2 return's validation counts may show to an audience (docs/disclosure-control.md,
/// "Returns and data quality"). The LA's own view sees its own counts as they are. Anyone else sees
/// `c` (nil here) for a count of persons, quarantined persons, errors or warnings from 1 to threshold-1, and
/// for the quarantined count also when the persons kept (persons less quarantined) are that few,
/// since the two shown counts would give them away; finding counts per rule are not shown to
/// outsiders at all, as the shown ones subtracted from the errors or warnings could recover a
/// hidden one.
package struct ReturnCountsShown: Sendable, Equatable {
    /// Each count, nil when it must show as `c`.
    package var persons: Int?
    package var quarantined: Int?
    package var errors: Int?
    package var warnings: Int?
    /// True when counts per validation rule may be shown (the LA's own view only).
    package var showsFindingCounts: Bool

    /// The counts of LA `la`'s return as `audience` may see them.
    package init(la: String, persons: Int, quarantined: Int, errors: Int, warnings: Int, ownLA: String?,
                control: DisclosureControl) {
        let own = ownLA == la
        func shown(_ value: Int, hidden: Bool) -> Int? { hidden ? nil : value }
        let personsHidden = !own && control.isSmall(Double(persons))
        self.persons = shown(persons, hidden: personsHidden)
        self.quarantined = shown(quarantined, hidden: !own && (personsHidden || control.isSmall(Double(quarantined))
                                                                || control.isSmall(Double(persons - quarantined))))
        self.errors = shown(errors, hidden: !own && control.isSmall(Double(errors)))
        self.warnings = shown(warnings, hidden: !own && control.isSmall(Double(warnings)))
        showsFindingCounts = own
    }
}
