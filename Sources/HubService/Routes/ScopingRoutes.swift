import Foundation
import Hummingbird
import Scoping

/// Scoping a shared centre (`hnhub scope-centre`, docs/scoping.md) as a page with a form and an
/// API call, for the audience the policy chose: the admin any group (and any member's own view),
/// an analyst the groups of its LA with its own LA's figures unsuppressed, a group viewer its
/// group's shared view. Only members opted in to centre scoping are read (docs/governance.md).
struct ScopingRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.guarded(.get, "/scope", .page, resolve: { request, _, user in
            ScopeRequest(service.parameters(request)).isEmpty ? .signedIn : try service.scopingResource(request, user: user)
        }) { request, context, grant in
            let asked = ScopeRequest(service.parameters(request))
            guard case let .scoping(group, _) = grant.resource else {
                return service.page("Scope a centre", grant, body: service.scopePage(asked, served: nil, grant: grant))
            }
            let served = try await service.scope(asked, group: group, grant: grant, context: context)
            return service.page("Scope a centre", grant, body: service.scopePage(asked, served: served, grant: grant))
        }
        table.guarded(.get, "/api/v1/scope", .api, resolve: { request, _, user in
            try service.scopingResource(request, user: user)
        }) { request, context, grant in
            guard case let .scoping(group, _) = grant.resource else { throw ServiceError.forbidden("not a scope") }
            let served = try await service.scope(ScopeRequest(service.parameters(request)), group: group, grant: grant, context: context)
            var body = served.readout.jsonObject
            body["own_la"] = JSONBody.value(grant.audience.ownLA)
            body["left_out"] = served.leftOut
            body["purpose_notice"] = JSONBody.value(served.notice)
            return JSONBody.response(body)
        }
    }
}

extension HubService {
    /// The group a scope is of when none is named: a viewer's own, the first group of an analyst's
    /// LA, the admin's first group.
    func defaultScopeGroup(for user: UserAccount) -> String? {
        let groups = setup.config.groups
        switch user.role {
        case .groupViewer: return user.groupName
        case .analyst: return groups.keys.sorted().first { groups[$0]?.contains(user.laCode ?? "") == true }
        case .admin: return groups.keys.sorted().first
        }
    }

    /// A scoping request's resource: every value checked first (400 naming the field); `la` with
    /// `own` asks that LA's own view, and an analyst's default is its own LA's own view (`own=0`:
    /// the shared view). A group the config lacks resolves to none, which the policy refuses as a
    /// group the asker may not see.
    func scopingResource(_ request: Request, user: UserAccount) throws -> Resource {
        let parameters = self.parameters(request)
        let asked = ScopeRequest(parameters)
        try asked.check()
        let la: String?
        do {
            la = try parameters.la(fallback: nil)
        } catch let error as ServiceError where error.status == .badRequest {
            throw ServiceError.badField("la", error.detail)
        }
        let ownLA: String?
        if let own = parameters.text("own"), !parameters.flag("own") {
            guard ["0", "false", "off", "no"].contains(own.lowercased()) else {
                throw ServiceError.badField("own", "'\(own.prefix(20))' is not 1 or 0")
            }
            guard la == nil else { throw ServiceError.badField("la", "la names the LA of an own view: add own=1") }
            ownLA = nil
        } else if parameters.flag("own") {
            guard let code = la ?? (user.role == .analyst ? user.laCode : nil) else {
                throw ServiceError.badField("own", "own needs la (an LA sees only its own figures unsuppressed)")
            }
            ownLA = code
        } else if let la {
            guard user.role == .analyst && la == user.laCode else {
                throw ServiceError.badField("la", "la names the LA of an own view: add own=1")
            }
            ownLA = la
        } else {
            ownLA = user.role == .analyst ? user.laCode : nil
        }
        let name = asked.group ?? defaultScopeGroup(for: user)
        return .scoping(group: name.flatMap { setup.config.groups[$0] == nil ? nil : $0 }, ownLA: ownLA)
    }

    /// The scope for the grant's audience, computed once per figures version and kept; every
    /// scope served is in the audit log.
    func scope(_ asked: ScopeRequest, group: String?, grant: Grant, context: ServiceContext) async throws -> ServedScope {
        guard let group else {
            // Only the admin gets here for a group the config lacks (the policy refuses anyone else).
            throw ServiceError.notFound("No group '\((asked.group ?? "").prefix(60))' in the hub's config "
                + "(groups: \(setup.config.groups.keys.sorted().joined(separator: ", "))).")
        }
        let ownLA = grant.audience.ownLA
        let served = try await shelf.computed(asked.key(group: group, ownLA: ownLA), from: grant.figures) { figures in
            try await outputs(figures).scope(asked, group: group, ownLA: ownLA, storePath: setup.storePath, config: setup.config)
        }
        let readout = served.readout
        audit.record(.by(grant.user, action: "scope",
                         target: "group \(group) needs \(readout.scope.assumptions.needs.joined(separator: ",")) site \(readout.scope.siteLabel)"
                             + (ownLA.map { " (own view of LA \($0))" } ?? " (shared view)"),
                         client: context.client))
        return served
    }

    /// The form (every field labelled, with its hint) and, once asked, the scope's tables.
    func scopePage(_ asked: ScopeRequest, served: ServedScope?, grant: Grant) -> String {
        let user = grant.user
        let groups = setup.config.groups
        var html = "<h1>Scope a shared centre</h1><p>Sizes and costs a centre (or a shared specialist service) for a group's "
            + "low-incidence needs, as <code>hnhub scope-centre</code> does (docs/scoping.md): the cohort at the latest census, "
            + "who is eligible for the site, how each capacity fills year by year, fees avoided, costs and break-even over "
            + "1,000 simulations.</p>"
        let choices: [String]
        switch user.role {
        case .admin: choices = groups.keys.sorted()
        case .analyst: choices = groups.keys.sorted().filter { groups[$0]?.contains(user.laCode ?? "") == true }
        case .groupViewer: choices = user.groupName.map { [$0] } ?? []
        }
        guard !choices.isEmpty else {
            return html + "<p class=\"notice\">Your LA is in no group of the hub's config, so there is no group to scope.</p>"
        }
        let chosen = served?.readout.scope.assumptions.group ?? asked.group ?? defaultScopeGroup(for: user)
        func field(_ name: String, _ label: String, _ value: String?, hint: String, placeholder: String = "") -> String {
            "<div><label for=\"\(name)\">\(label)</label><p class=\"hint\" id=\"\(name)-hint\">\(hint)</p>"
                + "<input type=\"text\" id=\"\(name)\" name=\"\(name)\" aria-describedby=\"\(name)-hint\" value=\"\(HTMLText.escape(value ?? placeholder))\"></div>"
        }
        html += "<form method=\"get\" action=\"/scope\" class=\"scope-form\">"
        html += "<div><label for=\"group\">Group</label><select id=\"group\" name=\"group\">"
            + HTMLText.options(choices.map { ($0, "\($0) (\((groups[$0] ?? []).joined(separator: ", ")))") }, selected: chosen) + "</select></div>"
        html += field("needs", "Needs", asked.needs, hint: "SEN2 need codes, e.g. ASD,SEMH or HI,VI,MSI.")
        html += "<div><label><input type=\"checkbox\" name=\"any_rank\" value=\"1\"\(asked.anyRank ? " checked" : "")> "
            + "Needs at any rank, not only the primary need</label></div>"
        html += field("ages", "Ages", asked.ages, hint: "On the 31 August before the census, e.g. 11-16 (default 4-15).")
        html += field("from_settings", "Taken from settings", asked.fromSettings,
                      hint: "Placements a centre takes children from: \(SettingSelector.allCases.map(\.rawValue).joined(separator: ", ")) (default independent,out-of-area).")
        html += field("site", "Site", asked.site, hint: "A URN of the establishment register, or EASTING,NORTHING in metres, e.g. 365000,168000.")
        html += field("max_km", "Maximum distance (km)", asked.maxKilometres, hint: "From home to the site, straight line (default 30).")
        html += field("capacity", "Capacities", asked.capacity, hint: "Places of each option, e.g. 24,40,60 (the default).")
        html += field("conversion", "Conversion", asked.conversion,
                      hint: "Shares of eligible children taking a place, e.g. 0.3,0.5,0.7 (the default; the middle is central).")
        if user.role == .analyst {
            let view = served == nil || grant.audience.ownLA != nil ? "1" : "0"
            html += "<div><label for=\"own\">View</label><select id=\"own\" name=\"own\">"
                + HTMLText.options([("1", "Own view: your LA's figures unsuppressed"), ("0", "Shared view, as other LAs see it")], selected: view)
                + "</select></div>"
        }
        html += "<button type=\"submit\">Scope</button></form>"
        guard let served else { return html }
        let readout = served.readout
        let assumptions = readout.scope.assumptions
        html += "<h2>Scope of a centre for \(HTMLText.escape(assumptions.group)) (\(HTMLText.escape(assumptions.needs.joined(separator: ", "))))"
            + ", site \(HTMLText.escape(readout.scope.siteLabel))</h2>"
        if let own = grant.audience.ownLA {
            html += "<p class=\"notice\"><strong>Own view:</strong> LA \(HTMLText.escape(own))'s own figures are unsuppressed. "
                + "Do not share them outside the LA.</p>"
        } else {
            html += "<p class=\"notice\">Shared view: LAs' counts of 1 to \(readout.audience.threshold - 1), and what could recover them, "
                + "show as <strong>c</strong> (disclosure control).</p>"
        }
        if let notice = served.notice { html += "<p class=\"notice\">\(HTMLText.escape(notice))</p>" }
        let folded: Set<String> = ["year_groups", "cells", "options"]
        for table in readout.tables {
            let rendered = Self.scopeTable(table)
            html += folded.contains(table.name) ? "<details><summary>\(HTMLText.escape(table.title))</summary>\(rendered)</details>" : rendered
        }
        return html
    }

    static func scopeTable(_ table: ScopeTable) -> String {
        var html = "<table><caption>\(HTMLText.escape(table.title))</caption><thead><tr>"
            + table.columns.map { "<th scope=\"col\">\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in table.rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let numeric: Bool
                switch cell {
                case .count, .pounds, .share, .hidden: numeric = true
                case .text, .empty: numeric = false
                }
                html += index == 0 ? "<th scope=\"row\">\(HTMLText.escape(cell.text))</th>"
                    : "<td\(numeric ? " class=\"num\"" : "")>\(HTMLText.escape(cell.text))</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }
}
