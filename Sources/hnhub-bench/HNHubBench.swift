import ArgumentParser

/// `hnhub-bench`: measures the import pipeline on a generated England-scale SEN2 set.
///
/// ```
/// swift build -c release --scratch-path .build-bench
/// .build-bench/release/hnhub-bench import                 # 153 LAs, 650,000 persons
/// .build-bench/release/hnhub-bench import --single-file   # the same persons in one ~1 GB return
/// .build-bench/release/hnhub-bench stages                 # where the time goes, stage by stage
/// .build-bench/release/hnhub-bench indicators             # every indicator on the imported set
/// .build-bench/release/hnhub-bench report                 # the HTML report, one LA and all LAs
/// .build-bench/release/hnhub-bench serve                  # hnhub serve's compare and report pages under load
/// .build-bench/release/hnhub-bench spreadsheet            # a million-row XLSX and CSV export, a repeated-row workbook
/// .build-bench/release/hnhub-bench                        # all three: import, indicators, report
/// ```
/// Run it from the package root (it reads `Datasets/local_authorities.csv`); the plugin libraries
/// must be in the executable's folder, as a full `swift build` leaves them.
@main
struct HNHubBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hnhub-bench",
        abstract: "Benchmark SEN2 imports, indicators and the report on a generated England-scale data set.",
        subcommands: [AllBenchmarks.self, ImportBenchmark.self, StageBenchmark.self, IndicatorBenchmark.self,
                      ReportBenchmark.self, ServeBenchmark.self, GenerateBenchmark.self, SpreadsheetBenchmark.self,
                      ForecastBenchmark.self, ScopeBenchmark.self],
        defaultSubcommand: AllBenchmarks.self)
}
