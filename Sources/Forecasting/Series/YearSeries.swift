import Foundation

/// One area's figure at each census year (see ``CensusYear``), e.g. an LA's EHCP caseload.
package struct YearSeries: Sendable, Equatable {
    package private(set) var values: [Int: Double]

    package init(_ values: [Int: Double] = [:]) {
        self.values = values
    }

    package subscript(year: Int) -> Double? {
        get { values[year] }
        set { values[year] = newValue }
    }

    package var years: [Int] { values.keys.sorted() }
    package var firstYear: Int? { values.keys.min() }
    package var lastYear: Int? { values.keys.max() }
    package var isEmpty: Bool { values.isEmpty }

    /// The series as it was known at `origin`: nothing after it. Every method and every error a
    /// backtest uses at that origin sees only this.
    package func through(_ origin: Int) -> YearSeries {
        YearSeries(values.filter { $0.key <= origin })
    }

    /// The year-on-year growth factors (this year / last year) of the years `year - count + 1 ... year`
    /// whose previous year has a positive value, oldest first.
    package func growthFactors(endingAt year: Int, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        return ((year - count + 1)...year).compactMap { y in
            guard let now = values[y], let before = values[y - 1], before > 0, now >= 0 else { return nil }
            return now / before
        }
    }

    /// The geometric mean of ``growthFactors(endingAt:count:)``, or nil when there is none.
    package func meanGrowth(endingAt year: Int, count: Int) -> Double? {
        let factors = growthFactors(endingAt: year, count: count)
        guard !factors.isEmpty, factors.allSatisfy({ $0 > 0 }) else { return nil }
        return Foundation.pow(factors.reduce(1, *), 1 / Double(factors.count))
    }
}
