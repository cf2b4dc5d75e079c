import HubKit

/// How much of a child's birth date the store keeps (docs/governance.md, "Minimisation").
package enum BirthDateDetail: String, Sendable, CaseIterable {
    /// `YYYY-MM`: the finest the hub ever keeps, and the default.
    case month
    /// The school year of birth, 1 September to 31 August, as `YYYY/YY` (born 2011-09 to 2012-08:
    /// `2011/12`). It still gives every child's exact age on the 31 August before a census.
    case schoolYear = "school-year"
    /// The calendar year, `YYYY`. Ages on the 31 August can no longer be told apart: age bands are
    /// unavailable.
    case year
}

/// How much of a child's postcode the store keeps.
package enum PostcodeDetail: String, Sendable, CaseIterable {
    /// The outward code (`BS16`): the finest the hub ever keeps, and the default.
    case district
    /// The postcode area, the letters the outward code starts with (`BS`).
    case area
    /// No postcode at all.
    case none
}

/// The level of detail the store keeps of a child's quasi-identifiers, chosen in the config within
/// safe bounds and recorded with every SEN2 import (`imports.minimisation`), so that figures made
/// at different levels are never compared (docs/governance.md).
///
/// The bounds: nothing finer than the defaults, the birth month and the postcode district. The
/// keyed pseudonym is not a choice: matching a child across returns and LAs needs it.
package struct Minimisation: Sendable, Hashable, CustomStringConvertible {
    package var birthDate: BirthDateDetail
    package var postcode: PostcodeDetail

    package init(birthDate: BirthDateDetail = .month, postcode: PostcodeDetail = .district) {
        self.birthDate = birthDate
        self.postcode = postcode
    }

    /// The finest level allowed, and the default: birth month and postcode district.
    package static let finest = Minimisation()

    /// As stored in `imports.minimisation`: `birth:month postcode:district`.
    package var label: String { "birth:\(birthDate.rawValue) postcode:\(postcode.rawValue)" }

    /// Parses a stored label; nil for anything else.
    package init?(label: String) {
        let parts = label.split(separator: " ")
        guard parts.count == 2, parts[0].hasPrefix("birth:"), parts[1].hasPrefix("postcode:"),
              let birth = BirthDateDetail(rawValue: String(parts[0].dropFirst(6))),
              let postcode = PostcodeDetail(rawValue: String(parts[1].dropFirst(9))) else { return nil }
        self.init(birthDate: birth, postcode: postcode)
    }

    /// In words: `birth month, postcode district`.
    package var description: String {
        let birth = switch birthDate {
        case .month: "birth month"
        case .schoolYear: "school year of birth"
        case .year: "birth year"
        }
        let place = switch postcode {
        case .district: "postcode district"
        case .area: "postcode area"
        case .none: "no postcode"
        }
        return "\(birth), \(place)"
    }

    /// The birth date as kept at this level: `2012-03`, `2011/12` or `2012`.
    package func birth(_ day: Day) -> String {
        let (year, month, _) = day.parts
        switch birthDate {
        case .month: return Self.pad(year, 4) + "-" + Self.pad(month, 2)
        case .schoolYear:
            let start = month >= 9 ? year : year - 1
            return Self.pad(start, 4) + "/" + Self.pad((start + 1) % 100, 2)
        case .year: return Self.pad(year, 4)
        }
    }

    /// The postcode as kept at this level, from its outward code (`BS16`): `BS16`, `BS` or nil.
    package func postcode(outwardCode: String?) -> String? {
        guard let outwardCode else { return nil }
        switch postcode {
        case .district: return outwardCode
        case .area:
            let letters = outwardCode.prefix { $0.isLetter }
            return letters.isEmpty ? nil : String(letters)
        case .none: return nil
        }
    }

    /// Why a value named in the config for the birth date is refused (finer than the bounds, or
    /// unknown), or nil when it is allowed.
    package static func refusal(birthDate value: String) -> String? {
        if BirthDateDetail(rawValue: value) != nil { return nil }
        if ["day", "date", "full", "exact"].contains(value) {
            return "'\(value)' is finer than the birth month, the finest the hub keeps: with sex, ethnicity and a postcode "
                + "district a full birth date singles out nearly every child, and no indicator needs it. "
                + "Choose month, school-year or year"
        }
        return "'\(value)' is not a level of birth date detail: choose month, school-year or year"
    }

    /// Why a value named in the config for the postcode is refused, or nil when it is allowed.
    package static func refusal(postcode value: String) -> String? {
        if PostcodeDetail(rawValue: value) != nil { return nil }
        if ["sector", "unit", "full", "postcode"].contains(value) {
            return "'\(value)' is finer than the postcode district, the finest the hub keeps: a sector holds a few "
                + "thousand addresses, and with a birth month, sex and ethnicity it singles out most children with a plan. "
                + "Choose district, area or none"
        }
        return "'\(value)' is not a level of postcode detail: choose district, area or none"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
