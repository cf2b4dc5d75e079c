import Foundation

/// The districts (ONS lower-tier areas, `E07...`) of shire counties (`E10...`), from the ONS
/// lower-to-upper tier lookup the project keeps as `Datasets/ons_ltla_to_utla.csv`
/// (`ltla_code,ltla_name,utla_code,utla_name`). The ONS mid-year estimates list a county's
/// districts rather than the county, and the hub adds them up again on import.
package struct DistrictLookup: Sendable {
    /// One district.
    package struct District: Sendable, Hashable {
        /// The ONS code, e.g. `E07000041`.
        package let code: String
        /// The ONS name, e.g. `Exeter`.
        package let name: String
    }

    /// The name the lookup has in the project's `Datasets/` folder.
    package static let fileName = "ons_ltla_to_utla.csv"

    /// County E-code -> its districts, in the lookup's order.
    private let byCounty: [String: [District]]

    package init(byCounty: [String: [District]]) {
        self.byCounty = byCounty
    }

    /// Devon's districts, for when no lookup file is found (Devon is one of the ten defaults).
    package static let builtIn = DistrictLookup(byCounty: ["E10000008": [
        ("E07000040", "East Devon"), ("E07000041", "Exeter"), ("E07000042", "Mid Devon"),
        ("E07000043", "North Devon"), ("E07000044", "South Hams"), ("E07000045", "Teignbridge"),
        ("E07000046", "Torridge"), ("E07000047", "West Devon"),
    ].map { District(code: $0.0, name: $0.1) }])

    /// The districts of a county (`E10...`); empty for any other area.
    package func districts(of county: String) -> [District] {
        byCounty[county] ?? []
    }

    /// Reads a lookup file; nil when there is none at `path`. Only district-to-county rows are kept.
    package static func load(path: String) throws -> DistrictLookup? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows = text.split(whereSeparator: \.isNewline).map { CSVLine.fields(String($0)) }
        guard !rows.isEmpty else { return nil }
        let header = rows.removeFirst()
        guard let ltla = header.firstIndex(of: "ltla_code"), let name = header.firstIndex(of: "ltla_name"),
              let utla = header.firstIndex(of: "utla_code") else {
            throw DemoDataError.badOption("\(path): expected columns ltla_code,ltla_name,utla_code")
        }
        var byCounty: [String: [District]] = [:]
        for row in rows where row.count > max(ltla, name, utla) && row[utla].hasPrefix("E10") && row[ltla].hasPrefix("E07") {
            byCounty[row[utla], default: []].append(District(code: row[ltla], name: row[name]))
        }
        return DistrictLookup(byCounty: byCounty)
    }
}
