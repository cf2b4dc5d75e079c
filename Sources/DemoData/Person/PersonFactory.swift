import HubKit

/// Makes the synthetic person of one slot of one authority: the same seed, authority and slot
/// always give the same person.
struct PersonFactory: Sendable {
    let seed: UInt64
    let authority: LocalAuthority
    let profile: AuthorityProfile
    let placementMix: PlacementMix
    /// The authority's own establishments, then its neighbours'.
    let home: EstablishmentRegister.Authority
    let neighbours: [EstablishmentRegister.Authority]
    /// Where out-of-area independent and non-maintained places are: the neighbours and authorities
    /// outside the generated group.
    let independentAreas: [EstablishmentRegister.Authority]
    /// LA codes that plans transferred in from outside the generated group come from.
    let transferSources: [String]
    let postcodeArea: PostcodeArea
    let neighbourAreas: [PostcodeArea]

    /// - Parameters:
    ///   - neighbours: the nearby authorities (out-of-area placements, moves).
    ///   - outsideGroup: nearby authorities that are not generated: independent schools there,
    ///     and plans transferred in from there (transfers within the group are ``GroupTransfers``).
    ///   - group: every generated authority.
    init(seed: UInt64, authority: LocalAuthority, register: EstablishmentRegister, neighbours: [LocalAuthority],
         outsideGroup: [LocalAuthority] = [], group: [LocalAuthority] = []) {
        self.seed = seed
        self.authority = authority
        profile = AuthorityProfile(seed: seed, authority: authority)
        placementMix = PlacementMix(profile: profile)
        home = register.authority(authority.code)!
        self.neighbours = neighbours.compactMap { register.authority($0.code) }
        let outside = outsideGroup.filter { la in !neighbours.contains(la) }.compactMap { register.authority($0.code) }
        independentAreas = self.neighbours + outside
        let members = Set(group.map(\.code))
        let sources = neighbours.filter { !members.contains($0.code) } + outsideGroup.filter { la in !neighbours.contains(la) }
        transferSources = sources.isEmpty ? neighbours.map(\.code) : sources.map(\.code)
        postcodeArea = PostcodeArea(authority: authority)
        neighbourAreas = neighbours.map(PostcodeArea.init)
    }

    static let requestSources = WeightedTable<UInt8>([(1, 540), (2, 360), (3, 50), (4, 30), (5, 20)])
    static let directPaymentCodes = Array("ESHI".utf8)

    func person(slot: Int) -> SyntheticPerson {
        var random = DemoRandom(seed, UInt64(authority.number), UInt64(slot))
        let received = RequestCalendar.receivedDate(&random)
        let transferredFrom = random.chance(perMille: 30) ? transferSourceCode(&random) : nil
        let ageAtRequest = RequestAgeMix.table.pick(&random)
        let birth = received.adding(days: -(ageAtRequest * 365 + random.int(in: 1...364)))
        let school = SchoolTimeline(birth: birth)
        let primaryNeed = NeedMix.primary(ageAtRequest: ageAtRequest).pick(&random)

        var person = SyntheticPerson(
            surname: InventedNames.surname(&random), forename: InventedNames.forename(&random), birth: birth,
            sex: random.chance(perMille: 715) ? .male : .female,
            ethnicity: EthnicityMix.table.pick(&random),
            postcode: random.chance(perMille: 960) || neighbourAreas.isEmpty
                ? postcodeArea.postcode(&random) : random.element(of: neighbourAreas).postcode(&random),
            upn: "", uln: "", identification: .upn, showsULN: random.chance(perMille: 400), school: school,
            received: received, source: Self.requestSources.pick(&random),
            youngPersonRequest: ageAtRequest >= 16 && random.chance(perMille: 600),
            requestDecided: received, requestOutcome: UInt8(ascii: "Y"), transferredFrom: transferredFrom,
            hidesHistoricDates: random.chance(perMille: 300),
            primaryNeed: primaryNeed, secondaryNeed: NeedMix.secondary(after: primaryNeed, &random),
            detailSeed: random.next())
        if random.chance(perMille: 3) { person.genderNotRecorded = random.chance(perMille: 500) ? UInt8(ascii: "0") : UInt8(ascii: "9") }
        identify(&person, slot: slot, ageAtRequest: ageAtRequest, &random)

        if transferredFrom != nil {
            // A plan made by another LA, maintained here from the transfer date.
            person.planStart = received
            person.requestDecided = received
            person.assessmentDecided = received
        } else {
            decideRequest(&person, ageAtRequest: ageAtRequest, &random)
        }
        if let start = person.planStart {
            let ending = planEnding(start: start, school: school, &random)
            person.ceased = ending.date
            person.ceaseReason = ending.reason
            person.personalBudget = random.chance(perMille: 60)
            person.organisedArrangements = random.chance(perMille: 30)
            if random.chance(perMille: 30) { person.directPayments = random.element(of: Self.directPaymentCodes) }
            person.placements = PlacementHistory(factory: self, person: person).episodes(&random)
        }
        if person.requestOutcome != UInt8(ascii: "Y"), random.chance(perMille: 80) {
            person.identification = .unknown("UN10")
        }
        return person
    }

    /// Request decision, assessment and plan dates and outcomes.
    private func decideRequest(_ person: inout SyntheticPerson, ageAtRequest: Int, _ random: inout DemoRandom) {
        let received = person.received
        person.requestDecided = received.adding(days: random.chance(perMille: profile.requestDecisionOnTimePerMille)
            ? random.int(in: 14...42) : random.int(in: 43...84))
        if random.chance(perMille: 25) {
            person.requestOutcome = UInt8(ascii: "W")
            if random.chance(perMille: 150) { person.exportedTo = neighbourCode(&random) }
            return
        }
        if random.chance(perMille: profile.refusalPerMille) {
            person.requestOutcome = UInt8(ascii: "N")
            person.requestMediation = random.chance(perMille: 40)
            person.requestTribunal = random.chance(perMille: 50)
            return
        }
        person.week20Exceptions = random.chance(perMille: profile.week20ExceptionPerMille)
        let inTime = person.week20Exceptions ? random.chance(perMille: 200) : random.chance(perMille: profile.twentyWeeksPerMille)
        let decided = received.adding(days: inTime ? random.int(in: 98...140) : random.int(in: 141...300))
        person.assessmentDecided = max(decided, person.requestDecided)
        switch random.below(1000) {
        case ..<60:
            person.assessmentOutcome = UInt8(ascii: "N")
            person.assessmentMediation = random.chance(perMille: 50)
            person.assessmentTribunal = random.chance(perMille: 60)
        case ..<75:
            person.assessmentOutcome = UInt8(ascii: "W")
        default:
            person.planStart = person.assessmentDecided!.adding(days: random.int(in: 0...7))
            person.otherMediation = random.chance(perMille: 25)
            person.otherTribunal = random.chance(perMille: 30)
        }
    }

    /// When and why the plan ends (often after the last census the generator writes).
    private func planEnding(start: Day, school: SchoolTimeline, _ random: inout DemoRandom) -> (date: Day, reason: UInt8) {
        let ageAtStart = school.curriculumYear(on: start) + 4
        let leavingAge = min(25, max(CeaseMix.leavingAge.pick(&random), ageAtStart + 1))
        // The plan ends in July of the academic year in which the young person turns `leavingAge`.
        let lastYearStarts = school.startYear(ofCurriculumYear: leavingAge - 5)
        var end = Day.known(lastYearStarts + 1, 7, 31)
        var reason: UInt8 = leavingAge == 25 ? 1 : UInt8(CeaseMix.leavingReason.pick(&random))
        if reason != 1 { end = end.adding(days: -random.below(21)) }
        // Earlier endings, year by year: needs met, a move, death.
        var yearStart = start
        while yearStart < end, yearStart < RequestCalendar.lastDay {
            let when = yearStart.adding(days: random.below(365))
            let early: UInt8? = random.chance(per100k: CeaseMix.needsMetPer100k) ? 2
                : random.chance(per100k: CeaseMix.movedLAPer100k) ? 5
                : random.chance(per100k: CeaseMix.movedAbroadPer100k) ? 7
                : random.chance(per100k: CeaseMix.deceasedPer100k) ? 8 : nil
            if let early, when < end {
                (end, reason) = (when, early)
                break
            }
            yearStart = yearStart.adding(days: 365)
        }
        return (max(end, start.adding(days: 30)), reason + 48)
    }

    /// UPN, ULN and how the person is identified.
    private func identify(_ person: inout SyntheticPerson, slot: Int, ageAtRequest: Int, _ random: inout DemoRandom) {
        // Characters 5-13 of the UPN: a bijection of the slot number, so UPNs never repeat in a return.
        let k = (slot &* 7_919_933 &+ authority.number &* 104_729) % 9_000_000
        let issuingLA = person.transferredFrom ?? (random.chance(perMille: 40) ? neighbourCode(&random) : authority.code)
        let temporary: Character? = random.chance(perMille: 8) ? random.element(of: PupilNumbers.temporaryLetters) : nil
        person.upn = PupilNumbers.upn(laCode: issuingLA, establishment: 1000 + k / 1000,
                                      allocationYear: person.school.receptionYear, serial: k % 1000,
                                      temporaryLetter: temporary)
        person.uln = PupilNumbers.uln(from: SplitMix64.derive(seed, 0x0C1D, UInt64(authority.number), UInt64(slot)))
        switch random.below(1000) {
        case ..<4: person.identification = .unknown("UN2")
        case ..<5: person.identification = .unknown("UN3")
        case ..<6: person.identification = .unknown("UN8")
        default:
            if ageAtRequest < 4, random.chance(perMille: 250) {
                person.identification = .upnFromAge6
            } else if ageAtRequest >= 15, random.chance(perMille: 120) {
                person.identification = .ulnFrom16
            } else if ageAtRequest >= 17, random.chance(perMille: 30) {
                person.identification = .unknown("UN9")
            }
        }
    }

    func neighbourCode(_ random: inout DemoRandom) -> String {
        neighbours.isEmpty ? "XXX" : random.element(of: neighbours).authority.code
    }

    /// An authority outside the generated group a plan is transferred in from.
    func transferSourceCode(_ random: inout DemoRandom) -> String {
        transferSources.isEmpty ? "XXX" : random.element(of: transferSources)
    }
}
