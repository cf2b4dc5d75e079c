import Foundation

/// Numbers as outputs write them (docs/rounding.md): one rounding rule for every figure shown to
/// people, full precision for machines.
///
/// People: a value is rounded to the places shown half away from zero, as the DfE rounds its
/// published figures (6.25 -> 6.3, -6.25 -> -6.3, 0.05 -> 0.1), on the value as written in decimal
/// (Swift's shortest round-trip form), so 2.675, stored as 2.67499999..., still shows as 2.68 to two
/// places. Machines (CSV, JSON): every digit (``machine(_:)``).
package enum NumberText {
    /// Integers without decimals, others to one decimal place (half away from zero): `35`, `6.3`.
    package static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return fixed(value, places: 1)
    }

    /// `value` rounded half away from zero to `places` decimal places, always with that many
    /// (`7.0`); `grouped` separates thousands with commas (`12,345.6`).
    package static func fixed(_ value: Double, places: Int, grouped: Bool = false) -> String {
        guard value.isFinite else { return String(value) }
        var digits = DecimalDigits(abs(value))
        digits.round(places: places)
        let text = digits.text(places: places, grouped: grouped)
        return value < 0 && text.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "-" + text : text
    }

    /// Full precision for CSV and JSON: integers without a decimal point, others as Swift's
    /// shortest round-trip form (`6.25`, `33.333333333333336`).
    package static func machine(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// A non-negative number as decimal digits and the position of the point, read from Swift's
/// shortest round-trip text (`6.25`, `1e-05`, `1.5e+20`).
struct DecimalDigits {
    /// Digits, most significant first.
    private(set) var digits: [UInt8]
    /// How many of `digits` stand before the decimal point (may be negative or past the end).
    private(set) var pointPosition: Int

    init(_ value: Double) {
        let text = String(value)
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            mantissa = text[..<e]
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        digits = (whole + fraction).map { UInt8($0.asciiValue! - 48) }
        pointPosition = whole.count + exponent
        // Leading zeros carry no value: "0.05" is 5 with the point one place before it.
        while digits.count > 1, digits.first == 0 {
            digits.removeFirst()
            pointPosition -= 1
        }
    }

    /// Rounds half away from zero (the value is a magnitude) to `places` after the point.
    mutating func round(places: Int) {
        let keep = pointPosition + places
        guard keep < digits.count else { return }
        guard keep >= 0 else {
            digits = [0]
            pointPosition = 1
            return
        }
        let roundsUp = digits[keep] >= 5
        digits.removeSubrange(keep...)
        if roundsUp {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] == 9 {
                    digits[index] = 0
                    index -= 1
                } else {
                    digits[index] += 1
                    break
                }
            }
            if index < 0 {
                digits.insert(1, at: 0)
                pointPosition += 1
            }
        }
        if digits.isEmpty {
            digits = [0]
            pointPosition = 1
        }
    }

    /// The digits with exactly `places` after the point.
    func text(places: Int, grouped: Bool) -> String {
        func digit(_ index: Int) -> Character {
            index >= 0 && index < digits.count ? Character(String(digits[index])) : "0"
        }
        var whole = pointPosition > 0 ? String((0..<pointPosition).map(digit)) : "0"
        if grouped, whole.count > 3 {
            var groupedText = ""
            for (offset, character) in whole.enumerated() {
                if offset > 0, (whole.count - offset) % 3 == 0 { groupedText += "," }
                groupedText.append(character)
            }
            whole = groupedText
        }
        guard places > 0 else { return whole }
        return whole + "." + String((pointPosition..<(pointPosition + places)).map(digit))
    }
}
