import Foundation
import HubTestSupport
import Testing

/// What the command says when it is asked for something the hub does not hold: what is wrong and
/// what to do, with exit 2, never an empty table or silence.
@Suite(.serialized) struct CommandMessageTests {
    /// A store with LA 800's 2025 return.
    func hubWithAReturn() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try runHub(["init", "--no-published", "--db", "hub.sqlite"], in: folder.path)
        try runHub(["import", "--db", "hub.sqlite", "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"], in: folder.path)
        return folder
    }

    @Test func anUnknownLAPeriodOrIndicatorIsRefusedWithWhatTheHubHolds() throws {
        let folder = try hubWithAReturn()
        defer { folder.remove() }
        let db = ["--db", "hub.sqlite"]
        for code in ["999", "abc"] {
            for command in [["compare", "--la", code], ["indicators", "--la", code]] {
                let run = try runHub(command + db, in: folder.path)
                #expect(run.status == 2, "\(command)")
                #expect(run.errors.contains("no LA '\(code)' in the register or the indicator values (3-digit DfE codes, e.g. 801)"))
                #expect(run.output.isEmpty)
            }
        }
        let period = try runHub(["indicators", "--period", "2030"] + db, in: folder.path)
        #expect(period.status == 2)
        #expect(period.errors.contains("no figures for period '2030'; periods held: 2024, 2024/25"))
        let notAPeriod = try runHub(["compare", "--la", "800", "--period", "2024-25"] + db, in: folder.path)
        #expect(notAPeriod.status == 2)
        #expect(notAPeriod.errors.contains("'2024-25' is not a period (e.g. 2024/25 for a census, 2024 for a calendar year)"))
        let indicator = try runHub(["indicators", "--indicator", "nope"] + db, in: folder.path)
        #expect(indicator.status == 2)
        #expect(indicator.errors.contains("no indicator 'nope'; the hub computes: age_band_share_11to15, "))
        // Known LA, period and indicator that have nothing together: said so, and how to look.
        let nothing = try runHub(["indicators", "--la", "801", "--indicator", "ehcp_caseload"] + db, in: folder.path)
        #expect(nothing.status == 0)
        #expect(nothing.output == "no indicator values for LA 801, ehcp_caseload (run without these options to see what the hub holds)\n")
    }

    @Test func anEmptyFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try runHub(["init", "--no-published", "--db", "hub.sqlite"], in: folder.path)
        try FileManager.default.createDirectory(atPath: folder.file("returns"), withIntermediateDirectories: true)
        let run = try runHub(["import", "--db", "hub.sqlite", "returns"], in: folder.path)
        #expect(run.status == 2)
        #expect(run.errors.contains("rejected returns: the folder holds no files to import"))
    }

    @Test func aConfigFileInAFolderIsSkippedAsSettings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try runHub(["init", "--no-published", "--db", "hub.sqlite"], in: folder.path)
        try FileManager.default.createDirectory(atPath: folder.file("set"), withIntermediateDirectories: true)
        try folder.write("set/hub.yaml", "groups:\n  west: [\"800\"]\n")
        try Data(contentsOf: URL(fileURLWithPath: "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"))
            .write(to: URL(fileURLWithPath: folder.file("set/sen2-800-2025.xml")))
        let run = try runHub(["import", "--db", "hub.sqlite", "set"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("skipped set/hub.yaml: a configuration file, not data (give a hub config with --config)"))
    }

    /// After the quick start (its store in demo/), a command without --db names that store.
    @Test func aMissingStoreNamesTheStoresNearby() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try runHub(["init", "--no-published", "--db", "demo/hub.sqlite"], in: folder.path)
        let run = try runHub(["compare", "--la", "800"], in: folder.path)
        #expect(run.status == 2)
        #expect(run.errors.contains("hub.sqlite: no hub store here (the default: no --db, and no config names a database); "
                                    + "hub stores nearby: demo/hub.sqlite. Use one with --db PATH and the --config it was made with "
                                    + "(scripts/quickstart's: --config Datasets/demo/hub.yaml --db demo/hub.sqlite), "
                                    + "or create a new one with: hnhub init --db hub.sqlite"))
    }
}
