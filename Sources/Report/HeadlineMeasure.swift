import HubKit

/// A measure at the top of the report, with the indicators that can stand for it in order of
/// preference (a rate needs population; a cost per placement needs placements costed). The
/// measures and their candidates are what the metric plugins declare in each definition's
/// `presentation.headline`: the report knows no indicator ids.
struct HeadlineMeasure: Sendable {
    var label: String
    var candidates: [String]

    /// The headline measures the definitions declare, by position; candidates by preference (ties by id).
    static func declared(by definitions: [IndicatorDefinition]) -> [HeadlineMeasure] {
        var roles: [String: [(role: HeadlineRole, id: String)]] = [:]
        for definition in definitions {
            guard let role = definition.presentation.headline else { continue }
            roles[role.measure, default: []].append((role, definition.id))
        }
        return roles.map { label, candidates in
            let ordered = candidates.sorted { ($0.role.preference, $0.id) < ($1.role.preference, $1.id) }
            return (position: ordered.map(\.role.position).min() ?? 0,
                    measure: HeadlineMeasure(label: label, candidates: ordered.map(\.id)))
        }
        .sorted { ($0.position, $0.measure.label) < ($1.position, $1.measure.label) }
        .map(\.measure)
    }

    /// The indicator shown: the first candidate with a value for an LA in scope, else the first
    /// with any figure, else the first (shown as not available).
    func indicator(in context: ReportContext) -> String {
        candidates.first { context.view($0)?.hasValue(forAnyOf: context.scopeLAs) == true }
            ?? candidates.first { context.view($0) != nil }
            ?? candidates[0]
    }

    /// Why a preferred indicator was passed over, when one was.
    func fallbackNote(in context: ReportContext) -> String? {
        let chosen = indicator(in: context)
        guard chosen != candidates[0], let la = context.scopeLAs.first else { return nil }
        let preferred = context.data.snapshot.definition(candidates[0])?.title ?? candidates[0]
        return "\(preferred): \(context.unavailableReason(candidates[0], la: la))"
    }
}
