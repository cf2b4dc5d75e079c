import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import Testing

/// A SEN2 return that lies about itself is rejected whole, at the line and column of the lie, and
/// the store is left exactly as it was (docs/input-rules.md). Each case is the fixture return with
/// one thing changed, imported into a store that already holds the fixture.
@Suite struct SEN2RejectedReturnTests {
    static let fixture = (try? String(contentsOfFile: "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml", encoding: .utf8)) ?? ""

    @Test func invalidUTF8IsRejectedAtItsByte() throws {
        // A Latin-1 'é' (one byte, 0xE9) in a file that is UTF-8.
        let marker = Self.fixture.range(of: "<Surname>Dun")!
        let bytes = Array(Self.fixture[..<marker.upperBound].utf8) + [0xE9] + Array(Self.fixture[marker.upperBound...].utf8)
        let (line, column) = Self.position(of: "<Surname>Dun", in: Self.fixture)
        try expectRejected(bytes, at: line, column + 12,
                           "invalid UTF-8: byte 0xE9 is followed by 0x73, which does not continue it in <Surname>")
    }

    @Test func aNULCharacterIsRejected() throws {
        let text = Self.fixture.replacingOccurrences(of: "<Forename>Tiva", with: "<Forename>Ti\u{0}va")
        let (line, column) = Self.position(of: "Ti\u{0}", in: text)
        try expectRejected(Array(text.utf8), at: line, column + 2,
                           "a NUL character (byte 0x00), which XML does not allow in <Forename>")
    }

    @Test func anAttributeGivenTwiceIsRejected() throws {
        let text = Self.fixture.replacingOccurrences(of: "<Persons>", with: "<Persons count=\"8\" count=\"16\">")
        let (line, column) = Self.position(of: "count=\"16\"", in: text)
        try expectRejected(Array(text.utf8), at: line, column, "the attribute count appears twice in <Persons>")
    }

    @Test func aSecondLEAIsRejected() throws {
        let text = Self.fixture.replacingOccurrences(of: "<LEA>800</LEA>", with: "<LEA>800</LEA><LEA>801</LEA>")
        let (line, column) = Self.position(of: "<LEA>801", in: text)
        try expectRejected(Array(text.utf8), at: line, column,
                           "<LEA> appears a second time in <Source> (the first is on line \(line))")
    }

    @Test func aSecondYearIsRejectedEvenInASecondCollectionDetails() throws {
        let twice = Self.fixture.replacingOccurrences(of: "<Year>2025</Year>", with: "<Year>2025</Year>\n      <Year>2024</Year>")
        let (line, column) = Self.position(of: "<Year>2024", in: twice)
        try expectRejected(Array(twice.utf8), at: line, column, "<Year> appears a second time in <CollectionDetails>")
        let second = Self.fixture.replacingOccurrences(
            of: "    <Source>", with: "    <CollectionDetails><Year>2024</Year></CollectionDetails>\n    <Source>")
        let (secondLine, secondColumn) = Self.position(of: "<CollectionDetails><Year>2024", in: second)
        try expectRejected(Array(second.utf8), at: secondLine, secondColumn,
                           "<CollectionDetails> appears a second time in <Header> (the first is on line 6)")
    }

    @Test func aSecondPersonsListIsRejected() throws {
        let persons = Self.fixture[Self.fixture.range(of: "  <Persons>")!.lowerBound ..< Self.fixture.range(of: "</Message>")!.lowerBound]
        let text = Self.fixture.replacingOccurrences(of: "</Message>", with: persons + "</Message>")
        let (line, column) = Self.position(of: "<Persons>", in: text, occurrence: 2)
        try expectRejected(Array(text.utf8), at: line, column, "a second <Persons> list (the first starts on line 23)")
    }

    @Test func UPNsRepeatedAtScaleRejectTheFile() throws {
        // 30 persons, 11 with one UPN: 10 repeats, at least 10 and at least 1 in 100.
        let upns = (1...30).map { $0 <= 11 ? validUPN("800000000001") : validUPN(String(800_000_000_000 + $0)) }
        let text = Self.syntheticReturn(upns: upns)
        let (line, column) = Self.position(of: "<UPN>", in: text, occurrence: 2)
        try expectRejected(Array(text.utf8), at: line, column,
                           "<UPN> repeats at scale: 10 of 30 persons have the UPN of an earlier person "
                           + "(the first, person 2, has person 1's)")
    }

    @Test func aFewRepeatedUPNsAreReportedOnThosePersonsAndTheReturnIsStored() throws {
        // 30 persons, 4 with one UPN: 3 repeats, under 10, so the return is stored.
        let upns = (1...30).map { $0 <= 4 ? validUPN("800000000001") : validUPN(String(800_000_000_000 + $0)) }
        let hub = try SEN2ImportTests.Hub()
        defer { hub.folder.remove() }
        guard case let .imported(entry, _, summary) = hub.importPath(try hub.folder.write("few.xml", Self.syntheticReturn(upns: upns))) else {
            Issue.record("not imported")
            return
        }
        #expect(entry.records + entry.quarantined == 30)
        #expect(summary.tallies["SEN2-UPN-DUPLICATE"]?.count == 4)
    }

    // MARK: Helpers

    /// Imports the fixture, then `bytes`: expects the rejection at `line`, `column` with a message
    /// starting `message`, and the store as it was before.
    private func expectRejected(_ bytes: [UInt8], at line: Int, _ column: Int, _ message: String,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let hub = try SEN2ImportTests.Hub()
        defer { hub.folder.remove() }
        guard case .imported = hub.importPath("\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml") else {
            Issue.record("the fixture was not imported", sourceLocation: sourceLocation)
            return
        }
        let before = try Self.snapshot(hub.store)
        let outcome = hub.importPath(try hub.folder.write("lying.xml", bytes: bytes))
        guard case let .rejected(source, reason) = outcome else {
            Issue.record("not rejected: \(outcome)", sourceLocation: sourceLocation)
            return
        }
        #expect(source == hub.folder.file("lying.xml"), sourceLocation: sourceLocation)
        #expect(reason.hasPrefix("line \(line), column \(column): \(message)"), "\(reason)", sourceLocation: sourceLocation)
        #expect(try Self.snapshot(hub.store) == before, sourceLocation: sourceLocation)
    }

    /// Every row of every table, as text.
    static func snapshot(_ store: Store) throws -> [String] {
        let tables = try store.database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .compactMap { $0[0].string }
        return try tables.flatMap { table in
            try store.database.rows("SELECT * FROM \(table) ORDER BY 1, 2").map { "\(table): \($0)" }
        }
    }

    /// The 1-based line and byte column of the `occurrence`-th `needle` in `text`.
    static func position(of needle: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int) {
        var range = text.range(of: needle)!
        for _ in 1 ..< occurrence { range = text.range(of: needle, range: range.upperBound ..< text.endIndex)! }
        let before = text[..<range.lowerBound]
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return (before.filter { $0 == "\n" }.count + 1, text[lineStart ..< range.lowerBound].utf8.count + 1)
    }

    /// A small 2025 return of LA 800 with a person per UPN, each with one request.
    static func syntheticReturn(upns: [String]) -> String {
        let persons = upns.map { upn in
            """
                <Person>
                  <Surname>Test</Surname><Forename>Child</Forename><PersonBirthDate>2012-03-04</PersonBirthDate>
                  <Sex>M</Sex><Ethnicity>WBRI</Ethnicity><PostCode>BS1 4DJ</PostCode>
                  <UPN>\(upn)</UPN>
                  <Requests><ReceivedDate>2024-06-01</ReceivedDate><RequestSource>01</RequestSource><RYA>0</RYA></Requests>
                </Person>
            """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Message>
              <Header>
                <CollectionDetails><Collection>SEN2</Collection><Year>2025</Year><ReferenceDate>2025-01-16</ReferenceDate></CollectionDetails>
                <Source><SourceLevel>L</SourceLevel><LEA>800</LEA></Source>
              </Header>
              <Persons>
            \(persons.joined(separator: "\n"))
              </Persons>
            </Message>
            """
    }
}
