import HubKit
import Pseudonymisation
import Testing

/// Pseudonyms are HMAC-SHA256 under a key derived from the hub secret (HKDF-SHA256, info
/// "hnhub person pseudonym v1"), so they can be reproduced outside hnhub by anyone holding the
/// secret. The expected values below were computed independently with Python's `cryptography`.
@Suite struct PseudonymisationTests {
    let pseudonymiser = Pseudonymiser(secret: HubSecret(bytes: Array(1...32)))

    func person(upn: String? = nil, uln: String? = nil, surname: String? = nil, forename: String? = nil,
                birth: Day? = Day(year: 2012, month: 3, day: 4), postcode: String? = nil) -> PersonRecord {
        PersonRecord(location: RecordLocation(index: 1),
                     identifiers: PersonIdentifiers(upn: upn, uniqueLearnerNumber: uln, surname: surname, forename: forename),
                     birthDate: birth, postcode: postcode)
    }

    @Test func theUPNIsTheKeyWhenThereIsOne() {
        let identity = pseudonymiser.identity(of: person(upn: " a201123456781 ", uln: "1234567890", surname: "Kelmaro"))
        #expect(identity == PseudonymisedIdentity(
            pseudonym: "2b3cf24af6f027dd451309066949a0ed04da9187c8a3b238a2846fa3b9c08211", keyKind: "upn",
            birthMonth: "2012-03", postcodeDistrict: nil))
    }

    @Test func thenTheULNThenNamesWithTheBirthDate() {
        #expect(pseudonymiser.identity(of: person(uln: "1234567890")).pseudonym
                == "d00ab6201566ac1874afa36cc3d49c513ba6c7a832fa97a2cde439a1988f46ec")
        let byName = pseudonymiser.identity(of: person(surname: "Kel-maro ", forename: "TIVA"))
        #expect(byName.keyKind == "name")
        #expect(byName.pseudonym == "d2b3d4b87c8a435b3c9a52e4e0903586696ebd4ab70fa6ae4f8cac1a5e60d0ed")
        let nothing = pseudonymiser.identity(of: person(surname: "Kelmaro", birth: nil))
        #expect(nothing.keyKind == "none")
        #expect(nothing.pseudonym == nil)
    }

    @Test func aDifferentSecretGivesADifferentPseudonym() {
        let other = Pseudonymiser(secret: HubSecret(bytes: Array(2...33)))
        #expect(other.identity(of: person(upn: "A201123456781")).pseudonym
                != pseudonymiser.identity(of: person(upn: "A201123456781")).pseudonym)
    }

    @Test func birthDatesAreKeptAsZeroPaddedMonths() {
        let day = Day(year: 987, month: 11, day: 30)!
        #expect(day.withISOBytes { String(decoding: $0, as: UTF8.self) } == "0987-11-30")
        #expect(day.withISOBytes { String(decoding: $0, as: UTF8.self) } == day.iso)
        #expect(pseudonymiser.identity(of: person(upn: "A201123456781", birth: day)).birthMonth == "0987-11")
        #expect(pseudonymiser.identity(of: person(upn: "A201123456781", birth: Day(year: 2019, month: 1, day: 2))).birthMonth
                == "2019-01")
    }

    @Test func postcodesKeepTheirOutwardCodeOnly() {
        #expect(Pseudonymiser.outwardCode("sw1a 1aa") == "SW1A")
        #expect(Pseudonymiser.outwardCode("BS1 4DJ") == "BS1")
        #expect(Pseudonymiser.outwardCode("M1 1AE") == "M1")
        #expect(Pseudonymiser.outwardCode("AA11AA") == "AA1")
        #expect(Pseudonymiser.outwardCode("not a postcode") == nil)
        #expect(Pseudonymiser.outwardCode("B1") == nil)
    }
}
