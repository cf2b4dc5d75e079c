import HubKit

/// A horizontal bar chart of every LA's value on one indicator, sorted from highest to lowest, with
/// the focus LA, its neighbours and region marked and reference values (England, region, group)
/// drawn as dashed lines. Up to 40 LAs every bar is named; beyond that only the marked ones are,
/// as far as they fit.
struct SVGBarChart {
    struct Bar: Sendable {
        var code: String
        var name: String
        var value: Double
        var mark: BarMark
    }

    struct Reference: Sendable {
        var name: String
        var value: Double
        var dash: String
    }

    /// Unique within the page: prefixes element and pattern ids.
    var id: String
    var title: String
    var description: String
    var unit: IndicatorUnit
    /// In display order (the caller sorts them).
    var bars: [Bar]
    var references: [Reference]
    /// What each mark means here, e.g. [.focus: "Bristol"].
    var markLabels: [BarMark: String]

    static let width = 760.0
    static let labelWidth = 240.0
    static let rightPadding = 58.0
    static let allNamedLimit = 40

    func render() -> String {
        let width = Self.width
        let plotLeft = Self.labelWidth, plotRight = width - Self.rightPadding
        let count = bars.count
        let allNamed = count <= Self.allNamedLimit
        let rowHeight = allNamed ? 17.0 : max(3.0, 480 / Double(count))
        let barHeight = allNamed ? 12.0 : max(2.6, rowHeight * 0.8)

        var legendItems = BarMark.allCases.filter { mark in bars.contains { $0.mark == mark } }
            .compactMap { mark in markLabels[mark].map { LegendItem(key: .bar(mark), label: $0) } }
        legendItems += references.map {
            LegendItem(key: .line(dash: $0.dash, stroke: "#000", marker: nil),
                       label: "\($0.name): \(ReportNumbers.value($0.value, unit: unit))\(ReportNumbers.unitSuffix(unit))")
        }
        let legend = ChartLegend(items: legendItems).render(x: 8, y: 6, width: width - 16)
        let referenceRows = Double(references.count) * 13
        let plotTop = 6 + legend.height + 10 + referenceRows + 4
        let plotHeight = max(Double(count) * rowHeight, rowHeight)
        let height = plotTop + plotHeight + 48
        let scale = AxisScale(covering: bars.map(\.value) + references.map(\.value))
        func x(_ value: Double) -> Double { scale.position(value, from: plotLeft, to: plotRight) }

        var svg = SVG.open(id: id, width: width, height: height, title: title, description: description)
        svg += legend.svg
        // Gridlines and tick labels.
        svg += "<g class=\"grid\">"
        for tick in scale.ticks {
            svg += "<line x1=\"\(SVG.n(x(tick)))\" y1=\"\(SVG.n(plotTop))\" x2=\"\(SVG.n(x(tick)))\" "
                + "y2=\"\(SVG.n(plotTop + plotHeight))\" stroke=\"#d5d9df\" stroke-width=\"0.8\"/>"
            svg += SVG.text(ReportNumbers.tick(tick, unit: unit), x: x(tick), y: plotTop + plotHeight + 14, size: 10,
                            anchor: "middle", fill: "#333")
        }
        svg += "</g>"
        svg += SVG.text(ReportNumbers.axisTitle(unit) + " — LAs sorted from highest to lowest",
                        x: (plotLeft + plotRight) / 2, y: plotTop + plotHeight + 34, size: 11, anchor: "middle",
                        weight: "600")
        // Bars.
        let baseline = x(min(max(0, scale.lower), scale.upper))
        let referenceXs = references.map { x($0.value) }
        let named = namedBars(rowHeight: rowHeight, allNamed: allNamed)
        var labels = ""
        svg += "<g class=\"bars\">"
        for (index, bar) in bars.enumerated() {
            let rowTop = plotTop + Double(index) * rowHeight
            let y = rowTop + (rowHeight - barHeight) / 2
            let end = x(bar.value)
            let valueText = ReportNumbers.value(bar.value, unit: unit)
            svg += "<g><title>\(HTML.escape("\(bar.name): \(valueText)\(ReportNumbers.unitSuffix(unit))"))</title>"
            svg += bar.mark.shape(x: min(baseline, end), y: y, width: max(abs(end - baseline), 0.8), height: barHeight)
            if named.contains(index) {
                // Names and values go on top of the reference lines, with a white halo.
                let isFocus = bar.mark == .focus
                let labelY = rowTop + rowHeight / 2 + 3.8
                let name = SVG.fit(bar.name, width: Self.labelWidth - 24, size: 11, bold: isFocus)
                labels += SVG.text(name, x: plotLeft - 6, y: labelY, size: 11, anchor: "end", weight: isFocus ? "700" : nil)
                if isFocus {
                    labels += "<path d=\"M2 \(SVG.n(labelY - 8))L11 \(SVG.n(labelY - 3.5))L2 \(SVG.n(labelY + 1))Z\" fill=\"#000\"/>"
                }
                if allNamed || bar.mark != .other {
                    let labelX = max(end, baseline) + 4
                    labels += Self.clearing(referenceXs, x: labelX, y: labelY, width: SVG.textWidth(valueText, size: 10, bold: isFocus))
                    labels += SVG.text(valueText, x: labelX, y: labelY, size: 10, weight: isFocus ? "700" : nil,
                                       fill: "#222", extra: Self.halo)
                }
            }
            svg += "</g>"
        }
        svg += "</g>"
        svg += "<line x1=\"\(SVG.n(baseline))\" y1=\"\(SVG.n(plotTop))\" x2=\"\(SVG.n(baseline))\" "
            + "y2=\"\(SVG.n(plotTop + plotHeight))\" stroke=\"#333\" stroke-width=\"1\"/>"
        // Reference lines, each labelled on its own row above the plot; the lines first, so that a
        // label a line of an upper row runs through is drawn on a white box over it.
        var referenceLabels = ""
        for (row, reference) in references.enumerated() {
            let position = referenceXs[row]
            let labelY = plotTop - 6 - Double(references.count - 1 - row) * 13
            svg += "<line x1=\"\(SVG.n(position))\" y1=\"\(SVG.n(labelY + 3))\" x2=\"\(SVG.n(position))\" "
                + "y2=\"\(SVG.n(plotTop + plotHeight))\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"\(reference.dash)\"/>"
            let label = "\(reference.name) \(ReportNumbers.value(reference.value, unit: unit))"
            let labelWidth = SVG.textWidth(label, size: 10, bold: true)
            let anchor = position + labelWidth + 4 > width - 4 ? "end" : "start"
            let start = anchor == "end" ? position - 4 - labelWidth : position + 4
            referenceLabels += Self.clearing(referenceXs.enumerated().filter { $0.offset < row }.map(\.element),
                                             x: start, y: labelY, width: labelWidth)
            referenceLabels += SVG.text(label, x: anchor == "end" ? position - 4 : position + 4, y: labelY, size: 10,
                                        anchor: anchor, weight: "600", extra: Self.halo)
        }
        svg += referenceLabels
        svg += "<g class=\"labels\">\(labels)</g></svg>"
        return svg
    }

    /// A white outline behind text drawn over lines.
    static let halo = " stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""

    /// A white box behind a 10-point label from `x` (baseline `y`) when one of the vertical lines at
    /// `lines` runs through it: a halo clears the glyphs' edges, the box the gaps between them.
    static func clearing(_ lines: [Double], x: Double, y: Double, width: Double) -> String {
        guard lines.contains(where: { $0 >= x - 2 && $0 <= x + width + 2 }) else { return "" }
        return "<rect x=\"\(SVG.n(x - 2))\" y=\"\(SVG.n(y - 9.5))\" width=\"\(SVG.n(width + 4))\" height=\"12.5\" fill=\"#fff\"/>"
    }

    /// The rows that get a name: all of them for a short chart; else the focus first, then the
    /// other marked LAs, as long as labels stay 11 points apart.
    func namedBars(rowHeight: Double, allNamed: Bool) -> Set<Int> {
        if allNamed { return Set(bars.indices) }
        let order: [BarMark] = [.focus, .neighbour]
        var chosen: [Int] = []
        for mark in order {
            for index in bars.indices where bars[index].mark == mark {
                let y = Double(index) * rowHeight
                if chosen.allSatisfy({ abs(Double($0) * rowHeight - y) >= 11 }) { chosen.append(index) }
            }
        }
        return Set(chosen)
    }
}
