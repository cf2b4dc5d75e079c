import Foundation
import HubTestSupport
import Testing

/// docs/store.md: SQL lives in HubStore, except the metric engine, the plugin SDK, the plugin
/// template and the benchmark experiments. These tests keep it so.
@Suite struct StoreSQLPlacementTests {
    /// Folders and files of `Sources` where SQL may be written (docs/store.md, "The exceptions").
    static let allowed = [
        "Sources/HubStore/", "Sources/MetricEngine/", "Sources/HubKit/",
        "Sources/hnhub/Commands/PluginScaffold.swift", "Sources/hnhub-bench/StageBenchmark.swift",
    ]

    /// A SQL statement's opening words, in capitals as the hub writes them.
    static let statement =
        #"\b(SELECT|INSERT|UPDATE \S+ SET|DELETE FROM|(CREATE|DROP) (TEMP |TEMPORARY |UNIQUE )?(TABLE|VIEW|INDEX|TRIGGER)|PRAGMA|BEGIN|COMMIT|ROLLBACK)\b"#

    /// `file:line: text` of every line of `text` outside comments that holds a SQL statement.
    static func sqlLines(in text: String, file: String) throws -> [String] {
        let statement = try Regex(Self.statement)
        var found: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("//"), line.contains(statement) else { continue }
            found.append("\(file):\(number + 1): \(trimmed.prefix(100))")
        }
        return found
    }

    @Test func noSQLOutsideTheStore() throws {
        let root = packageRoot + "/"
        let files = try #require(FileManager.default.enumerator(atPath: root + "Sources")).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }.map { "Sources/" + $0 }
            .filter { file in !Self.allowed.contains { file.hasPrefix($0) } }
            .sorted()
        #expect(files.count > 100)
        var found: [String] = []
        for file in files {
            found += try Self.sqlLines(in: try String(contentsOfFile: root + file, encoding: .utf8), file: file)
        }
        #expect(found.isEmpty, "SQL belongs in Sources/HubStore behind a named store API (docs/store.md):\n\(found.joined(separator: "\n"))")
    }

    @Test func aQueryInAStringIsFoundAndACommentIsNot() throws {
        let text = """
            /// Reads SELECT-ed rows (a comment).
            let rows = try database.rows("SELECT la_code FROM imports")
            try database.execute("UPDATE imports SET checksum = ?", [])
            let note = "select a file"
            """
        #expect(try Self.sqlLines(in: text, file: "Sources/X/Y.swift") == [
            #"Sources/X/Y.swift:2: let rows = try database.rows("SELECT la_code FROM imports")"#,
            #"Sources/X/Y.swift:3: try database.execute("UPDATE imports SET checksum = ?", [])"#,
        ])
    }
}
