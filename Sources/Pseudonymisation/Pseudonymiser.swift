import Crypto
import Governance
import HubKit

/// Replaces a person's identifiers with a keyed hash and coarsens the quasi-identifiers.
///
/// Person key (docs/sen2.md): UPN, else ULN, else normalised surname + forename + birth date. The
/// pseudonym is HMAC-SHA256(secret, kind + ":" + key) in hex, so equal keys give equal pseudonyms
/// in every return of the hub while the key itself cannot be recovered without the secret.
/// The birth date and postcode are kept at the config's level of minimisation (docs/governance.md).
package struct Pseudonymiser {
    /// HMAC with the key already absorbed: each pseudonym starts from a copy (saves rehashing the key).
    private let keyed: HMAC<SHA256>
    /// How much of the birth date and postcode is kept.
    package let minimisation: Minimisation

    package init(secret: HubSecret, minimisation: Minimisation = .finest) {
        keyed = HMAC<SHA256>(key: secret.derivedKey(for: "hnhub person pseudonym v1"))
        self.minimisation = minimisation
    }

    /// The stored identity of a person: pseudonym, birth date and postcode at the level of minimisation.
    package func identity(of person: PersonRecord) -> PseudonymisedIdentity {
        let ids = person.identifiers
        var pseudonym: String?
        var kind = "none"
        if let upn = self.pseudonym(kind: "upn", compacting: ids.upn) {
            (kind, pseudonym) = ("upn", upn)
        } else if let uln = self.pseudonym(kind: "uln", compacting: ids.uniqueLearnerNumber) {
            (kind, pseudonym) = ("uln", uln)
        } else if case let ("name", key?) = Self.personKey(ids, birthDate: person.birthDate) {
            (kind, pseudonym) = ("name", self.pseudonym(kind: "name", key: key))
        }
        let district = person.postcode.flatMap(Self.outwardCode)
        // The default level keeps the fast path of an import (no strings built per person).
        return PseudonymisedIdentity(pseudonym: pseudonym, keyKind: kind,
                                     birthMonth: minimisation.birthDate == .month ? person.birthDate.map(Self.birthMonth)
                                         : person.birthDate.map { minimisation.birth($0) },
                                     postcodeDistrict: minimisation.postcode == .district ? district
                                         : minimisation.postcode(outwardCode: district))
    }

    /// The pseudonym of the UPN of a per-child cost row (upper case, spaces removed); nil when
    /// nothing is left.
    package func pseudonym(ofCostUPN upn: String) -> String? {
        let key = upn.uppercased().filter { !$0.isWhitespace }
        return key.isEmpty ? nil : pseudonym(kind: "upn", key: key)
    }

    /// The pseudonym of any identifier, e.g. the UPN of a per-child cost row.
    package func pseudonym(kind: String, key personKey: String) -> String {
        var key = personKey
        return key.withUTF8 { pseudonym(kind: kind, keyBytes: $0) }
    }

    /// The pseudonym of `identifier` compacted as `compactUpper` does; nil when nothing is left.
    /// (The hot path of an import: the key is built on the stack, not in arrays.)
    private func pseudonym(kind: String, compacting identifier: String?) -> String? {
        guard var identifier else { return nil }
        return identifier.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer in
                let count = Self.compactUpper(utf8, into: buffer)
                return count == 0 ? nil : pseudonym(kind: kind, keyBytes: UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
        }
    }

    /// HMAC of `kind:key`, as 64 lower-case hex digits.
    private func pseudonym(kind: String, keyBytes: UnsafeBufferPointer<UInt8>) -> String {
        var kind = kind
        return kind.withUTF8 { kindBytes in
            // One contiguous `kind:key` and one update: each update is a generic call into Crypto.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: kindBytes.count + 1 + keyBytes.count) { message in
                _ = message.initialize(fromContentsOf: kindBytes)
                message[kindBytes.count] = UInt8(ascii: ":")
                _ = UnsafeMutableBufferPointer(rebasing: message[(kindBytes.count + 1)...]).initialize(fromContentsOf: keyBytes)
                var mac = keyed
                mac.update(data: UnsafeRawBufferPointer(message))
                return mac.finalize().withUnsafeBytes { Self.hex($0) }
            }
        }
    }

    /// ASCII letters upper-cased and whitespace dropped, as bytes; nil when nothing is left.
    static func compactUpper(_ text: String?) -> [UInt8]? {
        guard var text else { return nil }
        return text.withUTF8 { utf8 in
            let bytes = [UInt8](unsafeUninitializedCapacity: utf8.count) { buffer, count in
                count = compactUpper(utf8, into: buffer)
            }
            return bytes.isEmpty ? nil : bytes
        }
    }

    /// Writes `utf8` upper-cased (ASCII) without whitespace into `buffer` (as long as `utf8`);
    /// returns the bytes written.
    private static func compactUpper(_ utf8: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            buffer[count] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            count += 1
        }
        return count
    }

    /// `YYYY-MM`.
    static func birthMonth(_ day: Day) -> String {
        day.withISOBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[..<7]), as: UTF8.self) }
    }

    /// The key kind and normalised key, or (`none`, nil) when the person has no usable identifier.
    package static func personKey(_ ids: PersonIdentifiers, birthDate: Day?) -> (String, String?) {
        if let upn = normalised(ids.upn) { return ("upn", upn) }
        if let uln = normalised(ids.uniqueLearnerNumber) { return ("uln", uln) }
        if let surname = nameKey(ids.surname), let forename = nameKey(ids.forename), let birthDate {
            return ("name", "\(surname)|\(forename)|\(birthDate.iso)")
        }
        return ("none", nil)
    }

    /// The outward code (district) of a UK postcode: everything before the last three characters
    /// of the space-free postcode, e.g. `SW1A 1AA` -> `SW1A`. Nil when it is not postcode-shaped.
    package static func outwardCode(_ postcode: String) -> String? {
        var postcode = postcode
        return postcode.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer in
                let count = compactUpper(utf8, into: buffer)
                guard count >= 5, count <= 7,
                      buffer[..<count].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) })
                else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<(count - 3)]), as: UTF8.self)
            }
        }
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

    private static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (i, byte) in bytes.enumerated() {
                out[2 * i] = hexDigit(byte >> 4)
                out[2 * i + 1] = hexDigit(byte & 0x0f)
            }
            return bytes.count * 2
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 48 + nibble : 87 + nibble }
}

/// The parts of a person that may be stored in place of its identifiers. The store accepts a
/// person only with one of these, so nothing can be written without passing through here.
package struct PseudonymisedIdentity: Sendable, Hashable {
    /// HMAC-SHA256 of the person key, hex; nil when the person had no usable identifier.
    package var pseudonym: String?
    /// What the key was made from: `upn`, `uln`, `name` or `none`.
    package var keyKind: String
    /// `YYYY-MM`; at a coarser level of minimisation `YYYY/YY` (school year) or `YYYY`.
    package var birthMonth: String?
    /// Outward code of the postcode; at a coarser level its area, or nil.
    package var postcodeDistrict: String?

    package init(pseudonym: String?, keyKind: String, birthMonth: String?, postcodeDistrict: String?) {
        self.pseudonym = pseudonym
        self.keyKind = keyKind
        self.birthMonth = birthMonth
        self.postcodeDistrict = postcodeDistrict
    }
}
