/// A value read from the store.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var int: Int? {
        switch self {
        case .integer(let v): return Int(v)
        case .real(let v): return Int(v)
        case .text(let t): return Int(t)
        case .null: return nil
        }
    }

    public var double: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .text(let t): return Double(t)
        case .null: return nil
        }
    }

    public var string: String? {
        switch self {
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let t): return t
        case .null: return nil
        }
    }
}

/// Read-only access to the normalised store, given to metric plugins.
///
/// Queries run over the documented store views (see the README, "Store views"): `current_returns`,
/// `current_persons`, `current_requests`, `current_assessments`, `current_plans`,
/// `current_plan_details`, `current_active_plans`, `current_placements`, `current_needs`,
/// `establishments`, `population`, `placement_costs`. The connection is read-only.
public protocol MetricContext: AnyObject {
    /// Runs `sql` with `arguments` bound to `?` placeholders and calls `row` for each result row.
    func query(_ sql: String, _ arguments: [StoreValue], row: ([StoreValue]) throws -> Void) throws
}

extension MetricContext {
    /// Runs `sql` and returns all rows.
    public func rows(_ sql: String, _ arguments: [StoreValue] = []) throws -> [[StoreValue]] {
        var result: [[StoreValue]] = []
        try query(sql, arguments) { result.append($0) }
        return result
    }
}

/// A metric plugin: declares indicators and computes them from the store.
public protocol MetricProvider: AnyObject, Sendable {
    var descriptor: ComponentDescriptor { get }
    /// Every indicator this provider computes.
    var indicators: [IndicatorDefinition] { get }
    /// Computes every indicator for every LA and period the store allows. An LA and period the
    /// inputs do not cover yields a result with an `unavailableReason`, never a zero.
    func compute(in context: any MetricContext) throws -> [IndicatorResult]
}
