import Foundation

/// Numbers as people read them in outputs.
public enum NumberText {
    /// Integers without decimals, others to one decimal place.
    public static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.1f", value)
    }

    /// A value rounded to one decimal place, as JSON outputs give it.
    public static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
