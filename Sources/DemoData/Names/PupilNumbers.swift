/// Unique Pupil Numbers and Unique Learner Numbers with correct check characters.
package enum PupilNumbers {
    /// The alphabet of the UPN check letter (docs/sen2.md): 23 letters (no I, O, S), then the digits.
    static let upnAlphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ0123456789".utf8)

    /// The check letter for the 12 characters after it: each character's index in
    /// `ABCDEFGHJKLMNPQRTUVWXYZ0123456789` times its position (2 for the 2nd character .. 13 for
    /// the 13th), summed, mod 23, indexes the alphabet.
    package static func upnCheckLetter(for rest: String) -> Character {
        precondition(rest.utf8.count == 12, "a UPN has 12 characters after its check letter")
        var sum = 0
        for (offset, byte) in rest.utf8.enumerated() {
            guard let index = upnAlphabet.firstIndex(of: byte) else {
                preconditionFailure("'\(rest)' has a character outside the UPN alphabet")
            }
            sum += index * (offset + 2)
        }
        return Character(Unicode.Scalar(upnAlphabet[sum % 23]))
    }

    /// A UPN as the DfE structures it: check letter, issuing LA number (characters 2-4), a 4-digit
    /// establishment number, the 2-digit year of allocation and a 3-digit serial. A temporary UPN
    /// ends in a letter instead of the serial's last digit.
    static func upn(laCode: String, establishment: Int, allocationYear: Int, serial: Int,
                    temporaryLetter: Character? = nil) -> String {
        var rest = laCode + pad(establishment, 4) + pad(allocationYear % 100, 2) + pad(serial, 3)
        if let temporaryLetter {
            rest.removeLast()
            rest.append(temporaryLetter)
        }
        return String(upnCheckLetter(for: rest)) + rest
    }

    /// Letters a temporary UPN may end in (those of the check alphabet).
    static let temporaryLetters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

    /// The ULN check digit for nine digits: with weights 10 down to 2 and the check digit weighted 1,
    /// the weighted sum of all ten digits leaves remainder 10 when divided by 11. Nil when no digit
    /// does (those nine digits are never issued).
    static func ulnCheckDigit(for nine: [Int]) -> Int? {
        let sum = zip(nine, stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        let check = ((10 - sum) % 11 + 11) % 11
        return check <= 9 ? check : nil
    }

    /// True when `uln` is 10 digits, does not start with 0, and its check digit is right.
    package static func isValidULN(_ uln: String) -> Bool {
        let digits = uln.utf8.map { Int($0) - 48 }
        guard digits.count == 10, digits.allSatisfy({ (0...9).contains($0) }), digits[0] != 0 else { return false }
        return ulnCheckDigit(for: Array(digits.prefix(9))) == digits[9]
    }

    /// A valid ULN made from `number` (any value; used as the nine leading digits after reduction).
    static func uln(from number: UInt64) -> String {
        var value = 100_000_000 + Int(number % 900_000_000)
        while true {
            let nine = pad(value, 9).utf8.map { Int($0) - 48 }
            if let check = ulnCheckDigit(for: nine) { return pad(value, 9) + String(check) }
            value = value == 999_999_999 ? 100_000_000 : value + 1
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
