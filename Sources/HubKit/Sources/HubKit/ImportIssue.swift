/// How serious a validation finding is.
public enum Severity: String, Sendable, Codable, Comparable {
    /// The record is quarantined with its reasons and left out of every indicator.
    case error
    /// The record is loaded and the warning kept with the return.
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
}

/// One finding about one record, from an importer or from validation.
public struct ImportIssue: Sendable, Hashable, Codable {
    /// Stable rule id, e.g. `SEN2-DATE-ORDER-01`.
    public var ruleID: String
    public var severity: Severity
    /// What is wrong and what to do, in words a data analyst understands.
    public var message: String
    /// The record (person index, line) the issue is about; nil for whole-file issues.
    public var location: RecordLocation?
    /// Element path inside the record, e.g. `Requests[2]/Assessment/AssessmentOutcomeDate`.
    public var path: String?
    /// The offending value as read. Values of identifying fields must be masked before they are
    /// stored or printed (see `isPersonal`).
    public var value: String?
    /// True when `value` comes from an identifying field (UPN, ULN, name, birth date, postcode).
    public var isPersonal: Bool

    public init(ruleID: String, severity: Severity, message: String, location: RecordLocation? = nil,
                path: String? = nil, value: String? = nil, isPersonal: Bool = false) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.location = location
        self.path = path
        self.value = value
        self.isPersonal = isPersonal
    }
}

/// Errors a plugin throws to reject a whole input. The host reports `file`, the `line`/`column`
/// and the message, and writes nothing.
public struct InputRejected: Error, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file ?? "input"
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}
