/// A forecast fan chart: the history as a solid line, the central forecast as a dashed line, the
/// 95% and 80% prediction intervals as two shaded bands around it, and the best and worst cases as
/// dotted lines. Greys and line styles only, so it prints in black and white.
struct SVGFanChart {
    struct Point {
        var label: String
        /// A census count (else a forecast year).
        var isHistory = false
        var history: Double?
        var central: Double?
        var low80: Double?
        var high80: Double?
        var low95: Double?
        var high95: Double?
        var best: Double?
        var worst: Double?
    }

    var id: String
    var title: String
    var description: String
    var points: [Point]

    static let width = 760.0

    func render() -> String {
        let width = Self.width, plotLeft = 70.0, plotRight = width - 40, plotTop = 44.0, plotHeight = 220.0
        let height = plotTop + plotHeight + 50
        let values = points.flatMap { [$0.history, $0.central, $0.low95, $0.high95, $0.best, $0.worst].compactMap { $0 } }
        let scale = AxisScale(covering: values)
        func y(_ value: Double) -> Double { scale.position(value, from: plotTop + plotHeight, to: plotTop) }
        let step = (plotRight - plotLeft) / Double(max(points.count, 1))
        func x(_ index: Int) -> Double { plotLeft + (Double(index) + 0.5) * step }

        var svg = SVG.open(id: id, width: width, height: height, title: title, description: description)
        let legend: [(String, String)] = [
            ("<line x1=\"0\" y1=\"6\" x2=\"22\" y2=\"6\" stroke=\"#14284b\" stroke-width=\"2.4\"/>", "census count"),
            ("<line x1=\"0\" y1=\"6\" x2=\"22\" y2=\"6\" stroke=\"#14284b\" stroke-width=\"2.4\" stroke-dasharray=\"6 3\"/>", "central forecast"),
            ("<rect x=\"0\" y=\"0\" width=\"22\" height=\"12\" fill=\"#a3abb7\"/>", "80% interval"),
            ("<rect x=\"0\" y=\"0\" width=\"22\" height=\"12\" fill=\"#d5d9df\"/>", "95% interval"),
            ("<line x1=\"0\" y1=\"6\" x2=\"22\" y2=\"6\" stroke=\"#333\" stroke-width=\"1.4\" stroke-dasharray=\"1.5 2.5\"/>", "best and worst cases"),
        ]
        var legendX = 8.0
        for (mark, label) in legend {
            svg += "<g transform=\"translate(\(SVG.n(legendX)) 8)\">\(mark)</g>"
            svg += SVG.text(label, x: legendX + 28, y: 18, size: 10.5)
            legendX += 34 + SVG.textWidth(label, size: 10.5) + 16
        }
        svg += "<g class=\"grid\">"
        for tick in scale.ticks {
            svg += "<line x1=\"\(SVG.n(plotLeft))\" y1=\"\(SVG.n(y(tick)))\" x2=\"\(SVG.n(plotRight))\" y2=\"\(SVG.n(y(tick)))\" "
                + "stroke=\"\(tick == 0 ? "#333" : "#e4e7eb")\" stroke-width=\"0.8\"/>"
            svg += SVG.text(ReportNumbers.tick(tick, unit: .count), x: plotLeft - 6, y: y(tick) + 3.5, size: 10, anchor: "end", fill: "#333")
        }
        svg += "</g>"
        for (index, point) in points.enumerated() {
            svg += SVG.text(point.label, x: x(index), y: plotTop + plotHeight + 15, size: 10, anchor: "middle", fill: "#333")
        }
        svg += SVG.text("January census", x: (plotLeft + plotRight) / 2, y: plotTop + plotHeight + 36, size: 11, anchor: "middle",
                        weight: "600")
        // The bands start at the last census, where the forecast is anchored.
        let anchor = points.lastIndex { $0.history != nil }
        func band(_ low: KeyPath<Point, Double?>, _ high: KeyPath<Point, Double?>, fill: String) -> String {
            var upper: [(Double, Double)] = [], lower: [(Double, Double)] = []
            for (index, point) in points.enumerated() {
                if index == anchor, let value = point.history {
                    upper.append((x(index), y(value)))
                    lower.append((x(index), y(value)))
                } else if let a = point[keyPath: low], let b = point[keyPath: high] {
                    upper.append((x(index), y(b)))
                    lower.append((x(index), y(a)))
                }
            }
            guard upper.count > 1 else { return "" }
            let outline = upper + lower.reversed()
            return "<path d=\"M" + outline.map { "\(SVG.n($0.0)) \(SVG.n($0.1))" }.joined(separator: " L") + " Z\" fill=\"\(fill)\"/>"
        }
        svg += band(\.low95, \.high95, fill: "#d5d9df") + band(\.low80, \.high80, fill: "#a3abb7")
        func line(_ value: (Point) -> Double?, from start: Int? = nil, style: String) -> String {
            var path = "", drawing = false
            for (index, point) in points.enumerated() {
                let v = index == start ? point.history : value(point)
                guard let v else { drawing = false; continue }
                path += "\(drawing ? "L" : "M")\(SVG.n(x(index))) \(SVG.n(y(v)))"
                drawing = true
            }
            return path.isEmpty ? "" : "<path d=\"\(path)\" fill=\"none\" \(style)/>"
        }
        svg += line(\.history, style: "stroke=\"#14284b\" stroke-width=\"2.4\"")
        svg += line(\.central, from: anchor, style: "stroke=\"#14284b\" stroke-width=\"2.4\" stroke-dasharray=\"6 3\"")
        svg += line(\.best, from: anchor, style: "stroke=\"#333\" stroke-width=\"1.4\" stroke-dasharray=\"1.5 2.5\"")
        svg += line(\.worst, from: anchor, style: "stroke=\"#333\" stroke-width=\"1.4\" stroke-dasharray=\"1.5 2.5\"")
        for (index, point) in points.enumerated() {
            if let value = point.history {
                svg += "<g><title>\(HTML.escape("\(point.label): \(ReportNumbers.value(value, unit: .count)) (census)"))</title>"
                    + LineMarker.circle.shape(x: x(index), y: y(value), stroke: "#14284b") + "</g>"
            } else if let value = point.central {
                var text = "\(point.label): \(ReportNumbers.value(value, unit: .count)) central"
                if let low = point.low80, let high = point.high80 {
                    text += ", 80% \(ReportNumbers.value(low, unit: .count))-\(ReportNumbers.value(high, unit: .count))"
                }
                svg += "<g><title>\(HTML.escape(text))</title>" + LineMarker.openCircle.shape(x: x(index), y: y(value), stroke: "#14284b")
                    + "</g>"
            }
        }
        return svg + "</svg>"
    }
}
