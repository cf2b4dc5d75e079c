import HubStore

/// One child with a plan active at a return's census, as the flow model sees them.
public struct RosterChild: Hashable, Sendable {
    /// The hub's pseudonym (nil when the return gave no key to make one: such a child cannot be
    /// followed from one census to the next).
    public var pseudonym: String?
    public var state: FlowState

    public init(pseudonym: String?, state: FlowState) {
        self.pseudonym = pseudonym
        self.state = state
    }
}

/// The children of every current SEN2 return at its census date, by LA and census year, picked as
/// the store's census summaries pick them (`CensusPick`, docs/sen2.md): among a child's plans
/// active at the census, the one that started latest; its placement attended then, rank 1 first,
/// of two of one rank the one entered latest; its primary need; age on the 31 August before the
/// census. A child whose age is outside 0-25 or unknown is left out, and
/// a child listed twice in one return counts once.
public struct CensusRoster: Sendable {
    /// LA -> census year -> children.
    public var children: [String: [Int: [RosterChild]]]

    public init(children: [String: [Int: [RosterChild]]]) {
        self.children = children
    }

    public static func read(_ database: Database, las: Set<String>? = nil) throws -> CensusRoster {
        var children: [String: [Int: [RosterChild]]] = [:]
        var last: (Int64, Int64)?
        var seen: Set<String> = []   // "import|pseudonym": a child listed twice in one return counts once
        let statement = try database.prepare("""
            SELECT r.import_id, p.id, r.la_code, r.collection_year, p.pseudonym, p.birth_month, sn.sen_type,
                   pl.id, pl.urn, pl.ukprn, pl.sen_setting, pl.sen_unit, pl.resourced_provision, e.type_code
            FROM current_returns r
            JOIN persons p ON p.import_id = r.import_id
            JOIN requests q ON q.person_id = p.id
            JOIN assessments a ON a.request_id = q.id
            JOIN named_plans n ON n.assessment_id = a.id
            LEFT JOIN active_plans ap ON ap.request_id = q.id
            LEFT JOIN sen_needs sn ON sn.active_plans_id = ap.id AND sn.sen_type_rank = 1
            LEFT JOIN placements pl ON pl.active_plans_id = ap.id AND pl.entry_date <= r.census_date
                 AND (pl.leaving_date IS NULL OR pl.leaving_date >= r.census_date)
            LEFT JOIN establishments e ON e.urn = pl.urn
            WHERE n.start_date <= r.census_date AND (n.cease_date IS NULL OR n.cease_date > r.census_date)
            ORDER BY r.import_id, p.id, \(CensusPick.orderBy)
            """)
        while try statement.step() {
            let row = statement.row()
            guard case let .integer(importID) = row[0], case let .integer(personID) = row[1] else { continue }
            // The first row of a child is its latest plan's best-ranked placement.
            if let last, last == (importID, personID) { continue }
            last = (importID, personID)
            guard let la = row[2].string, let year = row[3].int, las?.contains(la) ?? true,
                  let age = Self.age(birthMonth: row[5].string, censusYear: year), (0...25).contains(age) else { continue }
            if let key = row[4].string, !seen.insert("\(importID)|\(key)").inserted { continue }
            let setting = FlowSetting.of(urn: row[8].string, ukprn: row[9].string, senSetting: row[10].string,
                                         typeCode: row[13].int, senUnit: row[11].int == 1, resourcedProvision: row[12].int == 1,
                                         attended: row[7] != .null)
            children[la, default: [:]][year, default: []].append(RosterChild(
                pseudonym: row[4].string, state: FlowState(ncy: age - 4, need: PrimaryNeed.position(row[6].string), setting: setting)))
        }
        statement.reset()
        return CensusRoster(children: children)
    }

    /// Age on the 31 August before the January census of `censusYear`, from a `YYYY-MM` birth month
    /// (the month is enough: 31 August ends its month).
    static func age(birthMonth: String?, censusYear: Int) -> Int? {
        guard let birthMonth, birthMonth.count == 7, let year = Int(birthMonth.prefix(4)),
              let month = Int(birthMonth.suffix(2)) else { return nil }
        return (censusYear - 1) - year - (month > 8 ? 1 : 0)
    }

    /// Census years an LA has, in order.
    public func years(of la: String) -> [Int] { children[la]?.keys.sorted() ?? [] }
}
