import Foundation

extension ScopeTable {
    /// Column names as JSON keys: `children in scope` -> `children_in_scope`.
    static func key(_ column: String) -> String {
        var key = ""
        for character in column.lowercased() {
            if character.isLetter || character.isNumber { key.append(character) } else if !key.hasSuffix("_") { key.append("_") }
        }
        while key.hasSuffix("_") { key.removeLast() }
        return key
    }

    /// The rows as JSON objects keyed by column.
    package var jsonRows: [[String: Any]] {
        rows.map { row in
            var object: [String: Any] = [:]
            for (index, column) in columns.enumerated() where index < row.count { object[Self.key(column)] = row[index].json }
            return object
        }
    }

    /// The table as CSV (RFC 4180 quoting), header first.
    package var csv: String {
        ([columns] + rows.map { $0.map(\.csvText) }).map { $0.map(Self.quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The table as aligned text for a terminal: numbers right-aligned.
    package var text: String {
        let cells = [columns] + rows.map { $0.map(\.text) }
        var widths = [Int](repeating: 0, count: columns.count)
        for row in cells { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        let lines = cells.enumerated().map { number, row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                let numeric = number > 0 && index < rows[number - 1].count && rows[number - 1][index].isNumeric
                return numeric ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return title + "\n" + lines.joined(separator: "\n") + "\n"
    }
}

extension ScopeCell {
    var isNumeric: Bool {
        switch self {
        case .count, .pounds, .share, .hidden: return true
        case .text, .empty: return false
        }
    }
}

extension ScopeReadout {
    /// Who the output is for, in words.
    package var audienceText: String {
        audience.ownLA.map { "LA \($0)'s own view: its own figures unsuppressed; do not share" }
            ?? "shared: LAs' counts of 1 to \(audience.threshold - 1), and what could recover them, show as c"
    }

    /// The on-screen summary: the options, places by LA, sensitivity, service, assumptions and coverage.
    package var text: String {
        var parts = ["Scope of a shared centre for group \(scope.assumptions.group) (\(scope.assumptions.needs.joined(separator: ", "))), "
            + "site \(scope.siteLabel), \(audienceText)\nDemand path: \(scope.demand.path.rawValue)\n"]
        parts += [cohort, optionSummary, commitments, options, sensitivity].map(\.text)
        if let service { parts.append(service.text) }
        parts += [assumptions.text, coverage.text]
        return parts.joined(separator: "\n")
    }

    /// Every table as CSV, one after another, each under a `# name` line.
    package var csv: String {
        tables.map { "# \($0.name)\r\n" + $0.csv }.joined(separator: "\r\n")
    }

    /// One JSON object: `cohort` (per LA and the group), `year_groups`, `cells`, `options` (per capacity: its
    /// `capacity`, `years` with fill and money, `break_even_year`, probabilities and places by LA),
    /// `sensitivity`, `service`, `demand_path` (the model of the demand), `assumptions` and `coverage`. Hidden figures are `"c"`.
    package var jsonObject: [String: Any] {
        var options: [[String: Any]] = []
        let yearRows = self.options.jsonRows
        for (index, option) in scope.options.enumerated() {
            var object = optionSummary.jsonRows[index]
            object["capacity"] = option.capacity
            object["break_even_year"] = option.money.breakEvenYear.map { $0 as Any } ?? NSNull()
            object["break_even_occupancy"] = option.breakEvenOccupancy.map { (($0 * 1000).rounded() / 1000) as Any } ?? NSNull()
            object["probability_85_full_year3"] = (option.probabilityNearlyFull * 1000).rounded() / 1000
            object["probability_net_saving"] = (option.probabilityNetSaving * 1000).rounded() / 1000
            var places = commitments.jsonRows[index]
            places.removeValue(forKey: "capacity")
            object["places_by_la"] = places
            object["years"] = yearRows.filter { ($0["capacity"] as? Int) == option.capacity }
            options.append(object)
        }
        var object: [String: Any] = [
            "group": scope.assumptions.group, "census": scope.cohort.period, "site": scope.siteLabel,
            "site_easting": Int(scope.site.easting), "site_northing": Int(scope.site.northing),
            "audience": audience.ownLA.map { "own:\($0)" } ?? "shared",
            "cohort": cohort.jsonRows, "year_groups": yearGroups.jsonRows, "cells": cells.jsonRows, "options": options,
            "sensitivity": sensitivity.jsonRows, "demand_path": scope.demand.path.rawValue,
            "assumptions": Self.assumptionLines(scope: scope, audience: audience).map { ["name": $0.name, "value": $0.value, "source": $0.source, "default": $0.isDefault] },
            "coverage": coverage.jsonRows,
        ]
        if let service { object["service"] = service.jsonRows }
        return object
    }

    package var json: String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
