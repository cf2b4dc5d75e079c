import Foundation

/// A point on the British National Grid, in metres east and north of its origin (GIAS `Easting`,
/// `Northing`). Distances are straight lines (docs/scoping.md).
package struct GridPoint: Sendable, Hashable, Codable {
    package var easting: Double
    package var northing: Double

    package init(easting: Double, northing: Double) {
        self.easting = easting
        self.northing = northing
    }

    /// Straight-line distance in kilometres: √(ΔE² + ΔN²) / 1000.
    package func kilometres(to other: GridPoint) -> Double {
        let east = easting - other.easting, north = northing - other.northing
        return (east * east + north * north).squareRoot() / 1000
    }

    /// The grid's extent in metres: a point outside it is a typing error.
    package static let maxEasting = 700_000.0, maxNorthing = 1_300_000.0

    /// Parses `EASTING,NORTHING` in metres; nil when it is not two numbers inside the grid.
    package static func parse(_ text: String) -> GridPoint? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let east = Double(parts[0]), let north = Double(parts[1]),
              (0...maxEasting).contains(east), (0...maxNorthing).contains(north) else { return nil }
        return GridPoint(easting: east, northing: north)
    }
}

/// Where a child's home was placed: the mean location of the establishments in its postcode
/// district, else of those in its LA, else nowhere (docs/scoping.md, "Locating homes").
package enum HomeLocation: String, Sendable, Codable, CaseIterable {
    case district
    case la
    case none
}

/// The locations the establishment register gives: each establishment's, each postcode district's
/// (the mean of its establishments) and each LA's (the mean of the establishments located in it).
package struct RegisterLocations: Sendable {
    package var establishments: [String: GridPoint] = [:]
    /// UKPRN -> location, for post-16 providers that placements name by UKPRN.
    package var providers: [String: GridPoint] = [:]
    /// UKPRN -> LA of the establishment with the lowest URN holding it (read once here rather than
    /// looked up per placement, which the cohort query did without an index).
    package var providerLAs: [String: String] = [:]
    package var districts: [String: GridPoint] = [:]
    package var las: [String: GridPoint] = [:]
    /// Establishments in the register, and those of them with a location.
    package var registered = 0, located = 0

    package init() {}

    /// A child's home: its district's point, else its LA's.
    package func home(district: String?, la: String) -> (GridPoint?, HomeLocation) {
        if let district, let point = districts[district.uppercased()] { return (point, .district) }
        if let point = las[la] { return (point, .la) }
        return (nil, .none)
    }

    /// Builds the means from establishment rows (URN, UKPRN, LA, district, easting, northing).
    package init(rows: [(urn: String, ukprn: String?, la: String?, district: String?, easting: Double?, northing: Double?)]) {
        var districtSums: [String: (Double, Double, Double)] = [:], laSums: [String: (Double, Double, Double)] = [:]
        var seenUKPRNs: Set<String> = []
        for row in rows {
            registered += 1
            if let ukprn = row.ukprn, seenUKPRNs.insert(ukprn).inserted, let la = row.la { providerLAs[ukprn] = la }
            guard let easting = row.easting, let northing = row.northing else { continue }
            located += 1
            let point = GridPoint(easting: easting, northing: northing)
            establishments[row.urn] = point
            if let ukprn = row.ukprn, providers[ukprn] == nil { providers[ukprn] = point }
            if let district = row.district?.uppercased() {
                let sum = districtSums[district] ?? (0, 0, 0)
                districtSums[district] = (sum.0 + easting, sum.1 + northing, sum.2 + 1)
            }
            if let la = row.la {
                let sum = laSums[la] ?? (0, 0, 0)
                laSums[la] = (sum.0 + easting, sum.1 + northing, sum.2 + 1)
            }
        }
        districts = districtSums.mapValues { GridPoint(easting: $0.0 / $0.2, northing: $0.1 / $0.2) }
        las = laSums.mapValues { GridPoint(easting: $0.0 / $0.2, northing: $0.1 / $0.2) }
    }
}
