import HubKit

/// Writes one SEN2 person-level XML return (one authority, one collection year) in the element
/// order of that year's schema (docs/sen2.md, "Elements by collection year"):
///
/// - 2023: `GenderCurrent` 0/1/2/9; `Res` and `WBP` under `ActivePlans`; `AttendancePattern` on
///   placements; `LastReview` only.
/// - 2024: `Sex` M/F; `Res`/`WBP` on each `PlacementDetail`; `ReviewMeeting`, `ReviewOutcome`;
///   SENSetting NEET, NIEC, NIEO.
/// - 2025: `DSCO` in the header; `RequestSource`; `ReviewDraft`, `PhaseTransferDueDate`,
///   `PhaseTransferFinalDate`; need DS.
/// - 2026: as 2025, with `LastReview` last in `ActivePlans`.
struct SEN2ReturnWriter {
    let authority: LocalAuthority
    let calendar: CollectionCalendar
    let seed: UInt64
    private(set) var output: XMLOutput
    private(set) var persons = 0
    /// Plans active at the census (population sizes follow them).
    private(set) var activePlans = 0
    /// URNs of the establishments the return's placements name (placement costs list them).
    private(set) var placedURNs: Set<Int> = []
    /// Children in a residential place at the census (their costs are agreed child by child).
    private(set) var residentialPlaces: [ResidentialPlace] = []
    /// Breaches to write on purpose (`--with-errors`); empty otherwise.
    var breaches = BreachQueue()

    /// Flush to the file when the buffer holds this much.
    static let flushThreshold = 1 << 20

    init(authority: LocalAuthority, calendar: CollectionCalendar, seed: UInt64) {
        self.authority = authority
        self.calendar = calendar
        self.seed = seed
        output = XMLOutput(capacity: Self.flushThreshold + (64 << 10))
    }

    var year: Int { calendar.year }

    /// Hands the bytes written so far to `sink` once they pass the threshold (or always when `force`).
    mutating func drain(force: Bool = false, into sink: ([UInt8]) throws -> Void) rethrows {
        guard force || output.bytes.count >= Self.flushThreshold else { return }
        try sink(output.bytes)
        output.removeAll()
    }

    /// The header; `year`, `referenceDate`, `lea` and the DMO replace the collection's own (a
    /// header breach).
    mutating func writeHeader(year headerYear: Int? = nil, referenceDate: Day? = nil, lea: String? = nil,
                              designatedMedicalOfficer: String = "Y") {
        let year = headerYear ?? self.year
        output.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        output.raw("<!-- Synthetic SEN2 return written by `hnhub demo`: every name, identifier, postcode and date is invented. -->\n")
        output.open("Message")
        output.open("Header")
        output.open("CollectionDetails")
        output.leaf("Collection", "SEN2" as StaticString)
        output.leaf("Year", number: year)
        output.leaf("ReferenceDate", referenceDate ?? calendar.census)
        output.close("CollectionDetails")
        output.open("Source")
        output.leaf("SourceLevel", "L" as StaticString)
        output.leaf("LEA", lea ?? authority.code)
        output.leaf("SoftwareCode", "hnhub demo" as StaticString)
        output.leaf("Release", "1" as StaticString)
        output.leaf("SerialNo", PupilNumbers.pad(Int(seed % 1000), 3))
        output.leaf("DateTime", calendar.census.adding(days: 14).iso + "T09:00:00")
        output.leaf("DMO", designatedMedicalOfficer)
        output.leaf("DCO", "Y" as StaticString)
        if year >= 2025 { output.leaf("DSCO", "Y" as StaticString) }
        output.close("Source")
        output.close("Header")
        output.open("Persons")
    }

    mutating func writeFooter() {
        output.close("Persons")
        output.close("Message")
    }

    /// Writes the person when they belong in this return; returns whether they did.
    @discardableResult
    mutating func write(_ person: SyntheticPerson) -> Bool {
        let view = ReturnView(person: person, calendar: calendar)
        guard view.isIncluded else { return false }
        persons += 1
        if view.planIsActive {
            activePlans += 1
            if let place = ResidentialPlace(person, view) { residentialPlaces.append(place) }
        }
        for episode in view.listedPlacements {
            for placement in [episode.main, episode.secondary].compactMap({ $0 }) where
                placement.establishment != 0 && !placement.byUKPRN {
                placedURNs.insert(placement.establishment)
            }
        }
        guard !breaches.isEmpty else {
            writePerson(person, view)
            return true
        }
        // Written on its own first, so that a breach can be put into it.
        var whole = XMLOutput(capacity: 8 << 10, depth: output.openElements)
        swap(&whole, &output)
        writePerson(person, view)
        swap(&whole, &output)
        var xml = PersonXML(bytes: whole.bytes)
        _ = breaches.apply(to: &xml, person: persons, year: year, census: calendar.census)
        output.raw(bytes: xml.bytes)
        return true
    }

    private mutating func writePerson(_ person: SyntheticPerson, _ view: ReturnView) {
        output.open("Person")
        writeIdentity(person, view)
        writeRequest(person, view)
        output.close("Person")
    }

    private mutating func writeIdentity(_ person: SyntheticPerson, _ view: ReturnView) {
        output.leaf("Surname", person.surname)
        output.leaf("Forename", person.forename)
        output.leaf("PersonBirthDate", person.birth)
        if year == 2023 {
            let code = person.genderNotRecorded != 0 ? person.genderNotRecorded
                : person.sex == .male ? UInt8(ascii: "1") : UInt8(ascii: "2")
            output.leaf("GenderCurrent", code: code)
        } else {
            output.leaf("Sex", code: person.sex == .male ? UInt8(ascii: "M") : UInt8(ascii: "F"))
        }
        output.leaf("Ethnicity", person.ethnicity)
        output.leaf("PostCode", person.postcode)
        let age = view.ageAtCensus
        switch person.identification {
        case .upn:
            output.leaf("UPN", person.upn)
            if person.showsULN, age >= 16 { output.leaf("UniqueLearnerNumber", person.uln) }
        case .upnFromAge6:
            if age < 6 { output.leaf("UPNunknown", "UN1" as StaticString) } else { output.leaf("UPN", person.upn) }
        case .ulnFrom16:
            if age >= 16 { output.leaf("UniqueLearnerNumber", person.uln) } else { output.leaf("UPN", person.upn) }
        case .unknown(let reason):
            output.leaf("UPNunknown", reason)
        }
    }

    private mutating func writeRequest(_ person: SyntheticPerson, _ view: ReturnView) {
        output.open("Requests")
        let outcome = view.requestOutcome
        let historic = outcome == UInt8(ascii: "H")
        let datesShown = person.transferredFrom == nil && !(historic && person.hidesHistoricDates)
        // A plan issued in the period needs its request's ReceivedDate for the 20-week figures,
        // even when the decision to assess was historical (SEN2-COND-NEWPLAN-RECEIVEDDATE).
        let issuedInPeriod = view.showsAssessment && view.assessmentOutcome == UInt8(ascii: "Y")
            && person.assessmentDecided.map(calendar.inPeriod) == true
        if datesShown || (person.transferredFrom == nil && issuedInPeriod) { output.leaf("ReceivedDate", person.received) }
        if year >= 2025, person.transferredFrom == nil { output.leaf("RequestSource", code: person.source + 48) }
        if datesShown { output.leaf("RYA", flag: person.youngPersonRequest) }
        if datesShown, outcome != UInt8(ascii: "A") { output.leaf("RequestOutcomeDate", person.requestDecided) }
        output.leaf("RequestOutcome", code: outcome)
        output.leaf("RequestMediation", flag: person.requestMediation && !historic)
        output.leaf("RequestTribunal", flag: person.requestTribunal && !historic)
        if let exported = person.exportedTo, outcome == UInt8(ascii: "W") { output.leaf("Exported", exported) }
        if view.showsAssessment { writeAssessment(person, view) }
        if view.showsPlan { writeActivePlans(person, view) }
        output.close("Requests")
    }

    private mutating func writeAssessment(_ person: SyntheticPerson, _ view: ReturnView) {
        output.open("Assessment")
        let outcome = view.assessmentOutcome
        let historic = outcome == UInt8(ascii: "H")
        output.leaf("AssessmentOutcome", code: outcome)
        if outcome != UInt8(ascii: "A"), let decided = person.assessmentDecided,
           person.transferredFrom == nil, !(historic && person.hidesHistoricDates) {
            output.leaf("AssessmentOutcomeDate", decided)
        }
        if outcome != UInt8(ascii: "A") {
            let recent = !historic
            output.leaf("AssessmentMediation", flag: recent && person.assessmentMediation)
            output.leaf("AssessmentTribunal", flag: recent && person.assessmentTribunal)
            output.leaf("OtherMediation", flag: recent && person.otherMediation)
            output.leaf("OtherTribunal", flag: recent && person.otherTribunal)
            if person.transferredFrom == nil { output.leaf("Week20", flag: person.week20Exceptions) }
        }
        if view.showsPlan { writeNamedPlan(person, view) }
        output.close("Assessment")
    }

    private mutating func writeNamedPlan(_ person: SyntheticPerson, _ view: ReturnView) {
        output.open("NamedPlan")
        output.leaf("StartDate", person.planStart!)
        let named = view.namedPlacement
        if let named {
            var main = named.main
            main.category = main.category.namedInPlan
            writeSetting("PlanDetail", main, rank: 1, entry: nil, leaving: nil)
            if var second = named.secondary {
                second.category = second.category.namedInPlan
                writeSetting("PlanDetail", second, rank: 2, entry: nil, leaving: nil)
            }
            if named.main.residential != 0 { output.leaf("PlanRes", code: named.main.residential) }
            if named.main.workBased != 0 { output.leaf("PlanWBP", code: named.main.workBased) }
        }
        output.leaf("PB", flag: person.personalBudget)
        output.leaf("OA", flag: person.organisedArrangements)
        if person.directPayments != 0 { output.leaf("DP", code: person.directPayments) }
        if view.showsCease, let ceased = person.ceased {
            output.leaf("CeaseDate", ceased)
            output.leaf("CeaseReason", code: person.ceaseReason)
        }
        output.close("NamedPlan")
    }

    private mutating func writeActivePlans(_ person: SyntheticPerson, _ view: ReturnView) {
        output.open("ActivePlans")
        if let from = person.transferredFrom { output.leaf("TransferLA", from) }
        let census = calendar.census
        for episode in view.listedPlacements {
            let leaving = episode.leaving.flatMap { $0 <= census ? $0 : nil }
            writeSetting("PlacementDetail", episode.main, rank: 1, entry: episode.entry, leaving: leaving)
            if let second = episode.secondary {
                writeSetting("PlacementDetail", second, rank: 2, entry: episode.entry, leaving: leaving)
            }
        }
        if year == 2023, let current = view.namedPlacement?.main {
            if current.residential != 0 { output.leaf("Res", code: current.residential) }
            if current.workBased != 0 { output.leaf("WBP", code: current.workBased) }
        }
        output.open("SENneed")
        output.leaf("SENtype", person.primaryNeed.code(in: year))
        output.leaf("SENtypeRank", code: UInt8(ascii: "1"))
        output.close("SENneed")
        if let secondary = person.secondaryNeed, secondary.code(in: year) != person.primaryNeed.code(in: year) {
            output.open("SENneed")
            output.leaf("SENtype", secondary.code(in: year))
            output.leaf("SENtypeRank", code: UInt8(ascii: "2"))
            output.close("SENneed")
        }
        writeReviews(person, view)
        output.close("ActivePlans")
    }

    private mutating func writeReviews(_ person: SyntheticPerson, _ view: ReturnView) {
        let review = AnnualReview(person: person, calendar: calendar)
        let transfer = year >= 2025 && view.planIsActive ? PhaseTransfer(person: person, calendar: calendar) : nil
        switch year {
        case 2023:
            if let review { output.leaf("LastReview", review.decided) }
        case 2024:
            if let review {
                output.leaf("ReviewMeeting", review.meeting)
                output.leaf("ReviewOutcome", code: review.outcome)
                output.leaf("LastReview", review.decided)
            }
        default:
            if let review {
                output.leaf("ReviewMeeting", review.meeting)
                if year == 2025 { output.leaf("LastReview", review.decided) }
                output.leaf("ReviewOutcome", code: review.outcome)
                if let draft = review.draft { output.leaf("ReviewDraft", draft) }
            }
            if let transfer {
                output.leaf("PhaseTransferDueDate", transfer.due)
                if let finalised = transfer.finalised { output.leaf("PhaseTransferFinalDate", finalised) }
            }
            if year >= 2026, let review { output.leaf("LastReview", review.decided) }
        }
    }

    private mutating func writeSetting(_ element: StaticString, _ placement: Placement, rank: UInt8,
                                       entry: Day?, leaving: Day?) {
        output.open(element)
        if let code = placement.category.senSetting(in: year) {
            output.leaf("SENSetting", code)
            if let other = placement.category.settingOtherText(in: year) { output.leaf("SENSettingOther", other) }
        } else if placement.byUKPRN {
            output.leaf("UKPRN", number: placement.establishment)
        } else {
            output.leaf("URN", number: placement.establishment)
        }
        output.leaf("PlacementRank", code: rank + 48)
        if let entry { output.leaf("EntryDate", entry) }
        if let leaving { output.leaf("LeavingDate", leaving) }
        if year == 2023, entry != nil {
            output.leaf("AttendancePattern", placement.partTime ? "PT" as StaticString : "FT" as StaticString)
        }
        output.leaf("SENunitIndicator", flag: placement.senUnit)
        output.leaf("ResourcedProvisionIndicator", flag: placement.resourcedProvision)
        if year >= 2024, entry != nil {
            if placement.residential != 0 { output.leaf("Res", code: placement.residential) }
            if placement.workBased != 0 { output.leaf("WBP", code: placement.workBased) }
        }
        output.close(element)
    }
}
