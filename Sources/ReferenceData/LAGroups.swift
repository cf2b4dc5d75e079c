/// Named groups of LAs from the config (e.g. a regional SEND partnership), checked against the
/// register: an unknown code is an error that names it.
package enum LAGroups {
    package struct UnknownGroup: Error, CustomStringConvertible {
        package var name: String
        package var known: [String]
        package var description: String {
            "no group named '\(name)' in the config (groups: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        }
    }

    package struct UnknownCode: Error, CustomStringConvertible {
        package var group: String
        package var code: String
        package var description: String {
            "group '\(group)' in the config: '\(code)' is not an LA code in the register (3-digit DfE codes, e.g. 801 for Bristol)"
        }
    }

    /// The members of `name`, every code checked against `knownCodes` (skipped when it is empty,
    /// i.e. no register loaded).
    package static func members(of name: String, in groups: [String: [String]], knownCodes: Set<String>) throws -> [String] {
        guard let members = groups[name] else { throw UnknownGroup(name: name, known: groups.keys.sorted()) }
        if !knownCodes.isEmpty, let unknown = members.first(where: { !knownCodes.contains($0) }) {
            throw UnknownCode(group: name, code: unknown)
        }
        return members
    }
}
