import Foundation
import HubTestSupport
import Testing

/// The demo set committed in `Datasets/demo` is exactly what `scripts/make_demo_dataset` writes:
/// the test runs `hnhub demo` with the script's options into a temporary folder and compares
/// every file, byte for byte.
@Suite struct DemoDatasetTests {
    static var committed: String { "\(packageRoot)/Datasets/demo" }

    /// The options line of the script (`OPTIONS="..."`), split into arguments.
    static func scriptOptions() throws -> [String] {
        let script = try String(contentsOfFile: "\(packageRoot)/scripts/make_demo_dataset", encoding: .utf8)
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("OPTIONS=\"") })
        return line.dropFirst("OPTIONS=\"".count).dropLast().split(separator: " ").map(String.init)
    }

    @Test func theCommittedSetIsWhatTheScriptWrites() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(buildFolder)/hnhub")
        process.arguments = ["demo", "--out", folder.path("demo"), "--la-list", "Datasets/local_authorities.csv"]
            + (try Self.scriptOptions())
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let fresh = try folder.files(in: "demo")
        // A store made by following the printed next steps inside the folder is not part of the set.
        let committed = try DemoScratchFolder.files(under: Self.committed).filter { !$0.hasPrefix("hub.s") }
        #expect(committed == fresh, "Datasets/demo is out of date: run scripts/make_demo_dataset")
        for name in fresh where committed.contains(name) {
            let same = try folder.bytes("demo/\(name)") == Data(contentsOf: URL(fileURLWithPath: "\(Self.committed)/\(name)"))
            #expect(same, "Datasets/demo/\(name) differs from a fresh generation: run scripts/make_demo_dataset")
        }
    }

    @Test func theCommittedSetIsSmall() throws {
        let names = try DemoScratchFolder.files(under: Self.committed).filter { !$0.hasPrefix("hub.s") }
        let bytes = try names.reduce(0) { total, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(Self.committed)/\(name)")
            return total + ((attributes[.size] as? NSNumber)?.intValue ?? 0)
        }
        #expect(names.filter { $0.hasSuffix(".xml") }.count == 12)
        #expect(bytes < 6_000_000)
    }
}
