import Foundation
import HubStore
import Hummingbird
import Report

/// The start page (what the signed-in person can do), the stylesheet and the audit page.
struct HomeRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.open(.get, "/static/hub.css", .page) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        table.guarded(.get, "/", .page, resolve: { _, _, _ in .signedIn }) { _, _, grant in
            service.page("Start", grant, body: service.startPage(grant))
        }
        table.guarded(.get, "/audit", .page, resolve: { _, _, _ in .administration }) { _, _, grant in
            let entries = try service.store.read { try ServiceAudit(database: $0).newest(limit: 200) }
            var body = "<h1>Audit log</h1><p class=\"hint\">The newest 200 entries; <code>hnhub audit</code> lists and filters them all.</p>"
            body += "<table><caption>Who did what, newest first</caption><thead><tr><th scope=\"col\">time (UTC)</th><th scope=\"col\">user</th>"
                + "<th scope=\"col\">role</th><th scope=\"col\">LA or group</th><th scope=\"col\">action</th><th scope=\"col\">what</th>"
                + "<th scope=\"col\">outcome</th><th scope=\"col\">client</th></tr></thead><tbody>"
            for e in entries {
                body += "<tr>" + [e.at, e.username ?? "", e.role ?? "", e.laCode ?? "", e.action, e.target ?? "", e.outcome, e.client ?? ""]
                    .map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>"
            }
            body += "</tbody></table>"
            return service.page("Audit log", grant, body: body)
        }
    }
}

extension HubService {
    /// A page of the hub for the grant's user.
    func page(_ title: String, _ grant: Grant, body: String, status: HTTPResponse.Status = .ok, refreshSeconds: Int? = nil) -> Response {
        Responses.html(PageLayout.document(title: title, signedIn: .init(user: grant.user, csrfToken: grant.csrfToken), body: body,
                                           refreshSeconds: refreshSeconds), status: status)
    }

    func startPage(_ grant: Grant) -> String {
        let figures = shelf.figures
        let user = grant.user
        var html = "<h1>High Needs Hub</h1>"
        switch user.role {
        case .analyst:
            let code = user.laCode ?? ""
            let returns = figures.returnsHeld.filter { $0.laCode == code }
            html += "<p>Signed in as an analyst of <strong>\(HTMLText.escape(figures.geography.name(code))) (\(HTMLText.escape(code)))</strong>. "
                + "You see your LA's returns, findings and own figures unsuppressed; other LAs' figures under disclosure control.</p>"
            html += "<h2>Your LA's returns</h2>"
            html += returns.isEmpty ? "<p>No return of your LA is held yet. <a href=\"/upload\">Upload one</a>.</p>"
                : "<ul>" + returns.map { r in
                    "<li><a href=\"/returns/\(r.importID)\">\(r.collectionYear) return</a>: \(r.persons) persons, "
                        + "\(r.quarantined) quarantined, \(r.errors) errors, \(r.warnings) warnings</li>"
                }.joined() + "</ul>"
            html += "<h2>Figures</h2><ul><li><a href=\"/compare?la=\(code)&amp;own=1\">Compare your LA with its neighbours (own view)</a></li>"
                + "<li><a href=\"/report?la=\(code)&amp;own=1\">Your LA's benchmarking report (own view)</a></li>"
                + "<li><a href=\"/downloads\">Downloads</a> (workbook, CSV)</li></ul>"
        case .groupViewer:
            let name = user.groupName ?? ""
            let members = setup.config.groups[name] ?? []
            html += "<p>Signed in as a viewer of <strong>\(HTMLText.escape(name))</strong>: "
                + HTMLText.escape(members.map { "\(figures.geography.name($0)) (\($0))" }.joined(separator: ", "))
                + ". Figures are shown under disclosure control (counts of 1 to \(setup.config.suppressionThreshold - 1) as c).</p>"
            let query = "group=" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            html += "<ul><li><a href=\"/report?\(query)\">The group's benchmarking report</a></li>"
                + "<li><a href=\"/compare\">Compare a member with the group</a></li>"
                + "<li><a href=\"/downloads/workbook.xlsx?\(query)\">The group's workbook (.xlsx)</a></li></ul>"
        case .admin:
            html += "<p>Signed in as the hub's admin: every LA's returns, findings and unsuppressed figures.</p>"
            html += "<p>The hub holds \(figures.returnsHeld.count) current SEN2 returns of "
                + "\(Set(figures.returnsHeld.map(\.laCode)).count) LAs.</p>"
            html += "<ul><li><a href=\"/returns\">Returns and findings</a></li><li><a href=\"/upload\">Upload a return or reference data</a></li>"
                + "<li><a href=\"/compare\">Compare</a></li><li><a href=\"/report\">Report on every LA</a></li>"
                + "<li><a href=\"/audit\">Audit log</a></li></ul>"
        }
        return html
    }
}
