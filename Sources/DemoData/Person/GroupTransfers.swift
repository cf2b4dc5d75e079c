import HubKit

/// A child whose plan moves from one generated authority to another: the same child (same
/// names, birth date, UPN) appears in both authorities' returns of the same year, ceased with
/// `CeaseReason` 5 by the authority they leave and maintained, with `TransferLA` naming that
/// authority, by the one they join.
struct GroupTransfer: Sendable {
    let from: LocalAuthority
    let to: LocalAuthority
    let day: Day
    /// As the authority left reports them: plan ceased on `day`, reason 5.
    let leaving: SyntheticPerson
    /// As the authority joined reports them: a plan from `day`, transferred in.
    let joining: SyntheticPerson
}

/// Which children move between the generated authorities, and when: for each authority and
/// collection year about one child in a hundred of its latest return moves to another authority
/// of the group (a neighbour when one is in the group), on a day between the previous census and
/// the end of the reporting period. Nothing when only one authority is generated.
enum GroupTransfers {
    /// Slots above the ordinary ones, so a moving child never shares a UPN with another child
    /// of the authority they leave.
    static let firstSlot = 8_000_000
    /// Tries per transfer to find a child whose plan is running on the day of the move.
    static let attempts = 64

    static func plan(options: DemoOptions, factories: [String: PersonFactory],
                     catalogue: LocalAuthorityCatalogue) -> [GroupTransfer] {
        let group = options.authorities
        guard group.count > 1 else { return [] }
        let members = Set(group.map(\.code))
        var transfers: [GroupTransfer] = []
        for (index, from) in group.enumerated() {
            guard let factory = factories[from.code] else { continue }
            let perYear = (options.persons(at: index) + 50) / 100
            let near = catalogue.neighbours(of: from).filter { members.contains($0.code) }
            let destinations = near.isEmpty ? group.filter { $0 != from } : near
            for (yearIndex, year) in options.years.sorted().enumerated() {
                let calendar = CollectionCalendar(year: year)
                let earliest = CollectionCalendar(year: year - 1).census.adding(days: 1)
                for k in 0..<perYear {
                    var random = DemoRandom(options.seed, 0x7A45_F3, UInt64(from.number), UInt64(year), UInt64(k))
                    let to = random.element(of: destinations)
                    let day = earliest.adding(days: random.below(earliest.days(to: calendar.periodEnd) + 1))
                    guard let receiving = factories[to.code],
                          let leaving = factory.childMoving(on: day, number: yearIndex * 1000 + k) else { continue }
                    transfers.append(GroupTransfer(from: from, to: to, day: day, leaving: leaving.ceased(on: day),
                                                   joining: receiving.joining(leaving, from: from, on: day, &random)))
                }
            }
        }
        return transfers
    }
}

extension PersonFactory {
    /// A child of this authority aged 3 to 22 whose plan runs from well before `day` to well
    /// after it; nil when none is found in ``GroupTransfers/attempts`` tries.
    func childMoving(on day: Day, number: Int) -> SyntheticPerson? {
        for attempt in 0..<GroupTransfers.attempts {
            let person = person(slot: GroupTransfers.firstSlot + number * GroupTransfers.attempts + attempt)
            guard let start = person.planStart, start < day.adding(days: -90),
                  person.ceased.map({ $0 > day.adding(days: 90) }) ?? true,
                  (3...22).contains(person.birth.age(on: day)) else { continue }
            return person
        }
        return nil
    }

    /// The child as this authority records them after moving in from `from` on `day`: the plan is
    /// maintained from that day (request and assessment historical), with settings here.
    func joining(_ child: SyntheticPerson, from: LocalAuthority, on day: Day,
                 _ random: inout DemoRandom) -> SyntheticPerson {
        var person = child
        person.transferredFrom = from.code
        person.postcode = postcodeArea.postcode(&random)
        person.received = day
        person.requestDecided = day
        person.requestOutcome = UInt8(ascii: "Y")
        person.exportedTo = nil
        person.requestMediation = false
        person.requestTribunal = false
        person.assessmentDecided = day
        person.assessmentOutcome = UInt8(ascii: "Y")
        person.week20Exceptions = false
        person.assessmentMediation = false
        person.assessmentTribunal = false
        person.otherMediation = false
        person.otherTribunal = false
        person.planStart = day
        person.detailSeed = random.next()
        person.placements = PlacementHistory(factory: self, person: person).episodes(&random)
        return person
    }
}

extension SyntheticPerson {
    /// The same child with the plan ceased on `day` because they moved to another LA (reason 5),
    /// leaving their settings by then.
    func ceased(on day: Day) -> SyntheticPerson {
        var person = self
        person.ceased = day
        person.ceaseReason = UInt8(ascii: "5")
        person.placements = placements.filter { $0.entry < day }.map { episode in
            var episode = episode
            if episode.leaving.map({ $0 > day }) ?? true { episode.leaving = day }
            return episode
        }
        return person
    }
}
