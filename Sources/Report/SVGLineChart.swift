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

    /// A shaded range behind the lines (e.g. the lowest to the highest of a group's LAs).
    struct Band: Sendable {
        var name: String
        /// One per period: the low and high ends, nil where there is nothing to show.
        var ranges: [(low: Double, high: Double)?]
    }

    var id: String
    var title: String
    var description: String
    var unit: IndicatorUnit
    /// Oldest first.
    var periods: [String]
    var periodTitle: String
    var series: [Series]
    var band: Band? = nil

    static let width = 760.0
    /// Room right of the plot for the end labels: value (and period) then the name, on two lines
    /// when it does not fit on one.
    static let labelArea = 215.0
    static let labelSize = 10.5
    static let lineHeight = 12.0

    /// Line styles for the n-th series of LAs (England and region totals have their own).
    static func style(_ index: Int) -> (stroke: String, dash: String?, marker: LineMarker) {
        let strokes = ["#14284b", "#7a2e0e", "#1f5130", "#4b2a6b", "#5c4a00", "#0d4f5c"]
        let dashes: [String?] = [nil, "9 3", "4 2", "12 3 3 3", "2 2", "6 2 2 2 2 2"]
        let markers: [LineMarker] = [.circle, .diamond, .triangle, .cross, .openCircle, .square]
        return (strokes[index % strokes.count], dashes[index % dashes.count], markers[index % markers.count])
    }

    func render() -> String {
        let width = Self.width
        let plotLeft = 70.0, plotRight = width - Self.labelArea
        var legendItems = series.map {
            LegendItem(key: .line(dash: $0.dash, stroke: $0.stroke, marker: $0.marker), label: $0.name)
        }
        if let band { legendItems.insert(LegendItem(key: .area(fill: Self.bandFill), label: band.name), at: 0) }
        let legend = ChartLegend(items: legendItems).render(x: 8, y: 6, width: width - 16)
        let plotTop = 6 + legend.height + 14
        let plotHeight = 220.0
        let height = plotTop + plotHeight + 50
        let bandValues = band?.ranges.compactMap { $0 }.flatMap { [$0.low, $0.high] } ?? []
        let scale = AxisScale(covering: series.flatMap { $0.values.compactMap { $0 } } + bandValues)
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
        if let band { svg += bandShape(band, x: x, y: y) }
        // Lines, broken where a value is missing, then markers on top.
        var endLabels: [(y: Double, lines: [String], weight: String?)] = []
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
                // A line that stops before the last period says when its last value is from.
                let when = last == periods.count - 1 ? "" : " (\(periods[last]))"
                endLabels.append((y(value), Self.endLabel("\(ReportNumbers.value(value, unit: unit))\(when)", name: line.name,
                                                          bold: line.emphasised),
                                  line.emphasised ? "700" : nil))
            }
        }
        // End labels, pushed apart so none overlap (a two-line label takes two lines' room).
        let placed = Self.spread(endLabels.map(\.y), heights: endLabels.map { Double($0.lines.count) * Self.lineHeight },
                                 top: plotTop, bottom: plotTop + plotHeight + 10)
        for (label, position) in zip(endLabels, placed) {
            for (index, text) in label.lines.enumerated() {
                svg += SVG.text(text, x: plotRight + 10, y: position + 3.5 + Double(index) * Self.lineHeight,
                                size: Self.labelSize, weight: label.weight)
            }
        }
        svg += "</svg>"
        return svg
    }

    /// `46.9%  Bath and North East Somerset` on one line when it fits the label area, else the value
    /// and the start of the name on the first line and the rest on the second.
    static func endLabel(_ value: String, name: String, bold: Bool) -> [String] {
        let room = labelArea - 16
        let oneLine = "\(value)  \(name)"
        if SVG.textWidth(oneLine, size: labelSize, bold: bold) <= room { return [oneLine] }
        return SVG.wrap(oneLine, width: room, size: labelSize, bold: bold)
    }

    /// Light grey, drawn under every line.
    static let bandFill = "#dde1e7"

    /// The band as one shaded polygon per run of periods with a range.
    func bandShape(_ band: Band, x: (Int) -> Double, y: (Double) -> Double) -> String {
        var shapes = ""
        var run: [(index: Int, low: Double, high: Double)] = []
        func flush() {
            guard !run.isEmpty else { return }
            // A single period: a short bar across its point.
            let points = run.count == 1
                ? [(x(run[0].index) - 6, run[0].high), (x(run[0].index) + 6, run[0].high),
                   (x(run[0].index) + 6, run[0].low), (x(run[0].index) - 6, run[0].low)]
                : run.map { (x($0.index), $0.high) } + run.reversed().map { (x($0.index), $0.low) }
            shapes += "<polygon points=\"" + points.map { "\(SVG.n($0.0)),\(SVG.n(y($0.1)))" }.joined(separator: " ")
                + "\" fill=\"\(Self.bandFill)\" stroke=\"#9aa1ab\" stroke-width=\"0.8\"/>"
            run = []
        }
        for (index, range) in band.ranges.enumerated() {
            if let range { run.append((index, range.low, range.high)) } else { flush() }
        }
        flush()
        return "<g class=\"band\"><title>\(HTML.escape(band.name))</title>\(shapes)</g>"
    }

    /// Positions near `wanted`, in the same order, each at least the height of the one above below
    /// it, and within the bounds.
    static func spread(_ wanted: [Double], heights: [Double], top: Double, bottom: Double) -> [Double] {
        let order = wanted.indices.sorted { wanted[$0] < wanted[$1] }
        var placed = wanted
        var previousEnd = -Double.infinity
        for index in order {
            placed[index] = max(wanted[index], previousEnd)
            previousEnd = placed[index] + heights[index]
        }
        // Shift the whole stack up when it runs past the bottom.
        if let last = order.last, placed[last] + heights[last] - lineHeight > bottom {
            var limit = bottom - heights[last] + lineHeight
            for index in order.reversed() {
                placed[index] = min(placed[index], limit)
                if let above = order.firstIndex(of: index).flatMap({ $0 > 0 ? order[$0 - 1] : nil }) {
                    limit = placed[index] - heights[above]
                }
            }
        }
        return placed.map { max($0, top - 4) }
    }
}
