import Exports
import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import Testing

/// What an import folder, a second import or the store's permissions cannot do to an import
/// (docs/input-rules.md): a FIFO never blocks it, UTF-16 gets a message that says so, the same
/// bytes imported twice at once are stored once, a store the user cannot write is still read, and
/// each input's outcome is written out as soon as it is known.
@Suite struct ImportSafetyTests {
    static let fixture = "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"

    @Test func aFIFOInAnImportFolderIsSkippedAndNeverOpened() throws {
        let hub = try SEN2ImportTests.Hub()
        defer { hub.folder.remove() }
        let folder = hub.folder.file("exports")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: "\(folder)/a-return.xml")
        #expect(mkfifo("\(folder)/b-pipe.xml", 0o600) == 0)
        // A reader blocked on the FIFO would wait for a writer forever: the import runs on another
        // thread, and after the timeout a writer is opened to let it go (the test then fails).
        let outcomes = try withTimeout(seconds: 60, unblocking: "\(folder)/b-pipe.xml") { hub.runner.run(path: folder) }
        #expect(outcomes.count == 2)
        guard case let .imported(entry, _, _)? = outcomes.first else {
            Issue.record("the return was not imported: \(outcomes)")
            return
        }
        #expect(entry.records == 8)
        guard case let .skipped(source, reason)? = outcomes.last else {
            Issue.record("the FIFO was not skipped: \(outcomes)")
            return
        }
        #expect(source == "\(folder)/b-pipe.xml")
        #expect(reason == "it is a FIFO (named pipe), not a regular file")
        // Named on its own, it is refused the same way.
        let direct = try withTimeout(seconds: 60, unblocking: "\(folder)/b-pipe.xml") { hub.runner.run(path: "\(folder)/b-pipe.xml") }
        guard case let .rejected(_, directReason)? = direct.first else {
            Issue.record("the FIFO was read: \(direct)")
            return
        }
        #expect(directReason == "\(folder)/b-pipe.xml: not read: it is a FIFO (named pipe), not a regular file (only files are imported)")
    }

    @Test func aUTF16FileIsToldToBeSavedAsUTF8() throws {
        let hub = try SEN2ImportTests.Hub()
        defer { hub.folder.remove() }
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        let withBOM = try hub.folder.write("unicode.xml", bytes: [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        guard case let .rejected(_, reason)? = hub.runner.run(path: withBOM).first else {
            Issue.record("not rejected")
            return
        }
        #expect(reason == "the file is UTF-16 text (little-endian, with a byte order mark), which no importer reads: save it "
                + "as UTF-8 (Excel: Save As \"CSV UTF-8\"; Notepad: Save As with Encoding UTF-8) and import that")
        let csv = Array("la_code,year,age,population\r\n800,2024,5,1234\r\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(TextEncodingNote.utf16(csv)?.hasPrefix("the file is UTF-16 text (big-endian)") == true)
        #expect(TextEncodingNote.utf16(Array(text.utf8)) == nil)
    }

    @Test func aZipArchiveNoImporterClaimsPointsToValidate() throws {
        let hub = try SEN2ImportTests.Hub()
        defer { hub.folder.remove() }
        var zip = ZipWriter()
        zip.add("notes.txt", Array("not a workbook".utf8))
        let path = try hub.folder.write("export.xlsx", bytes: zip.finish())
        guard case let .rejected(_, reason)? = hub.runner.run(path: path).first else {
            Issue.record("not rejected")
            return
        }
        #expect(reason.hasPrefix("no importer recognises this zip archive (tried: "))
        #expect(reason.hasSuffix("); if it is a workbook a mapping should read, `hnhub validate --importer mapping:ID FILE` says what in it cannot be read"))
    }

    @Test func theSameBytesImportedTwiceAtOnceAreStoredOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let storePath = folder.file("hub.sqlite")
        _ = try Store(path: storePath)
        let secret = try HubSecret.create(path: folder.file("hub.secret"))
        let population = try folder.write("population.csv", "la_code,year,age,population\n800,2024,5,1234\n800,2024,6,1250\n")
        let plugins = PluginCatalog.load(policy: builtInPluginPolicy)
        // A SEN2 return (parsed while its transaction is open) and a population file (checked,
        // then stored in one transaction): two connections, as two `hnhub import` processes have.
        for path in [Self.fixture, population] {
            let results = Results<[ImportOutcome]>()
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do {
                    let runner = ImportRunner(catalog: plugins, opener: InputOpener(), store: try Store(path: storePath), secret: secret)
                    results.append(runner.run(path: path))
                } catch {
                    results.append([.rejected(source: path, reason: "\(error)")])
                }
            }
            let outcomes = results.all.flatMap { $0 }
            #expect(outcomes.filter { if case .imported = $0 { true } else { false } }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { if case .alreadyImported = $0 { true } else { false } }.count == 1, "\(outcomes)")
        }
        let store = try Store(path: storePath)
        #expect(try store.database.scalar("SELECT count(*) FROM imports")?.int == 2)
        #expect(try store.database.scalar("SELECT count(*) FROM persons")?.int == 8)
    }

    @Test(.enabled(if: ReadOnlyStore.canDropWriteAccess, "cannot run hnhub as a user without write access here"))
    func aStoreThisUserCannotWriteIsReadButNotWritten() throws {
        let folder = try TemporaryFolder()
        defer { ReadOnlyStore.restore(folder.path); folder.remove() }
        let store = folder.file("hub.sqlite")
        #expect(try runHub(["init", "--db", store]).status == 0)
        #expect(try runHub(["import", "--db", store, Self.fixture]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: store + "-wal"))
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        ReadOnlyStore.protect(folder.path)

        let returns = try ReadOnlyStore.runHub(["returns", "--db", store])
        #expect(returns.status == 0, "\(returns.errors)")
        #expect(returns.output.contains("800"))
        #expect(returns.errors.contains("hnhub: note: reading the store without writing to it: "), "\(returns.errors)")
        let indicators = try ReadOnlyStore.runHub(["indicators", "--db", store, "--la", "800", "--format", "csv"])
        #expect(indicators.status == 0, "\(indicators.errors)")
        #expect(indicators.output.contains("ehcp_caseload"), "\(indicators.output)")
        let importing = try ReadOnlyStore.runHub(["import", "--db", store, Self.fixture])
        #expect(importing.status == 2)
        #expect(importing.errors.contains("cannot write to the store: "), "\(importing.errors)")
        #expect(importing.errors.contains("Nothing was written."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
    }

    @Test func eachOutcomeIsWrittenOutAsSoonAsItIsKnown() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = folder.file("hub.sqlite")
        #expect(try runHub(["init", "--no-published", "--db", store]).status == 0)
        let first = try folder.write("population-2024.csv", "la_code,year,age,population\n800,2024,5,1234\n")
        let second = try folder.write("population-2023.csv", "la_code,year,age,population\n800,2023,5,1200\n")
        #expect(try runHub(["import", "--db", store, first]).status == 0)
        // Another connection holds the write lock, so the second file waits for it (up to 5 s)
        // after the first's outcome is known. Standard output is a pipe, which the C library
        // buffers in full unless the import flushes it.
        let holder = try Store(path: store)
        try holder.database.execute("BEGIN IMMEDIATE")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(buildFolder)/hnhub")
        process.arguments = ["import", "--db", store, first, second]
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "HNHUB_CONFIG" }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var firstLine = ""
        while !firstLine.contains("\n") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            firstLine += String(decoding: data, as: UTF8.self)
        }
        let runningWhenWritten = process.isRunning
        try holder.database.execute("ROLLBACK")
        let rest = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(firstLine.hasPrefix("unchanged: \(first) has the same SHA-256 as import #1"), "\(firstLine)")
        #expect(runningWhenWritten)
        #expect(process.terminationStatus == 0, "\(errors)")
        #expect(rest.hasPrefix("imported \(second): "), "\(rest)")
    }

    // MARK: Helpers

    /// Runs `body` on another thread; after `seconds`, opens `fifo` for writing (releasing a
    /// reader blocked on it) and fails.
    private func withTimeout<T>(seconds: Double, unblocking fifo: String, _ body: @escaping () -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Results<T>()
        let work = Results<() -> T>()  // hands the closure to the thread
        work.append(body)
        Thread { result.append(work.all[0]()); done.signal() }.start()
        if done.wait(timeout: .now() + seconds) == .timedOut {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            done.wait()
            Issue.record("still running after \(seconds) s: something opened the FIFO")
        }
        return result.all[0]
    }
}

/// Values appended from several threads.
final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T] = []
    func append(_ value: T) { lock.withLock { values.append(value) } }
    var all: [T] { lock.withLock { values } }
}

/// Taking write access to a store away from `hnhub`: by permissions when the tests do not run as
/// root; as root (who may write anything) by running `hnhub` as `nobody`, for whom the test's
/// folder is read-only as it is.
enum ReadOnlyStore {
    static let isRoot = geteuid() == 0

    /// True unless the tests run as root and `nobody` cannot run the built `hnhub`.
    static let canDropWriteAccess: Bool = {
        guard isRoot else { return true }
        return (try? runHub(["--help"]))?.status == 0
    }()

    /// Makes the folder and its files read-only (when not root; root's runs drop to nobody).
    static func protect(_ folder: String) {
        guard !isRoot else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            chmod((folder as NSString).appendingPathComponent(name), 0o444)
        }
        chmod(folder, 0o555)
    }

    static func restore(_ folder: String) {
        chmod(folder, 0o755)
    }

    /// Runs the built `hnhub` in the package root without write access to the test's store.
    static func runHub(_ arguments: [String]) throws -> HubRun {
        try EndToEndTests.runHub(arguments, through: isRoot ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [])
    }
}
