import Governance

/// The LAs of the hub that an output made for one purpose may show, and those it must leave out:
/// what every output command asks before it reads figures (docs/governance.md, "Purposes").
///
/// An LA counts as a member of the hub when the store holds a SEN2 return of it (current or in
/// history). A member that has not opted in to the purpose is left out: none of its figures is
/// shown or counted in a total. LAs the hub holds no return of (their figures come from published
/// tables, which are public) are never left out.
///
/// Forecasting, centre scoping and any other command that uses pooled figures call:
///
/// ```swift
/// let scope = try PurposeScope(config.purposes, purpose: StandardPurpose.forecasting.rawValue, database: store.database)
/// let usable = laCodes.filter(scope.includes)    // or scope.optedIn: the LAs opted in
/// if let notice = scope.notice { print(notice) }  // the output must say who it leaves out
/// ```
package struct PurposeScope: Sendable, Hashable {
    package var permission: PurposePermission
    /// Members of the hub left out of this purpose's outputs, sorted.
    package var leftOut: [String]

    /// Throws ``PurposeError/unknown(_:known:)`` for a purpose the config does not name (when it
    /// names any).
    package init(_ register: PurposeRegister, purpose: String, database: Database) throws {
        permission = try register.permission(for: purpose)
        leftOut = permission.leftOut(of: try Self.members(database))
    }

    /// Every purpose the config names, each with the members it leaves out; empty when purposes are
    /// not enforced. Disclosure control models their outputs together (docs/disclosure-control.md,
    /// "Purposes").
    package static func every(_ register: PurposeRegister, database: Database) throws -> [PurposeScope] {
        let members = try Self.members(database)
        return register.permissions.map { PurposeScope(permission: $0, leftOut: $0.leftOut(of: members)) }
    }

    /// The hub's members: the LAs the store holds a SEN2 return of.
    static func members(_ database: Database) throws -> [String] {
        try database.rows("""
            SELECT DISTINCT la_code FROM imports WHERE dataset = 'sen2-return' AND la_code IS NOT NULL
            """).compactMap { $0[0].string }
    }

    package init(permission: PurposePermission, leftOut: [String]) {
        self.permission = permission
        self.leftOut = leftOut
    }

    /// True when LA `code`'s figures may be used for the purpose.
    package func includes(_ code: String) -> Bool { !leftOut.contains(code) }

    /// The LAs that have opted in to the purpose (every LA when purposes are not enforced: nil).
    package var optedIn: Set<String>? { permission.enforced ? permission.optedIn : nil }

    /// What the output says when it leaves LAs out; nil when it leaves none out.
    package var notice: String? { permission.notice(leftOut: leftOut) }

    /// Refuses an output about one LA that is left out.
    package func require(_ code: String) throws(PurposeError) {
        guard includes(code) else {
            throw .notOptedIn(la: code, purpose: permission.purpose, title: permission.title)
        }
    }
}
