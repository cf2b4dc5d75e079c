/// Disclosure control for figures one authority shows another: a count from 1 to threshold - 1 is
/// never revealed, nor is a rate built on one, nor anything it could be recovered from. The
/// threshold and the primary rule live here; the suppression pattern that protects every sum a
/// reader could form is `DisclosureAudit`'s (docs/disclosure-control.md).
package struct DisclosureControl: Sendable, Equatable {
    /// Counts below this (and above zero) are suppressed. Default 5.
    package var threshold: Int

    package init(threshold: Int = 5) { self.threshold = threshold }

    /// True when a count must not be shown: 0 < count < threshold.
    package func isSmall(_ count: Double?) -> Bool {
        guard let count else { return false }
        return count > 0 && count < Double(threshold)
    }
}
