import Foundation

/// A value axis with round tick values (1, 2, 2.5 or 5 times a power of ten).
struct AxisScale: Sendable {
    let lower: Double
    let upper: Double
    let ticks: [Double]

    /// An axis covering `values`, from zero unless they go below it.
    init(covering values: [Double], tickCount: Int = 5) {
        let low = min(0, values.min() ?? 0)
        var high = max(0, values.max() ?? 1)
        if high == low { high = low + 1 }
        let raw = (high - low) / Double(tickCount)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        lower = (low / step).rounded(.down) * step
        upper = max((high / step).rounded(.up) * step, lower + step)
        var ticks: [Double] = []
        var tick = lower
        while tick <= upper + step / 1000 {
            ticks.append(abs(tick) < step / 1000 ? 0 : tick)
            tick += step
        }
        self.ticks = ticks
    }

    /// Where `value` falls between `start` (lower) and `end` (upper) on the page.
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (min(max(value, lower), upper) - lower) / (upper - lower) * (end - start)
    }
}

/// Helpers for writing SVG by hand.
enum SVG {
    /// The font stack of the page (system fonts only; nothing is fetched).
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

    /// A coordinate with at most one decimal place.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// The width of text at a font size, erring wide: no font metrics are at hand and the page uses
    /// whatever sans-serif the reader has, so each character counts as wide as it is in the wider
    /// common faces (DejaVu Sans, Verdana-like); bold adds a tenth.
    static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        let ems = text.reduce(0.0) { total, character in
            let width: Double
            switch character {
            case "i", "j", "l", "I", "'", "|", ".", ",", ":", ";", "!": width = 0.32
            case " ", "f", "t", "r", "(", ")", "[", "]", "-", "/": width = 0.42
            case "m", "w", "M", "W", "%", "@", "£", "—", "…": width = 0.98
            case _ where character.isUppercase: width = 0.74
            case _ where character.isNumber: width = 0.64
            default: width = 0.62
            }
            return total + width
        }
        return ems * size * (bold ? 1.1 : 1)
    }

    /// Text cut to fit `width`, with an ellipsis.
    static func fit(_ text: String, width: Double, size: Double, bold: Bool = false) -> String {
        guard textWidth(text, size: size, bold: bold) > width else { return text }
        var cut = text
        while !cut.isEmpty, textWidth(cut + "…", size: size, bold: bold) > width { cut.removeLast() }
        return cut.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Text broken into lines of at most `width` at word boundaries (a word longer than a line is
    /// cut with an ellipsis), at most `maximumLines` (the last one cut if need be).
    static func wrap(_ text: String, width: Double, size: Double, bold: Bool = false, maximumLines: Int = 2) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if textWidth(candidate, size: size, bold: bold) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maximumLines {
            lines = Array(lines.prefix(maximumLines - 1)) + [lines[(maximumLines - 1)...].joined(separator: " ")]
        }
        return lines.map { fit($0, width: width, size: size, bold: bold) }
    }

    /// `<text>` with escaped content.
    static func text(_ content: String, x: Double, y: Double, size: Double = 11, anchor: String = "start",
                     weight: String? = nil, fill: String = "#1b1b1b", extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\""
            + (weight.map { " font-weight=\"\($0)\"" } ?? "") + " fill=\"\(fill)\"\(extra)>\(HTML.escape(content))</text>"
    }

    /// The opening tag of a chart, with its accessible title and description.
    static func open(id: String, width: Double, height: Double, title: String, description: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" id="\(id)" class="chart" viewBox="0 0 \(n(width)) \(n(height))" \
        width="\(n(width))" height="\(n(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" \
        font-family="\(fontFamily)"><title id="\(id)-title">\(HTML.escape(title))</title>\
        <desc id="\(id)-desc">\(HTML.escape(description))</desc>
        """
    }
}
