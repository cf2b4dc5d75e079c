import Comparison
import ComparisonTables
import Crypto
import Exports
import Foundation
import Hummingbird

/// Compare, the benchmarking report and the downloads (workbook, CSV), each for the audience the
/// policy chose: an LA's own view only for its own users and the admin.
struct FigureRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.guarded(.get, "/compare", .page, resolve: { request, _, user in
            try service.parameters(request).comparison(for: user)
        }) { request, _, grant in
            guard case let .comparison(la, own, peers) = grant.resource else { throw ServiceError.forbidden("not a comparison") }
            let period = try service.parameters(request).period()
            let lines = try service.outputs(grant.figures).comparison(la: la, peers: peers, period: period, audience: grant.audience)
            return service.page("Compare \(la)", grant, body: service.comparePage(la: la, own: own, peers: peers, period: period,
                                                                                   lines: lines, grant: grant))
        }
        table.guarded(.get, "/report", .page, resolve: { request, _, user in
            try service.reportResource(request, user: user)
        }) { request, _, grant in
            guard case .figures(let scope) = grant.resource else { throw ServiceError.forbidden("not a report") }
            let bytes = try service.cachedReport(scope, period: try service.parameters(request).period(), grant: grant)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8",
                                                   .contentSecurityPolicy: ReportPolicy.header(for: bytes)],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        table.guarded(.get, "/downloads", .page, resolve: { _, _, _ in .signedIn }) { _, _, grant in
            service.page("Downloads", grant, body: service.downloadsPage(grant))
        }
        table.guarded(.get, "/downloads/workbook.xlsx", .page, resolve: { request, _, user in
            .figures(try service.parameters(request).figureScope(for: user))
        }) { request, context, grant in
            guard case .figures(let scope) = grant.resource else { throw ServiceError.forbidden("not a workbook") }
            let bytes = try service.outputs(grant.figures).workbook(scope, period: try service.parameters(request).period(),
                                                                            audience: grant.audience)
            service.audit.record(.by(grant.user, action: "download", target: "workbook \(scope)", client: context.client))
            return Responses.file(bytes, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  fileName: "hnhub-\(Self.fileLabel(scope)).xlsx")
        }
        table.guarded(.get, "/downloads/compare.csv", .page, resolve: { request, _, user in
            try service.parameters(request).comparison(for: user)
        }) { request, context, grant in
            guard case let .comparison(la, own, peers) = grant.resource else { throw ServiceError.forbidden("not a comparison") }
            let lines = try service.outputs(grant.figures).comparison(la: la, peers: peers, period: try service.parameters(request).period(),
                                                                              audience: grant.audience)
            service.audit.record(.by(grant.user, action: "download", target: "compare LA \(la)\(own ? " (own view)" : "") peers \(peers) (csv)",
                                     client: context.client))
            return Responses.file(Array((ComparisonCSV.render(lines, peers: peers) + "\n").utf8), contentType: "text/csv; charset=utf-8",
                                  fileName: "hnhub-compare-\(la)\(own ? "-own" : "").csv")
        }
    }

    /// `la-801-own`, `group-South_West`, `all-las`: letters, digits, `-` and `_` only.
    static func fileLabel(_ scope: FigureScope) -> String {
        let text: String
        switch scope {
        case .la(let code, let own): text = "la-\(code)" + (own ? "-own" : "")
        case .group(let name): text = "group-\(name)"
        case .hub: text = "all-las"
        }
        return String(text.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.prefix(80))
    }
}

/// The report is one self-contained document with its stylesheet inline: its policy allows that one
/// stylesheet (by its hash) and nothing else, no scripts, no framing.
enum ReportPolicy {
    static func header(for bytes: [UInt8]) -> String {
        var style = "'none'"
        let head = bytes.prefix(200_000)
        if let open = Self.find(Array("<style>".utf8), in: head), let close = Self.find(Array("</style>".utf8), in: head[(open + 7)...]) {
            let css = Array(head[(open + 7)..<close])
            style = "'sha256-\(Data(SHA256.hash(data: css)).base64EncodedString())'"
        }
        return "default-src 'none'; style-src \(style); img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    }

    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension HubService {
    func parameters(_ request: Request) -> ScopeParameters {
        ScopeParameters(request: request, figures: shelf.figures, groups: setup.config.groups)
    }

    /// `/report` without parameters: an analyst's own LA (own view), a viewer's group, the admin's whole hub.
    func reportResource(_ request: Request, user: UserAccount) throws -> Resource {
        let parameters = self.parameters(request)
        if parameters.text("la") == nil && parameters.text("group") == nil && user.role == .analyst, let code = user.laCode {
            return .figures(.la(code, own: parameters.text("own") == nil ? true : parameters.flag("own")))
        }
        return .figures(try parameters.figureScope(for: user))
    }

    func comparePage(la: String, own: Bool, peers: PeerSet, period: String?, lines: [ComparisonLine], grant: Grant) -> String {
        let figures = grant.figures
        let user = grant.user
        let groups = setup.config.groups
        var html = "<h1>Compare \(HTMLText.escape(figures.geography.name(la))) (\(HTMLText.escape(la)))</h1>"
        let laChoices: [(String, String)]
        var peerChoices: [(String, String)]
        if user.role == .groupViewer {
            let members = groups[user.groupName ?? ""] ?? []
            laChoices = members.filter(figures.benchmarking.includes).map { ($0, "\(figures.geography.name($0)) (\($0))") }
            peerChoices = [("group:\(user.groupName ?? "")", "the group \(user.groupName ?? "")")]
        } else {
            laChoices = figures.choosableLAs.map { ($0.code, "\($0.name) (\($0.code))") }
            peerChoices = [("neighbours", "statistical neighbours"), ("region", "region"), ("england", "all LAs")]
            peerChoices += groups.keys.sorted().map { ("group:\($0)", "the group \($0)") }
        }
        html += "<form method=\"get\" action=\"/compare\" class=\"filters\">"
        html += "<div><label for=\"la\">LA</label><select id=\"la\" name=\"la\">\(HTMLText.options(laChoices, selected: la))</select></div>"
        html += "<div><label for=\"peers\">Compared with</label><select id=\"peers\" name=\"peers\">"
            + HTMLText.options(peerChoices, selected: peers.description) + "</select></div>"
        html += "<div><label for=\"period\">Period</label><select id=\"period\" name=\"period\">"
            + HTMLText.options([("", "latest of each indicator")] + figures.periods.map { ($0, $0) }, selected: period ?? "") + "</select></div>"
        if user.role == .admin || user.role == .analyst {
            html += "<div><label><input type=\"checkbox\" name=\"own\" value=\"1\"\(own ? " checked" : "")> Own view (unsuppressed; "
                + (user.role == .analyst ? "your LA only" : "any LA") + ")</label></div>"
        }
        html += "<button type=\"submit\">Compare</button></form>"
        let threshold = setup.config.suppressionThreshold
        html += own
            ? "<p class=\"notice\"><strong>Own view:</strong> \(HTMLText.escape(figures.geography.name(la)))'s figures are unsuppressed. Do not share them outside the LA.</p>"
            : "<p class=\"notice\">Counts of 1 to \(threshold - 1), and rates built on them, show as <strong>c</strong> (disclosure control).</p>"
        if let notice = figures.benchmarking.notice { html += "<p class=\"notice\">\(HTMLText.escape(notice))</p>" }
        if lines.isEmpty {
            html += "<p>No indicator has a figure for this LA\(period.map { " in \(HTMLText.escape($0))" } ?? "").</p>"
            return html
        }
        func number(_ value: Double?) -> String { value.map(NumberText.text) ?? "–" }
        html += "<table><caption>Where \(HTMLText.escape(figures.geography.name(la))) stands; rank 1 is the best among all LAs with a value</caption><thead><tr>"
            + ["indicator", "period", "value", "numerator / denominator", "rank", "band", "neighbour mean", "peer median", "region", "England", "change", "outlier"]
            .map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for line in lines {
            let c = line.comparison
            let hidden = line.focusHidden
            html += "<tr><th scope=\"row\">\(HTMLText.escape(line.definition.title))</th><td>\(HTMLText.escape(line.period))</td>"
                + "<td class=\"num\">\(hidden ? "c" : number(c.focus.value))</td>"
                + "<td class=\"num\">\(hidden ? "c" : "\(number(c.focus.numerator)) / \(number(c.focus.denominator))")</td>"
                + "<td class=\"num\">\(c.rank.map { "\($0) of \(c.rankedCount)" } ?? "")</td><td>\(c.band?.rawValue ?? "")</td>"
                + "<td class=\"num\">\(c.neighbourMean.map { "\(NumberText.text($0)) (\(c.neighbourCount))" } ?? "–")</td>"
                + "<td class=\"num\">\(number(Outliers.median(line.visiblePeerValues)))</td>"
                + "<td class=\"num\">\(c.region.map { "\(number($0.value)) (\(NumberText.text($0.numerator))\($0.denominator.map { " / " + NumberText.text($0) } ?? ""))" } ?? "–")</td>"
                + "<td class=\"num\">\(c.england.map { "\(number($0.value)) (\(NumberText.text($0.numerator))\($0.denominator.map { " / " + NumberText.text($0) } ?? ""))" } ?? "–")</td>"
                + "<td class=\"num\">\(hidden ? "" : number(c.change))</td><td>\(c.outlier ? "yes" : "")</td></tr>"
        }
        html += "</tbody></table>"
        var query = "la=\(la)&amp;peers=\(peers.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        if own { query += "&amp;own=1" }
        if let period { query += "&amp;period=\(period.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        html += "<p><a href=\"/downloads/compare.csv?\(query)\">Download this comparison (CSV)</a> · "
            + "<a href=\"/report?la=\(la)\(own ? "&amp;own=1" : "")\">The benchmarking report</a></p>"
        return html
    }

    func downloadsPage(_ grant: Grant) -> String {
        let figures = grant.figures
        let user = grant.user
        let groups = setup.config.groups
        var html = "<h1>Downloads</h1><p>The Excel workbook has a sheet per topic with every indicator's numerator, denominator, value, "
            + "rank and band, and a Notes sheet; the report is one HTML file that opens offline. Both follow disclosure control "
            + "unless they are an LA's own view.</p>"
        var scopes: [(String, String)] = []
        switch user.role {
        case .groupViewer:
            if let name = user.groupName { scopes.append(("group=\(name)", "the group \(name)")) }
        case .analyst, .admin:
            if let code = user.laCode { scopes.append(("la=\(code)&own=1", "\(figures.geography.name(code)) (\(code)), own view")) }
            scopes += figures.choosableLAs.map { ("la=\($0.code)", "\($0.name) (\($0.code)) and its comparators") }
            if user.role == .admin {
                scopes.insert(contentsOf: figures.choosableLAs.map { ("la=\($0.code)&own=1", "\($0.name) (\($0.code)), own view") }, at: 0)
            }
            scopes += groups.keys.sorted().map { ("group=\($0)", "the group \($0)") }
            scopes.append(("all=1", "every LA"))
        }
        for (action, title) in [("/downloads/workbook.xlsx", "Workbook (.xlsx)"), ("/report", "Benchmarking report (HTML)")] {
            html += "<h2>\(title)</h2><ul>"
            html += scopes.prefix(40).map { scope in
                let query = scope.0.split(separator: "&").map { part -> String in
                    let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                    return pair[0] + "=" + (pair.count > 1 ? pair[1].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" : "")
                }.joined(separator: "&amp;")
                return "<li><a href=\"\(action)?\(query)\">\(HTMLText.escape(scope.1))</a></li>"
            }.joined()
            html += "</ul>"
        }
        return html
    }
}
