/// The Unique Pupil Number: 13 characters, a check letter, 11 digits, then a digit or (for a
/// temporary UPN) a letter. Characters 2-4 are the issuing LA's number.
package enum UPN {
    /// The alphabet of the check-letter algorithm: 23 letters (no I, O, S), then the digits.
    static let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ0123456789".utf8)

    /// True when `upn` has the UPN shape: a letter, 11 digits, a digit or a letter (either case).
    package static func hasValidFormat(_ upn: String) -> Bool {
        Reading(upn).isWellFormed
    }

    /// The check letter the DfE algorithm gives for characters 2-13 of `upn`: each character's
    /// index in `ABCDEFGHJKLMNPQRTUVWXYZ0123456789` times its position (2..13), summed, mod 23,
    /// indexes the alphabet. Nil when `upn` is not UPN-shaped or its last letter is I, O or S.
    package static func checkLetter(for upn: String) -> Character? {
        Reading(upn).expectedCheckLetter.map { Character(Unicode.Scalar($0)) }
    }

    /// True when the first letter of a UPN-shaped `upn` is the check letter of the rest.
    package static func hasValidCheckLetter(_ upn: String) -> Bool {
        Reading(upn).hasValidCheckLetter
    }

    /// What one pass over a UPN finds, so that the format, check-letter and duplicate checks
    /// read each UPN once.
    struct Reading {
        /// Letter, 11 digits, digit or letter.
        var isWellFormed = false
        /// The check letter of characters 2-13; nil when not well formed or the last letter is I, O, S.
        var expectedCheckLetter: UInt8?
        /// The first character, upper-cased.
        var firstLetter: UInt8 = 0
        /// The UPN as a number (case-insensitive), so a return's UPNs can be remembered in 8 bytes
        /// each: letter (26) x 11 digits (10^11) x last character (36) < 2^47. Nil when not well formed.
        var packed: UInt64?

        var hasValidCheckLetter: Bool { expectedCheckLetter == firstLetter }

        init(_ upn: String) {
            self = upn.withUTF8Bytes(Reading.init)
        }

        private init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var position = 0, sum = 0
            var value: UInt64 = 0
            var checkable = true
            for byte in bytes {
                position += 1
                let upper = UPN.uppercased(byte)
                switch position {
                case 1:
                    guard isLetter(upper) else { return }
                    firstLetter = upper
                    value = UInt64(upper - 0x41)
                case 2...12:
                    guard isDigit(upper) else { return }
                    value = value * 10 + UInt64(upper - 0x30)
                case 13:
                    guard isDigit(upper) || isLetter(upper) else { return }
                    value = value * 36 + UInt64(isDigit(upper) ? upper - 0x30 : upper - 0x41 + 10)
                default:
                    return
                }
                if position >= 2 {
                    if let index = alphabetIndex(upper) { sum += index * position } else { checkable = false }
                }
            }
            guard position == 13 else { return }
            isWellFormed = true
            packed = value
            expectedCheckLetter = checkable ? alphabet[sum % 23] : nil
        }
    }

    /// Index in `ABCDEFGHJKLMNPQRTUVWXYZ0123456789`, worked out rather than searched.
    private static func alphabetIndex(_ byte: UInt8) -> Int? {
        if isDigit(byte) { return 23 + Int(byte - 0x30) }
        let letter = Int(byte) - 0x41  // upper case; A = 0
        switch letter {
        case 0...7: return letter            // A-H
        case 9...13: return letter - 1       // J-N (no I)
        case 15...17: return letter - 2      // P-R (no O)
        case 19...25: return letter - 3      // T-Z (no S)
        default: return nil                  // I, O, S
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func uppercased(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }
}
