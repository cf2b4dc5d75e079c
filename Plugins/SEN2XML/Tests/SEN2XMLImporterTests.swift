import Foundation
import HubKit
import HubTestSupport
import Testing
@testable import SEN2XMLImporter

/// The SEN2 person-level XML importer: detection, the header, every module of a person, the
/// differences between collection years, how unreadable values become issues, and which files are
/// rejected whole. Inline fixtures are read through a stream that hands out 7 bytes at a time.
@Suite struct SEN2XMLImporterTests {
    // MARK: A full person

    @Test func readsEveryFieldOfAFullPerson() throws {
        let sink = try importXML(sen2Message(persons: fullPerson2025))
        #expect(sink.persons == [fullPerson2025Record(at: RecordLocation(index: 1, line: 19, file: "return.xml"))])
        #expect(sink.fileIssues.isEmpty)
    }

    @Test func readsTheHeaderBeforeThePersons() throws {
        let sink = try importXML(sen2Message(persons: "<Person><Surname>A</Surname></Person><Person/>"))
        #expect(sink.events == ["beginReturn", "person 1", "person 2"])
        #expect(sink.headers == [ReturnHeader(collection: "SEN2", collectionYear: 2025,
                                              referenceDate: Day(year: 2025, month: 1, day: 16)!, laCode: "201",
                                              software: "Case System", release: "ver 3.1.21", serialNumber: "001",
                                              createdAt: "2025-01-20T11:14:05", sourceLevel: "L",
                                              designatedOfficers: DesignatedOfficers(medical: "Y", clinical: "N"))])
        #expect(sink.persons.map(\.location.index) == [1, 2])
        #expect(sink.progress.last == sen2Message(persons: "<Person><Surname>A</Surname></Person><Person/>").utf8.count)
    }

    @Test func keepsTheFileNameAndLineOfEachPerson() throws {
        let xml = sen2Message(persons: "\n<Person>\n<Surname>A</Surname>\n</Person>\n\n<Person/>")
        let sink = try importXML(xml, name: "returns/lea201.xml")
        #expect(sink.persons.map(\.location) == [
            RecordLocation(index: 1, line: 20, file: "returns/lea201.xml"),
            RecordLocation(index: 2, line: 24, file: "returns/lea201.xml"),
        ])
    }

    @Test func reportsProgressEveryFewMegabytes() throws {
        let person = "<Person><Surname>A</Surname></Person>\n"
        let xml = sen2Message(persons: String(repeating: person, count: 250_000))
        let sink = SEN2CollectingSink(keepingPersons: false)
        try SEN2XMLImporter().read(source(xml), into: sink)
        #expect(sink.personCount == 250_000)
        // A report once at least an interval's bytes were read since the last (between one and two
        // intervals apart), and one at the end, whatever the interval and the reader's chunk size.
        let interval = SEN2ReturnParser.progressInterval
        #expect(xml.utf8.count > 2 * interval)
        #expect(sink.progress.last == xml.utf8.count)
        let steps = zip([0] + sink.progress, sink.progress).map { $1 - $0 }.dropLast()
        #expect(steps.count >= xml.utf8.count / (2 * interval), "\(sink.progress)")
        #expect(steps.allSatisfy { $0 >= interval && $0 < 2 * interval }, "\(sink.progress)")
        #expect(xml.utf8.count - (sink.progress.dropLast().last ?? 0) < 2 * interval)
    }

    @Test func decodesAWindows1252Return() throws {
        let xml = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n".utf8)
            + Array(sen2Message(persons: "<Person><Surname>O\u{1}Brien</Surname></Person>").utf8)
        let bytes = xml.map { $0 == 0x01 ? 0x92 : $0 }  // 0x92 is a right single quote in Windows-1252
        let sink = SEN2CollectingSink()
        try SEN2XMLImporter().read(source(bytes: bytes, name: "latin.xml"), into: sink)
        #expect(sink.persons.map(\.identifiers.surname) == ["O\u{2019}Brien"])
    }

    // MARK: Collection years

    @Test func reads2023GenderCurrentAndResWBPUnderActivePlans() throws {
        let persons = ["1", "2", "0", "9"].map { gender in
            """
            <Person>
              <GenderCurrent>\(gender)</GenderCurrent>
              <Requests>
                <ActivePlans>
                  <PlacementDetail>
                    <URN>999999</URN>
                    <PlacementRank>1</PlacementRank>
                    <AttendancePattern>FT</AttendancePattern>
                  </PlacementDetail>
                  <Res>B</Res>
                  <WBP>S</WBP>
                  <SENneed><SENtype>SEMH</SENtype><SENtypeRank>1</SENtypeRank></SENneed>
                  <LastReview>2023-01-08</LastReview>
                </ActivePlans>
              </Requests>
            </Person>
            """
        }
        let sink = try importXML(sen2Message(year: 2023, referenceDate: "2023-01-19", persons: persons.joined()))
        #expect(sink.persons.map(\.sex) == ["M", "F", "U", "U"])
        let active = try #require(sink.persons[0].requests.first?.activePlans)
        #expect(active.res == "B")
        #expect(active.wbp == "S")
        #expect(active.placements.map(\.res) == [nil])
        #expect(active.placements.map(\.urn) == ["999999"])
        #expect(active.lastReview == Day(year: 2023, month: 1, day: 8))
        #expect(sink.headers.map(\.collectionYear) == [2023])
        #expect(sink.fileIssues.isEmpty)
    }

    @Test func carriesAnUnexpectedGenderCurrentCodeThrough() throws {
        let sink = try importXML(sen2Message(year: 2023, persons: "<Person><GenderCurrent>5</GenderCurrent></Person>"))
        #expect(sink.persons.map(\.sex) == ["5"])
    }

    @Test func reads2024SexReviewsAndResWBPOnPlacements() throws {
        let person = """
            <Person>
              <Sex>M</Sex>
              <Requests>
                <ActivePlans>
                  <PlacementDetail><SENSetting>NIEO</SENSetting><PlacementRank>1</PlacementRank>
                    <Res>A</Res><WBP>T</WBP></PlacementDetail>
                  <ReviewMeeting>2024-01-09</ReviewMeeting>
                  <ReviewOutcome>A</ReviewOutcome>
                  <LastReview>2024-01-08</LastReview>
                </ActivePlans>
              </Requests>
            </Person>
            <Person><Sex>u</Sex></Person>
            """
        let sink = try importXML(sen2Message(year: 2024, referenceDate: "2024-01-18", persons: person))
        #expect(sink.persons.map(\.sex) == ["M", "U"])
        let active = try #require(sink.persons[0].requests.first?.activePlans)
        #expect(active.res == nil)
        #expect(active.placements.map(\.res) == ["A"])
        #expect(active.placements.map(\.wbp) == ["T"])
        #expect(active.placements.map(\.senSetting) == ["NIEO"])
        #expect(active.reviewMeeting == Day(year: 2024, month: 1, day: 9))
        #expect(active.reviewOutcome == "A")
        #expect(active.lastReview == Day(year: 2024, month: 1, day: 8))
    }

    @Test func reads2025RequestSourceDSCOAndPhaseTransfers() throws {
        let person = """
            <Person>
              <Sex>F</Sex>
              <Requests>
                <ReceivedDate>2024-05-01</ReceivedDate>
                <RequestSource>5</RequestSource>
                <ActivePlans>
                  <SENneed><SENtype>DS</SENtype><SENtypeRank>1</SENtypeRank></SENneed>
                  <ReviewMeeting>2024-10-01</ReviewMeeting>
                  <LastReview>2024-10-01</LastReview>
                  <ReviewOutcome>C</ReviewOutcome>
                  <ReviewDraft>2024-10-20</ReviewDraft>
                  <PhaseTransferDueDate>2025-02-15</PhaseTransferDueDate>
                  <PhaseTransferFinalDate>2025-02-10</PhaseTransferFinalDate>
                </ActivePlans>
              </Requests>
            </Person>
            """
        let sink = try importXML(sen2Message(year: 2025, extraSource: "<DSCO>R</DSCO>", persons: person))
        let request = try #require(sink.persons.first?.requests.first)
        #expect(request.requestSource == "5")
        let active = try #require(request.activePlans)
        #expect(active.needs.map(\.senType) == ["DS"])
        #expect(active.reviewOutcome == "C")
        #expect(active.reviewDraft == Day(year: 2024, month: 10, day: 20))
        #expect(active.phaseTransferDueDate == Day(year: 2025, month: 2, day: 15))
        #expect(active.phaseTransferFinalDate == Day(year: 2025, month: 2, day: 10))
        #expect(sink.fileIssues.isEmpty)
    }

    @Test func reads2026WithLastReviewLastAndEmptySettingText() throws {
        let person = """
            <Person>
              <Sex>M</Sex>
              <Requests>
                <Assessment>
                  <NamedPlan>
                    <PlanDetail><SENSetting>OTH</SENSetting><SENSettingOther></SENSettingOther>
                      <PlacementRank>1</PlacementRank></PlanDetail>
                    <PlanDetail><SENSetting>NIEO</SENSetting><SENSettingOther/><PlacementRank>2</PlacementRank></PlanDetail>
                  </NamedPlan>
                </Assessment>
                <ActivePlans>
                  <ReviewMeeting>2025-10-01</ReviewMeeting>
                  <ReviewOutcome>M</ReviewOutcome>
                  <ReviewDraft>2025-10-15</ReviewDraft>
                  <PhaseTransferDueDate>2026-02-15</PhaseTransferDueDate>
                  <PhaseTransferFinalDate>2026-02-01</PhaseTransferFinalDate>
                  <LastReview>2025-10-01</LastReview>
                </ActivePlans>
              </Requests>
            </Person>
            """
        let sink = try importXML(sen2Message(year: 2026, referenceDate: "2026-01-15", persons: person))
        let request = try #require(sink.persons.first?.requests.first)
        let details = try #require(request.assessment?.namedPlan?.planDetails)
        #expect(details.map(\.senSetting) == ["OTH", "NIEO"])
        #expect(details.map(\.hasSettingOtherText) == [false, false])
        #expect(request.activePlans?.lastReview == Day(year: 2025, month: 10, day: 1))
        #expect(request.activePlans?.phaseTransferFinalDate == Day(year: 2026, month: 2, day: 1))
        #expect(sink.headers.map(\.referenceDate) == [Day(year: 2026, month: 1, day: 15)])
    }

    // MARK: Tolerance

    @Test func toleratesBOMCRLFDeclarationAndNamespacePrefixes() throws {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
            + sen2Message(persons: "<Person>\n<Surname>Smith</Surname>\n<UPN>A123456789012</UPN>\n</Person>")
                .replacingOccurrences(of: "\n", with: "\r\n")
                .replacingOccurrences(of: "<Message>", with: "<d:Message xmlns:d=\"http://www.dfe.gov.uk/sen2\">")
                .replacingOccurrences(of: "</Message>", with: "</d:Message>")
                .replacingOccurrences(of: "<Person>", with: "<d:Person>")
                .replacingOccurrences(of: "</Person>", with: "</d:Person>")
        let sink = try importXML(xml)
        #expect(sink.headers.map(\.laCode) == ["201"])
        #expect(sink.persons.map(\.identifiers.surname) == ["Smith"])
        #expect(sink.persons.map(\.identifiers.upn) == ["A123456789012"])
        #expect(sink.persons.map(\.location.line) == [20])
    }

    @Test func treatsEmptyElementsAsAbsent() throws {
        let person = """
            <Person>
              <UPNunknown></UPNunknown><PostCode>   </PostCode><PersonBirthDate/>
              <Requests><Exported></Exported><RYA/><TransferLA/>
                <ActivePlans><TransferLA></TransferLA><SENneed><SENtypeRank/></SENneed></ActivePlans></Requests>
              <Requests><Exported/></Requests>
            </Person>
            """
        let sink = try importXML(sen2Message(persons: person))
        let read = try #require(sink.persons.first)
        #expect(read.upnUnknown == nil)
        #expect(read.postcode == nil)
        #expect(read.birthDate == nil)
        #expect(read.requests.map(\.exported) == [nil, nil])
        #expect(read.requests[0].rya == nil)
        #expect(read.requests[0].activePlans?.transferLA == nil)
        #expect(read.requests[0].activePlans?.needs.map(\.senTypeRank) == [nil])
        #expect(read.issues.isEmpty)
    }

    @Test func readsTrueAndFalseAsBooleans() throws {
        let person = """
            <Person><Requests>
              <RYA>true</RYA><RequestMediation>False</RequestMediation><RequestTribunal> TRUE </RequestTribunal>
              <Assessment><Week20>1</Week20><OtherTribunal>0</OtherTribunal></Assessment>
            </Requests></Person>
            """
        let request = try #require(try importXML(sen2Message(persons: person)).persons.first?.requests.first)
        #expect(request.rya == true)
        #expect(request.requestMediation == false)
        #expect(request.requestTribunal == true)
        #expect(request.assessment?.week20 == true)
        #expect(request.assessment?.otherTribunal == false)
    }

    @Test func trimsAndUpperCasesCodesButKeepsNamesAsWritten() throws {
        let person = """
            <Person><Surname>  van der Berg </Surname><Forename>Zoë</Forename><Ethnicity> wbri</Ethnicity>
              <UPN> a12345678901b </UPN><Requests><RequestOutcome>y </RequestOutcome><Exported>xxx</Exported></Requests>
            </Person>
            """
        let read = try #require(try importXML(sen2Message(persons: person)).persons.first)
        #expect(read.identifiers.surname == "van der Berg")
        #expect(read.identifiers.forename == "Zoë")
        #expect(read.ethnicity == "WBRI")
        #expect(read.identifiers.upn == "A12345678901B")
        #expect(read.requests.first?.requestOutcome == "Y")
        #expect(read.requests.first?.exported == "XXX")
    }

    @Test func acceptsDatesWithATimeOrZone() throws {
        let person = """
            <Person><PersonBirthDate>2012-03-04T00:00:00</PersonBirthDate>
              <Requests><ReceivedDate>2024-02-01Z</ReceivedDate><RequestOutcomeDate>2024-03-01+01:00</RequestOutcomeDate>
              </Requests></Person>
            """
        let read = try #require(try importXML(sen2Message(persons: person)).persons.first)
        #expect(read.birthDate == Day(year: 2012, month: 3, day: 4))
        #expect(read.requests.first?.receivedDate == Day(year: 2024, month: 2, day: 1))
        #expect(read.requests.first?.requestOutcomeDate == Day(year: 2024, month: 3, day: 1))
        #expect(read.issues.isEmpty)
    }

    @Test func matchesElementsByNameInAnyOrder() throws {
        let person = """
            <Person><Requests><Assessment><Week20>0</Week20><AssessmentOutcome>N</AssessmentOutcome></Assessment>
              <RequestOutcome>Y</RequestOutcome></Requests><Forename>Sam</Forename><Surname>Lee</Surname></Person>
            """
        let read = try #require(try importXML(sen2Message(persons: person)).persons.first)
        #expect(read.identifiers.surname == "Lee")
        #expect(read.identifiers.forename == "Sam")
        #expect(read.requests.first?.requestOutcome == "Y")
        #expect(read.requests.first?.assessment?.assessmentOutcome == "N")
    }

    // MARK: Issues on a person

    @Test func reportsAnUnreadableBooleanWithItsPathAndValue() throws {
        let person = "<Person><Requests/><Requests><RYA>Y</RYA></Requests></Person>"
        let read = try #require(try importXML(sen2Message(persons: person)).persons.first)
        #expect(read.requests[1].rya == nil)
        #expect(read.issues == [ImportIssue(
            ruleID: "SEN2-FMT-BOOL", severity: .error, message: "RYA must be 1 or 0 (true or false is accepted)",
            location: RecordLocation(index: 1, line: 19, file: "return.xml"), path: "Requests[2]/RYA", value: "Y")])
    }

    @Test func reportsUnreadableDatesAndMarksPersonalValues() throws {
        let person = """
            <Person>
              <PersonBirthDate>04/03/2012</PersonBirthDate>
              <Requests/>
              <Requests><Assessment><AssessmentOutcomeDate>2024-02-30</AssessmentOutcomeDate></Assessment></Requests>
            </Person>
            """
        let read = try #require(try importXML(sen2Message(persons: person)).persons.first)
        #expect(read.birthDate == nil)
        #expect(read.requests[1].assessment?.assessmentOutcomeDate == nil)
        #expect(read.issues.map(\.ruleID) == ["SEN2-FMT-DATE", "SEN2-FMT-DATE"])
        #expect(read.issues.map(\.path) == ["PersonBirthDate", "Requests[2]/Assessment/AssessmentOutcomeDate"])
        #expect(read.issues.map(\.value) == ["04/03/2012", "2024-02-30"])
        #expect(read.issues.map(\.isPersonal) == [true, false])
        #expect(read.issues.map(\.severity) == [.error, .error])
        #expect(read.issues.first?.message == "PersonBirthDate is not a date in the form YYYY-MM-DD")
    }

    @Test func reportsUnreadableRanks() throws {
        let person = """
            <Person><Requests><ActivePlans>
              <PlacementDetail><PlacementRank>main</PlacementRank></PlacementDetail>
              <SENneed><SENtype>ASD</SENtype><SENtypeRank>1</SENtypeRank></SENneed>
              <SENneed><SENtype>MLD</SENtype><SENtypeRank>2nd</SENtypeRank></SENneed>
            </ActivePlans></Requests></Person>
            """
        let read = try #require(try importXML(sen2Message(persons: person)).persons.first)
        #expect(read.requests[0].activePlans?.needs.map(\.senTypeRank) == [1, nil])
        #expect(read.issues.map(\.ruleID) == ["SEN2-FMT-NUMBER", "SEN2-FMT-NUMBER"])
        #expect(read.issues.map(\.path) == ["Requests[1]/ActivePlans/PlacementDetail[1]/PlacementRank",
                                            "Requests[1]/ActivePlans/SENneed[2]/SENtypeRank"])
        #expect(read.issues.map(\.value) == ["main", "2nd"])
    }

    @Test func keepsTheFirstOfARepeatedElement() throws {
        let person = """
            <Person>
              <UPN>A123456789012</UPN><UPN>B123456789012</UPN>
              <Requests>
                <Assessment><AssessmentOutcome>Y</AssessmentOutcome></Assessment>
                <Assessment><AssessmentOutcome>N</AssessmentOutcome></Assessment>
                <ActivePlans><SENneed><SENtype>ASD</SENtype><SENtype>MLD</SENtype></SENneed></ActivePlans>
              </Requests>
            </Person>
            """
        let read = try #require(try importXML(sen2Message(persons: person)).persons.first)
        #expect(read.identifiers.upn == "A123456789012")
        #expect(read.requests[0].assessment?.assessmentOutcome == "Y")
        #expect(read.requests[0].activePlans?.needs.map(\.senType) == ["ASD"])
        #expect(read.issues.map(\.ruleID) == Array(repeating: "SEN2-STRUCT-REPEATED", count: 3))
        #expect(read.issues.map(\.path) == ["UPN", "Requests[1]/Assessment", "Requests[1]/ActivePlans/SENneed[1]/SENtype"])
        #expect(read.issues.map(\.value) == ["B123456789012", nil, "MLD"])
        #expect(read.issues.map(\.isPersonal) == [true, false, false])
        #expect(read.issues.first?.message == "UPN appears more than once in Person; only the first is kept")
    }

    @Test func neverKeepsSettingOtherText() throws {
        let person = """
            <Person><Requests><ActivePlans><PlacementDetail>
              <SENSetting>OTH</SENSetting><SENSettingOther>Lives with grandparents at 3 High St</SENSettingOther>
              <SENSettingOther>again</SENSettingOther>
            </PlacementDetail></ActivePlans></Requests></Person>
            """
        let read = try #require(try importXML(sen2Message(persons: person)).persons.first)
        #expect(read.requests[0].activePlans?.placements.map(\.hasSettingOtherText) == [true])
        #expect(!String(describing: read).contains("High St"))
    }

    @Test func warnsOnceAboutUnknownAndMisplacedElements() throws {
        let persons = """
            <Person><FavouriteColour>blue</FavouriteColour><URN>100001</URN></Person>
            <Person><FavouriteColour><Shade>dark</Shade></FavouriteColour></Person>
            """
        let sink = try importXML(sen2Message(persons: persons).replacingOccurrences(
            of: "</Header>", with: "<Extra/></Header>"))
        #expect(sink.persons.count == 2)
        #expect(sink.persons.allSatisfy { $0.issues.isEmpty })
        #expect(sink.fileIssues == [ImportIssue(
            ruleID: "SEN2-FMT-UNKNOWN-ELEMENT", severity: .warning,
            message: "4 element(s) not part of SEN2 2023-2026 (or in the wrong place) were ignored: "
                + "Header/Extra, Person/FavouriteColour, Person/URN")])
    }

    // MARK: Files rejected whole

    @Test func rejectsAFileWhoseRootIsNotMessage() {
        let error = rejection("<?xml version=\"1.0\"?>\n<Return><Header/></Return>")
        #expect(error?.message == "the root element is <Return>, not <Message>: this is not a SEN2 return")
        #expect(error?.line == 2)
        #expect(error?.file == "return.xml")
    }

    @Test func rejectsAMessageWithoutAHeader() {
        #expect(rejection("<Message></Message>")?.message == "the Message has no <Header>: this is not a SEN2 return")
        #expect(rejection("<Message><Persons/><Header/></Message>")?.message.contains("comes before <Header>") == true)
        #expect(rejection("<Message><Header><Source><LEA>201</LEA></Source></Header></Message>")?.message
            == "the Header has no <CollectionDetails>: this is not a SEN2 return")
    }

    @Test func rejectsAnotherCollection() {
        let xml = sen2Message(persons: "").replacingOccurrences(of: ">SEN2<", with: ">School Census<")
        let error = rejection(xml)
        #expect(error?.message == "<Collection> is \"School Census\", not SEN2: this importer reads SEN2 returns only")
        #expect(error?.line == 4)
    }

    @Test func rejectsAMissingOrInvalidYearReferenceDateOrLEA() {
        let message = sen2Message(persons: "")
        #expect(rejection(message.replacingOccurrences(of: "<Year>2025</Year>", with: ""))?.message
            == "the Header has no <Year>")
        #expect(rejection(message.replacingOccurrences(of: "<Year>2025</Year>", with: "<Year>25</Year>"))?.message
            == "<Year> \"25\" is not a year (YYYY)")
        let badDate = rejection(message.replacingOccurrences(of: "2025-01-16", with: "16/01/2025"))
        #expect(badDate?.message == "<ReferenceDate> \"16/01/2025\" is not a date (YYYY-MM-DD)")
        #expect(badDate?.line == 6)
        #expect(rejection(message.replacingOccurrences(of: "<ReferenceDate>2025-01-16</ReferenceDate>", with: ""))?
            .message == "the Header has no <ReferenceDate>")
        #expect(rejection(message.replacingOccurrences(of: "<LEA>201</LEA>", with: "<LEA></LEA>"))?.message
            == "the Header has no <LEA>")
        #expect(rejection(message.replacingOccurrences(of: "<LEA>201</LEA>", with: "<LEA>Barnet</LEA>"))?.message
            == "<LEA> \"Barnet\" is not a 3-digit LA number")
    }

    @Test func rejectsXMLThatIsNotWellFormedWithLineAndColumn() {
        let xml = sen2Message(persons: "<Person>\n  <Surname>Smith</Forename>\n</Person>")
        let error = rejection(xml)
        #expect(error?.file == "return.xml")
        #expect(error?.line == 20)
        #expect(error?.column == 17)
        #expect(error?.message == "end tag </Forename> does not match the open element <Surname>")
        #expect(rejection(String(sen2Message(persons: "").dropLast(10)))?.message
            == "the file ends before <Message> is closed")
    }

    @Test func rejectsADoctypeAndUnknownEntities() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE Message [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
            + sen2Message(persons: "<Person><Surname>&b;</Surname></Person>")
        #expect(rejection(laughs)?.message.contains("<!DOCTYPE> declaration is refused") == true)
        #expect(rejection(laughs)?.line == 2)
        let entity = sen2Message(persons: "<Person><Surname>&b;</Surname></Person>")
        #expect(rejection(entity)?.message.contains("&b;") == true)
    }

    @Test func rejectsASourceOfMoreThanOneFile() throws {
        let file = inputFile(sen2Message(persons: ""), name: "a.xml")
        let source = ImportSource(name: "folder", files: [file, file])
        #expect(throws: InputRejected.self) { try SEN2XMLImporter().read(source, into: SEN2CollectingSink()) }
    }

    // MARK: Detection

    @Test func detectsASEN2MessageFromItsContent() {
        let importer = SEN2XMLImporter()
        let message = sen2Message(persons: fullPerson2025)
        #expect(importer.detect(source(message, name: "anything.txt")) == 100)
        #expect(importer.detect(source(String(message.prefix(300)), name: "head-only")) == 100)
        #expect(importer.detect(source("\u{FEFF}<?xml version=\"1.0\"?><s:Message xmlns:s=\"x\"><s:Header>"
            + "<s:CollectionDetails><s:Collection>sen2</s:Collection>")) == 100)
        #expect(importer.detect(source("<Message><Persons><Person><UPN>A1")) == 60)
    }

    @Test func detectsASEN2MessageBehindADoctypeSoThatReadingCanRefuseIt() {
        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE Message [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
            + sen2Message(persons: "<Person><Surname>&secret;</Surname></Person>")
        #expect(SEN2XMLImporter().detect(source(external)) == 100)
        let error = rejection(external)
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message.contains("<!DOCTYPE> declaration is refused") == true)
        #expect(SEN2XMLImporter().detect(source("<!DOCTYPE html [ <!ENTITY a \"]>\"> ]><html><body/></html>")) == nil)
    }

    @Test func detectsNothingInOtherFiles() {
        let importer = SEN2XMLImporter()
        #expect(importer.detect(source("UPN,Surname,Forename\nA123456789012,Smith,Alex\n", name: "sen2.xml")) == nil)
        #expect(importer.detect(source(sen2Message(persons: "").replacingOccurrences(
            of: ">SEN2<", with: ">School Census<"))) == nil)
        #expect(importer.detect(source("<CLA><Header><Collection>SEN2</Collection></Header></CLA>")) == nil)
        #expect(importer.detect(source("<Message><Header><Source>")) == nil)
        #expect(importer.detect(source("")) == nil)
        let file = inputFile(sen2Message(persons: ""), name: "a.xml")
        #expect(importer.detect(ImportSource(name: "two", files: [file, file])) == nil)
    }

    // MARK: The shared samples

    @Test(.enabled(if: SEN2SharedSamples.available)) func readsThe2023Sample() throws {
        let sink = try importSample("sen2_sample_2023.xml")
        #expect(sink.headers.map(\.collectionYear) == [2024])
        #expect(sink.headers.map(\.referenceDate) == [Day(year: 2023, month: 1, day: 18)])
        #expect(sink.persons.count == 3)
        #expect(sink.persons.map(\.location.line) == [20, 104, 135])
        #expect(sink.persons.map(\.sex) == ["M", "F", "F"])
        #expect(sink.persons[0].requests.first?.activePlans?.res == "B")
        #expect(sink.persons[0].requests.first?.activePlans?.wbp == "S")
        let invalid = sink.persons[2]
        #expect(invalid.identifiers.upn == "X12345678901200000")
        #expect(invalid.identifiers.uniqueLearnerNumber == "123456708900000")
        #expect(invalid.upnUnknown == "XXX")
        #expect(invalid.ethnicity == "XXXX")
        #expect(invalid.requests.first?.exported == "XX")
        #expect(invalid.issues.map(\.ruleID) == ["SEN2-FMT-BOOL", "SEN2-FMT-DATE", "SEN2-FMT-BOOL", "SEN2-FMT-BOOL"])
        #expect(invalid.issues.map(\.path) == ["Requests[1]/RYA", "Requests[1]/RequestOutcomeDate",
                                               "Requests[1]/RequestMediation", "Requests[1]/RequestTribunal"])
        #expect(invalid.issues.map(\.value) == ["99", "XXXX-12-01", "X", "X"])
        #expect(sink.fileIssues.isEmpty)
    }

    @Test(.enabled(if: SEN2SharedSamples.available)) func readsThe2024Samples() throws {
        let sample = try importSample("sen2_sample_2024.xml")
        #expect(sample.persons.count == 2)
        #expect(sample.persons.map(\.location.line) == [20, 111])
        #expect(sample.persons.map(\.identifiers.upn) == ["X1234567898765", "X1234567898321"])
        let active = try #require(sample.persons[0].requests.first?.activePlans)
        #expect(active.placements.map(\.senSetting) == ["OLA", "OPA"])
        #expect(active.placements.map(\.res) == ["B", "B"])
        #expect(active.reviewOutcome == "M")
        #expect(sample.persons[1].requests.map(\.requestOutcome) == ["N", "A"])

        let bad = try importSample("bad_sen2_sample_2024.xml")
        #expect(bad.persons.map(\.identifiers.surname) == ["TestFamilyName3", "RequestRefused2"])
        #expect(bad.persons.map(\.ethnicity) == ["BBRI", "BBRI"])

        let mockup = try importSample("SEN2-2024-mockup.xml")
        #expect(mockup.persons.count == 2)
        #expect(mockup.persons.map(\.upnUnknown) == [nil, nil])
        #expect(mockup.persons[1].requests.map(\.exported) == [nil, nil])
        #expect(mockup.persons[1].requests.map(\.requestOutcomeDate) == [Day(year: 2023, month: 12, day: 1), nil])
        let plan = try #require(mockup.persons[0].requests.first?.assessment?.namedPlan)
        #expect(plan.planDetails.map(\.senSetting) == ["OTH", nil])
        #expect(plan.planDetails.map(\.hasSettingOtherText) == [true, false])
        #expect(mockup.persons[0].requests.first?.activePlans?.transferLA == nil)
        #expect([sample, bad, mockup].allSatisfy { $0.fileIssues.isEmpty && $0.persons.allSatisfy { $0.issues.isEmpty } })
    }

    @Test(.enabled(if: SEN2SharedSamples.available)) func readsThe2025Sample() throws {
        let sink = try importSample("sen2_sample_2025.xml")
        #expect(sink.headers.map(\.collectionYear) == [2025])
        #expect(sink.persons.count == 2)
        #expect(sink.persons.map(\.location.line) == [21, 113])
        let request = try #require(sink.persons[0].requests.first)
        #expect(request.requestSource == "1")
        #expect(request.activePlans?.reviewDraft == Day(year: 2024, month: 1, day: 20))
        #expect(request.activePlans?.phaseTransferDueDate == Day(year: 2024, month: 1, day: 21))
        #expect(request.activePlans?.phaseTransferFinalDate == Day(year: 2024, month: 1, day: 22))
        #expect(sink.fileIssues.isEmpty)
    }

    @Test(.enabled(if: SEN2SharedSamples.available)) func detectsEverySample() throws {
        for name in SEN2SharedSamples.xmlFiles {
            let bytes = try SEN2SharedSamples.bytes(of: name)
            #expect(SEN2XMLImporter().detect(source(bytes: bytes, name: name)) == 100, "\(name)")
        }
        #expect(SEN2SharedSamples.xmlFiles.count == 5)
    }

    // MARK: Helpers

    private func importSample(_ name: String) throws -> SEN2CollectingSink {
        let bytes = try SEN2SharedSamples.bytes(of: name)
        let sink = SEN2CollectingSink()
        try SEN2XMLImporter().read(source(bytes: bytes, name: name), into: sink)
        return sink
    }
}

/// The sample SEN2 returns of the reference data folder (docs/testing.md), when this machine has it.
enum SEN2SharedSamples {
    static let folder: URL = URL(fileURLWithPath: sharedFolder ?? packageRoot).appendingPathComponent("samples/sen2")

    static var available: Bool { FileManager.default.fileExists(atPath: folder.path) }

    static var xmlFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
    }

    static func bytes(of name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

private func inputFile(_ xml: String, name: String = "return.xml") -> InputFile {
    let bytes = Array(xml.utf8)
    return InputFile(name: name, head: Array(bytes.prefix(4096))) { SEN2ChunkedByteStream(bytes) }
}

private func source(_ xml: String, name: String = "return.xml") -> ImportSource {
    ImportSource(name: name, files: [inputFile(xml, name: name)])
}

private func source(bytes: [UInt8], name: String) -> ImportSource {
    ImportSource(name: name, files: [InputFile(name: name, head: Array(bytes.prefix(4096))) {
        SEN2ChunkedByteStream(bytes)
    }])
}

private func importXML(_ xml: String, name: String = "return.xml") throws -> SEN2CollectingSink {
    let sink = SEN2CollectingSink()
    try SEN2XMLImporter().read(source(xml, name: name), into: sink)
    return sink
}

private func rejection(_ xml: String) -> InputRejected? {
    do {
        _ = try importXML(xml)
        return nil
    } catch let error as InputRejected {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}
