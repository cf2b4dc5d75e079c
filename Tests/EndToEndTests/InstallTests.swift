import Foundation
import HubTestSupport
import ReferenceData
import Testing

/// hnhub run from anywhere: it finds its bundled data beside the build or in an install's share
/// folder, and `scripts/install` lays out an install that works from any folder (docs/install.md).
@Suite struct InstallTests {
    @Test func theDataIsFoundInTheInstallsShareFolder() throws {
        let prefix = try TemporaryFolder()
        defer { prefix.remove() }
        for folder in ["lib/hnhub", "share/hnhub/Datasets"] {
            try FileManager.default.createDirectory(atPath: prefix.file(folder), withIntermediateDirectories: true)
        }
        try prefix.write("share/hnhub/Datasets/local_authorities.csv", "la_code\n")
        #expect(DatasetsFolder.locate(executableFolder: prefix.file("lib/hnhub"), environment: [:])
                == URL(fileURLWithPath: prefix.file("share/hnhub/Datasets")).path)
        // A build finds the package's own folder, walking up from .build/<triple>/debug.
        #expect(DatasetsFolder.locate(executableFolder: buildFolder, environment: [:]).map { URL(fileURLWithPath: $0).path }
                == URL(fileURLWithPath: "\(packageRoot)/Datasets").path)
        // The config's folder, then HNHUB_DATASETS, come first.
        #expect(DatasetsFolder.locate(executableFolder: prefix.file("lib/hnhub"),
                                      environment: ["HNHUB_DATASETS": "\(packageRoot)/Datasets"]) == "\(packageRoot)/Datasets")
    }

    /// The README's demo, run outside the package from an install: the full LA list is found.
    @Test func anInstalledHnhubRunsFromAnyFolder() throws {
        let prefix = try TemporaryFolder(), work = try TemporaryFolder()
        defer { prefix.remove(); work.remove() }
        let install = Process()
        install.executableURL = URL(fileURLWithPath: "\(packageRoot)/scripts/install")
        install.arguments = ["--prefix", prefix.path, "--from", buildFolder]
        install.standardOutput = FileHandle.nullDevice
        try install.run()
        install.waitUntilExit()
        #expect(install.terminationStatus == 0)
        let hnhub = prefix.file("bin/hnhub")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hnhub) == "../lib/hnhub/hnhub")

        try FileManager.default.createDirectory(atPath: work.file("here"), withIntermediateDirectories: true)
        let initRun = try runHub(["init", "--db", "hub.sqlite"], in: work.file("here"), executable: hnhub)
        #expect(initRun.status == 0, "\(initRun.errors)")
        let data = URL(fileURLWithPath: prefix.file("share/hnhub/Datasets")).standardizedFileURL.path
        #expect(initRun.output.contains("loaded the bundled reference tables from \(data): 167 LA periods"))
        #expect(initRun.output.contains("published DfE tables (England, regions and LAs): 7 loaded"))

        let demo = try runHub(["demo", "--out", "../elsewhere", "--las", "12", "--persons", "20"], in: work.file("here"),
                              executable: hnhub)
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.file("elsewhere")).filter { $0.hasPrefix("sen2-") }.count == 12)
    }
}
