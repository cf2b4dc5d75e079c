import Foundation

/// Figures of one benchmark run: printed as a table for people and as one JSON line per figure
/// for scripts (`{"benchmark": ..., "figure": ..., "value": ..., "unit": ...}`).
struct BenchReport {
    struct Figure {
        var name: String
        var value: Double
        var unit: String
        var note = ""
    }

    let benchmark: String
    let mode: String
    private(set) var figures: [Figure] = []

    init(benchmark: String, mode: String) {
        self.benchmark = benchmark
        self.mode = mode
    }

    mutating func add(_ name: String, _ value: Double, _ unit: String, note: String = "") {
        figures.append(Figure(name: name, value: value, unit: unit, note: note))
    }

    func print() {
        let nameWidth = max(6, figures.map(\.name.count).max() ?? 0)
        let values = figures.map { Self.format($0.value) }
        let valueWidth = max(5, values.map(\.count).max() ?? 0)
        Swift.print("\n\(benchmark) (\(mode))")
        Swift.print("figure".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                    + String(repeating: " ", count: valueWidth - 5) + "value  unit")
        for (figure, value) in zip(figures, values) {
            Swift.print(figure.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                        + String(repeating: " ", count: valueWidth - value.count) + value + "  " + figure.unit
                        + (figure.note.isEmpty ? "" : "  (\(figure.note))"))
        }
        Swift.print("")
        for figure in figures {
            var object: [String: Any] = ["benchmark": benchmark, "mode": mode, "figure": figure.name,
                                         "value": figure.value, "unit": figure.unit]
            if !figure.note.isEmpty { object["note"] = figure.note }
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                Swift.print(String(decoding: data, as: UTF8.self))
            }
        }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: abs(value) >= 100 ? "%.0f" : abs(value) >= 10 ? "%.1f" : "%.2f", value)
    }
}

/// Wall-clock seconds of `body`.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Writes a progress line to standard error.
func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
