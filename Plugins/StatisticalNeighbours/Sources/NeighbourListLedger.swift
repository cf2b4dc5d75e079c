import HubKit

/// The checks that span rows of one edition: an LA has at most one neighbour per rank, and names
/// each neighbour once.
struct NeighbourListLedger {
    /// LA -> rank -> the line that gave it.
    private var rankLines: [String: [Int: Int]] = [:]
    /// LA -> neighbour -> (rank, line).
    private var neighbourRanks: [String: [String: (rank: Int, line: Int)]] = [:]

    /// Records `record` from `line`, or throws when it repeats a rank or a neighbour of its LA.
    mutating func admit(_ record: NeighbourRecord, line: Int, row: NeighbourRow) throws {
        if let earlier = rankLines[record.laCode]?[record.rank] {
            throw row.rejection(line: line, column: "sn_rank",
                                "LA \(record.laCode) has a second neighbour of rank \(record.rank) (the first is on line \(earlier))")
        }
        if let earlier = neighbourRanks[record.laCode]?[record.neighbourLACode] {
            throw row.rejection(line: line, column: "sn_la_code",
                                "LA \(record.laCode) lists \(record.neighbourLACode) a second time "
                                    + "(already rank \(earlier.rank) on line \(earlier.line))")
        }
        rankLines[record.laCode, default: [:]][record.rank] = line
        neighbourRanks[record.laCode, default: [:]][record.neighbourLACode] = (record.rank, line)
    }
}
