import ArgumentParser
import Comparison
import ComparisonTables
import DisclosureAudit
import Governance
import HubConfig
import HubStore
import ReferenceData

/// `--purpose`, shared by the outputs of pooled figures: which use of the data an output is made
/// for, so that LAs not opted in to it are left out (docs/governance.md, "Purposes").
struct PurposeOption: ParsableArguments {
    @Option(name: .long, help: "The purpose the output is made for (config purposes; default benchmarking): LAs not opted in to it are left out.")
    var purpose: String = StandardPurpose.benchmarking.rawValue

    /// The LAs the output may show. Refuses (exit 2) a purpose the config does not name, an LA
    /// asked for by name that is left out, and figures kept at more than one level of minimisation.
    func scope(_ config: HubConfiguration, store: Store, naming laCodes: [String]) throws -> PurposeScope {
        try Self.scope(purpose, config, store: store, naming: laCodes)
    }

    /// The scope of a command made for one fixed purpose (forecast and backtest: forecasting;
    /// scope-centre: centre scoping), with the refusals of ``scope(_:store:naming:)``.
    static func scope(_ purpose: String, _ config: HubConfiguration, store: Store, naming laCodes: [String]) throws -> PurposeScope {
        let scope: PurposeScope
        do {
            scope = try PurposeScope(config.purposes, purpose: purpose, database: store.database)
            for code in laCodes { try scope.require(code) }
        } catch let error as PurposeError {
            throw HubFailure.unusable("\(error)")
        }
        if let refusal = try MinimisationLevels(database: store.database, leavingOut: Set(scope.leftOut)).refusal {
            throw HubFailure.unusable(refusal)
        }
        return scope
    }

    /// The hub's suppression pattern as an output made for `scope`'s purpose reads it, computed from
    /// `snapshot` (every member's figures) over what every purpose's outputs show, so that totals
    /// made for two purposes cannot be differenced (docs/disclosure-control.md, "Purposes").
    static func pattern(for scope: PurposeScope, _ config: HubConfiguration, store: Store, snapshot: IndicatorSnapshot,
                        geography: LAGeography) throws -> SuppressionPattern {
        Audience.pattern(for: scope.permission.purpose, snapshot: snapshot, geography: geography,
                         control: DisclosureControl(threshold: config.suppressionThreshold),
                         purposes: try PurposeScope.every(config.purposes, database: store.database))
    }
}
