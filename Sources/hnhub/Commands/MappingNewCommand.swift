import ArgumentParser
import Foundation
import HubKit
import InputFiles
import MappingImporters
import PluginHost
import ReferenceData
import Validation

/// `hnhub mapping`: work on mapping files (docs/mapping-importers.md).
struct MappingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping", abstract: "Work on mapping files for CSV/XLSX exports (see docs/mapping-importers.md).",
        subcommands: [MappingNewCommand.self])
}

/// `hnhub mapping new`: a starter mapping for an export, with every column listed, the SEN2 element
/// its name suggests, the date formats of its values and a code table stub per coded column.
struct MappingNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a starter mapping file for a CSV or XLSX export.")

    @Option(name: .long, help: "The export (CSV or XLSX).")
    var from: String

    @Option(name: .long, help: "The mapping's id: the importer becomes mapping:ID.")
    var id: String

    @Option(name: .long, help: "XLSX: the sheet to read (default: the first).")
    var sheet: String?

    @Option(name: .long, help: "Write the mapping here (never over an existing file); default: standard output.")
    var out: String?

    @Option(name: .long, help: "The 3-digit LA number of the export (default: guessed from the UPNs).")
    var la: String?

    @Option(name: .customLong("census-date"), help: "The census day of the return, YYYY-MM-DD (default: guessed from the dates).")
    var censusDate: String?

    @Option(name: .long, help: "The hub's Datasets folder, for the census days (default: found beside hnhub).")
    var datasets: String?

    func validate() throws {
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("--id must be letters, digits, - and _ (got '\(id)')")
        }
        if let la, !(la.count == 3 && la.allSatisfy(\.isNumber)) {
            throw ValidationError("--la must be a 3-digit DfE LA number such as 800 (got '\(la)')")
        }
        if let censusDate, Day(iso: censusDate) == nil {
            throw ValidationError("--census-date must be a date YYYY-MM-DD (got '\(censusDate)')")
        }
    }

    func run() throws {
        if let out, FileManager.default.fileExists(atPath: out) {
            throw HubFailure.unusable("\(out) already exists: nothing was written; give another --out or remove it")
        }
        let census = DatasetsFolder.locate(explicit: datasets, executableFolder: PluginLoader.executableFolder())
            .flatMap { try? BundledReference.collectionReference(from: $0) }?.censusDays.values.sorted() ?? []
        let context = StarterMapping.Context(id: id, sheet: sheet, laCode: la, censusDate: censusDate.flatMap(Day.init(iso:)),
                                             censusDays: census, codeLists: Self.codeLists)
        let starter: StarterMapping
        do {
            starter = try StarterMapping(source: InputOpener().source(path: from), context: context)
        } catch let rejected as InputRejected {
            throw HubFailure.unusable("\(rejected)")
        } catch {
            throw HubFailure.unusable("\(from): \(error)")
        }
        guard let out else {
            print(starter.yaml, terminator: "")
            return
        }
        do {
            try Data(starter.yaml.utf8).write(to: URL(fileURLWithPath: out), options: .withoutOverwriting)
        } catch {
            throw HubFailure.unusable("cannot write \(out): \(error.localizedDescription)")
        }
        print("""
            wrote \(out): a starter mapping for \(from) with \(starter.entriesToFill) code table \
            \(starter.entriesToFill == 1 ? "entry" : "entries") to translate (written "").
            Check every guess, then put it in the importers folder beside your config and run
                hnhub validate --config CONFIG --importer mapping:\(id) \(from)
            See docs/mapping-importers.md, "Starting from an export".
            """)
    }

    /// The SEN2 code lists of the newest year the hub knows, by the element names a mapping uses.
    static var codeLists: [String: [String]] {
        let year = SEN2Collection.latestKnownYear
        var lists: [String: [String]] = [:]
        for list in [CodeList.sex, .senType, .senSetting, .requestOutcome, .assessmentOutcome, .ceaseReason, .requestSource,
                     .directPayments, .reviewOutcome, .upnUnknown] {
            lists[list.element] = list.codes(in: year)
        }
        lists["DP"] = CodeList.directPayments.codes(in: year)
        for element in ["PlanRes", "Res"] { lists[element] = CodeList.residential.codes(in: year) }
        for element in ["PlanWBP", "WBP"] { lists[element] = CodeList.workBased.codes(in: year) }
        lists["Ethnicity"] = EthnicityCodes.main
        return lists
    }
}
