import Comparison
import ComparisonTables
import Foundation
import Governance
import HubConfig
import HubStore
import MetricEngine
import ReferenceData
import Scoping

/// What a scoping form or call asks for (`hnhub scope-centre`'s options the service takes), as
/// typed: checked by ``options(group:)``, and the key of the kept scope.
struct ScopeRequest: Sendable, Equatable {
    var group: String?
    var needs: String?
    var anyRank = false
    var ages: String?
    var fromSettings: String?
    var site: String?
    var maxKilometres: String?
    var capacity: String?
    var conversion: String?

    /// Form and query field names, in the form's order.
    static let fields = ["group", "needs", "any_rank", "ages", "from_settings", "site", "max_km", "capacity", "conversion"]

    init(_ parameters: ScopeParameters) {
        group = parameters.text("group")
        needs = parameters.text("needs")
        anyRank = parameters.flag("any_rank")
        ages = parameters.text("ages")
        fromSettings = parameters.text("from_settings")
        site = parameters.text("site")
        maxKilometres = parameters.text("max_km")
        capacity = parameters.text("capacity")
        conversion = parameters.text("conversion")
    }

    /// Nothing asked yet: the page shows the empty form.
    var isEmpty: Bool { group == nil && needs == nil && site == nil }

    /// The CLI's options for `group`, every value checked: a bad one is 400 naming its field.
    func options(group: String) throws -> ScopeOptions {
        var options = ScopeOptions(group: group, needs: needs ?? "")
        options.anyRank = anyRank
        (options.age, options.fromSettings, options.site) = (ages, fromSettings, site)
        (options.maxKilometres, options.capacity, options.conversion) = (maxKilometres, capacity, conversion)
        return options
    }

    /// Checks every value the way the CLI does, before anything is read.
    func check() throws {
        do {
            _ = try options(group: group ?? "").assumptions()
        } catch let error as ScopeError {
            throw Self.problem(error)
        }
    }

    /// The key of this request's scope for one audience.
    func key(group: String, ownLA: String?) -> String {
        ["scope", group, needs ?? "", anyRank ? "any" : "primary", ages ?? "", fromSettings ?? "", site ?? "", maxKilometres ?? "",
         capacity ?? "", conversion ?? "", ownLA ?? "-"].map { $0.replacingOccurrences(of: "|", with: "||") }.joined(separator: "|")
    }

    /// A scoping error as the service tells it: a bad value is 400 naming the form field, a group
    /// with nothing to scope 404.
    static func problem(_ error: ScopeError) -> ServiceError {
        let text = "\(error)"
        // The CLI's messages start with its option (`--needs: ...`); the service names the field.
        let message = text.hasPrefix("--") ? String(text.drop { $0 != " " }.dropFirst()) : text
        switch error {
        case .unknownNeed, .noNeeds: return .badField("needs", message)
        case .badAges(let value): return .badField("ages", "'\(value)' is not a range of ages: two whole numbers from 0 to 25, the first not above the second (e.g. 11-16)")
        case .unknownSetting: return .badField("from_settings", message)
        case .siteNotInRegister, .siteNotLocated, .badSite: return .badField("site", message)
        case .badCapacity: return .badField("capacity", message)
        case .badConversion: return .badField("conversion", message)
        case .badNumber(let option, _, _):
            let field = option == "--max-km" ? "max_km" : option.replacingOccurrences(of: "--", with: "").replacingOccurrences(of: "-", with: "_")
            return .badField(field, message)
        case .noReturns, .emptyGroup: return .notFound(text)
        case .badScenario, .serviceNeedsCaseload: return .badRequest(text)
        }
    }
}

/// A scope as served: the readout for the audience, and whom the purpose left out.
struct ServedScope: Sendable {
    var readout: ScopeReadout
    /// Members of the hub not opted in to centre scoping.
    var leftOut: [String]
    var notice: String?
}

extension FigureOutputs {
    /// `hnhub scope-centre --group NAME ... [--la X --own]`: the group's members opted in to centre
    /// scoping, the site located in the register, the cohort read from the store at `storePath`,
    /// and the readout for `ownLA`'s own view or (nil) the shared view, with the CLI's disclosure
    /// control (docs/scoping.md).
    func scope(_ request: ScopeRequest, group: String, ownLA: String?, storePath: String, config: HubConfiguration) async throws
        -> ServedScope {
        try requireOneMinimisationLevel(.centreScoping)
        let purpose: PurposeScope
        switch figures.centreScoping {
        case .success(let scope): purpose = scope
        case .failure(let error): throw ServiceError(.forbidden, "Not an agreed purpose", "\(error)")
        }
        if let ownLA {
            do {
                try purpose.require(ownLA)
            } catch {
                throw ServiceError(.forbidden, "Left out of centre scoping", "\(error)")
            }
        }
        do {
            let assumptions = try request.options(group: group).assumptions()
            let members: [String]
            do {
                members = try LAGroups.members(of: group, in: groups, knownCodes: figures.knownCodes)
            } catch {
                throw ServiceError.notFound("\(error)")
            }
            if let ownLA, !members.contains(ownLA) {
                throw ServiceError.badField("la", "LA \(ownLA) is not a member of group '\(group)' (\(members.joined(separator: ", ")))")
            }
            let context = try StoreMetricContext(path: storePath)
            let (point, label) = try assumptions.site.locate(context)
            guard members.contains(where: purpose.includes) else {
                throw ServiceError(.forbidden, "Left out of centre scoping",
                                   "No member of group '\(group)' has opted in to the purpose '\(purpose.permission.purpose)' "
                                       + "(config purposes; docs/governance.md).")
            }
            let readout = try await ScopeReadout.read(
                context, database: try Database(path: storePath, readOnly: true), group: group, members: members,
                purpose: purpose, assumptions: assumptions, bands: config.defaultCostBands, site: point, siteLabel: label,
                ownLA: ownLA, control: DisclosureControl(threshold: config.suppressionThreshold))
            return ServedScope(readout: readout, leftOut: purpose.leftOut, notice: purpose.notice)
        } catch let error as ScopeError {
            throw ScopeRequest.problem(error)
        }
    }
}
