import Comparison
import ComparisonTables
import DisclosureAudit
import Exports
import Forecasting
import Foundation
import Governance
import HubStore
import ReferenceData
import Report
import Synchronization

/// Everything the pages and the API show, read from the store once after the indicators are
/// computed (at start and after each import) and shared by every request until the next import.
package struct HubFigures: Sendable {
    /// Increases with every reload; caches of rendered outputs are keyed by it.
    package var version: Int
    /// Indicator values, where every LA sits, the returns held and the reference data behind them,
    /// without the LAs not opted in to benchmarking (docs/governance.md, "Purposes"), as
    /// `hnhub report --purpose benchmarking` reads them.
    package var report: ReportData
    /// The returns of the workbook's Notes, without the LAs left out of benchmarking.
    package var sources: WorkbookSources
    /// Which members the benchmarking outputs (compare, report, workbook, indicators) leave out:
    /// the service serves every one of them for that purpose, as the CLI's default `--purpose`.
    package var benchmarking: PurposeScope
    /// Which members the forecast leaves out (those not opted in to forecasting).
    package var forecasting: PurposeScope
    /// Which members a centre scope leaves out (those not opted in to centre scoping), or why no
    /// scope can be made: the config's purposes do not name centre scoping.
    package var centreScoping: Result<PurposeScope, PurposeError>
    /// Why the outputs of a purpose cannot be made, by purpose id: the current returns of the LAs
    /// it shows were kept at more than one level of minimisation (docs/governance.md,
    /// "Minimisation"), as the CLI refuses them.
    package var minimisationRefusals: [String: String]
    /// Every current SEN2 return, whatever the LA opted in to (an LA's own home page lists its own).
    package var returnsHeld: [ImportedReturn]
    /// LA codes of the register.
    package var knownCodes: Set<String>
    /// The hub's one suppression pattern over every figure above (docs/disclosure-control.md), the
    /// pattern the CLI computes from the same store: every page, download and API answer made from
    /// these figures hides what it hides, so no two outputs together reveal a hidden count.
    package var pattern: SuppressionPattern
    package var control: DisclosureControl
    /// The caseload series every forecast the service shows is made from, without the returns of
    /// LAs not opted in to forecasting (read once per set of figures; nil when they could not be
    /// read: the outputs then leave the forecast out, as the CLI does).
    package var caseload: CaseloadSources?

    package var snapshot: IndicatorSnapshot { report.snapshot }
    package var geography: LAGeography { report.geography }

    /// Reads the store (after the indicators were computed), leaves out the LAs not opted in to
    /// benchmarking and reads the hub's pattern as benchmarking outputs read it: computed over every
    /// LA, region, England and config group of every purpose's outputs, as `hnhub compare`,
    /// `report` and `export` do with `--purpose benchmarking`.
    /// Throws ``PurposeError`` when the config's purposes do not name benchmarking and forecasting.
    package static func load(_ database: Database, groups: [String: [String]], purposes: PurposeRegister = .unenforced,
                            control: DisclosureControl, version: Int) throws -> HubFigures {
        let benchmarking = try PurposeScope(purposes, purpose: StandardPurpose.benchmarking.rawValue, database: database)
        let forecasting = try PurposeScope(purposes, purpose: StandardPurpose.forecasting.rawValue, database: database)
        let centreScoping: Result<PurposeScope, PurposeError>
        do {
            centreScoping = .success(try PurposeScope(purposes, purpose: StandardPurpose.centreScoping.rawValue, database: database))
        } catch let error as PurposeError {
            centreScoping = .failure(error)
        }
        var refusals: [String: String] = [:]
        for scope in [benchmarking, forecasting] + ((try? centreScoping.get()).map { [$0] } ?? []) {
            refusals[scope.permission.purpose] = try MinimisationLevels(database: database, leavingOut: Set(scope.leftOut)).refusal
        }
        let edition = try StatisticalNeighbours(database: database).edition(nil)
        let everyone = try ReportData.load(database, neighboursEdition: edition, groups: groups)
        let report = everyone.leavingOut(benchmarking.leftOut)
        var sources = try WorkbookSources.load(database)
        sources.returns.removeAll { !benchmarking.includes($0.laCode) }
        // Over what every purpose's outputs show, as the CLI computes it (docs/disclosure-control.md, "Purposes").
        let pattern = Audience.pattern(for: benchmarking.permission.purpose, snapshot: everyone.snapshot,
                                       geography: everyone.geography, control: control,
                                       purposes: try PurposeScope.every(purposes, database: database))
        return HubFigures(version: version, report: report, sources: sources, benchmarking: benchmarking,
                          forecasting: forecasting, centreScoping: centreScoping, minimisationRefusals: refusals, returnsHeld: everyone.returns,
                          knownCodes: try LARegister(database: database).knownCodes(),
                          pattern: pattern, control: control,
                          caseload: try? CaseloadSources.read(database).leavingOut(forecasting.leftOut))
    }

    /// The audience of these figures: every LA's small figures hidden by the hub's pattern, except
    /// `ownLA`'s (its own view).
    package func audience(ownLA: String?) -> Audience {
        Audience(ownLA: ownLA, control: control, pattern: pattern)
    }

    /// LAs a person can choose: those with figures or returns, by name.
    package var choosableLAs: [(code: String, name: String)] {
        var codes = Set(report.returns.map(\.laCode))
        for definition in snapshot.definitions {
            for period in snapshot.periods(of: definition.id).prefix(1) {
                codes.formUnion(snapshot.figures(definition.id, period: period).map(\.laCode))
            }
        }
        return codes.map { ($0, geography.name($0)) }.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
    }

    /// Every period with figures, newest first.
    package var periods: [String] {
        Set(snapshot.definitions.flatMap { snapshot.periods(of: $0.id) }).sorted(by: >)
    }

    /// True when `la` is in the register or has figures or returns.
    package func knows(la code: String) -> Bool {
        knownCodes.contains(code) || report.returns.contains { $0.laCode == code } || geography.names[code] != nil
    }
}

/// The figures currently served, swapped whole when an import finishes, and outputs made from
/// them (rendered reports and workbooks, forecasts and scopes) kept until the figures change.
package final class FigureShelf: Sendable {
    private let current: Mutex<HubFigures>
    private let rendered = Mutex<[String: (version: Int, bytes: [UInt8])]>([:])
    private let computed = Mutex(ComputedOutputs())
    /// Rendered outputs kept (a report is up to a few MB; an LA's shared and own views of a few periods fit).
    static let renderedLimit = 400
    /// Computed outputs kept (forecasts and scopes: each holds its simulations' summaries, up to a
    /// few MB for a scope of a large group); the least recently used goes first.
    static let computedLimit = 48

    package init(_ figures: HubFigures) { current = Mutex(figures) }

    package var figures: HubFigures { current.withLock { $0 } }

    /// Puts newer figures on the shelf (outputs of older ones are dropped as they are asked for).
    package func replace(with figures: HubFigures) {
        current.withLock { $0 = figures }
        rendered.withLock { $0.removeAll() }
        computed.withLock { $0.entries.removeAll() }
    }

    /// The output under `key` made from `figures` (the figures a request was granted), rendering it
    /// when it is not kept for their version.
    package func rendered(_ key: String, from figures: HubFigures, render: (HubFigures) throws -> [UInt8]) rethrows -> [UInt8] {
        if let kept = rendered.withLock({ $0[key] }), kept.version == figures.version { return kept.bytes }
        let bytes = try render(figures)
        rendered.withLock { cache in
            if cache.count >= Self.renderedLimit { cache.removeAll() }
            // An older request finishing late never replaces what newer figures rendered.
            if (cache[key]?.version ?? 0) <= figures.version { cache[key] = (figures.version, bytes) }
        }
        return bytes
    }

    /// The value under `key` computed from `figures`, computing it when none is kept for their
    /// version. `key` must name everything the value depends on besides the figures: the
    /// request's parameters and its audience.
    package func computed<Value: Sendable>(_ key: String, from figures: HubFigures, compute: (HubFigures) throws -> Value) rethrows
        -> Value {
        if let kept = computed.withLock({ $0.take(key, version: figures.version) }) as? Value { return kept }
        let value = try compute(figures)
        computed.withLock { $0.keep(value, under: key, version: figures.version, limit: Self.computedLimit) }
        return value
    }

    /// As above, for a value computed asynchronously (a scope).
    package func computed<Value: Sendable>(_ key: String, from figures: HubFigures,
                                           compute: (HubFigures) async throws -> Value) async rethrows -> Value {
        if let kept = computed.withLock({ $0.take(key, version: figures.version) }) as? Value { return kept }
        let value = try await compute(figures)
        computed.withLock { $0.keep(value, under: key, version: figures.version, limit: Self.computedLimit) }
        return value
    }

    /// How many forecasts and scopes were computed rather than taken from the kept ones (tests and
    /// tools read it to see that an identical request is answered from what was kept).
    package var computations: Int { computed.withLock { $0.computations } }
}

/// Forecasts and scopes kept by key, with the figures version each was made from.
struct ComputedOutputs: Sendable {
    struct Entry: Sendable {
        var version: Int
        var value: any Sendable
        var lastUsed: UInt64
    }

    var entries: [String: Entry] = [:]
    var clock: UInt64 = 0
    var computations = 0

    mutating func take(_ key: String, version: Int) -> (any Sendable)? {
        guard let entry = entries[key], entry.version == version else { return nil }
        clock += 1
        entries[key]?.lastUsed = clock
        return entry.value
    }

    mutating func keep(_ value: any Sendable, under key: String, version: Int, limit: Int) {
        computations += 1
        // An older request finishing late never replaces what newer figures computed.
        guard (entries[key]?.version ?? 0) <= version else { return }
        clock += 1
        entries[key] = Entry(version: version, value: value, lastUsed: clock)
        while entries.count > limit, let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            entries[oldest] = nil
        }
    }
}
