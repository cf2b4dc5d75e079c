import Comparison
import ComparisonTables

/// Who is asking: an account, and how it proved itself.
package struct Principal: Sendable, Equatable {
    package enum Credential: Sendable, Equatable {
        /// A browser session; its forms must carry `csrfToken`.
        case session(tokenDigest: String, csrfToken: String)
        /// An API token (scripts); no cookie, so no CSRF check is needed.
        case apiToken(id: Int64)
    }

    package var user: UserAccount
    package var credential: Credential

    package init(user: UserAccount, credential: Credential) {
        self.user = user
        self.credential = credential
    }
}

/// Whose indicator figures an output is about (compare, report, workbook, indicators).
package enum FigureScope: Sendable, Equatable, CustomStringConvertible {
    /// One LA; `own`: its own view, its small figures unsuppressed.
    case la(String, own: Bool)
    /// A config group's members and total.
    case group(String)
    /// Every LA in the hub.
    case hub

    package var description: String {
        switch self {
        case .la(let code, let own): return own ? "LA \(code) (own view)" : "LA \(code)"
        case .group(let name): return "group \(name)"
        case .hub: return "all LAs"
        }
    }
}

/// What a request asks to see or do, resolved from its path and parameters before any handler runs.
package enum Resource: Sendable, Equatable {
    /// Pages every signed-in person has: the start page, their account and tokens.
    case signedIn
    /// The list of returns of one LA, or of every LA (nil).
    case returns(la: String?)
    /// One LA's person-level findings and quarantine (an import's, or an upload's).
    case findings(la: String?)
    /// Uploading: the form (nil), or a return of an LA; `reference`: a data set that is not a return.
    case upload(la: String?, reference: Bool)
    /// Indicator figures for a scope (report, workbook, indicators).
    case figures(FigureScope)
    /// One LA against its peers (compare); `own`: its own view.
    case comparison(la: String, own: Bool, peers: PeerSet)
    /// A scope of a shared centre for a config group (nil: a group the config does not have), in
    /// `ownLA`'s own view or (nil) the shared view.
    case scoping(group: String?, ownLA: String?)
    /// An API token, by its owner's account id (revoking it).
    case apiToken(owner: Int64)
    /// The audit log and accounts.
    case administration
}

/// The outcome of the policy for one request.
package enum AccessDecision: Sendable, Equatable {
    /// Allowed; figures are shown under the hub's pattern with `ownLA`'s own figures unsuppressed
    /// (nil: every LA's small figures hidden).
    case allow(ownLA: String?)
    case deny(reason: String)

    /// Allowed, every LA's small figures hidden.
    package static var allowShared: AccessDecision { .allow(ownLA: nil) }
}

/// The one place that decides who may see what (docs/service.md, "Roles"). Every route resolves its
/// request to a ``Resource`` and asks `decide` before its handler runs; handlers see only what the
/// resulting ``Grant`` holds.
package struct AccessPolicy: Sendable {
    /// Config groups (name to member LA codes).
    package var groups: [String: [String]]

    package init(groups: [String: [String]]) {
        self.groups = groups
    }

    package func decide(_ user: UserAccount, _ resource: Resource) -> AccessDecision {
        let shared = AccessDecision.allowShared
        if user.disabled { return .deny(reason: "this account is disabled") }
        switch (user.role, resource) {
        case (_, .signedIn):
            return shared
        case (_, .apiToken(let owner)):
            return owner == user.id || user.role == .admin ? shared : .deny(reason: "that token belongs to another account")
        case (.admin, .figures(.la(let code, own: true))), (.admin, .comparison(let code, own: true, _)):
            return .allow(ownLA: code)
        case (.admin, .scoping(_, let ownLA)):
            return .allow(ownLA: ownLA)
        case (.admin, _):
            return shared

        case (.analyst, .returns(let la)), (.analyst, .findings(let la)):
            return la != nil && la == user.laCode ? shared
                : .deny(reason: "an analyst of LA \(user.laCode ?? "?") sees that LA's returns and findings only")
        case (.analyst, .upload(let la, let reference)):
            if reference { return .deny(reason: "only an admin loads reference data sets; an analyst uploads SEN2 returns") }
            return la == nil || la == user.laCode ? shared
                : .deny(reason: "this return is for LA \(la!); an analyst of LA \(user.laCode ?? "?") uploads that LA's returns only")
        case (.analyst, .figures(.la(let code, own: true))), (.analyst, .comparison(let code, own: true, _)):
            return code == user.laCode ? .allow(ownLA: code)
                : .deny(reason: "only LA \(code)'s own users see its figures unsuppressed; ask without the own view")
        case (.analyst, .figures), (.analyst, .comparison):
            return shared
        case (.analyst, .scoping(let group, let ownLA)):
            // A group the config lacks is refused as one without the analyst's LA: no one learns
            // which group names exist.
            guard let code = user.laCode, let group, groups[group]?.contains(code) == true else {
                return .deny(reason: "an analyst of LA \(user.laCode ?? "?") scopes the groups LA \(user.laCode ?? "?") belongs to only")
            }
            guard ownLA == nil || ownLA == code else {
                return .deny(reason: "only LA \(ownLA!)'s own users see its figures unsuppressed; ask without the own view")
            }
            return .allow(ownLA: ownLA)
        case (.analyst, .administration):
            return .deny(reason: "for admins only")

        case (.groupViewer, .figures(.group(let name))):
            return name == user.groupName ? shared : .deny(reason: "a viewer of \(user.groupName ?? "?") sees that group's figures only")
        case (.groupViewer, .comparison(let code, own: false, let peers)):
            let members = user.groupName.flatMap { groups[$0] } ?? []
            guard members.contains(code) else {
                return .deny(reason: "a viewer of \(user.groupName ?? "?") sees its member LAs' figures only, under disclosure control")
            }
            return peers == .group(user.groupName ?? "") ? shared
                : .deny(reason: "a viewer of \(user.groupName ?? "?") compares member LAs with the group only (peers group:\(user.groupName ?? "?"))")
        case (.groupViewer, .scoping(let group, let ownLA)):
            return group != nil && group == user.groupName && ownLA == nil ? shared
                : .deny(reason: "a viewer of \(user.groupName ?? "?") scopes that group only, in its shared view")
        case (.groupViewer, .figures):
            return .deny(reason: "a viewer of \(user.groupName ?? "?") sees that group's report, workbook and figures only (group=\(user.groupName ?? "?"))")
        case (.groupViewer, _):
            return .deny(reason: "a group viewer sees the group's figures only, under disclosure control")
        }
    }
}

/// What a handler is given once the policy allowed its request: who asks, what they asked for (as
/// resolved, never re-read from the request) and the audience its figures are shown to.
package struct Grant: Sendable {
    package var principal: Principal
    package var resource: Resource
    /// The figures served when the request was allowed: the handler answers from these, with the
    /// pattern computed over them, even if an import replaces them meanwhile.
    package var figures: HubFigures
    package var audience: Audience
    /// A form's fields, when the route reads an URL-encoded form (its CSRF token checked already).
    package var form: [String: String]

    package var user: UserAccount { principal.user }

    /// The CSRF token to put in this page's forms (none for API tokens).
    package var csrfToken: String? {
        if case .session(_, let token) = principal.credential { return token }
        return nil
    }
}
