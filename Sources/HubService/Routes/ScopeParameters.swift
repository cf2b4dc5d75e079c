import ComparisonTables
import Foundation
import Hummingbird
import ReferenceData

/// Reading the parameters that name LAs, groups, periods and peers, the same way for pages and the
/// API: a malformed value is 400, an unknown LA or group 404, before the policy is asked.
struct ScopeParameters {
    let request: Request
    let figures: HubFigures
    let groups: [String: [String]]

    func text(_ name: String) -> String? {
        guard let value = request.uri.queryParameters[Substring(name)] else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    func flag(_ name: String) -> Bool {
        ["1", "true", "on", "yes"].contains(text(name)?.lowercased() ?? "")
    }

    /// `la`, checked: 3 digits and known to the hub; `fallback` when absent.
    func la(fallback: String?) throws -> String? {
        guard let code = text("la") else { return fallback }
        guard code.count == 3, code.allSatisfy(\.isASCIIDigit) else {
            throw ServiceError.badRequest("la takes a 3-digit DfE LA code, e.g. 801 (got '\(code.prefix(20))')")
        }
        guard figures.knows(la: code) else { throw ServiceError.notFound("No LA '\(code)' in the register or the figures.") }
        return code
    }

    /// `group`, checked against the config.
    func group() throws -> String? {
        guard let name = text("group") else { return nil }
        guard groups[name] != nil else {
            throw ServiceError.notFound("No group '\(name.prefix(60))' in the hub's config (groups: \(groups.keys.sorted().joined(separator: ", "))).")
        }
        return name
    }

    /// `period`, one the figures have.
    func period() throws -> String? {
        guard let period = text("period") else { return nil }
        guard figures.periods.contains(period) else {
            throw ServiceError.badRequest("No figures for period '\(period.prefix(20))' (periods: \(figures.periods.prefix(8).joined(separator: ", "))).")
        }
        return period
    }

    /// `peers`: england, region, neighbours or group:NAME (a config group).
    func peers(fallback: PeerSet) throws -> PeerSet {
        guard let text = text("peers") else { return fallback }
        let peers: PeerSet
        do { peers = try PeerSet(parsing: text) } catch { throw ServiceError.badRequest("\(error)") }
        if case .group(let name) = peers, groups[name] == nil {
            throw ServiceError.notFound("No group '\(name.prefix(60))' in the hub's config.")
        }
        return peers
    }

    /// The figure scope a report, workbook or indicator list asks for: `la` (with `own`), `group`,
    /// or neither (every LA); a group viewer's default is their group.
    func figureScope(for user: UserAccount) throws -> FigureScope {
        let la = try self.la(fallback: nil)
        let group = try self.group()
        if la != nil && group != nil { throw ServiceError.badRequest("Give la or group, not both.") }
        if flag("own") && la == nil { throw ServiceError.badRequest("own needs la (an LA sees only its own figures unsuppressed).") }
        if let la { return .la(la, own: flag("own")) }
        if let group { return .group(group) }
        if user.role == .groupViewer, let name = user.groupName { return .group(name) }
        return .hub
    }

    /// The LA a page is about when none is named: an analyst's own, a group's first member, else
    /// the first LA with figures.
    static func defaultLA(for user: UserAccount, figures: HubFigures, groups: [String: [String]]) -> String? {
        switch user.role {
        case .analyst: return user.laCode
        case .groupViewer: return user.groupName.flatMap { groups[$0]?.first }
        case .admin: return figures.choosableLAs.first?.code
        }
    }

    /// The comparison a compare page or call asks for.
    func comparison(for user: UserAccount) throws -> Resource {
        guard let la = try la(fallback: Self.defaultLA(for: user, figures: figures, groups: groups)) else {
            throw ServiceError.notFound("No LA has figures yet; import returns first.")
        }
        let fallbackPeers: PeerSet = user.role == .groupViewer ? .group(user.groupName ?? "") : .neighbours
        return .comparison(la: la, own: flag("own"), peers: try peers(fallback: fallbackPeers))
    }
}
