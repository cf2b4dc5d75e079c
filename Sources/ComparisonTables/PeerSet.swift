
/// Which LAs an LA is compared with (`--peers`).
package enum PeerSet: Sendable, Equatable, CustomStringConvertible {
    case england
    case region
    case neighbours
    case group(String)

    /// Parses `england`, `region`, `neighbours` or `group:NAME`.
    package init(parsing text: String) throws {
        switch text {
        case "england": self = .england
        case "region": self = .region
        case "neighbours": self = .neighbours
        case let group where group.hasPrefix("group:") && group.count > 6: self = .group(String(group.dropFirst(6)))
        default: throw ComparisonTablesError.badPeerSet(text)
        }
    }

    package var description: String {
        switch self {
        case .england: return "england"
        case .region: return "region"
        case .neighbours: return "neighbours"
        case .group(let name): return "group:\(name)"
        }
    }
}

/// Problems a user can fix in how they asked for a comparison.
package enum ComparisonTablesError: Error, CustomStringConvertible, Equatable {
    case badPeerSet(String)
    case unknownLA(String)
    case lookup(String)

    package var description: String {
        switch self {
        case .badPeerSet(let text): return "--peers must be england, region, neighbours or group:NAME (got '\(text)')"
        case .unknownLA(let code): return "no LA '\(code)' in the register or the indicator values (3-digit DfE codes, e.g. 801)"
        case .lookup(let message): return message
        }
    }
}
