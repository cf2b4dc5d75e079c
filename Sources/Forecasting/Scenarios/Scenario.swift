import Foundation
import Yams

/// A named set of mitigations read from a YAML file (`hnhub forecast --scenario FILE`); the layout
/// is in docs/forecasting.md ("Scenarios"). Every mitigation is checked when the file is read: a
/// wrong value is an error that names the file, line and field, before anything is forecast.
package struct Scenario: Sendable, Equatable {
    package var name: String
    package var mitigations: [FlowAdjustment]

    package init(name: String, mitigations: [FlowAdjustment]) {
        self.name = name
        self.mitigations = mitigations
    }

    package static func load(path: String) throws -> Scenario {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScenarioError(file: path, line: nil, field: "-", message: "cannot read the scenario file")
        }
        return try parse(yaml: text, file: path)
    }

    package static func parse(yaml: String, file: String) throws -> Scenario {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ScenarioError(file: file, line: nil, field: "-", message: "the file is empty")
            }
            root = node
        } catch let error as YamlError {
            // libyaml's own message, with the line and column it stopped at.
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw ScenarioError(file: file, line: mark.line, field: "column \(mark.column)",
                                    message: "not valid YAML: \(problem); check the brackets, quotes and indentation there")
            default:
                throw ScenarioError(file: file, line: nil, field: "-", message: "not valid YAML: \(error)")
            }
        }
        return try ScenarioReader(file: file).scenario(root)
    }
}

/// A scenario file that cannot be used, with where and why.
package struct ScenarioError: Error, CustomStringConvertible, Equatable {
    package var file: String
    package var line: Int?
    package var field: String
    package var message: String

    package var description: String {
        "scenario \(file)\(line.map { " line \($0)" } ?? ""), \(field): \(message)"
    }
}

/// Walks the YAML tree, every error with its line and field.
struct ScenarioReader {
    let file: String

    static let changes = ["requests", "joiners", "leavers"]
    static let mitigationKeys: Set<String> = ["name", "change", "multiplier", "redirect", "needs", "ages", "las", "start", "ramp_years"]

    func fail(_ node: Node?, _ field: String, _ message: String) -> ScenarioError {
        ScenarioError(file: file, line: node?.mark.map { $0.line }, field: field, message: message)
    }

    func mapping(_ node: Node, _ field: String, allowed: Set<String>) throws -> [String: Node] {
        guard let mapping = node.mapping else { throw fail(node, field, "expected a mapping of keys to values") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw fail(key, field, "keys must be text") }
            guard allowed.contains(name) else {
                throw fail(key, field.isEmpty ? name : "\(field).\(name)",
                           "unknown key (allowed here: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[name] = value
        }
        return result
    }

    func text(_ node: Node, _ field: String) throws -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else { throw fail(node, field, "expected a value") }
        return scalar.string
    }

    func number(_ node: Node, _ field: String) throws -> Double {
        let value = try text(node, field)
        guard let number = Double(value), number.isFinite else { throw fail(node, field, "'\(value)' is not a number") }
        return number
    }

    func list(_ node: Node, _ field: String) throws -> [(String, Node)] {
        if let sequence = node.sequence { return try sequence.map { (try text($0, field), $0) } }
        return [(try text(node, field), node)]
    }

    func scenario(_ root: Node) throws -> Scenario {
        let top = try mapping(root, "", allowed: ["name", "mitigations"])
        guard let nameNode = top["name"] else { throw fail(root, "name", "missing: the scenario's name (it labels the mitigated figures)") }
        let name = try text(nameNode, "name")
        guard let list = top["mitigations"], let items = list.sequence, !items.isEmpty else {
            throw fail(top["mitigations"] ?? root, "mitigations", "expected a list of at least one mitigation")
        }
        return Scenario(name: name, mitigations: try items.enumerated().map { try mitigation($1, "mitigations[\($0 + 1)]") })
    }

    func mitigation(_ node: Node, _ field: String) throws -> FlowAdjustment {
        let keys = try mapping(node, field, allowed: Self.mitigationKeys)
        guard let nameNode = keys["name"] else { throw fail(node, "\(field).name", "missing: every mitigation needs a name") }
        let name = try text(nameNode, "\(field).name")
        let at = "\(field) (\(name))"
        let target: FlowAdjustment.Target
        switch (keys["change"], keys["redirect"]) {
        case let (change?, nil):
            let kind = try text(change, "\(at).change")
            guard let multiplierNode = keys["multiplier"] else {
                throw fail(change, "\(at).multiplier", "missing: a change needs a multiplier (0.9 = 10% fewer)")
            }
            let multiplier = try number(multiplierNode, "\(at).multiplier")
            guard multiplier >= 0 else {
                throw fail(multiplierNode, "\(at).multiplier", "\(multiplier) is negative: a multiplier is 0 or more (1 = no change)")
            }
            switch kind {
            case "requests": target = .requests(multiplier: multiplier)
            case "joiners": target = .joiners(multiplier: multiplier)
            case "leavers": target = .leavers(multiplier: multiplier)
            default:
                throw fail(change, "\(at).change", "'\(kind)' is not one of \(Self.changes.joined(separator: ", "))")
            }
        case let (nil, redirect?):
            if let extra = keys["multiplier"] { throw fail(extra, "\(at).multiplier", "a redirect has a share, not a multiplier") }
            let fields = try mapping(redirect, "\(at).redirect", allowed: ["from", "to", "share", "capacity"])
            func setting(_ key: String) throws -> FlowSetting {
                guard let node = fields[key] else { throw fail(redirect, "\(at).redirect.\(key)", "missing: the setting group") }
                let value = try text(node, "\(at).redirect.\(key)")
                guard let setting = FlowSetting(rawValue: value) else {
                    throw fail(node, "\(at).redirect.\(key)",
                               "'\(value)' is not a setting group (one of \(FlowSetting.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return setting
            }
            let from = try setting("from"), to = try setting("to")
            guard from != to else { throw fail(redirect, "\(at).redirect.to", "the same group as from") }
            guard let shareNode = fields["share"] else {
                throw fail(redirect, "\(at).redirect.share", "missing: the share of new placements redirected (0-1)")
            }
            let share = try number(shareNode, "\(at).redirect.share")
            guard (0...1).contains(share) else { throw fail(shareNode, "\(at).redirect.share", "\(share) is not between 0 and 1") }
            var capacity: Int?
            if let capacityNode = fields["capacity"] {
                let value = try text(capacityNode, "\(at).redirect.capacity")
                guard let places = Int(value), places >= 0 else {
                    throw fail(capacityNode, "\(at).redirect.capacity", "'\(value)' is not a whole number of places (0 or more)")
                }
                capacity = places
            }
            target = .redirect(from: from, to: to, share: share, capacity: capacity)
        case (nil, nil):
            throw fail(node, "\(at).change", "missing: give change (requests, joiners or leavers) with a multiplier, or redirect")
        case (_?, _?):
            throw fail(node, "\(at).redirect", "give change or redirect, not both")
        }
        var needs: Set<Int>?
        if let needNode = keys["needs"] {
            needs = try Set(list(needNode, "\(at).needs").map { code, item in
                guard PrimaryNeed.codes.contains(code.uppercased()) else {
                    throw fail(item, "\(at).needs", "'\(code)' is not a primary need (one of \(PrimaryNeed.codes.joined(separator: ", ")))")
                }
                return PrimaryNeed.position(code)
            })
        }
        var ages: ClosedRange<Int>?
        if let ageNode = keys["ages"] {
            let value = try text(ageNode, "\(at).ages")
            let parts = value.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count <= 2, let low = parts.first ?? nil, let high = parts.last ?? nil, low <= high, low >= 0, high <= 25 else {
                throw fail(ageNode, "\(at).ages", "'\(value)' is not an age range within 0-25 such as 11-16")
            }
            ages = low...high
        }
        var las: Set<String>?
        if let laNode = keys["las"] {
            las = try Set(list(laNode, "\(at).las").map { code, item in
                guard code.count == 3, code.allSatisfy(\.isNumber) else {
                    throw fail(item, "\(at).las", "'\(code)' is not a 3-digit LA code")
                }
                return code
            })
        }
        guard let startNode = keys["start"] else {
            throw fail(node, "\(at).start", "missing: the year it starts (it first shows at the next January census)")
        }
        let startText = try text(startNode, "\(at).start")
        guard let start = Int(startText), (2000...2100).contains(start) else {
            throw fail(startNode, "\(at).start", "'\(startText)' is not a year such as 2027")
        }
        var ramp = 0
        if let rampNode = keys["ramp_years"] {
            let value = try text(rampNode, "\(at).ramp_years")
            guard let years = Int(value), years >= 0 else { throw fail(rampNode, "\(at).ramp_years", "'\(value)' is not 0 or more years") }
            ramp = years
        }
        return FlowAdjustment(name: name, target: target, needs: needs, ages: ages, las: las, start: start, rampYears: ramp)
    }
}
