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

    /// A figure taken from a published table (the published-figures provider's `published: TABLE`
    /// source), as opposed to one the hub computed from returns, with or without a note of its route.
    public static func isPublished(_ figure: Figure) -> Bool {
        figure.source?.hasPrefix("published") ?? false
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
    ///
    /// In an LA's own view its cell is known to the reader, so hiding the rest as others see them is
    /// not enough (two small LAs in a region: the own LA could subtract its figure and the third's
    /// from the total). The own view also hides what suppression with the own cell visible hides.
    public func hiddenLAs(_ figures: [Figure], isCount: Bool, totals: [[String]]) -> Set<String> {
        let shared = suppressed(figures, isCount: isCount, totals: totals, known: nil)
        guard let ownLA else { return shared }
        return shared.subtracting([ownLA]).union(suppressed(figures, isCount: isCount, totals: totals, known: ownLA))
    }

    /// Primary and secondary suppression, `known` (the reader's own LA) never hidden.
    private func suppressed(_ figures: [Figure], isCount: Bool, totals: [[String]], known: String?) -> Set<String> {
        let computed = figures.filter { !Self.isPublished($0) && $0.numerator != nil }
        var hidden = Set(computed.filter {
            $0.laCode != known
                && control.suppressesFigure(numerator: $0.numerator, denominator: isCount ? nil : $0.denominator)
        }.map(\.laCode))
        let byCode = Dictionary(computed.map { ($0.laCode, $0) }, uniquingKeysWith: { a, _ in a })
        // Until nothing changes: a cell hidden for one total (a group) can leave another (its region)
        // with a single hidden cell.
        var changed = true
        while changed {
            changed = false
            for members in totals {
                let cells = members.compactMap { byCode[$0] }
                let alreadyHidden = cells.filter { hidden.contains($0.laCode) }.count
                // One hidden cell of a shown total could be recovered by subtraction: hide the next smallest.
                guard alreadyHidden == 1 else { continue }
                let candidates = cells.filter { !hidden.contains($0.laCode) && $0.laCode != known && ($0.numerator ?? 0) > 0 }
                if let next = candidates.min(by: { ($0.numerator!, $0.laCode) < ($1.numerator!, $1.laCode) }) {
                    hidden.insert(next.laCode)
                    changed = true
                }
            }
        }
        return hidden
    }
}
