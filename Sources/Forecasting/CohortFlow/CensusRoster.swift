import HubStore

/// One child with a plan active at a return's census, as the flow model sees them.
package struct RosterChild: Hashable, Sendable {
    /// The hub's pseudonym (nil when the return gave no key to make one: such a child cannot be
    /// followed from one census to the next).
    package var pseudonym: String?
    package var state: FlowState

    package init(pseudonym: String?, state: FlowState) {
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
package struct CensusRoster: Sendable {
    /// LA -> census year -> children.
    package var children: [String: [Int: [RosterChild]]]

    package init(children: [String: [Int: [RosterChild]]]) {
        self.children = children
    }

    package static func read(_ database: Database, las: Set<String>? = nil) throws -> CensusRoster {
        var children: [String: [Int: [RosterChild]]] = [:]
        var last: (Int64, Int64)?
        var seen: Set<String> = []   // "import|pseudonym": a child listed twice in one return counts once
        try CensusPlans.forEach(in: database) { row in
            let (importID, personID) = (row.importID, row.personID)
            // The first row of a child is its latest plan's best-ranked placement.
            if let last, last == (importID, personID) { return }
            last = (importID, personID)
            guard let la = row.laCode, let year = row.collectionYear, las?.contains(la) ?? true,
                  let age = Self.age(birthMonth: row.birthMonth, censusYear: year), (0...25).contains(age) else { return }
            if let key = row.pseudonym, !seen.insert("\(importID)|\(key)").inserted { return }
            let setting = FlowSetting.of(urn: row.urn, ukprn: row.ukprn, senSetting: row.senSetting,
                                         typeCode: row.establishmentType, senUnit: row.senUnit,
                                         resourcedProvision: row.resourcedProvision, attended: row.attended)
            children[la, default: [:]][year, default: []].append(RosterChild(
                pseudonym: row.pseudonym, state: FlowState(ncy: age - 4, need: PrimaryNeed.position(row.primaryNeed), setting: setting)))
        }
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
    package func years(of la: String) -> [Int] { children[la]?.keys.sorted() ?? [] }
}
