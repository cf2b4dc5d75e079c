import Foundation
import HubKit
import HubStore
import InputFiles
import Validation

/// Loads the reference tables bundled in `Datasets/` (the project's own CSV format, written by
/// `scripts/derive_reference_datasets.py`) into a store, replacing what was there.
public enum BundledReference {
    public struct Counts: Sendable, Equatable {
        public var regions = 0
        public var localAuthorities = 0
        public var neighbours = 0
        public var districts = 0
        public var censusDates = 0

        public init(regions: Int = 0, localAuthorities: Int = 0, neighbours: Int = 0, districts: Int = 0,
                    censusDates: Int = 0) {
            self.regions = regions
            self.localAuthorities = localAuthorities
            self.neighbours = neighbours
            self.districts = districts
            self.censusDates = censusDates
        }
    }

    /// Replaces regions, LAs, census days, the district lookup and the bundled neighbour editions in
    /// one transaction.
    @discardableResult
    public static func load(from folder: String, into store: Store) throws -> Counts {
        var counts = Counts()
        let database = store.database
        try database.transaction {
            try database.execute("DELETE FROM local_authorities")
            try database.execute("DELETE FROM regions")
            try forEachRow(folder, "regions.csv", columns: ["region_code", "name"]) { row in
                try database.execute("INSERT INTO regions (region_code, name) VALUES (?, ?)", [.text(row[0]), .text(row[1])])
                counts.regions += 1
            }
            try forEachRow(folder, "local_authorities.csv",
                           columns: ["la_code", "e_code", "name", "region_code", "status", "valid_from", "valid_to"]) { row in
                try database.execute("""
                    INSERT INTO local_authorities (la_code, e_code, name, region_code, status, valid_from, valid_to)
                    VALUES (?,?,?,?,?,?,?)
                    """, row.map { $0.isEmpty ? .null : .text($0) })
                counts.localAuthorities += 1
            }
            try database.execute("DELETE FROM census_dates")
            try forEachCensusDay(folder) { year, day in
                try database.execute("INSERT INTO census_dates (collection_year, census_date) VALUES (?, ?)",
                                     [.integer(Int64(year)), .text(day.iso)])
                counts.censusDates += 1
            }
            try database.execute("DELETE FROM area_lookup")
            try forEachRow(folder, "ons_ltla_to_utla.csv", columns: ["ltla_code", "ltla_name", "utla_code", "utla_name"]) { row in
                try database.execute("INSERT INTO area_lookup (ltla_code, ltla_name, utla_code, utla_name) VALUES (?,?,?,?)",
                                     row.map { .text($0) })
                counts.districts += 1
            }
            for file in try InputOpener.files(in: folder) where file.hasSuffix(".csv")
                && (file as NSString).lastPathComponent.hasPrefix("statistical_neighbours_") {
                let name = (file as NSString).lastPathComponent
                var edition: String?
                try forEachRow(folder, name, columns: ["edition", "la_code", "rank", "neighbour_la_code", "closeness"]) { row in
                    // An edition the user imported themselves wins over the bundled copy (OR IGNORE).
                    if edition == nil {
                        edition = row[0]
                        try database.execute("DELETE FROM statistical_neighbours WHERE edition = ? AND import_id IS NULL",
                                             [.text(row[0])])
                    }
                    guard let rank = Int(row[2]) else {
                        throw ReferenceError(file: name, line: nil, message: "rank '\(row[2])' is not a number")
                    }
                    try database.execute("""
                        INSERT OR IGNORE INTO statistical_neighbours (edition, la_code, rank, neighbour_la_code, closeness)
                        VALUES (?,?,?,?,?)
                        """, [.text(row[0]), .text(row[1]), .integer(Int64(rank)), .text(row[3]),
                              row[4].isEmpty ? .null : .text(row[4])])
                    counts.neighbours += 1
                }
            }
        }
        return counts
    }

    /// The census days and LA register of `folder` (`census_dates.csv`, `local_authorities.csv`):
    /// what a SEN2 header is held against when no store is at hand (`hnhub validate`).
    public static func collectionReference(from folder: String) throws -> CollectionReference {
        var censusDays: [Int: Day] = [:]
        try forEachCensusDay(folder) { year, day in censusDays[year] = day }
        var authorities: [CollectionReference.AuthorityPeriod] = []
        try forEachRow(folder, "local_authorities.csv", columns: ["la_code", "name", "valid_from", "valid_to"]) { row in
            authorities.append(.init(laCode: row[0], name: row[1], from: Day(iso: row[2]), to: Day(iso: row[3])))
        }
        return CollectionReference(censusDays: censusDays, authorities: authorities)
    }

    /// Each row of `census_dates.csv`: collection year and its census day.
    static func forEachCensusDay(_ folder: String, _ body: (Int, Day) throws -> Void) throws {
        try forEachRow(folder, "census_dates.csv", columns: ["collection_year", "census_date"]) { row in
            guard let year = Int(row[0]), let day = Day(iso: row[1]) else {
                throw ReferenceError(file: "census_dates.csv", line: nil,
                                     message: "'\(row[0])', '\(row[1])' is not a year and a YYYY-MM-DD date")
            }
            try body(year, day)
        }
    }

    /// Reads `name` from `folder`, checks the header holds `columns`, and calls `body` with those
    /// columns of each row, in that order.
    static func forEachRow(_ folder: String, _ name: String, columns: [String], _ body: ([String]) throws -> Void) throws {
        let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        let reader = CSVReader(stream: try FileByteStream(path: path))
        guard let header = try reader.next() else { throw ReferenceError(file: path, line: 1, message: "empty file") }
        let positions = try columns.map { column in
            guard let index = header.firstIndex(of: column) else {
                throw ReferenceError(file: path, line: 1, message: "missing column \(column)")
            }
            return index
        }
        while let row = try reader.next() {
            if row.count == 1 && row[0].isEmpty { continue }
            guard row.count == header.count else {
                throw ReferenceError(file: path, line: reader.line, message: "\(row.count) fields, the header has \(header.count)")
            }
            try body(positions.map { row[$0] })
        }
    }
}

/// A problem in a bundled reference file.
public struct ReferenceError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
