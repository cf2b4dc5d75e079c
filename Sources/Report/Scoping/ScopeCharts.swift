import Foundation
import Scoping

/// The site and the children's home districts on the grid, with the distance limit as a circle
/// (docs/scoping.md). A shared report plots only districts where at least `threshold` children of
/// the cohort live, with their size as a band, never a count; an own view adds its own districts.
struct ScopeLocationPlot {
    let readout: ScopeReadout

    struct District {
        var point: GridPoint
        var children: Int
        var own: Bool
    }

    /// The districts plotted: home points (district-located homes only) with their children. A
    /// district of fewer than the threshold shows only in an LA's own view, and only when every
    /// child of it is that LA's (a district shared with another LA would give its small count away).
    var districts: [District] {
        var byPoint: [GridPoint: (children: Int, own: Int)] = [:]
        for child in readout.scope.cohort.children where child.homeLocation == .district {
            guard let home = child.home else { continue }
            let entry = byPoint[home] ?? (0, 0)
            byPoint[home] = (entry.children + 1, entry.own + (child.la == readout.audience.ownLA ? 1 : 0))
        }
        let threshold = readout.audience.threshold
        return byPoint.map { District(point: $0.key, children: $0.value.children, own: $0.value.own == $0.value.children) }
            .filter { $0.children >= threshold || $0.own }
            .sorted { ($0.point.easting, $0.point.northing) < ($1.point.easting, $1.point.northing) }
    }

    func render() -> String {
        let scope = readout.scope
        let shown = districts
        let radius = scope.assumptions.maxKilometres * 1000
        let points = shown.map(\.point) + [scope.site]
        let minE = min(points.map(\.easting).min()!, scope.site.easting - radius), maxE = max(points.map(\.easting).max()!, scope.site.easting + radius)
        let minN = min(points.map(\.northing).min()!, scope.site.northing - radius), maxN = max(points.map(\.northing).max()!, scope.site.northing + radius)
        let size = 520.0, margin = 30.0
        let span = max(maxE - minE, maxN - minN, 1)
        func x(_ e: Double) -> Double { margin + (e - minE) / span * size }
        func y(_ n: Double) -> Double { margin + size - (n - minN) / span * size }
        var svg = SVG.open(id: "scope-map", width: size + 2 * margin + 170, height: size + 2 * margin, title: "Site and home districts",
                           description: "The site, a circle at the distance limit of \(scope.assumptions.maxKilometres) km, and the postcode "
                               + "districts where children in scope live (\(shown.count) shown)")
        let r = radius / span * size
        svg += "<circle cx=\"\(SVG.n(x(scope.site.easting)))\" cy=\"\(SVG.n(y(scope.site.northing)))\" r=\"\(SVG.n(r))\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"6 3\"/>"
        for district in shown {
            let band = district.children >= 20 ? 9.0 : district.children >= 10 ? 7.0 : district.children >= 5 ? 5.0 : 3.5
            let fill = district.own ? "#7a2e0e" : "#14284b"
            svg += "<circle cx=\"\(SVG.n(x(district.point.easting)))\" cy=\"\(SVG.n(y(district.point.northing)))\" r=\"\(SVG.n(band))\" "
                + "fill=\"\(fill)\" fill-opacity=\"0.55\" stroke=\"\(fill)\"/>"
        }
        let sx = x(scope.site.easting), sy = y(scope.site.northing)
        svg += "<path d=\"M\(SVG.n(sx)) \(SVG.n(sy - 9)) L\(SVG.n(sx + 8)) \(SVG.n(sy + 6)) L\(SVG.n(sx - 8)) \(SVG.n(sy + 6)) Z\" fill=\"#b00\" stroke=\"#000\"/>"
        let lx = size + 2 * margin + 5
        svg += SVG.text("▲ site", x: lx, y: 40, fill: "#b00")
        svg += SVG.text("- - \(SVG.n(scope.assumptions.maxKilometres)) km limit", x: lx, y: 58)
        svg += SVG.text("● districts: 5-9, 10-19, 20+", x: lx, y: 76)
        svg += SVG.text("  children (by size)", x: lx, y: 92)
        if readout.audience.ownLA != nil { svg += SVG.text("● own LA's districts", x: lx, y: 110, fill: "#7a2e0e") }
        svg += SVG.text("\(SVG.n(span / 1000)) km across", x: lx, y: 128)
        svg += "</svg>"
        let note = "<p class=\"note\">Homes are placed at the mean location of their postcode district's establishments "
            + "(docs/scoping.md). Districts with fewer than \(readout.audience.threshold) children in scope are not plotted"
            + (readout.audience.ownLA != nil ? " unless they are the own LA's" : "") + "; homes located only by their LA are not plotted.</p>"
        return svg + note
    }
}

/// The fill of one option, year by year: expected places with the simulations' 10th-90th percentile
/// band, and the capacity.
struct ScopeFillChart {
    let readout: ScopeReadout
    let option: Int

    func render() -> String {
        let scope = readout.scope
        let centre = scope.options[option]
        let years = centre.path.count
        let width = 560.0, height = 240.0, left = 56.0, right = 20.0, top = 26.0, bottom = 40.0
        let scale = AxisScale(covering: [Double(centre.capacity)] + centre.fillBand.map(\.p90) + centre.path.map(\.filled))
        let step = (width - left - right) / Double(max(years, 1))
        func x(_ index: Int) -> Double { left + (Double(index) + 0.5) * step }
        func y(_ value: Double) -> Double { scale.position(value, from: height - bottom, to: top) }
        var svg = SVG.open(id: "scope-fill-\(centre.capacity)", width: width, height: height,
                           title: "Fill of \(centre.capacity) places", description: "Expected filled places each year, the 10th-90th "
                               + "percentile band over \(scope.assumptions.simulations) simulations, and the capacity")
        for tick in scale.ticks {
            svg += "<line x1=\"\(SVG.n(left))\" x2=\"\(SVG.n(width - right))\" y1=\"\(SVG.n(y(tick)))\" y2=\"\(SVG.n(y(tick)))\" stroke=\"#ddd\"/>"
            svg += SVG.text(ScopeCellText.count(tick), x: left - 6, y: y(tick) + 4, size: 10, anchor: "end")
        }
        if years > 0 {
            let upper = (0..<years).map { "\(SVG.n(x($0))) \(SVG.n(y(centre.fillBand[$0].p90)))" }
            let lower = (0..<years).reversed().map { "\(SVG.n(x($0))) \(SVG.n(y(centre.fillBand[$0].p10)))" }
            svg += "<path d=\"M" + (upper + lower).joined(separator: " L") + " Z\" fill=\"#14284b\" fill-opacity=\"0.15\"/>"
            svg += "<path d=\"M" + (0..<years).map { "\(SVG.n(x($0))) \(SVG.n(y(centre.path[$0].filled)))" }.joined(separator: " L")
                + "\" fill=\"none\" stroke=\"#14284b\" stroke-width=\"2\"/>"
            for index in 0..<years {
                svg += "<circle cx=\"\(SVG.n(x(index)))\" cy=\"\(SVG.n(y(centre.path[index].filled)))\" r=\"3\" fill=\"#14284b\"/>"
                svg += SVG.text("year \(index + 1)", x: x(index), y: height - bottom + 16, size: 10, anchor: "middle")
            }
        }
        svg += "<line x1=\"\(SVG.n(left))\" x2=\"\(SVG.n(width - right))\" y1=\"\(SVG.n(y(Double(centre.capacity))))\" "
            + "y2=\"\(SVG.n(y(Double(centre.capacity))))\" stroke=\"#b00\" stroke-dasharray=\"6 3\"/>"
        svg += SVG.text("capacity \(centre.capacity)", x: width - right, y: y(Double(centre.capacity)) - 5, size: 10, anchor: "end", fill: "#b00")
        svg += SVG.text("\(centre.capacity) places: expected fill (line) and P10-P90 (band)", x: left, y: 16, size: 12, weight: "bold")
        return svg + "</svg>"
    }
}

/// The sensitivity as a tornado: for each assumption, a bar from the saving at its low value to the
/// saving at its high value, the widest first.
struct ScopeTornado {
    let readout: ScopeReadout

    func render() -> String {
        let lines = readout.scope.sensitivity
        guard !lines.isEmpty else { return "" }
        let width = 640.0, rowHeight = 26.0, left = 150.0, right = 20.0, top = 20.0
        let height = top + Double(lines.count) * rowHeight + 30
        let scale = AxisScale(covering: lines.flatMap { [$0.savingLow, $0.savingHigh] })
        func x(_ value: Double) -> Double { scale.position(value, from: left, to: width - right) }
        var svg = SVG.open(id: "scope-tornado", width: width, height: height, title: "Sensitivity",
                           description: "Cumulative saving at the last year with each assumption at its low and high value")
        for tick in scale.ticks {
            svg += "<line x1=\"\(SVG.n(x(tick)))\" x2=\"\(SVG.n(x(tick)))\" y1=\"\(SVG.n(top))\" y2=\"\(SVG.n(height - 24))\" stroke=\"#ddd\"/>"
            svg += SVG.text(ScopeCellText.pounds(tick), x: x(tick), y: height - 8, size: 9, anchor: "middle")
        }
        for (index, line) in lines.enumerated() {
            let y = top + Double(index) * rowHeight
            let low = min(line.savingLow, line.savingHigh), high = max(line.savingLow, line.savingHigh)
            svg += SVG.text(line.assumption, x: left - 8, y: y + 16, size: 11, anchor: "end")
            svg += "<rect x=\"\(SVG.n(x(low)))\" y=\"\(SVG.n(y + 4))\" width=\"\(SVG.n(max(1, x(high) - x(low))))\" height=\"16\" fill=\"#14284b\" fill-opacity=\"0.6\"/>"
        }
        svg += "<line x1=\"\(SVG.n(x(0)))\" x2=\"\(SVG.n(x(0)))\" y1=\"\(SVG.n(top))\" y2=\"\(SVG.n(height - 24))\" stroke=\"#000\"/>"
        return svg + "</svg>"
    }
}

/// Number text as the scope's tables write it.
enum ScopeCellText {
    static func count(_ value: Double) -> String { ScopeCell.count(value).text }
    static func pounds(_ value: Double) -> String { ScopeCell.pounds(value).text }
}
