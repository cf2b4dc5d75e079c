/// What an ONS area code is, as far as education authorities go. ONS codes are a letter and
/// eight digits; the first three characters name the kind of area.
enum ONSArea: Equatable {
    /// A unitary authority, metropolitan district or London borough (E06, E08, E09), or a 3-digit
    /// DfE code: an LA in its own right.
    case authority
    /// A shire district (E07): the host rolls it up to its county.
    case district
    /// A shire county (E10): an LA, and also the sum of its districts.
    case county
    /// Any other ONS area: a region (E12), England (E92), a combined authority, metropolitan
    /// county or London part (E11, E13, E47), or an area in Wales, Scotland or Northern Ireland.
    case notAnEducationAuthority
    /// Not an area code at all.
    case unrecognised

    init(code: String) {
        if code.count == 3, code.allSatisfy({ $0.isASCII && $0.isNumber }) {
            self = .authority
            return
        }
        guard code.count == 9, let first = code.first, first.isASCII, first.isLetter,
              code.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            self = .unrecognised
            return
        }
        switch code.prefix(3) {
        case "E06", "E08", "E09": self = .authority
        case "E07": self = .district
        case "E10": self = .county
        default: self = .notAnEducationAuthority
        }
    }
}
