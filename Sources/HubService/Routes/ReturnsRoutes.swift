import Exports
import Foundation
import HubStore
import Hummingbird

/// The returns an LA has sent, and each one's validation findings and quarantine (person-level:
/// the LA's own users and the admin only).
struct ReturnsRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.guarded(.get, "/returns", .page, resolve: { request, _, user in
            try service.returnsResource(request, user: user)
        }) { _, _, grant in
            guard case .returns(let la) = grant.resource else { throw ServiceError.forbidden("not a list of returns") }
            return service.page("Returns", grant, body: try service.returnsPage(la: la, grant: grant))
        }
        table.guarded(.get, "/returns/{id}", .page, resolve: { _, context, _ in
            try service.findingsResource(importID: context.parameters.get("id"))
        }) { _, context, grant in
            let id = try service.importID(context)
            guard let findings = try service.store.read({ try ImportFindings.load($0, importID: id, perRule: 50) }) else {
                throw ServiceError.notFound("No import #\(id).")
            }
            service.audit.record(.by(grant.user, action: "view-findings", target: "import #\(id)", client: context.client))
            return service.page("Findings of import #\(id)", grant, body: service.findingsPage(findings))
        }
        table.guarded(.get, "/returns/{id}/findings.csv", .page, resolve: { _, context, _ in
            try service.findingsResource(importID: context.parameters.get("id"))
        }) { _, context, grant in
            let id = try service.importID(context)
            guard let findings = try service.store.read({ try ImportFindings.load($0, importID: id, perRule: nil) }) else {
                throw ServiceError.notFound("No import #\(id).")
            }
            service.audit.record(.by(grant.user, action: "download", target: "findings of import #\(id) (csv)", client: context.client))
            return Responses.file(Array(service.findingsCSV(findings).utf8), contentType: "text/csv; charset=utf-8",
                                  fileName: "findings-import-\(id).csv")
        }
    }
}

extension HubService {
    /// `/returns?la=`: an analyst's own LA by default, every LA for an admin.
    func returnsResource(_ request: Request, user: UserAccount) throws -> Resource {
        let parameters = ScopeParameters(request: request, figures: shelf.figures, groups: setup.config.groups)
        return .returns(la: try parameters.la(fallback: user.role == .analyst ? user.laCode : nil))
    }

    /// The findings of import `id` belong to its LA (none for reference data: admin only).
    func findingsResource(importID text: String?) throws -> Resource {
        guard let text, let id = Int64(text), id > 0 else { throw ServiceError.badRequest("An import id is a positive number.") }
        // An id that does not exist resolves as one of no LA: the policy then refuses it exactly as
        // another LA's, so no one learns which ids exist (docs/service.md, "Access"); an admin,
        // allowed every LA's, gets the handler's 404.
        let entry = try store.read { try ImportLedger(database: $0).entry(id: id) }
        return .findings(la: entry?.laCode)
    }

    func importID(_ context: ServiceContext) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw ServiceError.badRequest("An id is a positive number.") }
        return id
    }

    func returnsPage(la: String?, grant: Grant) throws -> String {
        let figures = shelf.figures
        let entries = try store.read { try ImportLedger(database: $0).entries(dataset: la == nil ? nil : "sen2-return") }
            .filter { la == nil || $0.laCode == la }
        let jobs = try store.read { try UploadJobs(database: $0).jobs(la: la, limit: 20) }
        var html = "<h1>Returns" + (la.map { " of \(HTMLText.escape(figures.geography.name($0))) (\(HTMLText.escape($0)))" } ?? ": every LA and data set") + "</h1>"
        if grant.user.role == .admin {
            html += "<form method=\"get\" action=\"/returns\" class=\"filters\"><div><label for=\"la\">LA</label><select id=\"la\" name=\"la\">"
                + "<option value=\"\">every LA and data set</option>"
                + HTMLText.options(figures.choosableLAs.map { ($0.code, "\($0.name) (\($0.code))") }, selected: la)
                + "</select></div><button type=\"submit\">Show</button></form>"
        }
        if entries.isEmpty {
            html += "<p>No returns yet. <a href=\"/upload\">Upload one</a>.</p>"
        } else {
            html += "<table><caption>Imports, newest first; a replaced return stays in history with its findings</caption><thead><tr>"
                + ["import", "data set", "LA", "year", "census", "file", "imported (UTC)", "records", "quarantined", "errors", "warnings", "status"]
                .map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
            for e in entries {
                html += "<tr><td><a href=\"/returns/\(e.id)\">#\(e.id)</a></td><td>\(HTMLText.escape(e.dataset))</td>"
                    + "<td>\(HTMLText.escape(e.laCode ?? ""))</td><td>\(e.collectionYear.map(String.init) ?? "")</td>"
                    + "<td>\(HTMLText.escape(e.censusDate ?? ""))</td><td>\(HTMLText.escape(e.sourceName))</td><td>\(HTMLText.escape(e.importedAt))</td>"
                    + "<td class=\"num\">\(e.records)</td><td class=\"num\">\(e.quarantined)</td><td class=\"num\">\(e.errors)</td>"
                    + "<td class=\"num\">\(e.warnings)</td><td>\(e.supersededBy.map { "replaced by #\($0)" } ?? "current")</td></tr>"
            }
            html += "</tbody></table>"
        }
        if !jobs.isEmpty {
            html += "<h2>Recent uploads</h2><ul>" + jobs.map { job in
                "<li><a href=\"/uploads/\(job.id)\">\(HTMLText.escape(job.fileName))</a> (\(HTMLText.escape(job.createdAt))): \(job.state.rawValue)</li>"
            }.joined() + "</ul>"
        }
        return html
    }

    func findingsPage(_ findings: ImportFindings) -> String {
        let e = findings.entry
        var html = "<h1>Import #\(e.id): \(HTMLText.escape(e.sourceName))</h1>"
        html += "<p>\(HTMLText.escape(e.dataset))" + (e.laCode.map { ", LA \(HTMLText.escape($0))" } ?? "")
            + (e.collectionYear.map { ", collection year \($0)" } ?? "") + ", imported \(HTMLText.escape(e.importedAt)): "
            + "\(e.records) records stored, <strong>\(e.quarantined) quarantined</strong>, \(e.errors) errors, \(e.warnings) warnings"
            + (e.supersededBy.map { "; replaced by import #\($0)" } ?? "") + ".</p>"
        html += findingsTables(findings)
        html += "<p><a href=\"/returns/\(e.id)/findings.csv\">Download every finding (CSV)</a></p>"
        return html
    }

    /// Findings by rule (errors first) with person, line and value; then the quarantined persons.
    func findingsTables(_ findings: ImportFindings) -> String {
        guard !findings.rules.isEmpty else { return "<p>Validation found nothing to report.</p>" }
        var html = "<h2>Findings by rule</h2>"
        for rule in findings.rules {
            let anchor = rule.ruleID.filter { $0.isLetter || $0.isNumber || $0 == "-" }
            html += "<table id=\"rule-\(anchor)\"><caption><span class=\"\(rule.severity == "error" ? "error" : "warning")\">"
                + "\(HTMLText.escape(rule.severity.uppercased()))</span> \(HTMLText.escape(rule.ruleID)): \(rule.count) "
                + (rule.count == 1 ? "finding" : "findings") + "</caption><thead><tr><th scope=\"col\" class=\"num\">person</th><th scope=\"col\" class=\"num\">line</th>"
                + "<th scope=\"col\">where</th><th scope=\"col\">value</th><th scope=\"col\">what to do</th></tr></thead><tbody>"
            for f in rule.findings {
                html += "<tr><td class=\"num\">\(f.personIndex.map(String.init) ?? "")</td><td class=\"num\">\(f.line.map(String.init) ?? "")</td>"
                    + "<td>\(HTMLText.escape([f.file, f.path].compactMap { $0 }.joined(separator: " ")))</td>"
                    + "<td>\(HTMLText.escape(f.value ?? ""))</td><td>\(HTMLText.escape(f.message))</td></tr>"
            }
            if rule.count > rule.findings.count {
                html += "<tr><td colspan=\"5\">… and \(rule.count - rule.findings.count) more (all in the CSV)</td></tr>"
            }
            html += "</tbody></table>"
        }
        if !findings.quarantined.isEmpty {
            html += "<h2>Quarantined persons</h2><p>Held back from every indicator until a corrected return is uploaded.</p>"
            html += "<table><caption>\(findings.quarantined.count) persons</caption><thead><tr><th scope=\"col\" class=\"num\">person</th>"
                + "<th scope=\"col\" class=\"num\">line</th><th scope=\"col\">rules broken</th></tr></thead><tbody>"
            for q in findings.quarantined.prefix(500) {
                html += "<tr><td class=\"num\">\(q.personIndex)</td><td class=\"num\">\(q.line.map(String.init) ?? "")</td>"
                    + "<td>\(HTMLText.escape(q.rules.joined(separator: ", ")))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }

    func findingsCSV(_ findings: ImportFindings) -> String {
        var lines = [CSVWriter.line(["rule", "severity", "person", "line", "file", "path", "value", "message"])]
        for rule in findings.rules {
            for f in rule.findings {
                lines.append(CSVWriter.line([rule.ruleID, rule.severity, f.personIndex.map(String.init) ?? "", f.line.map(String.init) ?? "",
                                             f.file ?? "", f.path ?? "", f.value ?? "", f.message]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
