import ComparisonTables

/// Which LAs a workbook lists (`hnhub export --la X [--own] | --group G`, or neither).
package enum WorkbookScope: Sendable, Equatable {
    /// The LA, its statistical neighbours and its region's LAs: the LAs it benchmarks against.
    /// `own`: the workbook is that LA's own, with its figures unsuppressed.
    case la(String, own: Bool)
    /// A named group's members (config `groups`), with the group's total.
    case group(name: String, members: [String])
    /// Every LA with figures.
    case england

    /// The LA whose own figures are shown unsuppressed, if any.
    package var ownLA: String? {
        if case .la(let code, own: true) = self { return code }
        return nil
    }

    /// The group name and members whose total the tables show, if any.
    var group: (name: String, members: [String])? {
        if case .group(let name, let members) = self { return (name, members) }
        return nil
    }
}

/// One LA a workbook lists, and how it relates to the LA the workbook is about.
struct ScopedLA: Sendable, Equatable {
    var code: String
    /// "selected LA", "statistical neighbour", "region" (with `--la` only).
    var relation: String?
}

extension WorkbookScope {
    /// The LAs listed, in order: with `--la`, the LA, its neighbours in rank order, then the rest of
    /// its region by name; a group in the config's order; else every LA in `withFigures` by code.
    func listed(_ geography: LAGeography, withFigures: Set<String>) -> [ScopedLA] {
        switch self {
        case .la(let code, _):
            let neighbours = geography.neighbours[code] ?? []
            let region = Set(geography.regionMembers(of: code))
            var listed = [ScopedLA(code: code, relation: "selected LA")]
            for neighbour in neighbours where neighbour != code {
                listed.append(ScopedLA(code: neighbour, relation: region.contains(neighbour)
                                        ? "statistical neighbour; region" : "statistical neighbour"))
            }
            let others = region.subtracting(neighbours).subtracting([code])
                .sorted { (geography.name($0), $0) < (geography.name($1), $1) }
            listed += others.map { ScopedLA(code: $0, relation: "region") }
            return listed
        case .group(_, let members):
            var seen = Set<String>()
            return members.filter { seen.insert($0).inserted }.map { ScopedLA(code: $0, relation: nil) }
        case .england:
            return withFigures.sorted().map { ScopedLA(code: $0, relation: nil) }
        }
    }

    /// The names of the region totals shown (as ``LATable`` names regions): the LA's region; the
    /// regions of a group's members; every region with figures.
    func regionTotals(_ geography: LAGeography, tableRegions: [String]) -> [String] {
        func regionName(_ code: String) -> String? { geography.regionOf[code].map { $0.name ?? $0.code } }
        switch self {
        case .la(let code, _):
            return regionName(code).map { [$0] } ?? []
        case .group(_, let members):
            return Set(members.compactMap(regionName)).sorted()
        case .england:
            return tableRegions
        }
    }

    /// In words, for the Notes sheet.
    func summary(_ geography: LAGeography, neighboursEdition: String?) -> String {
        switch self {
        case .la(let code, let own):
            let region = geography.regionOf[code].map { $0.name ?? $0.code } ?? "its region"
            let edition = neighboursEdition.map { " (\($0) edition)" } ?? ""
            let ownText = own
                ? " LA \(code)'s own figures are shown unsuppressed: this workbook is for \(geography.name(code)) only."
                : ""
            return "LA \(code) \(geography.name(code)), its statistical neighbours\(edition) and the other LAs of \(region)."
                + ownText
        case .group(let name, let members):
            return "The group \(name): \(members.count) LAs (\(members.joined(separator: ", ")))."
        case .england:
            return "Every LA with figures."
        }
    }
}
