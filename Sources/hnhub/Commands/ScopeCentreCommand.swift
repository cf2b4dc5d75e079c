import ArgumentParser
import Comparison
import Exports
import Foundation
import Governance
import HubKit
import HubStore
import MetricEngine
import ReferenceData
import Report
import Scoping

/// `hnhub scope-centre`: size and cost a shared centre (or a shared specialist service) for a
/// group's low-incidence needs (docs/scoping.md).
struct ScopeCentreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scope-centre",
        abstract: "Scope a shared centre of expertise (or specialist service) across a group of LAs.",
        discussion: """
            The cohort at the group's latest census, who is eligible for the site, the fill of each capacity \
            year by year (only new placements and phase transfers move), fees avoided, centre, transport and \
            capital costs, break-even, the probabilities over the simulations, sensitivity, each LA's places \
            and every assumption with its source. Shared outputs hide LAs' counts of 1 to threshold-1 and \
            whatever could recover them; --la X --own shows X's own figures whole. See docs/scoping.md.
            """)

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "The config group to scope.") var group: String
    @Option(name: .long, help: "SEN2 need codes, e.g. HI,VI,MSI or SEMH,ASD.") var needs: String
    @Flag(name: .customLong("any-rank"), help: "Needs at any rank, not only the primary need.") var anyRank = false
    @Option(name: .long, help: "Ages on the 31 August before the census, e.g. 11-16 (default 4-15).") var age: String?
    @Option(name: .long, help: "National curriculum years instead of ages, e.g. 7-11 (Reception is 0).") var ncy: String?
    @Option(name: .customLong("from-settings"),
            help: "Placements a centre takes children from: \(SettingSelector.allCases.map(\.rawValue).joined(separator: ",")) (default independent,out-of-area).")
    var fromSettings: String?
    @Option(name: .long, help: "The site: a URN of the register, or EASTING,NORTHING in metres.") var site: String
    @Option(name: .customLong("max-km"), help: "Distance limit from home to the site, straight line (default 30).") var maxKm: String?
    @Option(name: .long, help: "Places of each option, e.g. 24,40,60.") var capacity: String?
    @Option(name: .long, help: "Shares of eligible children taking a place, e.g. 0.3,0.5,0.7 (the middle is central).") var conversion: String?
    @Option(name: .customLong("place-cost"), help: "Annual cost of a filled place in pounds (default 26000).") var placeCost: String?
    @Option(name: .customLong("fixed-cost"), help: "Annual fixed running cost in pounds (default 0).") var fixedCost: String?
    @Option(name: .long, help: "Annual fee of a placement the hub holds no cost for (default 63000).") var fee: String?
    @Option(name: .customLong("transport-per-km"), help: "Pounds a year per km of home-to-school distance (default 400).")
    var transportPerKm: String?
    @Option(name: .long, help: "Capital in pounds, paid back as an annuity.") var capital: String?
    @Option(name: .customLong("capital-years"), help: "Years of the annuity (default 25).") var capitalYears: String?
    @Option(name: .long, help: "Interest rate of the annuity (default 0.035).") var interest: String?
    @Option(name: .long, help: "Years scoped (default 5).") var years: String?
    @Option(name: .long, help: "Yearly growth of new placements (default: the group's recent growth).") var growth: String?
    @Option(name: .long, help: "Simulations (default 1000).") var simulations: String?
    @Option(name: .long, help: "Seed of the simulations (default 2025).") var seed: String?
    @Option(name: .long, help: "A YAML file of changed assumptions, run as one line of the sensitivity.") var scenario: String?
    @Option(name: .long, help: "Size a shared specialist service too, e.g. QToD.") var service: String?
    @Option(name: .customLong("caseload-per-fte"), help: "Children one full-time practitioner serves.") var caseloadPerFTE: String?
    @Option(name: .customLong("cost-per-fte"), help: "Annual cost of a practitioner (default 60000).") var costPerFTE: String?
    @Option(name: .long, help: "With --own: the LA whose own figures are shown whole.") var la: String?
    @Flag(name: .long, help: "With --la: that LA's own view, unsuppressed (do not share).") var own = false
    @Option(name: .long, help: "table, csv or json.") var format: Format = .table
    @Option(name: .long, help: "Also write every table as CSV, scope.json, scope.html and scope.xlsx into this folder.") var out: String?

    enum Format: String, ExpressibleByArgument { case table, csv, json }

    func validate() throws {
        if own && la == nil { throw ValidationError("--own needs --la (an LA sees only its own figures unsuppressed)") }
        if la != nil && !own { throw ValidationError("--la is for an LA's own view: add --own") }
        if let la, la.count != 3 || !la.allSatisfy(\.isNumber) {
            throw ValidationError("--la takes a 3-digit DfE LA code, e.g. 801 (got '\(la)')")
        }
    }

    var options: ScopeOptions {
        var options = ScopeOptions(group: group, needs: needs)
        options.anyRank = anyRank
        (options.age, options.ncy, options.fromSettings, options.site) = (age, ncy, fromSettings, site)
        (options.maxKilometres, options.capacity, options.conversion) = (maxKm, capacity, conversion)
        (options.placeCost, options.fixedCost, options.fee, options.transportPerKilometre) = (placeCost, fixedCost, fee, transportPerKm)
        (options.capital, options.capitalYears, options.interestRate) = (capital, capitalYears, interest)
        (options.years, options.growth, options.simulations, options.seed) = (years, growth, simulations, seed)
        (options.service, options.caseloadPerPractitioner, options.costPerPractitioner) = (service, caseloadPerFTE, costPerFTE)
        return options
    }

    func run() async throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        // Centre scoping is a purpose of its own: members not opted in are left out of the cohort,
        // the demand and every total, and the output lists them (docs/scoping.md, "Purposes").
        let purposeScope = try PurposeOption.scope(StandardPurpose.centreScoping.rawValue, config, store: store,
                                                   naming: [la].compactMap { $0 })
        let readout: ScopeReadout
        do {
            var assumptions = try options.assumptions()
            var scenarioAssumptions: ScopeAssumptions?
            if let scenario {
                let (changed, name) = try ScenarioFile.apply(path: scenario, to: options)
                scenarioAssumptions = try changed.assumptions()
                scenarioAssumptions?.scenarioName = name
                assumptions.scenarioName = nil
            }
            let knownCodes = try LARegister(database: store.database).knownCodes()
            let members = try LAGroups.members(of: group, in: config.groups, knownCodes: knownCodes)
            if let la, !members.contains(la) {
                throw HubFailure.unusable("--la \(la) is not a member of group '\(group)' (\(members.joined(separator: ", ")))")
            }
            let context = try StoreMetricContext(path: config.resolvedDatabasePath(override: hub.db))
            let (point, label) = try assumptions.site.locate(context)
            if !members.contains(where: purposeScope.includes) {
                throw HubFailure.unusable("no member of group '\(group)' has opted in to the purpose 'centre-scoping' "
                    + "(config purposes; docs/governance.md)")
            }
            readout = try await ScopeReadout.read(
                context, database: store.database, group: group, members: members, purpose: purposeScope,
                assumptions: assumptions, bands: config.defaultCostBands, site: point, siteLabel: label,
                scenario: scenarioAssumptions, ownLA: own ? la : nil,
                control: DisclosureControl(threshold: config.suppressionThreshold))
        } catch let error as ScopeError {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownGroup {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownCode {
            throw HubFailure.unusable("\(error)")
        }
        switch format {
        case .table: print(readout.text, terminator: "")
        case .csv: print(readout.csv, terminator: "")
        case .json: print(readout.json, terminator: "")
        }
        if format != .table, let notice = purposeScope.notice { printError(notice) }
        if let out { try write(readout, to: out) }
    }

    /// Every table as CSV, the JSON, the HTML report and the workbook.
    func write(_ readout: ScopeReadout, to folder: String) throws {
        var files: [(String, Data)] = readout.tables.map { ("scope_\($0.name).csv", Data($0.csv.utf8)) }
        files.append(("scope.json", Data(readout.json.utf8)))
        files.append(("scope.html", Data(ScopeReport(readout: readout).html().utf8)))
        files.append(("scope.xlsx", Data(ScopeWorkbook(readout: readout, created: ExportCommand.generationDay()).workbook().xlsx())))
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, data) in files {
                try data.write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)), options: .atomic)
            }
        } catch {
            throw HubFailure.unusable("cannot write into \(folder): \(error.localizedDescription)")
        }
        printError("wrote \(files.count) files into \(folder): \(files.map(\.0).joined(separator: ", "))")
    }
}
