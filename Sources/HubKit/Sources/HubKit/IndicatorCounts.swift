/// What kind of number a count is, which decides whether disclosure control protects it.
public enum CountKind: String, Sendable, Hashable, Codable {
    /// Children, plans, requests or other events about children: values from 1 to threshold - 1
    /// are never shown to another authority, nor left derivable.
    case children
    /// Money (e.g. a sum of placement costs): never small in itself, but protected from being
    /// pinned exactly when hidden.
    case pounds
    /// Public reference figures (e.g. resident population): not protected.
    case reference
}

/// One named count, in this period or an earlier one, with a sign: a term of a numerator or
/// denominator.
public struct CountTerm: Sendable, Hashable, Codable {
    /// The count's name, shared by every indicator of the provider that shows the same count,
    /// e.g. `plans` or `plans.need.ASD`. Names are the provider's own; the host only matches them.
    public var count: String
    /// +1 or -1 (a change is this period's count minus the last).
    public var coefficient: Int
    /// 0: the figure's own period; 1: the period before (e.g. last year's plans for growth).
    public var periodsBefore: Int

    public init(_ count: String, coefficient: Int = 1, periodsBefore: Int = 0) {
        self.count = count
        self.coefficient = coefficient
        self.periodsBefore = periodsBefore
    }
}

/// The numerator's count is one part of a partition: the parts of one partition add up to its
/// total (e.g. the primary need categories add up to the plans at the census).
public struct PartitionMembership: Sendable, Hashable, Codable {
    /// The partition's name, shared by its parts, e.g. `plans by primary need`.
    public var partition: String
    /// The count the parts add up to, e.g. `plans`.
    public var total: String
    /// True when the parts always add up to the total exactly; false when some of the total can be
    /// in no part (e.g. a child with no primary need recorded): the rest is then a hidden part.
    public var complete: Bool

    public init(_ partition: String, total: String, complete: Bool) {
        self.partition = partition
        self.total = total
        self.complete = complete
    }
}

/// How an indicator's figures are built from named counts, so that disclosure control can protect
/// every sum a reader could form from what the hub shows (docs/disclosure-control.md): the same
/// count shown by two indicators, parts adding up to a total, this year minus last year, and (done
/// by the host, with no declaration) LAs adding up to group, region and England totals.
///
/// ```swift
/// // the share of plans with primary need ASD = those plans / plans; the needs partition the plans.
/// IndicatorCounts(numerator: [CountTerm("plans.need.ASD")], denominator: [CountTerm("plans")],
///                 partitions: [PartitionMembership("plans by primary need", total: "plans", complete: false)])
/// ```
public struct IndicatorCounts: Sendable, Hashable, Codable {
    /// The numerator as a sum of counts (one term for most indicators).
    public var numerator: [CountTerm]
    public var numeratorKind: CountKind
    /// The denominator as a sum of counts; nil for indicators that are counts.
    public var denominator: [CountTerm]?
    public var denominatorKind: CountKind
    /// Partitions the numerator's count (a single term) is a part of.
    public var partitions: [PartitionMembership]
    /// Counts a figure is built on without showing them (e.g. the placements a cost is summed
    /// over): the figure is hidden when one of them is small.
    public var builtOn: [CountTerm]

    public init(numerator: [CountTerm], numeratorKind: CountKind = .children, denominator: [CountTerm]? = nil,
                denominatorKind: CountKind = .children, partitions: [PartitionMembership] = [],
                builtOn: [CountTerm] = []) {
        self.numerator = numerator
        self.numeratorKind = numeratorKind
        self.denominator = denominator
        self.denominatorKind = denominatorKind
        self.partitions = partitions
        self.builtOn = builtOn
    }
}
