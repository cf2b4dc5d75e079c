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

    static let folder = "header-breaches"

    /// Rules of the catalogue no generated file breaks, and why.
    static let unreachable: [(ruleID: String, reason: String)] = [
        ("SEN2-HEADER-COLLECTION", "the SEN2 XML importer rejects a return whose <Collection> is not SEN2 before validation runs"),
        ("SEN2-HEADER-LEA", "the SEN2 XML importer rejects a return whose <LEA> is not a 3-digit number before validation runs"),
    ]

    var ruleID: String { rawValue }

    var severity: String { self == .yearBeforePersonLevel ? "error" : "warning" }

    /// `Year` and `ReferenceDate` of the file, for a return whose latest collection year is `latest`.
    func header(latest: Int) -> (year: Int, referenceDate: Day) {
        switch self {
        case .yearBeforePersonLevel: (2022, CollectionCalendar(year: 2022).census)
        case .yearNewer: (2027, CollectionCalendar(year: 2027).census)
        case .referenceDateYear: (latest, CollectionCalendar(year: latest - 1).census)
        }
    }

    /// The file's path inside the set's folder.
    func fileName(laCode: String, latest: Int) -> String {
        switch self {
        case .yearBeforePersonLevel, .yearNewer: "\(Self.folder)/sen2-\(laCode)-\(header(latest: latest).year).xml"
        case .referenceDateYear: "\(Self.folder)/sen2-\(laCode)-\(latest)-reference-date.xml"
        }
    }

    var change: String {
        switch self {
        case .yearBeforePersonLevel: "Year 2022, before person-level SEN2 (the return is rejected)"
        case .yearNewer: "Year 2027, newer than the code lists the hub knows"
        case .referenceDateYear: "ReferenceDate in the year before the header Year"
        }
    }
}
