import Comparison
import ComparisonTables
import Foundation

/// `hnhub compare --format json`: one object per indicator.
package enum ComparisonJSON {
    package static func render(_ lines: [ComparisonLine], peers: PeerSet) throws -> String {
        func figure(_ f: Figure, hidden: Bool) -> [String: Any] {
            ["la_code": f.laCode, "value": hidden ? NSNull() : (f.value as Any? ?? NSNull()),
             "numerator": hidden ? NSNull() : (f.numerator as Any? ?? NSNull()),
             "denominator": hidden ? NSNull() : (f.denominator as Any? ?? NSNull()), "suppressed": hidden,
             "source": f.source ?? "returns"]
        }
        func aggregate(_ a: AggregateFigure?, hidden: Bool, name: String?, note: String?) -> Any {
            if hidden {
                return ["name": name as Any? ?? NSNull(), "suppressed": true, "value": NSNull(), "numerator": NSNull(),
                        "denominator": NSNull()]
            }
            guard let a else { return note.map { ["name": name as Any? ?? NSNull(), "note": $0] as [String: Any] } ?? NSNull() }
            return ["name": a.name, "value": a.value as Any? ?? NSNull(), "numerator": a.numerator,
                    "denominator": a.denominator as Any? ?? NSNull(), "la_count": a.laCount, "source": a.source]
        }
        let objects: [[String: Any]] = lines.map { line in
            let c = line.comparison
            return [
                "indicator": line.definition.id, "period": line.period, "unit": line.definition.unit.rawValue,
                "polarity": line.definition.polarity.rawValue, "la": figure(c.focus, hidden: line.focusHidden),
                "rank": c.rank as Any? ?? NSNull(), "ranked_count": c.rankedCount,
                "band": c.band?.rawValue as Any? ?? NSNull(),
                "neighbour_mean": c.neighbourMean as Any? ?? NSNull(), "neighbour_count": c.neighbourCount,
                "peer_set": peers.description,
                "peers": c.peers.map { figure($0, hidden: line.hiddenPeers.contains($0.laCode)) },
                "region": aggregate(c.region, hidden: line.regionHidden, name: line.regionName, note: c.regionNote),
                "england": aggregate(c.england, hidden: line.englandHidden, name: "England", note: c.englandNote),
                "change": line.focusHidden ? NSNull() : (c.change as Any? ?? NSNull()), "outlier": c.outlier,
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// `hnhub compare --format csv`: one row per indicator, the focus LA's figure with its numerator and
/// denominator, rank, band, peer median, neighbour mean, region and England totals, each total with
/// its source (published or computed) or, when there is none, why.
package enum ComparisonCSV {
    package static let header = [
        "indicator", "title", "period", "unit", "polarity", "la_code", "value", "numerator", "denominator", "suppressed",
        "source", "rank", "ranked_count", "band", "peer_set", "peer_count", "peer_median", "neighbour_mean",
        "neighbour_count", "region", "region_value", "region_numerator", "region_denominator", "region_source",
        "england_value", "england_numerator", "england_denominator", "england_source", "change", "outlier",
    ]

    package static func render(_ lines: [ComparisonLine], peers: PeerSet) -> String {
        func number(_ value: Double?) -> String { value.map(NumberText.machine) ?? "" }
        var rows = [CSVWriter.line(header)]
        for line in lines {
            let c = line.comparison, hidden = line.focusHidden
            rows.append(CSVWriter.line([
                line.definition.id, line.definition.title, line.period, line.definition.unit.rawValue,
                line.definition.polarity.rawValue, c.focus.laCode,
                hidden ? "c" : number(c.focus.value), hidden ? "c" : c.focus.numerator.map(NumberText.machine) ?? "",
                hidden && c.focus.denominator != nil ? "c" : c.focus.denominator.map(NumberText.machine) ?? "",
                hidden ? "true" : "false", c.focus.source ?? "returns",
                c.rank.map(String.init) ?? "", String(c.rankedCount), c.band?.rawValue ?? "", peers.description,
                String(c.peers.count), number(Outliers.median(line.visiblePeerValues)), number(c.neighbourMean),
                String(c.neighbourCount), c.region?.name ?? line.regionName ?? "",
                line.regionHidden ? "c" : number(c.region?.value),
                line.regionHidden ? "c" : c.region.map { NumberText.machine($0.numerator) } ?? "",
                line.regionHidden ? "c" : c.region?.denominator.map(NumberText.machine) ?? "",
                c.region?.source ?? c.regionNote ?? "",
                line.englandHidden ? "c" : number(c.england?.value),
                line.englandHidden ? "c" : c.england.map { NumberText.machine($0.numerator) } ?? "",
                line.englandHidden ? "c" : c.england?.denominator.map(NumberText.machine) ?? "",
                c.england?.source ?? c.englandNote ?? "",
                hidden ? "" : number(c.change), c.outlier ? "true" : "false",
            ]))
        }
        return rows.joined(separator: "\n")
    }
}
