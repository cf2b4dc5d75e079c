/// A UPN as it may appear in a message: its first two characters and its length, never the whole.
enum MaskedUPN {
    /// `A1*********** (13 characters)`.
    static func display(_ upn: String) -> String {
        let keep = upn.prefix(2)
        let stars = String(repeating: "*", count: max(0, upn.count - keep.count))
        let length = upn.count == 1 ? "1 character" : "\(upn.count) characters"
        return "\(keep)\(stars) (\(length))"
    }

    /// True for the shape of a UPN: 13 letters and digits, the first a letter (the check letter).
    /// The check letter itself is not verified: a per-child cost only has to match a child's UPN.
    static func hasUPNShape(_ upn: String) -> Bool {
        guard upn.count == 13, let first = upn.first, first.isASCII, first.isLetter else { return false }
        return upn.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
