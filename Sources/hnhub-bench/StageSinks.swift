import HubKit
import HubStore
import Pseudonymisation
import Validation

/// Sinks that stop the pipeline after a given stage, to time the stages one by one.
class StageSink: RecordSink {
    private(set) var persons = 0
    private(set) var issues = 0

    func beginReturn(_ header: ReturnHeader) throws {}
    func person(_ person: PersonRecord) throws {
        persons += 1
        issues += person.issues.count
    }
    func issue(_ issue: ImportIssue) throws { issues += 1 }
    func countIssues(_ count: Int) { issues += count }
}

/// Parse only: counts persons.
final class ParseSink: StageSink {}

/// Parse and validate, as the host does (with the establishment register for URN checks).
final class ValidateSink: StageSink {
    let establishmentKnown: (@Sendable (String) -> Bool)?
    let pseudonymiser: Pseudonymiser?
    private var validator: SEN2Validator?
    private(set) var pseudonyms = 0

    init(establishmentKnown: (@Sendable (String) -> Bool)?, pseudonymiser: Pseudonymiser?) {
        self.establishmentKnown = establishmentKnown
        self.pseudonymiser = pseudonymiser
    }

    override func beginReturn(_ header: ReturnHeader) throws {
        validator = SEN2Validator(header: header, establishmentKnown: establishmentKnown)
    }

    override func person(_ person: PersonRecord) throws {
        try super.person(person)
        countIssues(validator!.validate(person).count)
        if let pseudonymiser, pseudonymiser.identity(of: person).pseudonym != nil { pseudonyms += 1 }
    }
}

/// Parse, pseudonymise and insert into the normalised tables, without validation, in batches of
/// 512 persons as an import does (call `flush` after the importer returns).
final class StoreSink: StageSink {
    let writer: PersonWriter
    let pseudonymiser: Pseudonymiser
    private var batch: [PseudonymisedPerson] = []

    init(writer: PersonWriter, pseudonymiser: Pseudonymiser) {
        self.writer = writer
        self.pseudonymiser = pseudonymiser
    }

    override func person(_ person: PersonRecord) throws {
        try super.person(person)
        batch.append(PseudonymisedPerson(person, pseudonymiser.identity(of: person)))
        if batch.count == 512 { try flush() }
    }

    func flush() throws {
        try writer.write(batch)
        batch.removeAll(keepingCapacity: true)
    }
}
