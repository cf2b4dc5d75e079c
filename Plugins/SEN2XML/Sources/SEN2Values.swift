import HubKit

/// Turns the trimmed text of a SEN2 leaf element into a value, straight from the UTF-8 bytes.
/// Each returns nil when the text is not a value of its kind; the caller reports that.
enum SEN2Value {
    /// `1`/`0`, or `true`/`false` in any case.
    static func flag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if bytes.count == 1 {
            switch bytes[0] {
            case UInt8(ascii: "1"): return true
            case UInt8(ascii: "0"): return false
            default: return nil
            }
        }
        if equalsIgnoringCase(bytes, "true") { return true }
        if equalsIgnoringCase(bytes, "false") { return false }
        return nil
    }

    /// A date (`Day(isoBytes:)`: `YYYY-MM-DD`, optionally with a time or zone, which are ignored).
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? { Day(isoBytes: bytes) }

    /// A whole number of up to 9 digits.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.count <= 9 ? digits(bytes, 0 ..< bytes.count) : nil
    }

    /// A code as the return carries it: upper-cased (ASCII letters only; the text is already trimmed).
    static func code(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(where: isLowercase) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.lazy.map { isLowercase($0) ? $0 - 32 : $0 }, as: UTF8.self)
    }

    @inline(__always)
    private static func isLowercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for i in range {
            let digit = Int(bytes[i]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        for i in 0 ..< bytes.count where bytes[i] | 0x20 != word.utf8Start[i] { return false }
        return true
    }
}
