import HubKit

/// What one cell of an EES data file holds, as far as measures are concerned.
///
/// - A number: optional sign, digits with optional thousands separators in groups of three
///   (`1,234`), optional decimals and exponent, optionally followed by `%` (the number is the figure
///   as shown: `12.5%` is 12.5).
/// - A symbol EES puts in place of a figure: `x` unavailable, `z` not applicable, `c` confidential,
///   `low`, `u` low reliability, `k`, `:` and `..` (older files), `~` (rounds to zero); any case.
/// - Empty, or other text.
enum PublishedCell: Equatable {
    case empty
    case number(Double)
    case symbol
    case text

    /// Symbols, lower-cased.
    static let symbols: Set<String> = ["x", "z", "c", "low", "u", "k", ":", "..", "~"]

    /// Classifies a cell; `text` is trimmed first.
    init(_ text: String) {
        let text = CSVText.trimmed(text)
        if text.isEmpty {
            self = .empty
        } else if let number = Self.number(text) {
            self = .number(number)
        } else if Self.symbols.contains(text.lowercased()) {
            self = .symbol
        } else {
            self = .text
        }
    }

    /// True for what a measure column may hold: a number, a symbol or nothing.
    var fitsMeasure: Bool { self != .text }

    /// The number a cell shows, or nil.
    static func number(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "%") { bytes.removeLast() }
        var digits: [UInt8] = []  // the number without separators, for Double's parser
        var position = 0
        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

        if let sign = peek(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            digits.append(sign)
            position += 1
        }
        var wholeDigits = 0
        var groupLength = 0
        var grouped = false
        while let byte = peek() {
            if isDigit(byte) {
                digits.append(byte)
                wholeDigits += 1
                groupLength += 1
            } else if byte == UInt8(ascii: ",") {
                // The first group holds 1 to 3 digits, every later one exactly 3.
                guard grouped ? groupLength == 3 : (1...3).contains(groupLength) else { return nil }
                grouped = true
                groupLength = 0
            } else {
                break
            }
            position += 1
        }
        if grouped, groupLength != 3 { return nil }
        var fractionDigits = 0
        if peek() == UInt8(ascii: ".") {
            digits.append(UInt8(ascii: "."))
            position += 1
            while isDigit(peek()) {
                digits.append(bytes[position])
                fractionDigits += 1
                position += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        guard wholeDigits + fractionDigits > 0 else { return nil }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            digits.append(e)
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                digits.append(sign)
                position += 1
            }
            var exponentDigits = 0
            while isDigit(peek()) {
                digits.append(bytes[position])
                exponentDigits += 1
                position += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard position == bytes.count else { return nil }
        return Double(String(decoding: digits, as: UTF8.self)).flatMap { $0.isFinite ? $0 : nil }
    }
}
