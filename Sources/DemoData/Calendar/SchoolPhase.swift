import HubKit

/// The phase of education a child or young person is in, by national curriculum year (age on
/// the 31 August before the date, minus 4: Reception = 0).
package enum SchoolPhase: Int, Sendable, CaseIterable, Comparable {
    /// Before Reception.
    case earlyYears
    /// Reception to Year 6.
    case primary
    /// Years 7 to 11.
    case secondary
    /// Years 12 and 13 (ages 16-17).
    case post16
    /// Age 18 and over on the 31 August.
    case post19

    init(curriculumYear: Int) {
        switch curriculumYear {
        case ..<0: self = .earlyYears
        case 0...6: self = .primary
        case 7...11: self = .secondary
        case 12...13: self = .post16
        default: self = .post19
        }
    }

    /// The national curriculum year each phase starts with (early years has none).
    var firstCurriculumYear: Int {
        switch self {
        case .earlyYears: Int.min
        case .primary: 0
        case .secondary: 7
        case .post16: 12
        case .post19: 14
        }
    }

    package static func < (a: SchoolPhase, b: SchoolPhase) -> Bool { a.rawValue < b.rawValue }
}

/// School years of one child: when each national curriculum year starts.
struct SchoolTimeline {
    /// The calendar year of the September the child starts Reception (is 4 on the 31 August).
    let receptionYear: Int

    init(birth: Day) {
        let (year, month, _) = birth.parts
        receptionYear = year + 4 + (month >= 9 ? 1 : 0)
    }

    /// National curriculum year on `date` (negative before Reception).
    func curriculumYear(on date: Day) -> Int {
        let (year, month, _) = date.parts
        let academicYearStart = month >= 9 ? year : year - 1
        return academicYearStart - receptionYear
    }

    func phase(on date: Day) -> SchoolPhase {
        SchoolPhase(curriculumYear: curriculumYear(on: date))
    }

    /// The calendar year whose September starts national curriculum year `curriculumYear`.
    func startYear(ofCurriculumYear curriculumYear: Int) -> Int {
        receptionYear + curriculumYear
    }
}
