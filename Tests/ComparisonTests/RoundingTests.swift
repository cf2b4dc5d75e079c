import ComparisonTables
import Foundation
import Testing

/// One rounding rule for every figure shown to people, half away from zero as the DfE rounds, and
/// full precision in CSV and JSON (docs/rounding.md).
@Suite struct RoundingTests {
    @Test func halfWayRoundsAwayFromZero() {
        #expect(NumberText.fixed(6.25, places: 1) == "6.3")
        #expect(NumberText.fixed(-6.25, places: 1) == "-6.3")
        #expect(NumberText.fixed(6.35, places: 1) == "6.4")      // not to even
        #expect(NumberText.fixed(0.05, places: 1) == "0.1")
        #expect(NumberText.fixed(0.04, places: 1) == "0.0")
        #expect(NumberText.fixed(-0.04, places: 1) == "0.0")     // no "-0.0"
        #expect(NumberText.fixed(9.96, places: 1) == "10.0")
        #expect(NumberText.fixed(99.5, places: 0) == "100")
        #expect(NumberText.fixed(1e-7, places: 1) == "0.0")
        #expect(NumberText.fixed(1.5e20, places: 0) == "150000000000000000000")
    }

    /// 2.675 is stored as 2.67499999999999982236431605997495353221893310546875: the rule reads the
    /// value as written in decimal, as a person (or a spreadsheet) sees it.
    @Test func theValueIsRoundedAsWrittenInDecimal() {
        #expect(NumberText.fixed(2.675, places: 2) == "2.68")
        #expect(NumberText.fixed(1.005, places: 2) == "1.01")
        #expect(NumberText.fixed(10.0 / 160 * 100, places: 1) == "6.3")
    }

    @Test func thousandsAreGroupedOnRequest() {
        #expect(NumberText.fixed(1_234_567.25, places: 1, grouped: true) == "1,234,567.3")
        #expect(NumberText.fixed(999.96, places: 1, grouped: true) == "1,000.0")
        #expect(NumberText.fixed(-45_600, places: 0, grouped: true) == "-45,600")
    }

    @Test func textDropsTheDecimalsOfWholeNumbersAndMachinesGetEveryDigit() {
        #expect(NumberText.text(35) == "35")
        #expect(NumberText.text(6.25) == "6.3")
        #expect(NumberText.machine(35) == "35")
        #expect(NumberText.machine(6.25) == "6.25")
        #expect(NumberText.machine(100.0 / 3) == "33.333333333333336")
    }
}
