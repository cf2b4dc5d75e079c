/// Disclosure control for figures one authority shows another (indicators.md): a count from 1 to
/// threshold - 1 is never revealed, nor is a rate built on one; and where one cell of a shown total
/// is hidden, the next smallest is hidden too so the first cannot be recovered by subtraction.
public struct DisclosureControl: Sendable, Equatable {
    /// Counts below this (and above zero) are suppressed. Default 5.
    public var threshold: Int

    public init(threshold: Int = 5) { self.threshold = threshold }

    /// True when a count must not be shown: 0 < count < threshold.
    public func isSmall(_ count: Double?) -> Bool {
        guard let count else { return false }
        return count > 0 && count < Double(threshold)
    }

    /// Primary suppression of one figure: its numerator or its denominator is a small count.
    public func suppressesFigure(numerator: Double?, denominator: Double?) -> Bool {
        isSmall(numerator) || isSmall(denominator)
    }

    /// The cells to hide among `cells`, counts that add up to a total shown beside them (the LAs of
    /// a region, or the need categories of one LA). Primary: every small count. Secondary: when
    /// exactly one cell is hidden, the smallest other non-zero cell is hidden too (ties: the first).
    /// Nil cells have no value and are never hidden.
    public func suppressedCells(_ cells: [Double?]) -> Set<Int> {
        var hidden = Set(cells.indices.filter { isSmall(cells[$0]) })
        if hidden.count == 1 {
            let candidates = cells.indices.filter { !hidden.contains($0) && (cells[$0] ?? 0) > 0 }
            if let next = candidates.min(by: { (cells[$0]!, $0) < (cells[$1]!, $1) }) {
                hidden.insert(next)
            }
        }
        return hidden
    }
}
