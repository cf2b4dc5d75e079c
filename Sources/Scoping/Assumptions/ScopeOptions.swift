import Foundation

/// A scope's options as typed (the `hnhub scope-centre` flags, or a scenario file's keys), turned
/// into ``ScopeAssumptions`` with every value checked (docs/scoping.md, "Running a scope").
package struct ScopeOptions: Sendable, Equatable {
    package var group: String
    package var needs: String
    package var anyRank = false
    package var age: String?
    package var ncy: String?
    package var fromSettings: String?
    package var site: String?
    package var maxKilometres: String?
    package var capacity: String?
    package var conversion: String?
    package var placeCost: String?
    package var fixedCost: String?
    package var fee: String?
    package var transportPerKilometre: String?
    package var capital: String?
    package var capitalYears: String?
    package var interestRate: String?
    package var years: String?
    package var growth: String?
    package var simulations: String?
    package var seed: String?
    package var service: String?
    package var caseloadPerPractitioner: String?
    package var costPerPractitioner: String?

    package init(group: String, needs: String) {
        self.group = group
        self.needs = needs
    }

    /// SEN2 need codes (SENtype).
    package static let needCodes = ["ASD", "DS", "HI", "MLD", "MSI", "OTH", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI"]

    /// The assumptions, with `site` still to be located (``CentreSite``); throws ``ScopeError``
    /// naming the option and the value at the first bad one.
    package func assumptions() throws -> ScopeAssumptions {
        let needs = self.needs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        guard !needs.isEmpty else { throw ScopeError.noNeeds }
        if let unknown = needs.first(where: { !Self.needCodes.contains($0) }) {
            throw ScopeError.unknownNeed(unknown, known: Self.needCodes)
        }
        guard let siteText = site?.trimmingCharacters(in: .whitespaces), !siteText.isEmpty else {
            throw ScopeError.badSite("(none given)")
        }
        let site: CentreSite
        if siteText.allSatisfy(\.isNumber) {
            site = .urn(siteText)
        } else if let point = GridPoint.parse(siteText) {
            site = .point(point)
        } else {
            throw ScopeError.badSite(siteText)
        }
        var result = ScopeAssumptions(group: group, needs: Array(Set(needs)).sorted(), site: site)
        result.anyRank = anyRank
        var given: Set<String> = ["group", "needs", "site"]
        if let age {
            result.ages = try Self.range(age)
            given.insert("ages")
        } else if let ncy {
            let years = try Self.range(ncy, lowest: -4)
            result.ages = (years.lowerBound + 4)...(years.upperBound + 4)
            given.insert("ages")
        }
        guard result.ages.upperBound <= 25 else { throw ScopeError.badAges(age ?? ncy ?? "") }
        if let fromSettings {
            var selectors = Set<SettingSelector>()
            for token in fromSettings.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !token.isEmpty {
                guard let selector = SettingSelector(rawValue: token) else { throw ScopeError.unknownSetting(token) }
                selectors.insert(selector)
            }
            guard !selectors.isEmpty else { throw ScopeError.unknownSetting(fromSettings) }
            result.fromSettings = selectors
            given.insert("from_settings")
        }
        if let capacity {
            let values = capacity.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 0) <= 10_000 }) else { throw ScopeError.badCapacity(capacity) }
            result.capacities = values.map { $0! }
            given.insert("capacity")
        }
        if let conversion {
            let values = conversion.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 2) <= 1 }) else { throw ScopeError.badConversion(conversion) }
            result.conversions = values.map { $0! }
            given.insert("conversion")
        }
        func money(_ text: String?, _ option: String, _ key: String) throws -> Double? {
            guard let text else { return nil }
            guard let value = Double(text.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")),
                  value.isFinite, value >= 0, value < 1e10 else {
                throw ScopeError.badNumber(option: option, value: text, expected: "an amount of pounds (e.g. 26000)")
            }
            given.insert(key)
            return value
        }
        func number(_ text: String?, _ option: String, _ key: String, _ range: ClosedRange<Double>, _ expected: String) throws -> Double? {
            guard let text else { return nil }
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                throw ScopeError.badNumber(option: option, value: text, expected: expected)
            }
            given.insert(key)
            return value
        }
        if let value = try number(maxKilometres, "--max-km", "max_km", 0.1...1_000, "a distance in km above 0 (e.g. 30)") {
            result.maxKilometres = value
        }
        if let value = try money(placeCost, "--place-cost", "place_cost") { result.placeCost = value }
        if let value = try money(fixedCost, "--fixed-cost", "fixed_cost") { result.fixedCost = value }
        if let value = try money(fee, "--fee", "fee") { result.fallbackFee = value }
        if let value = try money(transportPerKilometre, "--transport-per-km", "transport_per_km") { result.transportPerKilometre = value }
        if let value = try money(capital, "--capital", "capital") { result.capital = value }
        if let value = try number(capitalYears, "--capital-years", "capital_years", 1...100, "a whole number of years from 1 to 100") {
            result.capitalYears = Int(value)
        }
        if let value = try number(interestRate, "--interest", "interest_rate", 0...0.5, "a yearly rate from 0 to 0.5 (e.g. 0.035)") {
            result.interestRate = value
        }
        if let value = try number(years, "--years", "years", 1...30, "a whole number of years from 1 to 30") {
            guard value == value.rounded() else { throw ScopeError.badNumber(option: "--years", value: years!, expected: "a whole number of years from 1 to 30") }
            result.years = Int(value)
        }
        if let value = try number(growth, "--growth", "demand_growth", 0.5...2, "a yearly factor from 0.5 to 2 (e.g. 1.05)") {
            result.demandGrowth = value
        }
        if let value = try number(simulations, "--simulations", "simulations", 0...100_000, "a whole number from 0 to 100000") {
            result.simulations = Int(value)
        }
        if let seed {
            guard let value = UInt64(seed) else { throw ScopeError.badNumber(option: "--seed", value: seed, expected: "a whole number") }
            result.seed = value
            given.insert("seed")
        }
        if let service {
            guard let caseload = try number(caseloadPerPractitioner, "--caseload-per-fte", "caseload_per_fte", 1...10_000,
                                            "a number of children from 1 (e.g. 10)") else { throw ScopeError.serviceNeedsCaseload }
            var assumptions = ServiceAssumptions(name: service, caseloadPerPractitioner: caseload)
            if let cost = try money(costPerPractitioner, "--cost-per-fte", "cost_per_fte") { assumptions.costPerPractitioner = cost }
            result.service = assumptions
        }
        result.given = given
        return result
    }

    /// `11-16` (or one number) as a range; both ends whole numbers, the first not above the second.
    static func range(_ text: String, lowest: Int = 0) throws -> ClosedRange<Int> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // A leading minus belongs to the first number (NCY -1 is nursery).
        let separator = trimmed.dropFirst().firstIndex(of: "-")
        let first = separator.map { String(trimmed[..<$0]) } ?? trimmed
        let second = separator.map { String(trimmed[trimmed.index(after: $0)...]) } ?? trimmed
        guard let low = Int(first.trimmingCharacters(in: .whitespaces)), let high = Int(second.trimmingCharacters(in: .whitespaces)),
              low <= high, low >= lowest, high <= 25 else { throw ScopeError.badAges(text) }
        return low...high
    }
}
