import Crypto
import HubKit

/// Replaces a person's identifiers with a keyed hash and coarsens the quasi-identifiers.
///
/// Person key (sen2.md): UPN, else ULN, else normalised surname + forename + birth date. The
/// pseudonym is HMAC-SHA256(secret, kind + ":" + key) in hex, so equal keys give equal pseudonyms
/// in every return of the hub while the key itself cannot be recovered without the secret.
public struct Pseudonymiser {
    /// HMAC with the key already absorbed: each pseudonym starts from a copy (saves rehashing the key).
    private let keyed: HMAC<SHA256>

    public init(secret: HubSecret) {
        keyed = HMAC<SHA256>(key: secret.derivedKey(for: "hnhub person pseudonym v1"))
    }

    /// The stored identity of a person: pseudonym, birth month and postcode district.
    public func identity(of person: PersonRecord) -> PseudonymisedIdentity {
        let ids = person.identifiers
        var pseudonym: String?
        var kind = "none"
        if let upn = Self.compactUpper(ids.upn) {
            (kind, pseudonym) = ("upn", self.pseudonym(kind: "upn", keyBytes: upn))
        } else if let uln = Self.compactUpper(ids.uniqueLearnerNumber) {
            (kind, pseudonym) = ("uln", self.pseudonym(kind: "uln", keyBytes: uln))
        } else if case let ("name", key?) = Self.personKey(ids, birthDate: person.birthDate) {
            (kind, pseudonym) = ("name", self.pseudonym(kind: "name", key: key))
        }
        return PseudonymisedIdentity(pseudonym: pseudonym, keyKind: kind,
                                     birthMonth: person.birthDate.map(Self.birthMonth),
                                     postcodeDistrict: person.postcode.flatMap(Self.outwardCode))
    }

    /// The pseudonym of any identifier, e.g. the UPN of a per-child cost row.
    public func pseudonym(kind: String, key personKey: String) -> String {
        pseudonym(kind: kind, keyBytes: Array(personKey.utf8))
    }

    private func pseudonym(kind: String, keyBytes: [UInt8]) -> String {
        var mac = keyed
        mac.update(data: Array(kind.utf8) + [UInt8(ascii: ":")] + keyBytes)
        return mac.finalize().withUnsafeBytes { Self.hex($0) }
    }

    /// ASCII letters upper-cased and whitespace dropped, as bytes; nil when nothing is left.
    static func compactUpper(_ text: String?) -> [UInt8]? {
        guard let text else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            bytes.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        return bytes.isEmpty ? nil : bytes
    }

    /// `YYYY-MM`.
    static func birthMonth(_ day: Day) -> String {
        let (y, m, _) = day.parts
        let digits: [UInt8] = [UInt8(48 + y / 1000 % 10), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10),
                               UInt8(48 + y % 10), 0x2D, UInt8(48 + m / 10), UInt8(48 + m % 10)]
        return String(decoding: digits, as: UTF8.self)
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
        guard let compact = compactUpper(postcode), compact.count >= 5, compact.count <= 7,
              compact.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) })
        else { return nil }
        return String(decoding: compact.dropLast(3), as: UTF8.self)
    }

    private static func normalised(_ text: String?) -> String? {
        compactUpper(text).map { String(decoding: $0, as: UTF8.self) }
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
