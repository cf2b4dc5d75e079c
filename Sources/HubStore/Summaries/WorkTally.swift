import HubKit

/// Events of a return dated in the calendar year before its collection year, counted by what the
/// work measures break down by (the rows of `work_events`; see `SchemaV4` for each event).
package struct WorkTally: Sendable {
    package enum Event: String, Sendable {
        case requestReceived = "request_received"
        case requestDecided = "request_decided"
        case assessmentDecided = "assessment_decided"
        case planCeased = "plan_ceased"
    }

    /// One `work_events` row without its count.
    package struct Key: Hashable, Sendable {
        package var event: Event
        package var outcome: String?
        package var days: Int?
        package var week20: Bool?
        package var tribunal: Bool
    }

    /// The calendar year the events must fall in.
    package let year: Int
    package private(set) var events: [Key: Int] = [:]

    package init(collectionYear: Int) {
        year = collectionYear - 1
    }

    package mutating func add(_ person: PersonRecord) {
        for request in person.requests {
            let received = request.receivedDate
            if received?.year == year {
                count(Key(event: .requestReceived, outcome: request.requestOutcome,
                          days: Self.days(from: received, to: request.requestOutcomeDate), week20: nil, tribunal: false))
            }
            if request.requestOutcomeDate?.year == year {
                count(Key(event: .requestDecided, outcome: request.requestOutcome, days: nil, week20: nil,
                          tribunal: request.requestTribunal == true))
            }
            guard let assessment = request.assessment else { continue }
            if assessment.assessmentOutcomeDate?.year == year {
                count(Key(event: .assessmentDecided, outcome: assessment.assessmentOutcome,
                          days: Self.days(from: received, to: assessment.assessmentOutcomeDate), week20: assessment.week20,
                          tribunal: assessment.assessmentTribunal == true || assessment.otherTribunal == true))
            }
            if let plan = assessment.namedPlan, plan.ceaseDate?.year == year {
                count(Key(event: .planCeased, outcome: plan.ceaseReason, days: nil, week20: nil, tribunal: false))
            }
        }
    }

    private mutating func count(_ key: Key) {
        events[key, default: 0] += 1
    }

    static func days(from start: Day?, to end: Day?) -> Int? {
        guard let start, let end else { return nil }
        return start.days(to: end)
    }
}
