import HubKit

extension ValidationRule {
    static let upnFormat = ValidationRule(
        "SEN2-UPN-FORMAT", .error, .identity, "UPN must be 13 characters: a letter, 11 digits, then a digit or a letter.")
    static let ulnFormat = ValidationRule(
        "SEN2-ULN-FORMAT", .error, .identity, "UniqueLearnerNumber must be 10 digits.")
    static let urnFormat = ValidationRule(
        "SEN2-URN-FORMAT", .error, .identity, "URN must be 1 to 6 digits.")
    static let ukprnFormat = ValidationRule(
        "SEN2-UKPRN-FORMAT", .error, .identity, "UKPRN must be 8 digits.")
    static let noPersonKey = ValidationRule(
        "SEN2-IDENTITY-NO-KEY", .error, .identity,
        "A person needs a UPN, a ULN, or surname, forename and birth date to be matched across returns.")
    static let upnUnknownMissing = ValidationRule(
        "SEN2-UPNUNKNOWN-MISSING", .warning, .identity,
        "A person with neither UPN nor ULN should have a UPNunknown reason.")

    static let identityRules = [upnFormat, ulnFormat, urnFormat, ukprnFormat, noPersonKey, upnUnknownMissing]
}

// Identifiers against their patterns. Messages never quote an identifying value: it goes in
// `value`, marked personal, and is masked before it is stored or printed.
extension ReturnContext {
    func checkIdentity(_ person: PersonRecord, upn reading: UPN.Reading?, into findings: inout Findings) {
        let ids = person.identifiers
        let upn = ids.upn.present, uln = ids.uniqueLearnerNumber.present
        if let upn, let reading, !reading.isWellFormed {
            findings.add(.upnFormat, "UPN is not 13 characters of the form letter, 11 digits, digit or letter "
                         + "(\(upn.utf8.count) characters given): correct it from the school census record, "
                         + "or leave it out and give a UPNunknown reason.",
                         at: "UPN", value: upn, isPersonal: true)
        }
        if let uln, !DigitString.isULN(uln) {
            findings.add(.ulnFormat, "UniqueLearnerNumber is not 10 digits (\(uln.utf8.count) characters given): "
                         + "correct it from the Learning Records Service, or leave it out.",
                         at: "UniqueLearnerNumber", value: uln, isPersonal: true)
        }
        guard upn == nil, uln == nil else { return }
        if ids.surname.present == nil || ids.forename.present == nil || person.birthDate == nil {
            findings.add(.noPersonKey, "The person has no UPN, no ULN and not all of Surname, Forename and "
                         + "PersonBirthDate, so they cannot be matched across returns: add an identifier.",
                         at: "UPN")
        }
        if person.upnUnknown.present == nil {
            findings.add(.upnUnknownMissing, "The person has neither UPN nor ULN and no UPNunknown reason: "
                         + "give the UPN, or the UPNunknown code (UN1-UN10) that explains why it is missing.",
                         at: "UPNunknown")
        }
    }

    func checkIdentity(_ detail: SettingDetail, _ path: SettingPath, into findings: inout Findings) {
        if let urn = detail.urn.present, !DigitString.isURN(urn) {
            findings.add(.urnFormat, "URN '\(urn)' is not a GIAS establishment number (1 to 6 digits): "
                         + "correct it, or give the UKPRN or a SENSetting code instead.",
                         at: path.element("URN"), value: urn)
        }
        if let ukprn = detail.ukprn.present, !DigitString.isUKPRN(ukprn) {
            findings.add(.ukprnFormat, "UKPRN '\(ukprn)' is not 8 digits: correct it from the UK Register of "
                         + "Learning Providers.", at: path.element("UKPRN"), value: ukprn)
        }
    }
}
