/// The nine tables of a COLLECT "Blade" export of a SEN2 return, one per module of the return.
///
/// Each table has a `<table>tableid` column with the row's own id and, below `person`, a column
/// with the id of its parent row (`persontableid`, `requeststableid`, ...). The other columns are
/// the SEN2 element names in lower case. COLLECT also writes `NativeId`, `sourceid` and
/// `<table>orderseqcolumn`; only the last is used (to order the rows under one parent).
enum BladeTableKind: String, CaseIterable, Sendable {
    case sen2
    case person
    case requests
    case assessment
    case namedPlan = "namedplan"
    case planDetail = "plandetail"
    case activePlans = "activeplans"
    case placementDetail = "placementdetail"
    case senNeed = "senneed"

    /// The column with each row's own id, e.g. `persontableid`.
    var idColumn: String { rawValue + "tableid" }

    /// The column COLLECT numbers the rows with, e.g. `requestsorderseqcolumn`.
    var orderColumn: String { rawValue + "orderseqcolumn" }

    /// The table whose rows this table's rows belong to, through the parent's ``idColumn``. Nil for
    /// `sen2` and `person`: an export holds one return, so persons need no link to the `sen2` row.
    var parent: BladeTableKind? {
        switch self {
        case .sen2, .person: nil
        case .requests: .person
        case .assessment, .activePlans: .requests
        case .namedPlan: .assessment
        case .planDetail: .namedPlan
        case .placementDetail, .senNeed: .activePlans
        }
    }

    /// Whether rows of another table link to this table's rows.
    var hasChildren: Bool { Self.allCases.contains { $0.parent == self } }

    /// The SEN2 XML element the table's rows stand for, for messages and issue paths.
    var elementName: String {
        switch self {
        case .sen2: "Header"
        case .person: "Person"
        case .requests: "Requests"
        case .assessment: "Assessment"
        case .namedPlan: "NamedPlan"
        case .planDetail: "PlanDetail"
        case .activePlans: "ActivePlans"
        case .placementDetail: "PlacementDetail"
        case .senNeed: "SENneed"
        }
    }

    /// Deepest first: a table carries its own id column and its parent's, so the deepest id column
    /// a header has names the table.
    private static let recognitionOrder: [BladeTableKind] = [
        .senNeed, .placementDetail, .planDetail, .activePlans, .namedPlan, .assessment, .requests, .person, .sen2,
    ]

    /// The table whose header row has `columns` (normalised names), or nil when it is no Blade table.
    static func recognise(columns: Set<String>) -> BladeTableKind? {
        recognitionOrder.first { columns.contains($0.idColumn) }
    }
}
