import ComparisonTables
import HubStore

/// Disclosure control on a list of stored values: a value is hidden when the audience's pattern
/// hides that LA's figure (docs/disclosure-control.md). The pattern covers every figure of the hub,
/// so the list can be any selection of them.
package enum SuppressedValues {
    package static func apply(_ values: [StoredIndicatorValue], audience: Audience) -> [StoredIndicatorValue] {
        values.map { value in
            var marked = value
            marked.suppressed = value.numerator != nil && !(value.source?.hasPrefix("published") ?? false)
                && audience.hides(value.indicatorID, period: value.period, la: value.laCode)
            return marked
        }
    }
}
