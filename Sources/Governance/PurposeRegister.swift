/// The uses of the pooled data every hub knows; a config may add partnerships to share with.
package enum StandardPurpose: String, Sendable, CaseIterable {
    /// Benchmarking across the group: `report`, `export`, `compare`, `indicators`.
    case benchmarking
    /// Forecasting caseloads and costs.
    case forecasting
    /// Scoping new provision (centre scoping).
    case centreScoping = "centre-scoping"

    package var title: String {
        switch self {
        case .benchmarking: "Benchmarking across the group"
        case .forecasting: "Forecasting"
        case .centreScoping: "Centre scoping"
        }
    }
}

/// One use of the pooled data that the data-sharing agreement names, and the LAs that have opted in
/// to it (config `purposes`; docs/governance.md, "Purposes").
package struct Purpose: Sendable, Hashable {
    /// `benchmarking`, `forecasting`, `centre-scoping`, or an id of the config's choosing for
    /// sharing with a named partnership.
    package var id: String
    package var title: String
    /// Set for sharing with a named partnership: its name.
    package var partnership: String?
    /// 3-digit codes of the LAs that have opted in.
    package var optedIn: Set<String>

    package init(id: String, title: String? = nil, partnership: String? = nil, optedIn: Set<String>) {
        self.id = id
        self.title = title ?? StandardPurpose(rawValue: id)?.title ?? partnership.map { "Sharing with \($0)" } ?? id
        self.partnership = partnership
        self.optedIn = optedIn
    }
}

/// Which LAs may appear in an output made for one purpose: the one question every output asks
/// (report, workbook, compare, indicators, forecasts, centre scoping, the served hub). Get it from
/// ``PurposeRegister/permission(for:)``.
///
/// ```swift
/// let permission = try config.purposes.permission(for: StandardPurpose.forecasting.rawValue)
/// let shown = permission.mayAppear(among: laCodes)          // the LAs the forecast may use
/// if let notice = permission.notice(leftOut: permission.leftOut(of: laCodes)) { print(notice) }
/// ```
package struct PurposePermission: Sendable, Hashable {
    package var purpose: String
    package var title: String
    /// False when the config has no `purposes` section: nothing is enforced and every LA may appear.
    package var enforced: Bool
    package var optedIn: Set<String>

    package init(purpose: String, title: String, enforced: Bool, optedIn: Set<String>) {
        self.purpose = purpose
        self.title = title
        self.enforced = enforced
        self.optedIn = optedIn
    }

    /// True when LA `code` has opted in to the purpose (or purposes are not enforced).
    package func mayAppear(_ code: String) -> Bool { !enforced || optedIn.contains(code) }

    /// The LAs of `codes` that may appear, in their order.
    package func mayAppear(among codes: [String]) -> [String] { codes.filter(mayAppear) }

    /// The LAs of `codes` that must be left out, sorted, each once.
    package func leftOut(of codes: some Sequence<String>) -> [String] {
        Set(codes.filter { !mayAppear($0) }).sorted()
    }

    /// What an output says when it leaves LAs out; nil when it leaves none out.
    package func notice(leftOut codes: [String], name: (String) -> String = { $0 }) -> String? {
        guard !codes.isEmpty else { return nil }
        let listed = codes.map { name($0) == $0 ? $0 : "\(name($0)) (\($0))" }.joined(separator: ", ")
        return "Left out of this output (not opted in to the purpose '\(purpose)', \(title), under the data-sharing "
            + "agreement): \(listed). None of their figures is shown or counted in any total."
    }

    /// Refuses an output about one LA that has not opted in.
    package func require(_ code: String) throws(PurposeError) {
        guard mayAppear(code) else { throw .notOptedIn(la: code, purpose: purpose, title: title) }
    }
}

/// Every purpose of the config with its opt-ins.
package struct PurposeRegister: Sendable, Hashable {
    /// By id; nil when the config has no `purposes` section (nothing enforced).
    package var purposes: [String: Purpose]?

    package init(purposes: [Purpose]?) {
        self.purposes = purposes.map { Dictionary($0.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// No `purposes` section: every LA may appear in every output, as before purposes existed.
    package static let unenforced = PurposeRegister(purposes: nil)

    package var isEnforced: Bool { purposes != nil }

    /// The purposes, by id.
    package var all: [Purpose] { (purposes ?? [:]).values.sorted { $0.id < $1.id } }

    /// Which LAs may appear for `purpose`. Throws for a purpose the config does not name (when it
    /// names any).
    package func permission(for purpose: String) throws(PurposeError) -> PurposePermission {
        guard let purposes else {
            return PurposePermission(purpose: purpose, title: StandardPurpose(rawValue: purpose)?.title ?? purpose,
                                     enforced: false, optedIn: [])
        }
        guard let found = purposes[purpose] else { throw .unknown(purpose, known: purposes.keys.sorted()) }
        return PurposePermission(purpose: found.id, title: found.title, enforced: true, optedIn: found.optedIn)
    }

    /// Every configured purpose's permission (for disclosure control, which models the totals of
    /// every purpose's outputs at once).
    package var permissions: [PurposePermission] {
        all.map { PurposePermission(purpose: $0.id, title: $0.title, enforced: true, optedIn: $0.optedIn) }
    }
}

/// An output asked for a purpose it cannot serve.
package enum PurposeError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String, known: [String])
    case notOptedIn(la: String, purpose: String, title: String)

    package var description: String {
        switch self {
        case let .unknown(purpose, known):
            return "the config's purposes do not include '\(purpose)' (configured: \(known.joined(separator: ", "))); "
                + "name one with --purpose, or add it under purposes in the config (docs/governance.md)"
        case let .notOptedIn(la, purpose, title):
            return "LA \(la) has not opted in to the purpose '\(purpose)' (\(title)) under the data-sharing agreement: its "
                + "figures cannot be used for it. Add it to purposes.\(purpose).opted_in in the config once it has agreed "
                + "(docs/governance.md)"
        }
    }
}
