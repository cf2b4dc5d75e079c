import HubKit

/// Counts persons whose UPN an earlier person of the same file already had. A few are data-entry
/// slips, which validation reports person by person (a warning each); many mean the file counts
/// children more than once (a list exported twice, a person per request), which would inflate the
/// LA's caseload, so the whole file is rejected. "Many" is at least ``minimumRepeats`` persons
/// and at least one person in ``oneIn``; see docs/input-rules.md.
struct SEN2RepeatedUPNs {
    static let minimumRepeats = 10
    static let oneIn = 100

    /// Where the first repeat was, and which person first had that UPN.
    struct Repeat {
        var person: Int
        var earlierPerson: Int
        var line: Int
        var column: Int
    }

    /// Hash of the UPN -> the first person with it. (A hash collision could only add one repeat
    /// to the count, never reject a person's data by itself.)
    private var firstPerson: [Int: Int32] = [:]
    private(set) var repeats = 0
    private(set) var first: Repeat?

    mutating func note(_ upn: String, person: Int, line: Int, column: Int) {
        guard let earlier = firstPerson.updateValue(Int32(truncatingIfNeeded: person), forKey: upn.hashValue) else { return }
        firstPerson[upn.hashValue] = earlier  // a repeat (rare): keep the first person
        repeats += 1
        if first == nil { first = Repeat(person: person, earlierPerson: Int(earlier), line: line, column: column) }
    }

    /// The rejection of a file of `persons` persons when its repeats are too many, at the first
    /// repeated `<UPN>`.
    func rejection(persons: Int, file: String) -> InputRejected? {
        guard let first, repeats >= Self.minimumRepeats, repeats * Self.oneIn >= persons else { return nil }
        return InputRejected(
            file: file, line: first.line, column: first.column,
            message: "<UPN> repeats at scale: \(repeats) of \(persons) persons have the UPN of an earlier person "
                + "(the first, person \(first.person), has person \(first.earlierPerson)'s); a return lists each "
                + "child once with all their requests under them, so this file would count children more than "
                + "once. Merge the repeated persons (or correct their UPNs) and export the return again")
    }
}
