import HubKit

/// A rule of the return header broken by a whole file (`--with-errors`): each is a return with no
/// persons in `header-breaches/`, kept out of the set's folder so that importing the folder does
/// not pick them up (`hnhub validate DIR/header-breaches` shows them).
///
/// Two header rules cannot be broken in a file the hub would validate: the SEN2 XML importer
/// rejects a return whose `Collection` is not SEN2 (`SEN2-HEADER-COLLECTION`) or whose `LEA` is
/// not 3 digits (`SEN2-HEADER-LEA`) before validation runs (see ``unreachable``).
enum HeaderBreach: String, CaseIterable, Sendable {
    case yearBeforePersonLevel = "SEN2-HEADER-YEAR"
    case yearNewer = "SEN2-HEADER-YEAR-NEWER"
    case referenceDateYear = "SEN2-HEADER-REFDATE-YEAR"
    case censusDay = "SEN2-HEADER-CENSUS-DAY"
    case leaUnknown = "SEN2-HEADER-LEA-UNKNOWN"
    case officer = "SEN2-HEADER-OFFICER"

    /// An LA code the register ended before any person-level collection: Northamptonshire, split
    /// into 940 and 941 in April 2021.
    static let endedLA = "928"

    static let folder = "header-breaches"

    /// Rules of the catalogue no generated file breaks, and why.
    static let unreachable: [(ruleID: String, reason: String)] = [
        ("SEN2-HEADER-COLLECTION", "the SEN2 XML importer rejects a return whose <Collection> is not SEN2 before validation runs"),
        ("SEN2-HEADER-LEA", "the SEN2 XML importer rejects a return whose <LEA> is not a 3-digit number before validation runs"),
    ]

    var ruleID: String { rawValue }

    var severity: String { self == .yearNewer || self == .officer ? "warning" : "error" }

    /// `Year` and `ReferenceDate` of the file, for a return whose latest collection year is `latest`.
    func header(latest: Int) -> (year: Int, referenceDate: Day) {
        switch self {
        case .yearBeforePersonLevel: (2022, CollectionCalendar(year: 2022).census)
        case .yearNewer: (2027, CollectionCalendar(year: 2027).census)
        case .referenceDateYear: (latest, CollectionCalendar(year: latest - 1).census)
        case .censusDay: (latest, CollectionCalendar(year: latest).census.adding(days: 1))
        case .leaUnknown, .officer: (latest, CollectionCalendar(year: latest).census)
        }
    }

    /// The header's LEA, for a return of the authority `laCode`.
    func lea(laCode: String) -> String { self == .leaUnknown ? Self.endedLA : laCode }

    /// The header's DMO.
    var designatedMedicalOfficer: String { self == .officer ? "X" : "Y" }

    /// The file's path inside the set's folder.
    func fileName(laCode: String, latest: Int) -> String {
        switch self {
        case .yearBeforePersonLevel, .yearNewer: "\(Self.folder)/sen2-\(laCode)-\(header(latest: latest).year).xml"
        case .referenceDateYear: "\(Self.folder)/sen2-\(laCode)-\(latest)-reference-date.xml"
        case .censusDay: "\(Self.folder)/sen2-\(laCode)-\(latest)-census-day.xml"
        case .leaUnknown: "\(Self.folder)/sen2-\(Self.endedLA)-\(latest).xml"
        case .officer: "\(Self.folder)/sen2-\(laCode)-\(latest)-officer.xml"
        }
    }

    var change: String {
        switch self {
        case .yearBeforePersonLevel: "Year 2022, before person-level SEN2 (the return is rejected)"
        case .yearNewer: "Year 2027, newer than the code lists the hub knows"
        case .referenceDateYear: "ReferenceDate in the year before the header Year (the return is rejected)"
        case .censusDay: "ReferenceDate the day after the census day (the return is rejected)"
        case .leaUnknown: "LEA \(Self.endedLA), an LA code ended in 2021 (the return is rejected)"
        case .officer: "DMO X, not Y, N or R"
        }
    }
}
