/// How charts mark LAs without relying on colour: solid dark for the focus LA (or group members),
/// diagonal hatching for statistical neighbours, an outline for other LAs in the region, light grey
/// for the rest; reference values as differently dashed lines. Every mark is named in a legend.
/// Hatching is drawn as lines, not an SVG pattern: printed to PDF, pattern fills are expanded into
/// tiles and make the file tens of megabytes.
enum BarMark: Sendable, Hashable, CaseIterable {
    case focus, neighbour, region, other

    /// A bar (or legend swatch) with this mark.
    func shape(x: Double, y: Double, width: Double, height: Double) -> String {
        let rect = "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(height))\" "
        switch self {
        case .focus: return rect + "fill=\"#14284b\" stroke=\"#000\" stroke-width=\"0.8\"/>"
        case .neighbour:
            return rect + "fill=\"#fff\" stroke=\"#14284b\" stroke-width=\"0.9\"/>" + Self.hatch(x: x, y: y, width: width, height: height)
        case .region: return rect + "fill=\"#eceef1\" stroke=\"#3c4148\" stroke-width=\"0.9\"/>"
        case .other: return rect + "fill=\"#c9ced6\"/>"
        }
    }

    /// Lines at 45 degrees every `spacing` points across a rectangle, clipped to it.
    static func hatch(x: Double, y: Double, width: Double, height: Double, spacing: Double = 5) -> String {
        guard width > 0.5, height > 0.5 else { return "" }
        var path = ""
        var offset = spacing / 2
        while offset < width + height {
            // The line through (x + offset, y) going down and left.
            var start = (x: x + offset, y: y)
            var end = (x: x + offset - height, y: y + height)
            if start.x > x + width { start = (x + width, y + (start.x - (x + width))) }
            if end.x < x { end = (x, y + offset) }
            if start.y < end.y { path += "M\(SVG.n(start.x)) \(SVG.n(start.y))L\(SVG.n(end.x)) \(SVG.n(end.y))" }
            offset += spacing
        }
        return "<path class=\"hatch\" d=\"\(path)\" stroke=\"#14284b\" stroke-width=\"1.5\"/>"
    }
}

/// Dash patterns of reference lines (England, region, group) and of series in line charts.
enum LineDash {
    static let england = "7 4"
    static let region = "2 3"
    static let group = "10 3 2 3"
}

/// One entry of a chart legend.
struct LegendItem: Sendable {
    enum Key: Sendable {
        case bar(BarMark)
        case line(dash: String?, stroke: String, marker: LineMarker?)
        /// A shaded range.
        case area(fill: String)
    }
    var key: Key
    var label: String
}

/// A legend laid out in rows across the chart's width.
struct ChartLegend {
    var items: [LegendItem]

    /// The legend's SVG starting at `y`, and its height.
    func render(x: Double, y: Double, width: Double) -> (svg: String, height: Double) {
        guard !items.isEmpty else { return ("", 0) }
        let rowHeight = 18.0
        var svg = "<g class=\"legend\">"
        var cursorX = x, cursorY = y
        for item in items {
            let itemWidth = 30 + SVG.textWidth(item.label, size: 11) + 16
            if cursorX + itemWidth > x + width, cursorX > x {
                cursorX = x
                cursorY += rowHeight
            }
            switch item.key {
            case .bar(let mark):
                svg += mark.shape(x: cursorX, y: cursorY + 3, width: 22, height: 11)
            case .line(let dash, let stroke, let marker):
                svg += "<line x1=\"\(SVG.n(cursorX))\" y1=\"\(SVG.n(cursorY + 8.5))\" x2=\"\(SVG.n(cursorX + 22))\" "
                    + "y2=\"\(SVG.n(cursorY + 8.5))\" stroke=\"\(stroke)\" stroke-width=\"2\""
                    + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
                if let marker { svg += marker.shape(x: cursorX + 11, y: cursorY + 8.5, stroke: stroke) }
            case .area(let fill):
                svg += "<rect x=\"\(SVG.n(cursorX))\" y=\"\(SVG.n(cursorY + 3))\" width=\"22\" height=\"11\" fill=\"\(fill)\" "
                    + "stroke=\"#9aa1ab\" stroke-width=\"0.8\"/>"
            }
            svg += SVG.text(item.label, x: cursorX + 28, y: cursorY + 12.5)
            cursorX += itemWidth
        }
        svg += "</g>"
        return (svg, cursorY - y + rowHeight)
    }
}

/// Point markers of line charts: each series has its own shape as well as its own dash.
enum LineMarker: Sendable, CaseIterable {
    case circle, square, triangle, diamond, cross, openCircle

    func shape(x: Double, y: Double, stroke: String) -> String {
        let (cx, cy) = (SVG.n(x), SVG.n(y))
        switch self {
        case .circle: return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"4\" fill=\"\(stroke)\"/>"
        case .openCircle: return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"4\" fill=\"#fff\" stroke=\"\(stroke)\" stroke-width=\"1.6\"/>"
        case .square:
            return "<rect x=\"\(SVG.n(x - 3.8))\" y=\"\(SVG.n(y - 3.8))\" width=\"7.6\" height=\"7.6\" fill=\"#fff\" stroke=\"\(stroke)\" stroke-width=\"1.6\"/>"
        case .triangle:
            return "<path d=\"M\(SVG.n(x)) \(SVG.n(y - 5))L\(SVG.n(x + 4.5)) \(SVG.n(y + 3.5))L\(SVG.n(x - 4.5)) \(SVG.n(y + 3.5))Z\" fill=\"\(stroke)\"/>"
        case .diamond:
            return "<path d=\"M\(SVG.n(x)) \(SVG.n(y - 5))L\(SVG.n(x + 5)) \(SVG.n(y))L\(SVG.n(x)) \(SVG.n(y + 5))L\(SVG.n(x - 5)) \(SVG.n(y))Z\" fill=\"#fff\" stroke=\"\(stroke)\" stroke-width=\"1.6\"/>"
        case .cross:
            return "<path d=\"M\(SVG.n(x - 4)) \(SVG.n(y - 4))L\(SVG.n(x + 4)) \(SVG.n(y + 4))M\(SVG.n(x + 4)) \(SVG.n(y - 4))L\(SVG.n(x - 4)) \(SVG.n(y + 4))\" stroke=\"\(stroke)\" stroke-width=\"2\"/>"
        }
    }
}
