import ArgumentParser
import Foundation
import HubKit
import ImportPipeline
import InputFiles
import MappingImporters
import PluginHost

/// `hnhub-bench spreadsheet`: time and peak memory of the mapping importer (the example CaseView
/// mapping) on a generated large export, as XLSX and as CSV, each imported into a fresh store;
/// and on a highly compressible workbook (one row repeated, about 130:1), validated with the
/// default inflation limits (read to the end, as it is under 200:1) and with a ratio limit of
/// 100:1 (refused before anything is inflated). The memory bound this shows is described in
/// docs/input-rules.md.
struct SpreadsheetBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spreadsheet",
        abstract: "Import a generated million-row export (XLSX and CSV) and a highly compressible workbook; report time and peak memory.")

    @Option(name: .long, help: "Rows of the generated export (one child a row).")
    var rows = 1_000_000

    @Option(name: .customLong("repeated-mb"), help: "Size in MB the highly compressible sheet inflates to.")
    var repeatedMegabytes = 1_000

    @Option(name: .long, help: "Where generated files are kept and reused.")
    var cache = ".build-bench-data"

    @Option(name: .long, help: "The mapping file.")
    var mapping = "config/importers/caseview-children.yaml"

    @Flag(name: .customLong("skip-csv"), help: "Leave out the CSV import.")
    var skipCSV = false

    func run() throws {
        let folder = (cache as NSString).appendingPathComponent("spreadsheets-v1")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let xlsx = try generated("\(folder)/export-\(rows).xlsx") { try SpreadsheetExport.writeXLSX(rows: rows, to: $0) }
        let csv = skipCSV ? nil : try generated("\(folder)/export-\(rows).csv") { try SpreadsheetExport.writeCSV(rows: rows, to: $0) }
        let repeated = try generated("\(folder)/repeated-\(repeatedMegabytes)mb.xlsx") {
            try SpreadsheetExport.writeRepeatedRow(inflatedBytes: repeatedMegabytes << 20, to: $0)
        }
        let definition = try MappingDefinition.load(path: mapping)

        var report = BenchReport(benchmark: "spreadsheet", mode: "\(rows) rows")
        report.add("xlsx_size", Double(Self.size(xlsx)) / 1e6, "MB", note: (xlsx as NSString).lastPathComponent)
        try measureImport(xlsx, name: "xlsx", definition: definition, into: &report)
        if let csv {
            report.add("csv_size", Double(Self.size(csv)) / 1e6, "MB")
            try measureImport(csv, name: "csv", definition: definition, into: &report)
        }
        report.add("repeated_size", Double(Self.size(repeated)) / 1e6, "MB",
                   note: "inflates to \(repeatedMegabytes) MB: \(repeatedMegabytes << 20 / max(Self.size(repeated), 1)):1")
        try measureValidation(repeated, name: "repeated_default_limits", definition: definition, limits: InflationLimits(),
                              into: &report)
        try measureValidation(repeated, name: "repeated_ratio_limit_100", definition: definition,
                              limits: InflationLimits(maxRatio: 100), into: &report)
        report.print()
    }

    /// Imports `path` into a fresh store through the mapping, as `hnhub import` would.
    private func measureImport(_ path: String, name: String, definition: MappingDefinition,
                               into report: inout BenchReport) throws {
        let hub = try BenchHub()
        defer { hub.remove() }
        let runner = ImportRunner(catalog: Self.catalog(MappingImporter(mapping: definition)), opener: InputOpener(),
                                  store: hub.store, secret: hub.secret)
        ProcessMemory.resetPeak()
        let before = ProcessMemory.resident ?? 0
        let cpu = processCPUSeconds()
        let (outcomes, seconds) = timed { runner.run(path: path) }
        guard case let .imported(entry, _, _)? = outcomes.first else {
            throw BenchFailure("\(path) was not imported: \(outcomes)")
        }
        log(String(format: "%@: %d persons in %.1f s", name, entry.records + entry.quarantined, seconds))
        report.add("\(name)_import_seconds", seconds, "s", note: String(format: "%.1f s CPU", processCPUSeconds() - cpu))
        report.add("\(name)_persons", Double(entry.records + entry.quarantined), "persons")
        report.add("\(name)_persons_per_second", Double(entry.records + entry.quarantined) / seconds, "persons/s")
        if let peak = ProcessMemory.peakResident {
            report.add("\(name)_peak_rss", Double(peak) / 1e6, "MB", note: String(format: "%.0f MB before", Double(before) / 1e6))
        }
    }

    /// Validates `path` (nothing stored) through the mapping with `limits`, as `hnhub validate` would.
    private func measureValidation(_ path: String, name: String, definition: MappingDefinition, limits: InflationLimits,
                                   into report: inout BenchReport) throws {
        let importer = MappingImporter(mapping: definition, rowFailures: .quarantinePerson, limits: limits)
        let runner = ImportRunner(catalog: Self.catalog(importer), opener: InputOpener(), store: nil, secret: nil)
        ProcessMemory.resetPeak()
        let (outcomes, seconds) = timed { runner.run(path: path) }
        let what: String
        switch outcomes.first {
        case let .validated(_, _, summary)?: what = "read: \(summary.persons) person(s)"
        case let .rejected(_, reason)?: what = "refused: \(reason)"
        case let other: what = "\(String(describing: other))"
        }
        log("\(name): \(what) in \(String(format: "%.1f", seconds)) s")
        report.add("\(name)_seconds", seconds, "s", note: what.count > 90 ? String(what.prefix(90)) + "..." : what)
        if let peak = ProcessMemory.peakResident { report.add("\(name)_peak_rss", Double(peak) / 1e6, "MB") }
    }

    private static func catalog(_ importer: MappingImporter) -> PluginCatalog {
        PluginCatalog(plugins: [LoadedPlugin(manifest: PluginManifest(id: importer.descriptor.id, version: importer.descriptor.version,
                                                                      importers: [importer]),
                                             path: "(bench)", sha256: String(repeating: "0", count: 64))])
    }

    /// `path`, generated by `make` unless it is already there.
    private func generated(_ path: String, _ make: (String) throws -> Void) throws -> String {
        if FileManager.default.fileExists(atPath: path) { return path }
        log("generating \(path) ...")
        let (_, seconds) = try timed { try make(path + ".partial") }
        try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
        log(String(format: "generated %@ (%.1f MB) in %.1f s", path, Double(Self.size(path)) / 1e6, seconds))
        return path
    }

    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
