import Comparison
import DisclosureAudit
import HubKit
import HubStore

/// Who a table of figures is for, which decides what disclosure control hides
/// (docs/disclosure-control.md): another authority never sees a small count of one LA, nor a rate
/// built on one, nor anything it could recover one from; an LA sees its own figures unsuppressed
/// only in its own view.
///
/// Every audience reads one ``SuppressionPattern``, computed once over every figure the hub can
/// show (all LAs, periods and totals), so no combination of outputs reveals what one hides. The
/// pattern already protects every LA's hidden counts from each other member knowing its own, so an
/// own view only unhides the reader's own figures.
package struct Audience: Sendable, Equatable {
    /// The LA whose own figures are shown unsuppressed; nil when every LA's small figures are hidden.
    package var ownLA: String?
    package var control: DisclosureControl
    package var pattern: SuppressionPattern

    package init(ownLA: String? = nil, control: DisclosureControl = DisclosureControl(), pattern: SuppressionPattern) {
        self.ownLA = ownLA
        self.control = control
        self.pattern = pattern
    }

    /// The audience of `snapshot`'s figures, its pattern computed over all of them with the totals
    /// of every region (`geography` should hold every LA: ``LAGeography/loadAll(_:neighboursEdition:groups:)``),
    /// England and every group of `geography`.
    package init(ownLA: String? = nil, control: DisclosureControl = DisclosureControl(), snapshot: IndicatorSnapshot,
                geography: LAGeography) {
        self.init(ownLA: ownLA, control: control,
                  pattern: SuppressionPattern.compute(Self.disclosureInput(snapshot, geography: geography, control: control)))
    }

    /// Everything the hub's outputs can show: every indicator's figures in every period, and the
    /// totals shown beside them.
    package static func disclosureInput(_ snapshot: IndicatorSnapshot, geography: LAGeography,
                                       control: DisclosureControl) -> DisclosureInput {
        var figures: [String: [String: [Figure]]] = [:]
        var codes = Set<String>()
        for definition in snapshot.definitions {
            for period in snapshot.periods(of: definition.id) {
                let all = snapshot.figures(definition.id, period: period)
                figures[definition.id, default: [:]][period] = all
                codes.formUnion(all.map(\.laCode))
            }
        }
        var regions: [String: Set<String>] = [:]
        for code in codes {
            if let region = geography.regionOf[code] { regions[region.name ?? region.code, default: []].insert(code) }
        }
        let totals = [TotalDefinition.england]
            + regions.keys.sorted().map { TotalDefinition.region($0, members: regions[$0]!) }
            + geography.groups.keys.sorted().map { TotalDefinition.group($0, members: Set(geography.groups[$0]!)) }
        // England's and regions' published totals are what outputs show, not the LAs' sum
        // (``AreaTotals``): public, and no relation between the hub's cells.
        var regionCodes: [String: String] = [:]
        for region in geography.regionOf.values { regionCodes[region.name ?? region.code] = region.code }
        var publishedTotals = Set<FigureKey>()
        for definition in snapshot.definitions {
            for period in snapshot.periods(of: definition.id) {
                let areas = [(TotalKey.england, AreaTotals.englandCode)]
                    + regions.keys.compactMap { name in regionCodes[name].map { (TotalKey.region(name), $0) } }
                for (key, code) in areas where snapshot.areaFigure(definition.id, period: period, area: code)?.numerator != nil {
                    publishedTotals.insert(FigureKey(indicator: definition.id, period: period, unit: key))
                }
            }
        }
        return DisclosureInput(definitions: snapshot.definitions, figures: figures, totals: totals, control: control,
                               publishedTotals: publishedTotals)
    }

    /// Everything the outputs of every purpose in `purposes` can show together (docs/disclosure-control.md,
    /// "Purposes"): `snapshot` holds every member's figures, and each purpose's totals add up the
    /// members it does not leave out. Purposes not enforced add nothing.
    package static func disclosureInput(_ snapshot: IndicatorSnapshot, geography: LAGeography,
                                       control: DisclosureControl, purposes: [PurposeScope]) -> DisclosureInput {
        let members = purposes.filter(\.permission.enforced).map {
            PurposeMembers(purpose: $0.permission.purpose, leftOut: Set($0.leftOut))
        }
        return disclosureInput(snapshot, geography: geography, control: control).acrossPurposes(members)
    }

    /// The hub's pattern as the outputs of `purpose` read it: computed over what every purpose's
    /// outputs show (`snapshot` with every member's figures), so that a total made for one purpose
    /// less the same total made for another gives away nothing hidden.
    package static func pattern(for purpose: String, snapshot: IndicatorSnapshot, geography: LAGeography,
                               control: DisclosureControl, purposes: [PurposeScope]) -> SuppressionPattern {
        let input = disclosureInput(snapshot, geography: geography, control: control, purposes: purposes)
        return SuppressionPattern.compute(input).forPurpose(purpose)
    }

    /// A figure taken from a published table (the published-figures provider's `published: TABLE`
    /// source), as opposed to one the hub computed from returns, with or without a note of its route.
    package static func isPublished(_ figure: Figure) -> Bool {
        DisclosureInput.isPublished(figure)
    }

    /// True when an LA's figure must show as `c` for this audience: the pattern hides it, and it is
    /// neither the reader's own nor published.
    package func hides(_ indicator: String, period: String, la: String) -> Bool {
        la != ownLA && pattern.hides(indicator, period: period, la: la)
    }

    /// True when a total must show as `c` (`key` as in ``TotalKey``).
    package func hidesTotal(_ indicator: String, period: String, total key: String) -> Bool {
        pattern.hidesTotal(indicator, period: period, total: key)
    }
}

/// The keys the pattern gives totals: `england`, `region:NAME`, `group:NAME`.
package enum TotalKey {
    package static let england = TotalDefinition.england.key
    package static func region(_ name: String) -> String { TotalDefinition.region(name, members: []).key }
    package static func group(_ name: String) -> String { TotalDefinition.group(name, members: []).key }
}
