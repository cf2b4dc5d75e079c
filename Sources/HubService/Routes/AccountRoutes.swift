import Foundation
import Hummingbird

/// The signed-in person's account: who they are, what they may see, and their API tokens.
struct AccountRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.guarded(.get, "/account", .page, resolve: { _, _, _ in .signedIn }) { _, _, grant in
            service.page("Account", grant, body: try service.accountPage(grant, newToken: nil))
        }
        table.guarded(.post, "/account/tokens", .page, body: .form, resolve: { _, _, _ in .signedIn }) { _, context, grant in
            let user = grant.user
            let label = grant.form["label"] ?? ""
            let made = try await service.store.write { try APITokens(database: $0).create(userID: user.id, label: label) }
            service.audit.record(.by(user, action: "token-create", target: "token #\(made.token.id) \(made.token.label)", client: context.client))
            return service.page("Account", grant, body: try service.accountPage(grant, newToken: made.value))
        }
        table.guarded(.post, "/account/tokens/{id}/revoke", .page, body: .form, resolve: { _, context, _ in
            try service.tokenResource(context.parameters.get("id"))
        }) { _, context, grant in
            let id = try service.importID(context)
            _ = try await service.store.write { try APITokens(database: $0).revoke(id: id) }
            service.audit.record(.by(grant.user, action: "token-revoke", target: "token #\(id)", client: context.client))
            return Responses.seeOther("/account")
        }
    }
}

extension HubService {
    /// A token is its owner's to revoke.
    func tokenResource(_ text: String?) throws -> Resource {
        guard let text, let id = Int64(text), id > 0,
              let token = try store.read({ try APITokens(database: $0).token(id: id) }) else {
            throw ServiceError.notFound("No such token.")
        }
        return .apiToken(owner: token.userID)
    }

    func accountPage(_ grant: Grant, newToken: String?) throws -> String {
        let user = grant.user
        let tokens = try store.read { try APITokens(database: $0).tokens(userID: user.id) }
        var html = "<h1>Your account</h1><p>\(HTMLText.escape(user.summary)). Passwords are set by the hub's operator "
            + "(<code>hnhub users reset</code>).</p>"
        if let newToken {
            html += "<div class=\"notice\" role=\"status\"><p><strong>Your new API token</strong> (shown this once; the hub keeps only its hash):</p>"
                + "<p><code>\(HTMLText.escape(newToken))</code></p><p>Send it as <code>Authorization: Bearer …</code> to <code>/api/v1/…</code>.</p></div>"
        }
        html += "<h2>API tokens</h2>"
        if tokens.isEmpty {
            html += "<p>None yet.</p>"
        } else {
            html += "<table><caption>Your tokens</caption><thead><tr><th scope=\"col\">label</th><th scope=\"col\">made (UTC)</th>"
                + "<th scope=\"col\">state</th><th scope=\"col\"><span class=\"hint\">action</span></th></tr></thead><tbody>"
            for token in tokens {
                html += "<tr><td>\(HTMLText.escape(token.label))</td><td>\(HTMLText.escape(token.createdAt))</td>"
                html += token.revokedAt.map { "<td>revoked \(HTMLText.escape($0))</td><td></td>" }
                    ?? "<td>live</td><td><form method=\"post\" action=\"/account/tokens/\(token.id)/revoke\">\(HTMLText.csrfField(grant.csrfToken))"
                    + "<button type=\"submit\">Revoke</button></form></td>"
                html += "</tr>"
            }
            html += "</tbody></table>"
        }
        html += """
            <form method="post" action="/account/tokens">
            \(HTMLText.csrfField(grant.csrfToken))
            <label for="label">New token for a script</label>
            <input type="text" id="label" name="label" maxlength="80" placeholder="e.g. nightly upload">
            <p><button type="submit">Make a token</button></p>
            </form>
            """
        return html
    }
}
