import ComparisonTables
import Foundation
import HubStore

/// `hnhub indicators --format json`: the JSON shape docs/exports.md describes, one object per value, numbers
/// at full precision (docs/rounding.md).
package enum IndicatorJSON {
    package static func render(_ values: [StoredIndicatorValue]) throws -> String {
        let objects: [[String: Any]] = values.map { v in
            [
                "indicator": v.indicatorID, "la_code": v.laCode, "period": v.period,
                "value": v.suppressed ? NSNull() : (v.value as Any? ?? NSNull()),
                "numerator": v.suppressed ? NSNull() : (v.numerator as Any? ?? NSNull()),
                "denominator": v.suppressed ? NSNull() : (v.denominator as Any? ?? NSNull()),
                "unit": v.unit, "polarity": v.polarity, "suppressed": v.suppressed, "source": v.source ?? "returns",
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// `hnhub indicators --format csv`: a header row, numbers at full precision, `c` for suppressed cells.
package enum IndicatorCSV {
    package static let header = ["indicator", "la_code", "period", "value", "numerator", "denominator", "unit", "polarity",
                                "unavailable_reason", "source"]

    package static func render(_ values: [StoredIndicatorValue]) -> String {
        var lines = [CSVWriter.line(header)]
        for v in values {
            let cells = v.suppressed
                ? [v.indicatorID, v.laCode, v.period, "c", "c", v.denominator == nil ? "" : "c", v.unit, v.polarity, "",
                   v.source ?? "returns"]
                : [v.indicatorID, v.laCode, v.period, v.value.map(NumberText.machine) ?? "",
                   v.numerator.map(NumberText.machine) ?? "", v.denominator.map(NumberText.machine) ?? "", v.unit, v.polarity,
                   v.unavailableReason ?? "", v.source ?? "returns"]
            lines.append(CSVWriter.line(cells))
        }
        return lines.joined(separator: "\n")
    }
}
