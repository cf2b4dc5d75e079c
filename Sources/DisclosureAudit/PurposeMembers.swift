import Comparison

/// One purpose of the data-sharing agreement as disclosure control sees it: its id and the members
/// its outputs leave out (not opted in; docs/governance.md, "Purposes").
package struct PurposeMembers: Sendable, Hashable {
    package var purpose: String
    package var leftOut: Set<String>

    package init(purpose: String, leftOut: Set<String>) {
        self.purpose = purpose
        self.leftOut = leftOut
    }
}

extension DisclosureInput {
    /// What the outputs of every purpose in `purposes` show together (docs/disclosure-control.md,
    /// "Purposes"): every LA's figures that some purpose shows, and each total once per distinct set
    /// of members the purposes add up. A total over every member keeps its key (`group:NAME`); one
    /// that leaves members out is keyed `group:NAME without 802,803`, so two purposes with the
    /// same members share one figure. Figures of members no purpose shows are dropped.
    ///
    /// `self` is the input over every member, as outputs compute it with no purpose enforced.
    package func acrossPurposes(_ purposes: [PurposeMembers]) -> DisclosureInput {
        guard !purposes.isEmpty else { return self }
        var union = self
        union.purposes = purposes.sorted { $0.purpose < $1.purpose }
        let shownNowhere = purposes.dropFirst().reduce(purposes[0].leftOut) { $0.intersection($1.leftOut) }
        if !shownNowhere.isEmpty {
            union.figures = figures.mapValues { byPeriod in
                byPeriod.mapValues { $0.filter { !shownNowhere.contains($0.laCode) } }
            }
        }
        let codes = Set(figures.values.flatMap { $0.values.flatMap { $0.map(\.laCode) } })
        var unionTotals: [TotalDefinition] = []
        var seen = Set<String>()
        for purpose in union.purposes {
            var keys: [String: String] = [:]
            for total in totals {
                let gone = (total.members ?? codes).intersection(purpose.leftOut)
                let key = gone.isEmpty ? total.key : "\(total.key) without \(gone.sorted().joined(separator: ","))"
                keys[total.key] = key
                if seen.insert(key).inserted {
                    unionTotals.append(
                        TotalDefinition(
                            key: key,
                            members: gone.isEmpty
                                ? total.members
                                : (total.members ?? codes).subtracting(gone)))
                }
            }
            union.purposeTotals[purpose.purpose] = keys
        }
        union.totals = unionTotals
        // A published total is what every purpose's output shows for that area: public in each.
        union.publishedTotals = Set(
            publishedTotals.flatMap { published in
                union.purposeTotals.values.compactMap { $0[published.unit] }.map {
                    FigureKey(indicator: published.indicator, period: published.period, unit: $0)
                }
            })
        return union
    }

    /// The input of one purpose's outputs alone, keyed as those outputs key it: what each purpose's
    /// pattern was computed from before patterns covered every purpose. Nil for a purpose not in
    /// ``purposes``.
    func alone(_ purpose: String) -> DisclosureInput? {
        guard let members = purposes.first(where: { $0.purpose == purpose }), let keys = purposeTotals[purpose] else {
            return nil
        }
        var input = DisclosureInput(
            definitions: definitions,
            figures: figures.mapValues { byPeriod in
                byPeriod.mapValues { $0.filter { !members.leftOut.contains($0.laCode) } }
            }, totals: [], control: control)
        let unionTotals = Dictionary(totals.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        input.totals = keys.keys.sorted().compactMap { plain in
            unionTotals[keys[plain]!].map { TotalDefinition(key: plain, members: $0.members) }
        }
        let plainOf = Dictionary(keys.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        input.publishedTotals = Set(
            publishedTotals.compactMap { key in
                plainOf[key.unit].map { FigureKey(indicator: key.indicator, period: key.period, unit: $0) }
            })
        return input
    }
}
