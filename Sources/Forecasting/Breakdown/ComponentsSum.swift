/// The components of a sum over LAs: the members' rows added year by year, less the transfers
/// between members (a child moving from one member to another is neither a joiner nor a leaver of
/// the group). Observed years take the transfers counted; forecast years the share of the members'
/// transfers in that were from another member over the observed years.
package enum ComponentsSum {
    package static func sum(area: String, _ rows: [ComponentsRow], within: [Int: Int]) -> [ComponentsRow] {
        var sums: [String: ComponentsRow] = [:]
        for row in rows {
            let key = "\(row.year)|\(row.observed)"
            if var sum = sums[key] {
                sum.stockStart += row.stockStart
                sum.newPlans += row.newPlans
                sum.transfersIn += row.transfersIn
                sum.ceased += row.ceased
                sum.transfersOut += row.transfersOut
                sum.movers += row.movers
                sum.adjustment += row.adjustment
                sum.stockEnd += row.stockEnd
                sums[key] = sum
            } else {
                var first = row
                first.area = area
                sums[key] = first
            }
        }
        let observed = sums.values.filter(\.observed)
        let observedIn = observed.map(\.transfersIn).reduce(0, +)
        let observedWithin = observed.map { Double(within[$0.year] ?? 0) }.reduce(0, +)
        let share = observedIn > 0 ? min(1, observedWithin / observedIn) : 0
        return sums.values.map { row in
            var row = row
            let inside = row.observed ? min(Double(within[row.year] ?? 0), row.transfersIn, row.transfersOut)
                : min(row.transfersIn * share, row.transfersOut)
            row.transfersIn -= inside
            row.transfersOut -= inside
            return row
        }.sorted { ($0.year, $0.observed ? 0 : 1) < ($1.year, $1.observed ? 0 : 1) }
    }
}
