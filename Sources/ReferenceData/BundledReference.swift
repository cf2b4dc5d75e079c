import Foundation
import HubKit
import HubStore
import InputFiles
import Validation

/// Loads the reference tables bundled in `Datasets/` (the project's own CSV format, written by
/// `scripts/derive_reference_datasets.py`) into a store, replacing what was there.
package enum BundledReference {
    package struct Counts: Sendable, Equatable {
        package var regions = 0
        package var localAuthorities = 0
        package var neighbours = 0
        package var districts = 0
        package var censusDates = 0

        package init(regions: Int = 0, localAuthorities: Int = 0, neighbours: Int = 0, districts: Int = 0,
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
    package static func load(from folder: String, into store: Store) throws -> Counts {
        var counts = Counts()
        let database = store.database
        let tables = BundledTables(database: database)
        try database.transaction {
            try tables.clearRegister()
            try forEachRow(folder, "regions.csv", columns: ["region_code", "name"]) { row in
                try tables.addRegion(code: row[0], name: row[1])
                counts.regions += 1
            }
            try forEachRow(folder, "local_authorities.csv",
                           columns: ["la_code", "e_code", "name", "region_code", "status", "valid_from", "valid_to"]) { row in
                let field = row.map { $0.isEmpty ? nil : $0 }
                try tables.addAuthority(laCode: field[0], eCode: field[1], name: field[2], regionCode: field[3],
                                        status: field[4], validFrom: field[5], validTo: field[6])
                counts.localAuthorities += 1
            }
            try tables.clearCensusDays()
            try forEachCensusDay(folder) { year, day in
                try tables.addCensusDay(collectionYear: year, day: day.iso)
                counts.censusDates += 1
            }
            try tables.clearDistrictLookup()
            try forEachRow(folder, "ons_ltla_to_utla.csv", columns: ["ltla_code", "ltla_name", "utla_code", "utla_name"]) { row in
                try tables.addDistrict(ltlaCode: row[0], ltlaName: row[1], utlaCode: row[2], utlaName: row[3])
                counts.districts += 1
            }
            for file in try InputOpener.files(in: folder) where file.hasSuffix(".csv")
                && (file as NSString).lastPathComponent.hasPrefix("statistical_neighbours_") {
                let name = (file as NSString).lastPathComponent
                var edition: String?
                try forEachRow(folder, name, columns: ["edition", "la_code", "rank", "neighbour_la_code", "closeness"]) { row in
                    if edition == nil {
                        edition = row[0]
                        try tables.clearBundledNeighbours(edition: row[0])
                    }
                    guard let rank = Int(row[2]) else {
                        throw ReferenceError(file: name, line: nil, message: "rank '\(row[2])' is not a number")
                    }
                    try tables.addBundledNeighbour(edition: row[0], laCode: row[1], rank: rank, neighbourLACode: row[3],
                                                   closeness: row[4].isEmpty ? nil : row[4])
                    counts.neighbours += 1
                }
            }
        }
        return counts
    }

    /// The census days and LA register of `folder` (`census_dates.csv`, `local_authorities.csv`):
    /// what a SEN2 header is held against when no store is at hand (`hnhub validate`).
    package static func collectionReference(from folder: String) throws -> CollectionReference {
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
package struct ReferenceError: Error, CustomStringConvertible {
    package var file: String
    package var line: Int?
    package var message: String
    package var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
