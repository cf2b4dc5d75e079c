import Comparison
import ComparisonTables
import DisclosureAudit
import Forecasting
import Foundation

/// Whose figures a report is about.
package enum ReportScope: Sendable, Equatable {
    /// One focus LA (3-digit code), marked against all LAs, its statistical neighbours and region.
    case la(String)
    /// A named group from the config (e.g. a regional SEND partnership): each member, and the group total.
    case group(name: String, members: [String])
    /// Every LA whose returns the hub holds.
    case hub
}

/// What to put in a report and for whom.
package struct ReportOptions: Sendable {
    package var scope: ReportScope
    /// `2024/25` or `2024` (see ``IndicatorSnapshot/period(of:requested:)``); nil: the latest of each indicator.
    package var period: String?
    /// With `.la`: that LA's own view, its figures unsuppressed. Never for groups.
    package var ownView: Bool
    /// Disclosure control: counts from 1 to threshold - 1 show as `c`.
    package var suppressionThreshold: Int
    /// When the report was made (printed in its header).
    package var generatedAt: Date
    /// The LAs left out because they have not opted in to the report's purpose, in words
    /// (docs/governance.md, "Purposes"); printed in the header.
    package var purposeNotice: String?
    /// The hub's pattern when the caller already computed it from the same data (a service renders
    /// many reports from one set of figures); nil: computed from the data.
    package var pattern: SuppressionPattern?
    /// The forecast section's figures (nil: no forecast section).
    package var forecast: ForecastOverview?

    package init(scope: ReportScope, period: String? = nil, ownView: Bool = false, suppressionThreshold: Int = 5,
                generatedAt: Date = Date()) {
        self.scope = scope
        self.period = period
        self.ownView = ownView
        self.suppressionThreshold = suppressionThreshold
        self.generatedAt = generatedAt
    }

    /// Who reads the report: only an LA's own view leaves its small figures visible. The pattern is
    /// the hub's one pattern over every figure in `data` (docs/disclosure-control.md).
    package func audience(for data: ReportData) -> Audience {
        let control = DisclosureControl(threshold: suppressionThreshold)
        var geography = data.geography
        if let group, geography.groups[group.name] == nil { geography.groups[group.name] = group.members }
        var ownLA: String?
        if ownView, case .la(let code) = scope { ownLA = code }
        if let pattern { return Audience(ownLA: ownLA, control: control, pattern: pattern) }
        return Audience(ownLA: ownLA, control: control, snapshot: data.snapshot, geography: geography)
    }

    /// The group's name and members, for its totals and secondary suppression.
    var group: (name: String, members: [String])? {
        if case .group(let name, let members) = scope { return (name, members) }
        return nil
    }
}
