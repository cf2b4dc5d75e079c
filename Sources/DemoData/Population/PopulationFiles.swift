import Foundation

/// The population figures in the two layouts the hub imports (`Plugins/Population`). Both hold
/// the same numbers, so importing either or both gives the same population.
enum PopulationFiles {
    static let longName = "population.csv"
    static let midYearName = "population-ons-mid-year.csv"

    /// `la_code,year,age,population`: one row per LA (3-digit DfE code), mid-year and age.
    static func long(_ figures: PopulationFigures) -> String {
        var lines = ["la_code,year,age,population"]
        for row in figures.rows {
            lines.append("\(row.authority.code),\(row.year),\(row.age),\(row.total)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The ONS mid-year estimates layout: one row per area, sex (1 male, 2 female) and age, one
    /// `population_YYYY` column per mid-year. Areas are ONS codes; a shire county is given as
    /// its districts (`E07...`), as ONS publishes it, which the hub adds up to the county.
    static func midYear(_ figures: PopulationFigures, districts: DistrictLookup) -> String {
        let years = figures.years
        var lines = [(["ladcode23", "laname23", "country", "sex", "age"] + years.map { "population_\($0)" })
            .joined(separator: ",")]
        var byAuthority: [LocalAuthority: [PopulationFigures.Row]] = [:]
        var order: [LocalAuthority] = []
        for row in figures.rows {
            if byAuthority[row.authority] == nil { order.append(row.authority) }
            byAuthority[row.authority, default: []].append(row)
        }
        for authority in order {
            let rows = byAuthority[authority] ?? []
            let area = authority.eCode ?? authority.code
            let parts = districts.districts(of: area)
            let areas = parts.isEmpty ? [DistrictLookup.District(code: area, name: authority.name)] : parts
            let weights = areas.map(Self.weight)
            // Each year's figure of each sex and age, shared among the areas: shares[sex][age][year][area].
            let shares = [1, 2].map { sex in
                PopulationFigures.ages.map { age in
                    years.map { year -> [Int] in
                        let row = rows.first { $0.year == year && $0.age == age }
                        return PopulationFigures.split(sex == 1 ? row?.male ?? 0 : row?.female ?? 0, by: weights)
                    }
                }
            }
            for (i, place) in areas.enumerated() {
                for sex in [1, 2] {
                    for age in PopulationFigures.ages {
                        let figures: [[Int]] = shares[sex - 1][age - PopulationFigures.ages.lowerBound]
                        let values: [String] = figures.map { String($0[i]) }
                        let cells: [String] = [place.code, quoted(place.name), "E", String(sex), String(age)] + values
                        lines.append(cells.joined(separator: ","))
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A district's share of its county: a fixed weight from its code.
    static func weight(_ district: DistrictLookup.District) -> Int {
        3 + district.code.utf8.reduce(0) { $0 &+ Int($1) } % 5
    }

    static func quoted(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
