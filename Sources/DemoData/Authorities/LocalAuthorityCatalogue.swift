import Foundation

/// The local authorities the generator can write returns for.
///
/// Reads the project's `Datasets/local_authorities.csv` (`la_code,e_code,name,region_code,...,status`,
/// live rows only) when it is there; otherwise knows the ten South West authorities of
/// ``southWest`` only. Either way those ten come first, so `--las 3` always means Bath and North
/// East Somerset, Bristol and North Somerset. The ONS district lookup beside the list
/// (`ons_ltla_to_utla.csv`) gives the districts of shire counties, for the ONS population layout.
package struct LocalAuthorityCatalogue: Sendable {
    /// Every authority, the ten defaults first, then the rest by code.
    package let authorities: [LocalAuthority]
    /// Where the list came from: a file path, or `built-in`.
    package let origin: String
    /// The districts of shire counties (ONS lower-tier areas of each E10 county).
    package let districts: DistrictLookup

    /// The path the project keeps its authority list at, relative to the package root.
    package static let defaultPath = "Datasets/local_authorities.csv"

    /// Ten real South West authorities, used first and when no list file is found.
    package static let southWest: [LocalAuthority] = [
        ("800", "Bath and North East Somerset", "E06000022"), ("801", "Bristol, City of", "E06000023"),
        ("802", "North Somerset", "E06000024"), ("803", "South Gloucestershire", "E06000025"),
        ("866", "Swindon", "E06000030"), ("865", "Wiltshire", "E06000054"), ("908", "Cornwall", "E06000052"),
        ("878", "Devon", "E10000008"), ("879", "Plymouth", "E06000026"), ("880", "Torbay", "E06000027"),
    ].map { LocalAuthority(code: $0.0, name: $0.1, regionCode: "E12000009", eCode: $0.2) }

    package init(authorities: [LocalAuthority], origin: String, districts: DistrictLookup = .builtIn) {
        let defaults = Self.southWest.map { code in authorities.first { $0.code == code.code } ?? code }
        let others = authorities.filter { la in !defaults.contains { $0.code == la.code } }
            .sorted { $0.code < $1.code }
        self.authorities = defaults + others
        self.origin = origin
        self.districts = districts
    }

    /// The built-in ten.
    package static let builtIn = LocalAuthorityCatalogue(authorities: southWest, origin: "built-in")

    /// Reads `path` when it exists (the live authorities in it), else the built-in ten.
    package static func load(path: String = defaultPath) throws -> LocalAuthorityCatalogue {
        guard FileManager.default.fileExists(atPath: path) else { return builtIn }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map { CSVLine.fields(String($0)) }
        guard !lines.isEmpty else { return builtIn }
        let header = lines.removeFirst()
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw DemoDataError.badAuthorityList(path: path, reason: "no column \(name)")
            }
            return index
        }
        let code = try column("la_code"), name = try column("name"), region = try column("region_code")
        let status = header.firstIndex(of: "status"), eCode = header.firstIndex(of: "e_code")
        let authorities = lines.compactMap { row -> LocalAuthority? in
            guard row.count > max(code, name, region) else { return nil }
            if let status, status < row.count, row[status] != "live" { return nil }
            guard row[code].count == 3, row[code].allSatisfy(\.isNumber) else { return nil }
            let area = eCode.flatMap { $0 < row.count && !row[$0].isEmpty ? row[$0] : nil }
            return LocalAuthority(code: row[code], name: row[name], regionCode: row[region], eCode: area)
        }
        guard !authorities.isEmpty else {
            throw DemoDataError.badAuthorityList(path: path, reason: "no live authorities")
        }
        let lookup = ((path as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent(DistrictLookup.fileName)
        return LocalAuthorityCatalogue(authorities: authorities, origin: path,
                                       districts: try DistrictLookup.load(path: lookup) ?? .builtIn)
    }

    /// The first `count` authorities (the ten defaults first).
    package func first(_ count: Int) throws -> [LocalAuthority] {
        guard count >= 1, count <= authorities.count else {
            throw DemoDataError.tooManyAuthorities(requested: count, available: authorities.count, origin: origin)
        }
        return Array(authorities.prefix(count))
    }

    /// The authorities with these codes, in the order given.
    package func named(_ codes: [String]) throws -> [LocalAuthority] {
        try codes.map { code in
            guard let found = authorities.first(where: { $0.code == code }) else {
                throw DemoDataError.unknownAuthority(code: code, origin: origin)
            }
            return found
        }
    }

    /// Parses `--las`: a count (`5`) or a comma-separated list of codes (`800,801`, or `908` for
    /// one). Counts and codes cannot be confused: there are at most 153 authorities and every LA
    /// number is 201 or more.
    package func select(_ text: String) throws -> [LocalAuthority] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let count = Int(trimmed), count <= max(authorities.count, 200) { return try first(count) }
        return try named(trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Up to `count` other authorities of the same region, nearest by position in the catalogue
    /// (alternately after and before): where out-of-area placements, transfers and moves go.
    package func neighbours(of authority: LocalAuthority, count: Int = 3) -> [LocalAuthority] {
        var region = authorities.filter { $0.regionCode == authority.regionCode }
        if region.count < 2 { region = authorities }
        guard let index = region.firstIndex(of: authority), region.count > 1 else { return [] }
        var found: [LocalAuthority] = []
        var step = 1
        while found.count < min(count, region.count - 1) {
            for candidate in [index + step, index - step] where found.count < count {
                let wrapped = ((candidate % region.count) + region.count) % region.count
                let la = region[wrapped]
                if la != authority, !found.contains(la) { found.append(la) }
            }
            step += 1
        }
        return found
    }
}

extension LocalAuthorityCatalogue {
    /// Up to `count` authorities that are not in `group`, nearest to `authority` (same region
    /// first, by position in the catalogue; then any other): where independent schools outside a
    /// partnership are. Empty when the group holds every authority.
    package func outside(_ group: [LocalAuthority], near authority: LocalAuthority, count: Int = 2) -> [LocalAuthority] {
        let members = Set(group.map(\.code))
        let candidates = neighbours(of: authority, count: authorities.count)
            + authorities.filter { $0.regionCode != authority.regionCode }
        var found: [LocalAuthority] = []
        for candidate in candidates where !members.contains(candidate.code) && !found.contains(candidate) {
            found.append(candidate)
            if found.count == count { break }
        }
        return found
    }
}

/// Splits one CSV line into fields, honouring double quotes.
enum CSVLine {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case "\"" where quoted:
                // A doubled quote inside quotes is one quote; a single one ends the quoted part.
                var lookahead = iterator
                if lookahead.next() == "\"" { field.append("\""); iterator = lookahead } else { quoted = false }
            case "\"": quoted = true
            case "," where !quoted: fields.append(field); field = ""
            case "\r": break
            default: field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
