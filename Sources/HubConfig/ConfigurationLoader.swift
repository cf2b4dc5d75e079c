import Foundation
import Governance
import Yams

extension HubConfiguration {
    /// The config file to read: `explicit`, else `$HNHUB_CONFIG`, else `config/hub.yaml` when it exists.
    package static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String? {
        if let explicit { return explicit }
        if let fromEnvironment = environment["HNHUB_CONFIG"], !fromEnvironment.isEmpty { return fromEnvironment }
        return FileManager.default.fileExists(atPath: "config/hub.yaml") ? "config/hub.yaml" : nil
    }

    /// Finds and reads the configuration as the commands do (see `locate`); the defaults when there
    /// is none. A file found in the working folder is marked `foundInWorkingFolder`.
    package static func load(explicit: String?,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HubConfiguration {
        let path = locate(explicit: explicit, environment: environment)
        var config = try load(path: path)
        let named = explicit != nil || !(environment["HNHUB_CONFIG"] ?? "").isEmpty
        config.foundInWorkingFolder = path != nil && !named
        return config
    }

    /// Reads a configuration file; nil path gives the defaults.
    package static func load(path: String?) throws -> HubConfiguration {
        guard let path else { return HubConfiguration() }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError(file: path, line: nil, key: "-", message: "cannot read the configuration file")
        }
        var config = try parse(yaml: text, file: path)
        config.sourcePath = path
        return config
    }

    /// Parses configuration YAML. Unknown keys are errors (a typo must not silently do nothing).
    package static func parse(yaml: String, file: String = "hub.yaml") throws -> HubConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { return HubConfiguration() }
            root = node
        } catch let error as YamlError {
            throw ConfigurationError(file: file, line: nil, key: "-", message: "not valid YAML: \(error)")
        }
        var reader = NodeReader(file: file)
        return try reader.configuration(root)
    }
}

/// Walks the YAML tree with line numbers for every error.
private struct NodeReader {
    let file: String

    func fail(_ node: Node?, _ key: String, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node?.mark.map { $0.line }, key: key, message: message)
    }

    func mapping(_ node: Node, _ key: String, allowed: Set<String>) throws -> [(String, Node)] {
        guard let mapping = node.mapping else { throw fail(node, key, "expected a mapping of keys to values") }
        var result: [(String, Node)] = []
        for (k, v) in mapping {
            guard let name = k.string else { throw fail(k, key, "keys must be text") }
            let path = key.isEmpty ? name : "\(key).\(name)"
            guard allowed.contains(name) else {
                throw fail(k, path, "unknown key (allowed here: \(allowed.sorted().joined(separator: ", ")))")
            }
            result.append((name, v))
        }
        return result
    }

    func string(_ node: Node, _ key: String) throws -> String {
        guard let scalar = node.scalar else { throw fail(node, key, "expected a single value") }
        return scalar.string
    }

    func int(_ node: Node, _ key: String, minimum: Int = 0) throws -> Int {
        guard let value = Int(try string(node, key)), value >= minimum else {
            throw fail(node, key, "expected a whole number of at least \(minimum)")
        }
        return value
    }

    func bool(_ node: Node, _ key: String) throws -> Bool {
        switch try string(node, key).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(node, key, "expected true or false")
        }
    }

    func stringList(_ node: Node, _ key: String) throws -> [String] {
        guard let sequence = node.sequence else { throw fail(node, key, "expected a list") }
        return try sequence.map { try string($0, key) }
    }

    mutating func configuration(_ root: Node) throws -> HubConfiguration {
        var config = HubConfiguration()
        for (name, value) in try mapping(root, "", allowed: ["database", "secret_path", "datasets", "metrics_folder", "importers_folder", "plugins", "disclosure", "input", "costs", "groups",
                                                         "retention", "purposes", "minimisation", "findings_folder"]) {
            switch name {
            case "database": config.databasePath = try string(value, name)
            case "secret_path": config.secretPath = try string(value, name)
            case "datasets": config.datasetsPath = try string(value, name)
            case "metrics_folder": config.metricsFolder = try string(value, name)
            case "importers_folder": config.importersFolder = try string(value, name)
            case "findings_folder": config.findingsFolder = try string(value, name)
            case "retention": config.retention = try retention(value)
            case "purposes": config.purposes = try purposes(value)
            case "minimisation": config.minimisation = try minimisation(value)
            case "plugins":
                for (k, v) in try mapping(value, name, allowed: ["directories", "pinning", "pins"]) {
                    let key = "plugins.\(k)"
                    switch k {
                    case "directories": config.pluginDirectories = try stringList(v, key)
                    case "pinning": config.pinning = try bool(v, key)
                    default: config.pins = try pins(v, key)
                    }
                }
            case "disclosure":
                for (k, v) in try mapping(value, name, allowed: ["threshold"]) {
                    config.suppressionThreshold = try int(v, "disclosure.\(k)", minimum: 1)
                }
            case "costs":
                for (_, bands) in try mapping(value, name, allowed: ["default_bands"]) {
                    guard let entries = bands.mapping else {
                        throw fail(bands, "costs.default_bands", "expected placement types mapped to annual costs in pounds")
                    }
                    for (k, v) in entries {
                        guard let band = k.string, !band.isEmpty else { throw fail(k, "costs.default_bands", "names must be text") }
                        guard let amount = Double(try string(v, "costs.default_bands.\(band)")), amount >= 0 else {
                            throw fail(v, "costs.default_bands.\(band)", "expected an annual cost in pounds (a number, 0 or more)")
                        }
                        config.defaultCostBands[band] = amount
                    }
                }
            case "input":
                for (k, v) in try mapping(value, name, allowed: ["max_inflate_ratio", "max_inflated_bytes"]) {
                    if k == "max_inflate_ratio" {
                        config.maxInflateRatio = try int(v, "input.\(k)", minimum: 1)
                    } else {
                        config.maxInflatedBytes = Int64(try int(v, "input.\(k)", minimum: 1))
                    }
                }
            default:
                guard let mapping = value.mapping else { throw fail(value, name, "expected group names mapped to lists of LA codes") }
                for (k, v) in mapping {
                    guard let group = k.string else { throw fail(k, name, "group names must be text") }
                    let codes = try stringList(v, "groups.\(group)")
                    for code in codes where !(code.count == 3 && code.allSatisfy(\.isNumber)) {
                        throw fail(v, "groups.\(group)", "'\(code)' is not a 3-digit LA code")
                    }
                    config.groups[group] = codes
                }
            }
        }
        return config
    }

    /// `retention:` one period per data set (docs/governance.md, "Retention").
    func retention(_ node: Node) throws -> RetentionPolicy {
        var policy = RetentionPolicy()
        for (k, v) in try mapping(node, "retention", allowed: Set(RetainedData.allCases.map(\.rawValue))) {
            let text = try string(v, "retention.\(k)")
            guard let period = RetentionPeriod(text: text), let data = RetainedData(rawValue: k) else {
                throw fail(v, "retention.\(k)", "'\(text)' is not a retention period: give years and/or months, e.g. 6 years, 18 months")
            }
            policy.periods[data] = period
        }
        return policy
    }

    /// `purposes:` each purpose with the LAs opted in (docs/governance.md, "Purposes").
    func purposes(_ node: Node) throws -> PurposeRegister {
        guard let entries = node.mapping else { throw fail(node, "purposes", "expected purpose ids mapped to their opt-ins") }
        var purposes: [Purpose] = []
        for (k, v) in entries {
            guard let id = k.string, !id.isEmpty,
                  id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw fail(k, "purposes", "a purpose id is lower-case letters, digits and hyphens (e.g. benchmarking)")
            }
            let key = "purposes.\(id)"
            var title: String?, partnership: String?, optedIn: [String]?
            for (field, value) in try mapping(v, key, allowed: ["title", "partnership", "opted_in"]) {
                switch field {
                case "title": title = try string(value, "\(key).title")
                case "partnership": partnership = try string(value, "\(key).partnership")
                default:
                    let codes = try stringList(value, "\(key).opted_in")
                    for code in codes where !(code.count == 3 && code.allSatisfy(\.isNumber)) {
                        throw fail(value, "\(key).opted_in", "'\(code)' is not a 3-digit LA code")
                    }
                    optedIn = codes
                }
            }
            guard let optedIn else {
                throw fail(v, key, "list the LAs that have opted in under opted_in (an empty list [] when none has)")
            }
            if StandardPurpose(rawValue: id) == nil && partnership == nil {
                let known = StandardPurpose.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(k, key, "not a purpose the hub knows (\(known)): for sharing with a partnership, name it with partnership:")
            }
            purposes.append(Purpose(id: id, title: title, partnership: partnership, optedIn: Set(optedIn)))
        }
        return PurposeRegister(purposes: purposes)
    }

    /// `minimisation:` the detail of birth dates and postcodes, never finer than the defaults.
    func minimisation(_ node: Node) throws -> Minimisation {
        var level = Minimisation.finest
        for (k, v) in try mapping(node, "minimisation", allowed: ["birth_date", "postcode"]) {
            let value = try string(v, "minimisation.\(k)").lowercased()
            if k == "birth_date" {
                if let refusal = Minimisation.refusal(birthDate: value) { throw fail(v, "minimisation.birth_date", refusal) }
                level.birthDate = BirthDateDetail(rawValue: value)!
            } else {
                if let refusal = Minimisation.refusal(postcode: value) { throw fail(v, "minimisation.postcode", refusal) }
                level.postcode = PostcodeDetail(rawValue: value)!
            }
        }
        return level
    }

    func pins(_ node: Node, _ key: String) throws -> [PluginPin] {
        guard let sequence = node.sequence else { throw fail(node, key, "expected a list of pins") }
        return try sequence.map { item in
            if let scalar = item.scalar { return try checkedPin(scalar.string, note: nil, item, key) }
            var sha: String?
            var note: String?
            for (k, v) in try mapping(item, key, allowed: ["sha256", "note"]) {
                if k == "sha256" { sha = try string(v, "\(key).sha256") } else { note = try string(v, "\(key).note") }
            }
            guard let sha else { throw fail(item, key, "a pin needs sha256") }
            return try checkedPin(sha, note: note, item, key)
        }
    }

    func checkedPin(_ sha: String, note: String?, _ node: Node, _ key: String) throws -> PluginPin {
        let value = sha.lowercased()
        guard value.count == 64, value.allSatisfy(\.isHexDigit) else {
            throw fail(node, key, "'\(sha)' is not a SHA-256 (64 hex digits)")
        }
        return PluginPin(sha256: value, note: note)
    }
}
