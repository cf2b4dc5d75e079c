import HubKit
import HubTestSupport
import Testing
@testable import SEN2XMLImporter

/// The streaming XML pull reader under the SEN2 importer: tokens, text, tolerance, safety and
/// well-formedness. Every document is read with several stream chunk sizes, down to one byte, so
/// that every token also gets split across reads.
@Suite struct XMLReaderTests {
    // MARK: Tokens and text

    @Test func reportsStartAndEndTagsWithLeafText() throws {
        let tokens = try readTokens("""
            <Message>
              <Header/>
              <Persons><Person><UPN>A123</UPN><Surname></Surname></Person></Persons>
            </Message>
            """)
        #expect(tokens == [
            "<Message>", "<Header>", "</Header>", "<Persons>", "<Person>", "<UPN>", "A123</UPN>",
            "<Surname>", "</Surname>", "</Person>", "</Persons>", "</Message>",
        ])
    }

    @Test func internsKnownNamesAndReportsOthersAsUnknown() throws {
        let tokens = try readTokens("<Message><Favourite>blue</Favourite></Message>")
        #expect(tokens == ["<Message>", "<?Favourite>", "blue</?>", "</Message>"])
    }

    @Test func toleratesBOMDeclarationCRLFAndNamespacePrefixes() throws {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            + "<sen:Message xmlns:sen=\"http://example.org/sen2\">\r\n"
            + "  <sen:UPN>A123</sen:UPN>\r\n"
            + "</sen:Message>\r\n"
        #expect(try readTokens(xml) == ["<Message>", "<UPN>", "A123</UPN>", "</Message>"])
    }

    @Test func skipsCommentsProcessingInstructionsAndAttributes() throws {
        let xml = """
            <!-- exported by the case management system -->
            <?app-hint pass="2"?>
            <Message version="1.0" note='a > b'>
              <!-- <UPN>not this</UPN> -->
              <UPN kind="x">A1<!-- inside -->23<?pi?></UPN>
            </Message>
            <!-- trailing comment -->
            """
        #expect(try readTokens(xml) == ["<Message>", "<UPN>", "A123</UPN>", "</Message>"])
    }

    @Test func keepsCDATAAsText() throws {
        let xml = "<Message><Surname><![CDATA[O'Brien & <Sons>]]></Surname></Message>"
        #expect(try readTokens(xml) == ["<Message>", "<Surname>", "O'Brien & <Sons></Surname>", "</Message>"])
    }

    @Test func decodesPredefinedEntitiesAndCharacterReferences() throws {
        let xml = "<Message><Surname>&lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#x20AC;&#233;</Surname></Message>"
        #expect(try readTokens(xml) == ["<Message>", "<Surname>", "<>&'\" AB€é</Surname>", "</Message>"])
    }

    @Test func decodesLatin1WhenDeclared() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Message><Surname>".utf8)
            + [0x4C, 0xE9, 0x6F] + Array("</Surname></Message>".utf8)
        #expect(try readTokens(bytes) == ["<Message>", "<Surname>", "Léo</Surname>", "</Message>"])
    }

    @Test func trimsTextAndNormalisesLineEnds() throws {
        var reader = makeReader("<Message><Surname>\r\n  Smith\r\nJones  \t</Surname></Message>")
        _ = try reader.next()
        _ = try reader.next()
        #expect(try reader.next() == .end(name: Int(SEN2Element.surname.rawValue)))
        #expect(reader.trimmedText == "Smith\nJones")
    }

    @Test func givesTheLineOfEachTag() throws {
        var reader = makeReader("<Message>\n\n  <Person>\r\n    <UPN>A1</UPN>\n  </Person>\n</Message>", chunkSize: 3)
        var lines: [String: Int] = [:]
        while true {
            let token = try reader.next()
            if token == .endOfDocument { break }
            if case .start(let id) = token { lines[SEN2Element.nameTable.names[id]] = reader.tokenLine() }
        }
        #expect(lines == ["Message": 1, "Person": 3, "UPN": 4])
    }

    @Test func streamsThroughABufferThatDoesNotGrow() throws {
        let person = "<Person><UPN>A123</UPN><Surname>Smith</Surname></Person>\n"
        let stream = RepeatingStream(head: "<Message><Persons>\n", body: person, count: 200_000,
                                     tail: "</Persons></Message>\n")
        var reader = XMLPullReader(stream: stream, fileName: "big.xml", names: SEN2Element.nameTable, chunkSize: 4096)
        let capacity = reader.capacity
        var persons = 0
        var lastPersonLine = 0
        while true {
            let token = try reader.next()
            if token == .endOfDocument { break }
            if token == .start(name: Int(SEN2Element.person.rawValue)) {
                persons += 1
                lastPersonLine = reader.tokenLine()
            }
        }
        #expect(persons == 200_000)
        #expect(reader.bytesRead == 19 + person.utf8.count * 200_000 + 21)
        // The buffer it started with, whatever its size, held every token of the 12 MB stream.
        #expect(reader.capacity == capacity)
        #expect(reader.capacity * 100 < reader.bytesRead)
        #expect(lastPersonLine == 200_001)
    }

    @Test func countsNewlinesInLongAndShortRuns() {
        for length in [0, 1, 15, 16, 17, 4_079, 4_080, 4_081, 10_000] {
            let bytes = (0 ..< length).map { UInt8($0 % 7 == 0 ? 0x0A : 0x41) }
            let counted = bytes.withUnsafeBufferPointer(XMLPullReader.countNewlines)
            #expect(counted == bytes.filter { $0 == 0x0A }.count, "length \(length)")
        }
    }

    // MARK: Safety

    @Test func refusesADoctypeSoEntitiesAreNeverExpanded() {
        let billionLaughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <Message>&lol3;</Message>
            """
        let error = rejection(billionLaughs)
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message.contains("<!DOCTYPE> declaration is refused") == true)
    }

    @Test func refusesAnExternalEntityDeclaration() {
        let xml = "<!DOCTYPE Message SYSTEM \"file:///etc/passwd\"><Message/>"
        #expect(rejection(xml)?.message.contains("DOCTYPE") == true)
        #expect(rejection("<Message><!ENTITY x \"y\"></Message>")?.message.contains("not allowed") == true)
    }

    @Test func canStepOverADoctypeUnreadForDetection() throws {
        let xml = "<!DOCTYPE Message [<!ENTITY a \"x]>y\"> <!-- ] -->]>\n<Message><UPN>&a;</UPN></Message>"
        var reader = makeReader(xml)
        reader.doctypeHandling = .skipUnread
        #expect(try reader.next() == .start(name: Int(SEN2Element.message.rawValue)))
        #expect(try reader.next() == .start(name: Int(SEN2Element.upn.rawValue)))
        #expect(throws: InputRejected.self) { try reader.next() }  // &a; is still never expanded
    }

    @Test func refusesUndeclaredNamedEntities() {
        let error = rejection("<Message>\n  <Surname>Caf&eacute;</Surname>\n</Message>")
        #expect(error?.line == 2)
        #expect(error?.column == 15)
        #expect(error?.message.contains("&eacute;") == true)
        #expect(rejection("<Message a=\"&ext;\"/>")?.message.contains("&ext;") == true)
    }

    @Test func refusesBadCharacterReferencesAndBareAmpersands() {
        #expect(rejection("<Message>&#0;</Message>")?.message.contains("not a valid character reference") == true)
        #expect(rejection("<Message>&#xD800;</Message>") != nil)
        #expect(rejection("<Message>fish & chips</Message>")?.message.contains("'&'") == true)
    }

    @Test func refusesUTF16() {
        let utf16: [UInt8] = [0xFF, 0xFE, 0x3C, 0x00, 0x4D, 0x00]
        #expect(rejection(utf16)?.message.contains("UTF-16") == true)
    }

    // MARK: Well-formedness

    @Test func rejectsAMismatchedEndTagWithItsPosition() {
        let error = rejection("<Message>\n  <Person>\n    <UPN>A</Person>\n</Message>")
        #expect(error?.file == "test.xml")
        #expect(error?.line == 3)
        #expect(error?.column == 11)
        #expect(error?.message == "end tag </Person> does not match the open element <UPN>")
    }

    @Test func rejectsAPrefixMismatchInAnEndTag() {
        #expect(rejection("<a:Message></b:Message>")?.message.contains("does not match") == true)
    }

    @Test func rejectsAnElementLeftOpenAtTheEnd() {
        let error = rejection("<Message>\n<Person>\n")
        #expect(error?.line == 3)
        #expect(error?.column == 1)
        #expect(error?.message == "the file ends before <Person> is closed")
    }

    @Test func rejectsTextThatIsNotXML() {
        let csv = rejection("UPN,Surname\nA123,Smith\n")
        #expect(csv?.line == 1)
        #expect(csv?.column == 1)
        #expect(csv?.message == "the content does not start with an XML element")
        #expect(rejection("")?.message.contains("no XML element") == true)
        #expect(rejection("   \n ")?.message.contains("no XML element") == true)
    }

    @Test func rejectsContentAfterTheRoot() {
        #expect(rejection("<Message/>\ntrailing")?.message == "text after the end of the root element")
        #expect(rejection("<Message/><Message/>")?.message.contains("second root") == true)
    }

    @Test func rejectsMalformedTags() {
        #expect(rejection("<Message><1UPN/></Message>")?.message.contains("expected an element name") == true)
        #expect(rejection("<Message><UPN a=1/></Message>")?.message.contains("quoted") == true)
        #expect(rejection("<Message><UPN a=\"1\"b=\"2\"/></Message>")?.message.contains("whitespace") == true)
        #expect(rejection("<Message><UPN a=\"<\"/></Message>")?.message.contains("'<' inside an attribute") == true)
        #expect(rejection("<Message><UPN</Message>")?.message.contains("'<' inside a tag") == true)
        #expect(rejection("<Message></>")?.message.contains("end tag name") == true)
        #expect(rejection("<Message><!-- never closed </Message>")?.message.contains("ends inside a comment") == true)
        #expect(rejection("<Message><?xml version=\"1.0\"?></Message>")?.message.contains("must come first") == true)
    }

    // MARK: Characters (docs/input-rules.md)

    @Test func refusesInvalidUTF8NamingTheElementItIsIn() {
        let bytes = Array("<Message>\n  <Surname>Ren".utf8) + [0xE9] + Array("e</Surname>\n</Message>".utf8)
        let error = rejection(bytes)
        #expect(error?.line == 2)
        #expect(error?.column == 15)
        #expect(error?.message.hasPrefix("invalid UTF-8: byte 0xE9 is followed by 0x65, which does not continue it in <Surname>; save the file as UTF-8") == true)
    }

    @Test func refusesEveryKindOfMalformedUTF8() {
        let cases: [([UInt8], String)] = [
            ([0x80], "byte 0x80 cannot start a character"),
            ([0xC0, 0xAF], "byte 0xC0 cannot start a character"),  // an overlong '/'
            ([0xE0, 0x80, 0xAF], "byte 0xE0 is followed by 0x80"),  // overlong
            ([0xED, 0xA0, 0x80], "byte 0xED is followed by 0xA0"),  // a surrogate
            ([0xF4, 0x90, 0x80, 0x80], "byte 0xF4 is followed by 0x90"),  // past U+10FFFF
            ([0xF8, 0x88, 0x80, 0x80, 0x80], "byte 0xF8 cannot start a character"),
            ([0xEF, 0xBF, 0xBE], "the non-character U+FFFE"),
        ]
        for (bad, message) in cases {
            let error = rejection(Array("<Message><UPN>".utf8) + bad + Array("</UPN></Message>".utf8))
            #expect(error?.column == 15, "\(bad)")
            #expect(error?.message.contains(message) == true, "\(bad): \(error?.message ?? "accepted")")
            #expect(error?.message.contains("in <UPN>") == true, "\(error?.message ?? "")")
        }
    }

    @Test func refusesAFileThatEndsInsideAUTF8Character() {
        let error = rejection(Array("<Message/>\n".utf8) + [0xE2, 0x82])
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message.hasPrefix("the file ends in the middle of a UTF-8 character after the root element") == true)
    }

    @Test func acceptsEveryLengthOfUTF8Character() throws {
        let text = "é€𝄞 \u{7F}\u{85}\u{FEFF}\u{10FFFD}"
        #expect(try readTokens("<Message><Surname>\(text)</Surname></Message>")
                == ["<Message>", "<Surname>", "\(text)</Surname>", "</Message>"])
    }

    @Test func refusesNULAndOtherControlCharacters() {
        let nul = rejection(Array("<Message>\n<Forename>Al".utf8) + [0x00] + Array("ice</Forename></Message>".utf8))
        #expect(nul?.line == 2)
        #expect(nul?.column == 13)
        #expect(nul?.message.hasPrefix("a NUL character (byte 0x00), which XML does not allow in <Forename>") == true)
        let bell = rejection(Array("<Message a=\"".utf8) + [0x07] + Array("\"/>".utf8))
        #expect(bell?.column == 13)
        #expect(bell?.message.hasPrefix("the control character U+0007, which XML does not allow before the root element") == true)
        #expect(rejection(Array("<Message>".utf8) + [0x1B] + Array("</Message>".utf8))?.message
                .contains("U+001B") == true)
    }

    @Test func refusesControlCharactersInADeclaredSingleByteEncodingToo() {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<Message><Surname>L".utf8)
            + [0xE9, 0x00] + Array("o</Surname></Message>".utf8)
        let error = rejection(bytes)
        #expect(error?.line == 2)
        #expect(error?.column == 21)
        #expect(error?.message == "a NUL character (byte 0x00), which XML does not allow in <Surname>; "
                + "remove the character (XML does not allow it in any encoding)")
    }

    @Test func refusesAnAttributeGivenTwiceInOneTag() {
        let error = rejection("<Message>\n  <Person id=\"1\" kind='a' id=\"2\"/>\n</Message>")
        #expect(error?.line == 2)
        #expect(error?.column == 27)
        #expect(error?.message == "the attribute id appears twice in <Person>: XML allows each attribute once in a tag")
        #expect(rejection("<sen:Message xmlns:sen=\"a\" xmlns:sen=\"a\"/>")?.message.contains("xmlns:sen appears twice") == true)
        #expect(rejection("<Message a=\"1\" b=\"1\" A=\"1\"/>") == nil)  // names are case-sensitive
    }

    @Test func rejectsNestingDeeperThanTheLimit() {
        let xml = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(rejection(xml)?.message.contains("nested more than 256") == true)
    }

    // MARK: Helpers

    private func makeReader(_ xml: String, chunkSize: Int = 7) -> XMLPullReader {
        XMLPullReader(stream: SEN2ChunkedByteStream(Array(xml.utf8), chunkSize: chunkSize), fileName: "test.xml",
                      names: SEN2Element.nameTable, chunkSize: 64)
    }

    /// The tokens as text (`<Name>`, `value</Name>`, `?` for names not interned), the same for
    /// every chunk size.
    private func readTokens(_ xml: String) throws -> [String] {
        try readTokens(Array(xml.utf8))
    }

    private func readTokens(_ bytes: [UInt8]) throws -> [String] {
        let results = try [1, 2, 7, 4096].map { chunkSize in
            var reader = XMLPullReader(stream: SEN2ChunkedByteStream(bytes, chunkSize: chunkSize), fileName: "test.xml",
                                       names: SEN2Element.nameTable, chunkSize: 64)
            var tokens: [String] = []
            while true {
                switch try reader.next() {
                case .start(let id):
                    tokens.append(id >= 0 ? "<\(SEN2Element.nameTable.names[id])>" : "<?\(reader.localName)>")
                case .end(let id):
                    let name = id >= 0 ? SEN2Element.nameTable.names[id] : "?"
                    tokens.append((reader.trimmedText ?? "") + "</\(name)>")
                case .endOfDocument:
                    return tokens
                }
            }
        }
        #expect(results.allSatisfy { $0 == results[0] }, "chunk sizes disagree")
        return results[0]
    }

    private func rejection(_ xml: String) -> InputRejected? {
        rejection(Array(xml.utf8))
    }

    /// The rejection of reading `bytes` to the end; the same for every chunk size.
    private func rejection(_ bytes: [UInt8]) -> InputRejected? {
        let errors = [1, 7, 4096].map { chunkSize -> InputRejected? in
            var reader = XMLPullReader(stream: SEN2ChunkedByteStream(bytes, chunkSize: chunkSize), fileName: "test.xml",
                                       names: SEN2Element.nameTable, chunkSize: 64)
            do {
                while try reader.next() != .endOfDocument {}
                return nil
            } catch let error as InputRejected {
                return error
            } catch {
                return nil
            }
        }
        #expect(errors.allSatisfy { $0?.description == errors[0]?.description }, "chunk sizes disagree")
        return errors[0]
    }
}

/// A stream of `head`, then `body` `count` times, then `tail`, made as it is read.
private final class RepeatingStream: ByteStream {
    private var parts: [[UInt8]]
    private var remaining: Int
    private var current: [UInt8]
    private var offset = 0

    init(head: String, body: String, count: Int, tail: String) {
        parts = [Array(body.utf8), Array(tail.utf8)]
        remaining = count
        current = Array(head.utf8)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while offset == current.count {
            if remaining > 0 {
                remaining -= 1
                current = parts[0]
            } else if parts.count > 1 {
                current = parts.removeLast()
            } else {
                return 0
            }
            offset = 0
        }
        let count = min(buffer.count, current.count - offset)
        current.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset ..< offset + count])) }
        offset += count
        return count
    }
}
