import HubKit

/// Checks one SEN2 return against the rules of `ValidationRule.catalogue`.
///
/// Make one validator per return: it remembers the identifiers it has seen to find a child who
/// appears twice. The host runs it on every person the importer produces, before pseudonymisation:
///
/// ```swift
/// var validator = SEN2Validator(header: header, reference: reference, establishmentKnown: { register.contains($0) })
/// let headerIssues = validator.validateHeader()      // an error here rejects the return
/// for person in persons {
///     let issues = person.issues + validator.validate(person)
///     if issues.containsError { quarantine(person, issues) } else { load(person, warnings: issues) }
///     for issue in validator.takeEarlierPersonIssues() { quarantineEarlier(issue.location!, issue) }
/// }
/// ```
package struct SEN2Validator: Sendable {
    /// Months after the census date an event date may still fall (returns are extracted and
    /// corrected in the months after the census); a later date is an error.
    package static let collectionWindowMonths = 6

    package let header: ReturnHeader
    private let reference: CollectionReference?
    private let context: ReturnContext
    /// Who came first with each identifier, for the duplicate checks: one hash lookup per
    /// identifier a person has (see `PersonRegister`).
    private var seen = PersonRegister()
    /// Issues about persons validated earlier, found from a later one (see `takeEarlierPersonIssues`).
    private var earlierPersonIssues: [ImportIssue] = []

    /// - Parameters:
    ///   - header: the return's header; its `collectionYear` picks the code lists, its
    ///     `referenceDate` is the census date.
    ///   - reference: census days and the LA register the header is held against; when nil the
    ///     `SEN2-HEADER-CENSUS-DAY` and `SEN2-HEADER-LEA-UNKNOWN` checks are skipped.
    ///   - establishmentKnown: tells whether a URN is in the establishment register; when nil the
    ///     `SEN2-URN-UNKNOWN` check is skipped.
    package init(header: ReturnHeader, reference: CollectionReference? = nil,
                establishmentKnown: (@Sendable (String) -> Bool)? = nil) {
        self.header = header
        self.reference = reference
        context = ReturnContext(header: header, windowMonths: Self.collectionWindowMonths,
                                establishmentKnown: establishmentKnown)
    }

    /// Findings about the header. Issues have no location; an error means the return as a whole
    /// cannot be loaded.
    package func validateHeader() -> [ImportIssue] {
        headerIssues(header, reference: reference)
    }

    /// Findings about one person, each with the person's location and the SEN2 path of the element.
    /// Does not repeat the importer's own `person.issues`; empty when the person is clean.
    package mutating func validate(_ person: PersonRecord) -> [ImportIssue] {
        var findings = Findings(for: person)
        let upn = person.identifiers.upn.present.map(UPN.Reading.init)
        context.check(person, upn: upn, into: &findings)
        checkDuplicates(person, upn, into: &findings)
        return findings.issues
    }

    /// Issues about persons validated before, found while validating a later one: the first
    /// holder of a UPN that a later person repeats gets `SEN2-UPN-DUPLICATE` too (an error: it is
    /// to be quarantined, although it looked clean when it was validated). Each earlier person is
    /// reported once. Call after each `validate`; the list is emptied.
    package mutating func takeEarlierPersonIssues() -> [ImportIssue] {
        guard !earlierPersonIssues.isEmpty else { return [] }
        defer { earlierPersonIssues.removeAll() }
        return earlierPersonIssues
    }

    /// The same child twice counts twice in the caseload: the same UPN is an error on both persons;
    /// the same ULN, or the same names and birth date, without the same UPN, a warning naming the
    /// earlier person.
    private mutating func checkDuplicates(_ person: PersonRecord, _ reading: UPN.Reading?, into findings: inout Findings) {
        let location = person.location
        if let reading, let upn = person.identifiers.upn.present {
            if let first = seen.firstWith(upn: reading, upn, at: location) {
                findings.add(.duplicateUPN, "Person \(first.index) of this return has the same UPN: each child appears "
                             + "once, with all their requests under them. Both persons are quarantined: merge the "
                             + "records, or correct the UPN.", at: "UPN", value: upn, isPersonal: true)
                if seen.reportOnce(first.index) {
                    earlierPersonIssues.append(ImportIssue(
                        ruleID: ValidationRule.duplicateUPN.id, severity: ValidationRule.duplicateUPN.severity,
                        message: "Person \(location.index) of this return has the same UPN: each child appears once, "
                            + "with all their requests under them. Both persons are quarantined: merge the records, "
                            + "or correct the UPN.",
                        location: RecordLocation(index: first.index, line: first.line, file: location.file),
                        path: "UPN", value: upn, isPersonal: true))
                }
                return
            }
        }
        let ids = person.identifiers
        var earlier: (first: PersonRegister.Position, by: String)?
        if let uln = ids.uniqueLearnerNumber.present, DigitString.isULN(uln),
           let first = seen.firstWith(uln: uln, at: location) {
            earlier = (first, "the same ULN")
        }
        if let surname = ids.surname.present, let forename = ids.forename.present, let birth = person.birthDate,
           let first = seen.firstWith(surname: surname, forename: forename, birth: birth, at: location), earlier == nil {
            earlier = (first, "the same surname, forename and birth date")
        }
        guard let earlier else { return }
        findings.add(.probableDuplicate, "Person \(earlier.first.index)\(earlier.first.line.map { " (line \($0))" } ?? "") "
                     + "of this return has \(earlier.by) but not the same UPN: probably one child recorded twice, "
                     + "who would count twice in the caseload. Check both records (persons \(earlier.first.index) and "
                     + "\(location.index)) and merge them, or correct the identifier.",
                     at: earlier.by == "the same ULN" ? "UniqueLearnerNumber" : "Surname")
    }
}

extension Sequence<ImportIssue> {
    /// True when any issue is an error, i.e. the record is to be quarantined.
    package var containsError: Bool {
        contains { $0.severity == .error }
    }
}
