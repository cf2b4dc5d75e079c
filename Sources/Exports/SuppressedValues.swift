import Comparison
import ComparisonTables
import HubStore

/// Disclosure control on a list of stored values that shows LAs side by side: per indicator and
/// period, the listed LAs are the cells of the total a reader could work out, so every small count
/// (and rate on one) is hidden and, where just one is, the next smallest too.
public enum SuppressedValues {
    public static func apply(_ values: [StoredIndicatorValue], audience: Audience) -> [StoredIndicatorValue] {
        var result = values
        let groups = Dictionary(grouping: values.indices) { "\(values[$0].indicatorID)|\(values[$0].period)" }
        for indices in groups.values {
            let figures = indices.map { i in
                Figure(laCode: values[i].laCode, numerator: values[i].numerator, denominator: values[i].denominator,
                       value: values[i].value, source: values[i].source)
            }
            let hidden = audience.hiddenLAs(figures, isCount: values[indices[0]].denominator == nil,
                                            totals: [figures.map(\.laCode)])
            for index in indices where hidden.contains(values[index].laCode) { result[index].suppressed = true }
        }
        return result
    }
}
