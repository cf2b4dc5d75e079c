import HubKit

/// A line chart of an indicator over periods: one line per LA (or total), each with its own dash
/// and marker shape and named at its last point, so it reads without colour. Missing points
/// (suppressed or absent) break the line.
struct SVGLineChart {
    struct Series: Sendable {
        var name: String
        /// One per period; nil where there is no value to show.
        var values: [Double?]
        var stroke: String
        var dash: String?
        var marker: LineMarker
        var emphasised: Bool
    }

    var id: String
    var title: String
    var description: String
    var unit: IndicatorUnit
    /// Oldest first.
    var periods: [String]
    var periodTitle: String
    var series: [Series]

    static let width = 760.0

    /// Line styles for the n-th series of LAs (England and region totals have their own).
    static func style(_ index: Int) -> (stroke: String, dash: String?, marker: LineMarker) {
        let strokes = ["#14284b", "#7a2e0e", "#1f5130", "#4b2a6b", "#5c4a00", "#0d4f5c"]
        let dashes: [String?] = [nil, "9 3", "4 2", "12 3 3 3", "2 2", "6 2 2 2 2 2"]
        let markers: [LineMarker] = [.circle, .diamond, .triangle, .cross, .openCircle, .square]
        return (strokes[index % strokes.count], dashes[index % dashes.count], markers[index % markers.count])
    }

    func render() -> String {
        let width = Self.width
        let plotLeft = 70.0, plotRight = width - 215
        let legend = ChartLegend(items: series.map {
            LegendItem(key: .line(dash: $0.dash, stroke: $0.stroke, marker: $0.marker), label: $0.name)
        }).render(x: 8, y: 6, width: width - 16)
        let plotTop = 6 + legend.height + 14
        let plotHeight = 220.0
        let height = plotTop + plotHeight + 50
        let scale = AxisScale(covering: series.flatMap { $0.values.compactMap { $0 } })
        func y(_ value: Double) -> Double { scale.position(value, from: plotTop + plotHeight, to: plotTop) }
        let step = (plotRight - plotLeft) / Double(max(periods.count, 1))
        func x(_ index: Int) -> Double { plotLeft + (Double(index) + 0.5) * step }

        var svg = SVG.open(id: id, width: width, height: height, title: title, description: description)
        svg += legend.svg
        svg += "<g class=\"grid\">"
        for tick in scale.ticks {
            svg += "<line x1=\"\(SVG.n(plotLeft))\" y1=\"\(SVG.n(y(tick)))\" x2=\"\(SVG.n(plotRight))\" y2=\"\(SVG.n(y(tick)))\" "
                + "stroke=\"\(tick == 0 ? "#333" : "#d5d9df")\" stroke-width=\"\(tick == 0 ? 1 : 0.8)\"/>"
            svg += SVG.text(ReportNumbers.tick(tick, unit: unit), x: plotLeft - 6, y: y(tick) + 3.5, size: 10, anchor: "end",
                            fill: "#333")
        }
        svg += "</g>"
        for (index, period) in periods.enumerated() {
            svg += SVG.text(period, x: x(index), y: plotTop + plotHeight + 15, size: 10, anchor: "middle", fill: "#333")
        }
        svg += SVG.text(periodTitle, x: (plotLeft + plotRight) / 2, y: plotTop + plotHeight + 36, size: 11, anchor: "middle",
                        weight: "600")
        let axisX = 14.0, axisY = plotTop + plotHeight / 2
        svg += SVG.text(ReportNumbers.axisTitle(unit), x: axisX, y: axisY, size: 11, anchor: "middle", weight: "600",
                        extra: " transform=\"rotate(-90 \(SVG.n(axisX)) \(SVG.n(axisY)))\"")
        // Lines, broken where a value is missing, then markers on top.
        var endLabels: [(y: Double, text: String, weight: String?)] = []
        for line in series {
            var path = ""
            var drawing = false
            for (index, value) in line.values.enumerated() {
                guard let value else { drawing = false; continue }
                path += "\(drawing ? "L" : "M")\(SVG.n(x(index))) \(SVG.n(y(value)))"
                drawing = true
            }
            svg += "<g><title>\(HTML.escape(line.name))</title>"
            if !path.isEmpty {
                svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(line.stroke)\" stroke-width=\"\(line.emphasised ? 2.6 : 1.8)\""
                    + (line.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
            }
            for (index, value) in line.values.enumerated() {
                guard let value else { continue }
                svg += "<g><title>\(HTML.escape("\(line.name), \(periods[index]): \(ReportNumbers.value(value, unit: unit))"))</title>"
                svg += line.marker.shape(x: x(index), y: y(value), stroke: line.stroke) + "</g>"
            }
            svg += "</g>"
            if let last = line.values.lastIndex(where: { $0 != nil }), let value = line.values[last] {
                endLabels.append((y(value), "\(ReportNumbers.value(value, unit: unit))  \(line.name)",
                                  line.emphasised ? "700" : nil))
            }
        }
        // End labels, pushed apart so none overlap.
        let placed = Self.spread(endLabels.map(\.y), gap: 12, top: plotTop, bottom: plotTop + plotHeight + 10)
        for (label, position) in zip(endLabels, placed) {
            svg += SVG.text(SVG.fit(label.text, width: width - plotRight - 14, size: 10.5), x: plotRight + 10,
                            y: position + 3.5, size: 10.5, weight: label.weight)
        }
        svg += "</svg>"
        return svg
    }

    /// Positions near `wanted`, in the same order, at least `gap` apart and within the bounds.
    static func spread(_ wanted: [Double], gap: Double, top: Double, bottom: Double) -> [Double] {
        let order = wanted.indices.sorted { wanted[$0] < wanted[$1] }
        var placed = wanted
        var previous = -Double.infinity
        for index in order {
            placed[index] = max(wanted[index], previous + gap)
            previous = placed[index]
        }
        // Shift the whole stack up when it runs past the bottom.
        if let last = order.last, placed[last] > bottom {
            var next = bottom
            for index in order.reversed() {
                placed[index] = min(placed[index], next)
                next = placed[index] - gap
            }
        }
        return placed.map { max($0, top - 4) }
    }
}
