import HubKit

/// A data set the sharing agreement sets a retention period for (config `retention`; see
/// docs/governance.md, "Retention").
package enum RetainedData: String, Sendable, CaseIterable {
    /// SEN2 returns: their person-level rows, quarantine, summaries, findings and archive. Their age
    /// is counted from the return's census date.
    case sen2Returns = "sen2_returns"
    /// The validation findings stored with an import (`validation_issues`, `quarantine`), counted
    /// from the day of the import.
    case findings
    /// The sealed input files (`import_archive`), counted from the day of the import.
    case archive
    /// The files the hub wrote and registered (findings reports, reports, workbooks), counted from
    /// the day each was written.
    case outputs

    /// The rule id named when data is refused or deleted for this period.
    package var rule: String {
        switch self {
        case .sen2Returns: "RETENTION-SEN2-RETURNS"
        case .findings: "RETENTION-FINDINGS"
        case .archive: "RETENTION-ARCHIVE"
        case .outputs: "RETENTION-OUTPUTS"
        }
    }

    /// The date an item's age is counted from, in words.
    package var measuredFrom: String {
        switch self {
        case .sen2Returns: "the return's census date"
        case .findings, .archive: "the day of the import"
        case .outputs: "the day the file was written"
        }
    }
}

/// A retention period: whole years and months (`6 years`, `18 months`, `1 year 6 months`).
package struct RetentionPeriod: Sendable, Hashable, CustomStringConvertible {
    package var years: Int
    package var months: Int

    package init(years: Int = 0, months: Int = 0) {
        self.years = years
        self.months = months
    }

    /// Parses `N year(s)` and/or `N month(s)`; nil for anything else, or for a period of nothing.
    package init?(text: String) {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty, words.count % 2 == 0 else { return nil }
        var years = 0, months = 0, seen: Set<String> = []
        for index in stride(from: 0, to: words.count, by: 2) {
            guard let number = Int(words[index]), number >= 0, number <= 200 else { return nil }
            let unit = words[index + 1].hasSuffix("s") ? String(words[index + 1].dropLast()) : String(words[index + 1])
            guard seen.insert(unit).inserted else { return nil }
            switch unit {
            case "year": years = number
            case "month": months = number
            default: return nil
            }
        }
        guard years * 12 + months > 0 else { return nil }
        self.init(years: years, months: months)
    }

    package var description: String {
        func part(_ n: Int, _ unit: String) -> String? { n == 0 ? nil : "\(n) \(unit)\(n == 1 ? "" : "s")" }
        return [part(years, "year"), part(months, "month")].compactMap { $0 }.joined(separator: " ")
    }

    /// The first day that is still within the period on `today`: anything dated before it has
    /// expired. The same day of the month, clamped to the month's end (29 February -> 28th).
    package func cutoff(today: Day) -> Day {
        let (year, month, day) = today.parts
        let total = year * 12 + (month - 1) - (years * 12 + months)
        let (y, m) = (total / 12, total % 12 + 1)
        var d = day
        while Day(year: y, month: m, day: d) == nil, d > 28 { d -= 1 }
        return Day(year: y, month: m, day: d) ?? today
    }
}

/// The retention periods of the config; a data set without one is kept until deleted by hand.
package struct RetentionPolicy: Sendable, Hashable {
    package var periods: [RetainedData: RetentionPeriod]

    package init(periods: [RetainedData: RetentionPeriod] = [:]) { self.periods = periods }

    /// The first day still retained for `data` on `today`; nil when it has no period.
    package func cutoff(_ data: RetainedData, today: Day) -> Day? {
        periods[data]?.cutoff(today: today)
    }

    /// Why an item of `data` dated `date` may not be held on `today` (its period has run out), or
    /// nil when it may.
    package func expiry(_ data: RetainedData, dated date: Day, today: Day) -> String? {
        guard let period = periods[data], let cutoff = cutoff(data, today: today), date < cutoff else { return nil }
        return "dated \(date.iso), older than the retention period for \(data.rawValue) (\(period), counted from "
            + "\(data.measuredFrom); config retention.\(data.rawValue)): anything dated before \(cutoff.iso) is not held "
            + "[\(data.rule)]"
    }
}
