import Crypto
import HubKit

/// Replaces a person's identifiers with a keyed hash and coarsens the quasi-identifiers.
///
/// Person key (sen2.md): UPN, else ULN, else normalised surname + forename + birth date. The
/// pseudonym is HMAC-SHA256(secret, kind + ":" + key) in hex, so equal keys give equal pseudonyms
/// in every return of the hub while the key itself cannot be recovered without the secret.
public struct Pseudonymiser {
    private let key: SymmetricKey

    public init(secret: HubSecret) { key = secret.derivedKey(for: "hnhub person pseudonym v1") }

    /// The stored identity of a person: pseudonym, birth month and postcode district.
    public func identity(of person: PersonRecord) -> PseudonymisedIdentity {
        let (kind, personKey) = Self.personKey(person.identifiers, birthDate: person.birthDate)
        return PseudonymisedIdentity(pseudonym: personKey.map { pseudonym(kind: kind, key: $0) },
                                   keyKind: kind,
                                   birthMonth: person.birthDate?.isoMonth,
                                   postcodeDistrict: person.postcode.flatMap(Self.outwardCode))
    }

    /// The pseudonym of any identifier, e.g. the UPN of a per-child cost row.
    public func pseudonym(kind: String, key personKey: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array((kind + ":" + personKey).utf8), using: key)
        return mac.withUnsafeBytes { Self.hex($0) }
    }

    /// The key kind and normalised key, or (`none`, nil) when the person has no usable identifier.
    public static func personKey(_ ids: PersonIdentifiers, birthDate: Day?) -> (String, String?) {
        if let upn = normalised(ids.upn) { return ("upn", upn) }
        if let uln = normalised(ids.uniqueLearnerNumber) { return ("uln", uln) }
        if let surname = nameKey(ids.surname), let forename = nameKey(ids.forename), let birthDate {
            return ("name", "\(surname)|\(forename)|\(birthDate.iso)")
        }
        return ("none", nil)
    }

    /// The outward code (district) of a UK postcode: everything before the last three characters
    /// of the space-free postcode, e.g. `SW1A 1AA` -> `SW1A`. Nil when it is not postcode-shaped.
    public static func outwardCode(_ postcode: String) -> String? {
        let compact = postcode.uppercased().filter { !$0.isWhitespace }
        guard compact.count >= 5, compact.count <= 7, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        return String(compact.dropLast(3))
    }

    private static func normalised(_ text: String?) -> String? {
        guard let text else { return nil }
        let value = text.uppercased().filter { !$0.isWhitespace }
        return value.isEmpty ? nil : value
    }

    /// Letters only, lower case: "O'Brien-Smith " and "obriensmith" are one key.
    private static func nameKey(_ text: String?) -> String? {
        guard let text else { return nil }
        let value = String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init))
        return value.isEmpty ? nil : value
    }

    private static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The parts of a person that may be stored in place of its identifiers. The store accepts a
/// person only with one of these, so nothing can be written without passing through here.
public struct PseudonymisedIdentity: Sendable, Hashable {
    /// HMAC-SHA256 of the person key, hex; nil when the person had no usable identifier.
    public var pseudonym: String?
    /// What the key was made from: `upn`, `uln`, `name` or `none`.
    public var keyKind: String
    /// `YYYY-MM`.
    public var birthMonth: String?
    /// Outward code of the postcode.
    public var postcodeDistrict: String?

    public init(pseudonym: String?, keyKind: String, birthMonth: String?, postcodeDistrict: String?) {
        self.pseudonym = pseudonym
        self.keyKind = keyKind
        self.birthMonth = birthMonth
        self.postcodeDistrict = postcodeDistrict
    }
}
