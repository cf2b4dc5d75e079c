import HubKit

/// Checks one SEN2 return against the rules of `ValidationRule.catalogue`.
///
/// Make one validator per return: it remembers the UPNs it has seen to warn about a person who
/// appears twice. The host runs it on every person the importer produces, before pseudonymisation:
///
/// ```swift
/// var validator = SEN2Validator(header: header, establishmentKnown: { register.contains($0) })
/// let headerIssues = validator.validateHeader()      // an error here rejects the return
/// for person in persons {
///     let issues = person.issues + validator.validate(person)
///     if issues.containsError { quarantine(person, issues) } else { load(person, warnings: issues) }
/// }
/// ```
public struct SEN2Validator: Sendable {
    /// Months after the census date an event date may still fall (returns are extracted and
    /// corrected in the months after the census); a later date is an error.
    public static let collectionWindowMonths = 6

    public let header: ReturnHeader
    private let context: ReturnContext
    /// UPN (packed, see `UPN.Reading.packed`) -> index of the first person that carried it, for the
    /// duplicate warning: 12 bytes a person plus the table's slack.
    private var firstPersonWithUPN: [UInt64: Int32] = [:]
    /// The same for UPNs that are not UPN-shaped (already errors, and rare).
    private var firstPersonWithOddUPN: [String: Int] = [:]

    /// - Parameters:
    ///   - header: the return's header; its `collectionYear` picks the code lists, its
    ///     `referenceDate` is the census date.
    ///   - establishmentKnown: tells whether a URN is in the establishment register; when nil the
    ///     `SEN2-URN-UNKNOWN` check is skipped.
    public init(header: ReturnHeader, establishmentKnown: (@Sendable (String) -> Bool)? = nil) {
        self.header = header
        context = ReturnContext(header: header, windowMonths: Self.collectionWindowMonths,
                                establishmentKnown: establishmentKnown)
    }

    /// Findings about the header. Issues have no location; an error means the return as a whole
    /// cannot be loaded.
    public func validateHeader() -> [ImportIssue] {
        headerIssues(header)
    }

    /// Findings about one person, each with the person's location and the SEN2 path of the element.
    /// Does not repeat the importer's own `person.issues`; empty when the person is clean.
    public mutating func validate(_ person: PersonRecord) -> [ImportIssue] {
        var findings = Findings(for: person)
        let upn = person.identifiers.upn.present.map(UPN.Reading.init)
        context.check(person, upn: upn, into: &findings)
        if let upn {
            checkDuplicate(person, upn, into: &findings)
        }
        return findings.issues
    }

    private mutating func checkDuplicate(_ person: PersonRecord, _ reading: UPN.Reading, into findings: inout Findings) {
        guard let upn = person.identifiers.upn else { return }
        let index = person.location.index
        var first: Int?
        if let key = reading.packed {
            // One hash for the usual new UPN; a duplicate (rare) puts the first person back.
            if let earlier = firstPersonWithUPN.updateValue(Int32(truncatingIfNeeded: index), forKey: key) {
                firstPersonWithUPN[key] = earlier
                first = Int(earlier)
            }
        } else {
            first = firstPersonWithOddUPN[upn.uppercased()]
            if first == nil { firstPersonWithOddUPN[upn.uppercased()] = index }
        }
        guard let first else { return }
        findings.add(.duplicateUPN, "Person \(first) of this return has the same UPN: each child appears once, "
                     + "with all their requests under them. Merge the records, or correct the UPN.",
                     at: "UPN", value: upn, isPersonal: true)
    }
}

extension Sequence<ImportIssue> {
    /// True when any issue is an error, i.e. the record is to be quarantined.
    public var containsError: Bool {
        contains { $0.severity == .error }
    }
}
