import Foundation
import HubKit
import Testing

/// A SEN2 message: the header (lines 1-18, persons from line 19) and `persons` inside `<Persons>`.
package func sen2Message(year: Int = 2025, referenceDate: String = "2025-01-16", extraSource: String = "",
                 persons: String) -> String {
    """
    <Message>
      <Header>
        <CollectionDetails>
          <Collection>SEN2</Collection>
          <Year>\(year)</Year>
          <ReferenceDate>\(referenceDate)</ReferenceDate>
        </CollectionDetails>
        <Source>
          <SourceLevel>L</SourceLevel>
          <LEA>201</LEA>
          <SoftwareCode>Case System</SoftwareCode>
          <Release>ver 3.1.21</Release>
          <SerialNo>001</SerialNo>
          <DateTime>2025-01-20T11:14:05</DateTime>
          <DMO>Y</DMO><DCO>N</DCO>\(extraSource)
        </Source>
      </Header>
      <Persons>
    \(persons)
      </Persons>
    </Message>
    """
}

/// One 2025 person with every module and most elements.
package let fullPerson2025 = """
    <Person>
      <Surname>Smith</Surname>
      <Forename>Alex</Forename>
      <PersonBirthDate>2012-03-04</PersonBirthDate>
      <Sex>f</Sex>
      <Ethnicity> wbri </Ethnicity>
      <PostCode>AB1 2CD</PostCode>
      <UPN>a123456789012</UPN>
      <UniqueLearnerNumber>1234567890</UniqueLearnerNumber>
      <UPNunknown></UPNunknown>
      <Requests>
        <ReceivedDate>2024-02-01</ReceivedDate>
        <RequestSource>2</RequestSource>
        <RYA>0</RYA>
        <RequestOutcomeDate>2024-03-01</RequestOutcomeDate>
        <RequestOutcome>Y</RequestOutcome>
        <RequestMediation>false</RequestMediation>
        <RequestTribunal>TRUE</RequestTribunal>
        <Exported/>
        <Assessment>
          <AssessmentOutcome>Y</AssessmentOutcome>
          <AssessmentOutcomeDate>2024-06-01</AssessmentOutcomeDate>
          <AssessmentMediation>0</AssessmentMediation>
          <AssessmentTribunal>0</AssessmentTribunal>
          <OtherMediation>1</OtherMediation>
          <OtherTribunal>0</OtherTribunal>
          <Week20>1</Week20>
          <NamedPlan>
            <StartDate>2024-06-20</StartDate>
            <PlanDetail>
              <URN>100001</URN>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>1</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
            <PlanDetail>
              <SENSetting>oth</SENSetting>
              <SENSettingOther>Therapy farm near the family home</SENSettingOther>
              <PlacementRank>2</PlacementRank>
            </PlanDetail>
            <PlanRes>A</PlanRes>
            <PlanWBP>S</PlanWBP>
            <PB>1</PB>
            <OA>0</OA>
            <DP>I</DP>
            <CeaseDate>2024-12-31</CeaseDate>
            <CeaseReason>2</CeaseReason>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <TransferLA>202</TransferLA>
          <PlacementDetail>
            <UKPRN>10012345</UKPRN>
            <PlacementRank>1</PlacementRank>
            <EntryDate>2024-09-01</EntryDate>
            <LeavingDate>2024-12-20</LeavingDate>
            <SENunitIndicator>0</SENunitIndicator>
            <ResourcedProvisionIndicator>1</ResourcedProvisionIndicator>
            <Res>B</Res>
            <WBP>A</WBP>
          </PlacementDetail>
          <SENneed><SENtype>ASD</SENtype><SENtypeRank>1</SENtypeRank></SENneed>
          <SENneed><SENtype>slcn</SENtype><SENtypeRank>2</SENtypeRank></SENneed>
          <ReviewMeeting>2024-11-01</ReviewMeeting>
          <ReviewOutcome>m</ReviewOutcome>
          <ReviewDraft>2024-11-10</ReviewDraft>
          <PhaseTransferDueDate>2025-02-15</PhaseTransferDueDate>
          <PhaseTransferFinalDate>2025-03-01</PhaseTransferFinalDate>
          <LastReview>2024-11-01</LastReview>
        </ActivePlans>
      </Requests>
    </Person>
    """

/// `fullPerson2025` as the importers hand it over: codes trimmed and upper-cased, names as written,
/// empty elements absent, and of the free text in `SENSettingOther` only the fact that it was given.
package func fullPerson2025Record(at location: RecordLocation) -> PersonRecord {
    let assessment = AssessmentRecord(
        assessmentOutcome: "Y", assessmentOutcomeDate: Day(year: 2024, month: 6, day: 1), assessmentMediation: false,
        assessmentTribunal: false, otherMediation: true, otherTribunal: false, week20: true,
        namedPlan: NamedPlanRecord(
            startDate: Day(year: 2024, month: 6, day: 20),
            planDetails: [
                SettingDetail(urn: "100001", placementRank: 1, senUnitIndicator: true, resourcedProvisionIndicator: false),
                SettingDetail(senSetting: "OTH", hasSettingOtherText: true, placementRank: 2),
            ],
            planRes: "A", planWBP: "S", personalBudget: true, otherArrangements: false, directPayments: "I",
            ceaseDate: Day(year: 2024, month: 12, day: 31), ceaseReason: "2"))
    let activePlans = ActivePlansRecord(
        transferLA: "202",
        placements: [
            SettingDetail(ukprn: "10012345", placementRank: 1, senUnitIndicator: false, resourcedProvisionIndicator: true,
                          entryDate: Day(year: 2024, month: 9, day: 1), leavingDate: Day(year: 2024, month: 12, day: 20),
                          res: "B", wbp: "A"),
        ],
        needs: [SENNeedRecord(senType: "ASD", senTypeRank: 1), SENNeedRecord(senType: "SLCN", senTypeRank: 2)],
        reviewMeeting: Day(year: 2024, month: 11, day: 1), lastReview: Day(year: 2024, month: 11, day: 1),
        reviewOutcome: "M", reviewDraft: Day(year: 2024, month: 11, day: 10),
        phaseTransferDueDate: Day(year: 2025, month: 2, day: 15), phaseTransferFinalDate: Day(year: 2025, month: 3, day: 1))
    return PersonRecord(
        location: location,
        identifiers: PersonIdentifiers(upn: "A123456789012", uniqueLearnerNumber: "1234567890", surname: "Smith",
                                       forename: "Alex"),
        birthDate: Day(year: 2012, month: 3, day: 4), sex: "F", ethnicity: "WBRI", postcode: "AB1 2CD",
        requests: [
            RequestRecord(receivedDate: Day(year: 2024, month: 2, day: 1), requestSource: "2", rya: false,
                          requestOutcomeDate: Day(year: 2024, month: 3, day: 1), requestOutcome: "Y",
                          requestMediation: false, requestTribunal: true, assessment: assessment,
                          activePlans: activePlans),
        ])
}

/// A ``ByteStream`` over bytes in memory that hands out at most `chunkSize` bytes per read, so
/// tokens get split across reads.
package final class SEN2ChunkedByteStream: ByteStream {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0

    package init(_ bytes: [UInt8], chunkSize: Int = 7) {
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, chunkSize, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset ..< offset + count])) }
        offset += count
        return count
    }
}

/// A ``RecordSink`` that keeps everything it is given, in order.
package final class SEN2CollectingSink: RecordSink {
    package private(set) var headers: [ReturnHeader] = []
    package private(set) var persons: [PersonRecord] = []
    package private(set) var fileIssues: [ImportIssue] = []
    package private(set) var progress: [Int] = []
    package private(set) var events: [String] = []
    package private(set) var personCount = 0
    private let keepingPersons: Bool

    package init(keepingPersons: Bool = true) { self.keepingPersons = keepingPersons }

    package func beginReturn(_ header: ReturnHeader) throws {
        headers.append(header)
        events.append("beginReturn")
    }

    package func person(_ person: PersonRecord) throws {
        personCount += 1
        guard keepingPersons else { return }
        persons.append(person)
        events.append("person \(person.location.index)")
    }

    package func establishment(_ establishment: EstablishmentRecord) throws { Issue.record("unexpected establishment") }
    package func population(_ row: PopulationRecord) throws { Issue.record("unexpected population row") }
    package func placementCost(_ row: PlacementCostRecord) throws { Issue.record("unexpected placement cost") }
    package func issue(_ issue: ImportIssue) throws { fileIssues.append(issue) }
    package func progress(bytesRead: Int) { progress.append(bytesRead) }
}

