/// Statistical neighbour lists in the store: editions side by side, the newest by default.
/// Lists are directed: A listing B does not mean B lists A.
package struct StatisticalNeighbours {
    package struct Neighbour: Sendable, Hashable {
        package var rank: Int
        package var laCode: String
        package var closeness: String?

        package init(rank: Int, laCode: String, closeness: String?) {
            self.rank = rank
            self.laCode = laCode
            self.closeness = closeness
        }
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    /// Every edition in the store, newest first (`2025-05`, `2021-04`).
    package func editions() throws -> [String] {
        try database.rows("SELECT DISTINCT edition FROM statistical_neighbours ORDER BY edition DESC").compactMap { $0[0].string }
    }

    /// The edition to use: `requested` when the store has it, else the newest.
    package func edition(_ requested: String? = nil) throws -> String? {
        let all = try editions()
        guard let requested else { return all.first }
        guard all.contains(requested) else {
            throw UnknownEdition(requested: requested, available: all)
        }
        return requested
    }

    /// `laCode`'s neighbours in rank order, in `edition` (newest when nil).
    package func neighbours(of laCode: String, edition requested: String? = nil) throws -> [Neighbour] {
        guard let edition = try edition(requested) else { return [] }
        return try database.rows("""
            SELECT rank, neighbour_la_code, closeness FROM statistical_neighbours
            WHERE edition = ? AND la_code = ? ORDER BY rank
            """, [.text(edition), .text(laCode)]).map {
            Neighbour(rank: $0[0].int ?? 0, laCode: $0[1].string ?? "", closeness: $0[2].string)
        }
    }

    /// Every LA's neighbours in `edition`, in rank order: LA -> its neighbours.
    package func lists(edition: String) throws -> [String: [String]] {
        var lists: [String: [String]] = [:]
        for row in try database.rows("""
            SELECT la_code, neighbour_la_code FROM statistical_neighbours WHERE edition = ? ORDER BY la_code, rank
            """, [.text(edition)]) {
            guard let code = row[0].string, let neighbour = row[1].string else { continue }
            lists[code, default: []].append(neighbour)
        }
        return lists
    }

    package struct UnknownEdition: Error, CustomStringConvertible {
        package var requested: String
        package var available: [String]
        package var description: String {
            "no statistical neighbours edition '\(requested)' in the store (available: \(available.isEmpty ? "none" : available.joined(separator: ", "))); import one with: hnhub import stat_neighbours_YYYY_MM_long.csv"
        }
    }
}
