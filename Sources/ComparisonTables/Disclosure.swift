import Comparison
import HubKit

/// Who a table of figures is for, which decides what disclosure control hides (indicators.md,
/// "Disclosure control"): another authority never sees a small count of one LA, nor a rate built on
/// one; an LA sees its own figures unsuppressed only in its own view.
public struct Audience: Sendable, Equatable {
    /// The LA whose own figures are shown unsuppressed; nil when every LA's small figures are hidden.
    public var ownLA: String?
    public var control: DisclosureControl

    public init(ownLA: String? = nil, control: DisclosureControl = DisclosureControl()) {
        self.ownLA = ownLA
        self.control = control
    }

    /// The LAs whose figures must show as `c`, among `figures` of one indicator and period.
    ///
    /// Primary: a figure whose numerator (or denominator, for rates) is a small count. Secondary:
    /// for each set of LAs whose total is shown beside them (`totals`: a region, a group, all LAs of
    /// a table), when exactly one of its cells is hidden, the next smallest is hidden too. Figures
    /// from published tables are public already and keep their own symbols: never hidden here, and
    /// not cells of a total either. The audience's own LA is left visible to itself.
    public func hiddenLAs(_ figures: [Figure], definition: IndicatorDefinition, totals: [[String]]) -> Set<String> {
        hiddenLAs(figures, isCount: definition.denominator == nil, totals: totals)
    }

    /// As above, for figures whose definition is not at hand: `isCount` says the denominator is no
    /// count of children (so it never triggers suppression).
    public func hiddenLAs(_ figures: [Figure], isCount: Bool, totals: [[String]]) -> Set<String> {
        let computed = figures.filter { $0.source == nil && $0.numerator != nil }
        var hidden = Set(computed.filter {
            control.suppressesFigure(numerator: $0.numerator, denominator: isCount ? nil : $0.denominator)
        }.map(\.laCode))
        let byCode = Dictionary(computed.map { ($0.laCode, $0) }, uniquingKeysWith: { a, _ in a })
        for members in totals {
            let cells = members.compactMap { byCode[$0] }
            let alreadyHidden = cells.filter { hidden.contains($0.laCode) }.count
            // One hidden cell of a shown total could be recovered by subtraction: hide the next smallest.
            guard alreadyHidden == 1 else { continue }
            let candidates = cells.filter { !hidden.contains($0.laCode) && ($0.numerator ?? 0) > 0 }
            if let next = candidates.min(by: { ($0.numerator!, $0.laCode) < ($1.numerator!, $1.laCode) }) {
                hidden.insert(next.laCode)
            }
        }
        if let ownLA { hidden.remove(ownLA) }
        return hidden
    }
}
