import HubKit

/// The settings a plan's child attends from the plan's start to its end: a new school at each
/// phase of education (special schools usually keep their pupils), now and then a move in
/// between, sometimes a second, part-time setting alongside the main one.
///
/// The first setting is entered on or before the plan's start and settings follow each other
/// without a gap in term time, so every plan active at a January census has a placement on that
/// date (no `SEN2-QUALITY-NO-PLACEMENT` warning).
struct PlacementHistory {
    let factory: PersonFactory
    let person: SyntheticPerson

    /// Settings are generated up to this date; later ones no generated census could show.
    static let horizon = Day.known(2026, 12, 31)

    func episodes(_ random: inout DemoRandom) -> [PlacementEpisode] {
        guard let start = person.planStart else { return [] }
        let school = person.school
        let stop = person.ceased.map { min($0, Self.horizon) } ?? Self.horizon
        let finalLeaving = person.ceased.flatMap { $0 <= Self.horizon ? $0 : nil }

        var episodes: [PlacementEpisode] = []
        var phase = school.phase(on: start.adding(days: 45))
        var placement = fresh(phase, &random)
        var entry = firstEntry(start: start, phase: phase, placement: placement, &random)
        var cursor = start
        while true {
            let next = SchoolPhase(rawValue: phase.rawValue + 1)
            let boundaryYear = next.map { school.startYear(ofCurriculumYear: $0.firstCurriculumYear) }
            let boundaryLeave = boundaryYear.map { Day.known($0, 7, 19 + random.below(5)) }
            let phaseEnd = min(boundaryLeave ?? stop, stop)
            var change: (leave: Day, enter: Day, phase: SchoolPhase, atBoundary: Bool)?
            let earliestMove = cursor.adding(days: 120), latestMove = phaseEnd.adding(days: -120)
            if random.chance(perMille: 60), earliestMove < latestMove {
                let move = earliestMove.adding(days: random.below(earliestMove.days(to: latestMove)))
                change = (move.adding(days: -1), move, phase, false)
            } else if let boundaryYear, let boundaryLeave, let next {
                change = (boundaryLeave, Day.known(boundaryYear, 9, 1 + random.below(6)), next, true)
            }
            guard let change, change.leave < stop, episodes.count < 8 else {
                episodes.append(episode(entry, leaving: finalLeaving, placement, phase, &random))
                break
            }
            if change.enter >= stop {
                // The plan ends in the summer holiday, after the last day at the setting.
                episodes.append(episode(entry, leaving: change.leave, placement, phase, &random))
                break
            }
            let following = change.atBoundary ? choose(change.phase, after: placement, &random) : fresh(change.phase, &random)
            phase = change.phase
            cursor = change.enter
            guard let following else { continue }  // stays where they are
            episodes.append(episode(entry, leaving: change.leave, placement, phase, &random))
            placement = following
            entry = change.enter
        }
        return episodes
    }

    private func episode(_ entry: Day, leaving: Day?, _ main: Placement, _ phase: SchoolPhase,
                         _ random: inout DemoRandom) -> PlacementEpisode {
        var secondary: Placement?
        if random.chance(perMille: 30), let table = PlacementMix.secondary[phase] {
            var second = placement(table.pick(&random), phase, &random)
            second.partTime = true
            secondary = second
        }
        return PlacementEpisode(entry: entry, leaving: leaving, main: main, secondary: secondary)
    }

    /// Mainstream pupils were usually at their school before the plan; other settings start with it.
    /// A plan transferred in starts with the move: the new setting too.
    private func firstEntry(start: Day, phase: SchoolPhase, placement: Placement, _ random: inout DemoRandom) -> Day {
        if person.transferredFrom != nil { return start }
        let school = person.school
        if placement.category == .mainstream, phase == .primary || phase == .secondary {
            let phaseStart = Day.known(school.startYear(ofCurriculumYear: phase.firstCurriculumYear), 9, 3)
            if phaseStart <= start { return phaseStart }
        }
        return max(start.adding(days: -random.below(31)), person.birth.adding(days: 1))
    }

    /// The setting for a new phase; nil when the child stays where they are (special schools and
    /// colleges keep most of theirs).
    private func choose(_ phase: SchoolPhase, after previous: Placement, _ random: inout DemoRandom) -> Placement? {
        if previous.category.isSpecial, phase != .post19 || previous.category == .specialPost16,
           random.chance(perMille: 750) { return nil }
        if previous.category == .furtherEducation, phase == .post19, random.chance(perMille: 800) { return nil }
        return fresh(phase, &random)
    }

    /// A setting drawn from the phase's mix for the child's need.
    private func fresh(_ phase: SchoolPhase, _ random: inout DemoRandom) -> Placement {
        let category = factory.placementMix.table(phase, person.primaryNeed).pick(&random)
        return placement(category, phase, &random)
    }

    private func placement(_ category: SettingCategory, _ phase: SchoolPhase, _ random: inout DemoRandom) -> Placement {
        var placement = Placement(category: category)
        if let kind = category.establishmentKind(in: phase) {
            let outOfArea = !factory.neighbours.isEmpty && random.chance(
                perMille: PlacementMix.outOfAreaPerMille(category) * factory.profile.outOfAreaTiltPercent / 100)
            let areas = category.isIndependent ? factory.independentAreas : factory.neighbours
            let source = outOfArea ? random.element(of: areas) : factory.home
            let establishment = random.element(of: source.of(kind))
            placement.byUKPRN = kind.placedByUKPRN
            placement.establishment = kind.placedByUKPRN ? establishment.ukprn : establishment.urn
        }
        switch category {
        case .mainstream:
            switch random.below(1000) {
            case ..<80: placement.senUnit = true
            case ..<150: placement.resourcedProvision = true
            default: break
            }
        case .independentSpecial, .nonMaintainedSpecial, .specialPost16, .stateSpecial:
            let perMille = category == .stateSpecial ? 20 : category == .independentSpecial ? 250 : 300
            if random.chance(perMille: perMille) {
                placement.residential = random.chance(perMille: 400) ? UInt8(ascii: "B") : UInt8(ascii: "A")
            }
        case .furtherEducation where phase >= .post16:
            if random.chance(perMille: 80) {
                switch random.below(1000) {
                case ..<600: placement.workBased = UInt8(ascii: "S")
                case ..<950: placement.workBased = UInt8(ascii: "A")
                default: placement.workBased = UInt8(ascii: "T")
                }
            }
        default: break
        }
        if phase >= .post16, random.chance(perMille: 100) { placement.partTime = true }
        return placement
    }
}
