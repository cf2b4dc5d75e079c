/// What a person signed in to the service may see and do (docs/service.md, "Roles").
package enum Role: String, Sendable, CaseIterable, Codable {
    /// The hub operator: every LA's returns, findings and unsuppressed figures; uploads of any data set.
    case admin
    /// An LA's data analyst: that LA's returns, findings, quarantine and own unsuppressed figures;
    /// other LAs only under disclosure control.
    case analyst
    /// A group's viewer (e.g. a partnership board): the group's figures under disclosure control only.
    case groupViewer = "group-viewer"
}

/// One account of the service.
package struct UserAccount: Sendable, Equatable {
    package var id: Int64
    /// Unique regardless of case; letters, digits and `.`, `_`, `-`, `@`.
    package var username: String
    package var role: Role
    /// An analyst's LA (3-digit DfE code).
    package var laCode: String?
    /// A group viewer's group (a name under `groups` in the config).
    package var groupName: String?
    package var disabled: Bool
    package var createdAt: String

    package init(id: Int64, username: String, role: Role, laCode: String? = nil, groupName: String? = nil,
                disabled: Bool = false, createdAt: String = "") {
        self.id = id
        self.username = username
        self.role = role
        self.laCode = laCode
        self.groupName = groupName
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// `alice (analyst, LA 801)`.
    package var summary: String {
        switch role {
        case .admin: return "\(username) (admin)"
        case .analyst: return "\(username) (analyst, LA \(laCode ?? "?"))"
        case .groupViewer: return "\(username) (group viewer, \(groupName ?? "?"))"
        }
    }
}
