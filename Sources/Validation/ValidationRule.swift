import HubKit

/// One check the validator makes: a stable id, how serious a breach is, and what it checks.
///
/// Ids never change once published: quarantine reports, saved warnings and the generated docs
/// refer to them. A rule always reports with its own severity.
package struct ValidationRule: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// The part of the return a rule looks at; the catalogue is grouped by it.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The return's header (collection, year, census date, LA).
        case header
        /// A value outside its SEN2 code list for the collection year.
        case code
        /// The identifiers and establishment numbers: UPN, ULN, URN, UKPRN.
        case identity
        /// Which elements must be there, and how many.
        case structure
        /// Elements required or ruled out by another element's value.
        case conditional
        /// Dates in the order events happen, inside the collection window.
        case dateOrder = "date-order"
        /// Loaded, but worth a look: likely mistakes that do not make the record unusable.
        case quality
    }

    /// Stable id, e.g. `SEN2-CODE-SENTYPE`.
    package let id: String
    /// Error: the person is quarantined. Warning: the person is loaded and the warning kept.
    package let severity: Severity
    package let kind: Kind
    /// One line saying what the rule checks.
    package let summary: String

    init(_ id: String, _ severity: Severity, _ kind: Kind, _ summary: String) {
        self.id = id
        self.severity = severity
        self.kind = kind
        self.summary = summary
    }

    package var description: String { "\(id) (\(severity.rawValue)): \(summary)" }
}
