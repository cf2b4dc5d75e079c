import Foundation

/// The local authorities the generator can write returns for.
///
/// Reads the project's `Datasets/local_authorities.csv` (`la_code,e_code,name,region_code,...,status`,
/// live rows only) when it is there; otherwise knows the ten South West authorities of
/// ``southWest`` only. Either way those ten come first, so `--las 3` always means Bath and North
/// East Somerset, Bristol and North Somerset.
public struct LocalAuthorityCatalogue: Sendable {
    /// Every authority, the ten defaults first, then the rest by code.
    public let authorities: [LocalAuthority]
    /// Where the list came from: a file path, or `built-in`.
    public let origin: String

    /// The path the project keeps its authority list at, relative to the package root.
    public static let defaultPath = "Datasets/local_authorities.csv"

    /// Ten real South West authorities, used first and when no list file is found.
    public static let southWest: [LocalAuthority] = [
        ("800", "Bath and North East Somerset"), ("801", "Bristol, City of"), ("802", "North Somerset"),
        ("803", "South Gloucestershire"), ("866", "Swindon"), ("865", "Wiltshire"), ("908", "Cornwall"),
        ("878", "Devon"), ("879", "Plymouth"), ("880", "Torbay"),
    ].map { LocalAuthority(code: $0.0, name: $0.1, regionCode: "E12000009") }

    public init(authorities: [LocalAuthority], origin: String) {
        let defaults = Self.southWest.map { code in authorities.first { $0.code == code.code } ?? code }
        let others = authorities.filter { la in !defaults.contains { $0.code == la.code } }
            .sorted { $0.code < $1.code }
        self.authorities = defaults + others
        self.origin = origin
    }

    /// The built-in ten.
    public static let builtIn = LocalAuthorityCatalogue(authorities: southWest, origin: "built-in")

    /// Reads `path` when it exists (the live authorities in it), else the built-in ten.
    public static func load(path: String = defaultPath) throws -> LocalAuthorityCatalogue {
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
        let status = header.firstIndex(of: "status")
        let authorities = lines.compactMap { row -> LocalAuthority? in
            guard row.count > max(code, name, region) else { return nil }
            if let status, status < row.count, row[status] != "live" { return nil }
            guard row[code].count == 3, row[code].allSatisfy(\.isNumber) else { return nil }
            return LocalAuthority(code: row[code], name: row[name], regionCode: row[region])
        }
        guard !authorities.isEmpty else {
            throw DemoDataError.badAuthorityList(path: path, reason: "no live authorities")
        }
        return LocalAuthorityCatalogue(authorities: authorities, origin: path)
    }

    /// The first `count` authorities (the ten defaults first).
    public func first(_ count: Int) throws -> [LocalAuthority] {
        guard count >= 1, count <= authorities.count else {
            throw DemoDataError.tooManyAuthorities(requested: count, available: authorities.count, origin: origin)
        }
        return Array(authorities.prefix(count))
    }

    /// The authorities with these codes, in the order given.
    public func named(_ codes: [String]) throws -> [LocalAuthority] {
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
    public func select(_ text: String) throws -> [LocalAuthority] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let count = Int(trimmed), count <= max(authorities.count, 200) { return try first(count) }
        return try named(trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Up to `count` other authorities of the same region, nearest by position in the catalogue
    /// (alternately after and before): where out-of-area placements, transfers and moves go.
    public func neighbours(of authority: LocalAuthority, count: Int = 3) -> [LocalAuthority] {
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
