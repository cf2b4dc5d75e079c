/// The outward code of a UK postcode (`SW1A 1AA` -> `SW1A`): the register keeps only the district.
enum OutwardCode {
    /// The outward code of `postcode`, or nil when it is not a full postcode (2 to 4 characters,
    /// then an inward code of a digit and two letters).
    static func of(_ postcode: String) -> String? {
        let compact = Array(postcode.uppercased().filter { !$0.isWhitespace })
        guard (5...7).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              compact[0].isLetter else { return nil }
        let inward = compact.suffix(3)
        guard inward[inward.startIndex].isNumber, inward.dropFirst().allSatisfy(\.isLetter) else { return nil }
        return String(compact.dropLast(3))
    }
}
