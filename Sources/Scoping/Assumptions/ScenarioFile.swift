import Foundation
import Yams

/// A scenario file (`--scope-centre --scenario FILE`, docs/scoping.md): a name and the assumptions
/// it changes, as YAML keys named like the command's options (`conversion: 0.4`,
/// `place_cost: 30000`, `max_km: 20`, `growth: 1.08`, ...). Its result is one line of the
/// sensitivity table beside the others.
package enum ScenarioFile {
    /// The keys a scenario may set, and the option each stands for.
    static var keys: [String: WritableKeyPath<ScopeOptions, String?>] { [
        "conversion": \.conversion, "place_cost": \.placeCost, "fixed_cost": \.fixedCost, "fee": \.fee,
        "max_km": \.maxKilometres, "transport_per_km": \.transportPerKilometre, "capital": \.capital,
        "capital_years": \.capitalYears, "interest_rate": \.interestRate, "growth": \.growth,
        "from_settings": \.fromSettings,
    ] }

    /// The base options changed by the file at `path`; its `name` (else the file's name) names the scenario.
    package static func apply(path: String, to base: ScopeOptions) throws -> (options: ScopeOptions, name: String) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScopeError.badScenario(file: path, key: "(file)", message: "cannot be read: \(error.localizedDescription)")
        }
        guard text.utf8.count <= 65_536 else {
            throw ScopeError.badScenario(file: path, key: "(file)", message: "is over 64 KiB: a scenario is a few lines")
        }
        let node: Any?
        do {
            node = try Yams.load(yaml: text)
        } catch {
            throw ScopeError.badScenario(file: path, key: "(file)", message: "is not YAML: \(error)")
        }
        guard let mapping = node as? [String: Any] else {
            throw ScopeError.badScenario(file: path, key: "(file)", message: "must be a mapping of keys to values, e.g. conversion: 0.4")
        }
        var options = base
        var name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        for key in mapping.keys.sorted() {
            let value = mapping[key]!
            if key == "name" {
                name = "\(value)"
                continue
            }
            guard let keyPath = keys[key] else {
                throw ScopeError.badScenario(file: path, key: key,
                                             message: "not a scenario key (use name, \(keys.keys.sorted().joined(separator: ", ")))")
            }
            let text: String
            if let list = value as? [Any] { text = list.map { "\($0)" }.joined(separator: ",") } else { text = "\(value)" }
            options[keyPath: keyPath] = text
        }
        return (options, name)
    }
}
