import HubKit

/// Where the rows of an ONS mid-year estimates file go. Rows come grouped by area, so an area's
/// totals over sex are handed out when the next area starts (an area met again later is handed out
/// again, and the host adds the two up). County rows wait until the end: they are dropped when the
/// file has district rows, which the host already adds up to their counties.
struct MidYearTotals {
    private var currentArea: String?
    private var area = PopulationTotals()
    private var counties = PopulationTotals()
    private var countyRows = SkippedAreas()
    private var outsideRows = SkippedAreas()
    private var hasDistricts = false

    /// Counts a row of an area that is not an education authority.
    mutating func skip(_ code: String) {
        outsideRows.add(code)
    }

    /// Adds one row's populations by year; returns the records of the area it finished, if any.
    mutating func add(_ code: String, _ kind: ONSArea, age: Int, populations: [(year: Int, value: Double)],
                      line: Int) -> [PopulationRecord] {
        if kind == .county {
            countyRows.add(code)
            for (year, value) in populations {
                counties.add(area: code, year: year, age: age, population: value, line: line)
            }
            return []
        }
        if kind == .district { hasDistricts = true }
        var finished: [PopulationRecord] = []
        if code != currentArea {
            finished = area.drain()
            currentArea = code
        }
        for (year, value) in populations {
            area.add(area: code, year: year, age: age, population: value, line: line)
        }
        return finished
    }

    /// The records still held at the end of the file.
    mutating func finish() -> [PopulationRecord] {
        area.drain() + (hasDistricts ? [] : counties.drain())
    }

    /// File-level warnings about the rows left out.
    var warnings: [ImportIssue] {
        var warnings: [ImportIssue] = []
        if let outside = outsideRows.warning(ruleID: "POP-ONS-AREA-SKIPPED", reason: """
            regions, England and areas outside England are not education authorities
            """) { warnings.append(outside) }
        if hasDistricts, let counties = countyRows.warning(ruleID: "POP-ONS-COUNTY-SKIPPED", reason: """
            the file also has district (E07) rows, which the hub adds up to their counties
            """) { warnings.append(counties) }
        return warnings
    }
}
