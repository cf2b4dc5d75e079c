/// The two population layouts the plugin reads, told apart by the header row alone so that one
/// file is never claimed by both importers.
enum PopulationLayout: Equatable {
    /// `la_code,year,age,population`: one row per LA, year and single year of age.
    case long(LongColumns)
    /// The ONS mid-year estimate layout: one row per area, sex and age, one `population_YYYY`
    /// column per year.
    case midYearEstimates(MidYearColumns)

    /// The layout of a header row (names trimmed and lower-cased), or nil when it is neither.
    static func of(_ names: [String]) -> PopulationLayout? {
        if let long = LongColumns(names) { return .long(long) }
        if let midYear = MidYearColumns(names) { return .midYearEstimates(midYear) }
        return nil
    }
}

/// Where the columns of the long layout are (0-based).
struct LongColumns: Equatable {
    var laCode: Int
    var year: Int
    var age: Int
    var population: Int

    init?(_ names: [String]) {
        guard let laCode = names.firstIndex(of: "la_code"), let year = names.firstIndex(of: "year"),
              let age = names.firstIndex(of: "age"), let population = names.firstIndex(of: "population")
        else { return nil }
        self.laCode = laCode
        self.year = year
        self.age = age
        self.population = population
    }
}

/// Where the columns of the ONS mid-year estimate layout are (0-based).
struct MidYearColumns: Equatable {
    /// One `population_YYYY` column.
    struct YearColumn: Equatable {
        var year: Int
        var column: Int
    }

    var area: Int
    /// Absent in files that are already totals over sex.
    var sex: Int?
    var age: Int
    var years: [YearColumn]

    init?(_ names: [String]) {
        guard let area = Self.areaColumn(names), let age = names.firstIndex(of: "age") else { return nil }
        let years = names.enumerated().compactMap { column, name in
            Self.year(ofColumn: name).map { YearColumn(year: $0, column: column) }
        }
        guard !years.isEmpty else { return nil }
        self.area = area
        self.sex = names.firstIndex(of: "sex")
        self.age = age
        self.years = years
    }

    /// `ladcode21` first, else another `lad...` column that is not a name (`lad23cd`, not
    /// `lad23nm`), else `code`.
    static func areaColumn(_ names: [String]) -> Int? {
        if let ladcode = names.firstIndex(where: { $0.hasPrefix("ladcode") }) { return ladcode }
        let isName = { (name: String) in name.hasSuffix("nm") || name.contains("name") }
        if let lad = names.firstIndex(where: { $0.hasPrefix("lad") && !isName($0) }) { return lad }
        return names.firstIndex(of: "code")
    }

    /// 2022 for `population_2022`; nil for any other column.
    static func year(ofColumn name: String) -> Int? {
        guard name.hasPrefix("population_") else { return nil }
        let digits = name.dropFirst("population_".count)
        guard digits.count == 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }
}
