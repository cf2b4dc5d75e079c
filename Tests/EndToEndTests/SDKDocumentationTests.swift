import Foundation
import HubTestSupport
import Testing

/// The HubKit SDK's DocC articles walk through the plugins `hnhub plugin new` writes. Every Swift
/// block in them must appear line for line (indentation aside) in what the scaffold writes or
/// prints, so an article cannot drift from the code a plugin author starts from
/// (docs/writing-plugins.md, "The SDK reference").
@Suite struct SDKDocumentationTests {
    static let catalog = "\(packageRoot)/Sources/HubKit/Sources/HubKit/HubKit.docc"

    @Test func writingAnImporterShowsTheScaffoldsImporter() throws {
        try checkArticle("WritingAnImporter.md", kind: "importer", name: "LocalReferrals")
    }

    @Test func writingAMetricShowsTheScaffoldsMetricProvider() throws {
        try checkArticle("WritingAMetric.md", kind: "metric", name: "PlanReviews")
    }

    @Test func aBlockMatchesOnlyTheSameLinesInTheSameOrder() {
        let file = SDKDocumentationTests.lines("a {\n    b\n    c\n}\n")
        #expect(SDKDocumentationTests.contains(file, run: ["b", "c"]))
        #expect(!SDKDocumentationTests.contains(file, run: ["c", "b"]))
        #expect(!SDKDocumentationTests.contains(file, run: ["b", "d"]))
        #expect(SDKDocumentationTests.swiftBlocks("text\n```swift\n  x\n```\n```sh\ny\n```\n") == [["x"]])
    }

    func checkArticle(_ article: String, kind: String, name: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("Package.swift", "// swift-tools-version:6.0\n")
        let run = try runHub(["plugin", "new", "--kind", kind, "--name", name], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        // What it prints (the Package.swift line) and the three files it writes.
        var generated = [run.output]
        for part in ["Sources", "Entry", "Tests"] {
            let partFolder = folder.file("Plugins/\(name)/\(part)")
            for file in try FileManager.default.contentsOfDirectory(atPath: partFolder) {
                generated.append(try String(contentsOfFile: "\(partFolder)/\(file)", encoding: .utf8))
            }
        }
        let blocks = Self.swiftBlocks(try String(contentsOfFile: "\(Self.catalog)/\(article)", encoding: .utf8))
        #expect(blocks.count >= 5)
        for block in blocks {
            #expect(generated.contains { Self.contains(Self.lines($0), run: block) },
                    "not in the scaffold's output:\n\(block.joined(separator: "\n"))")
        }
    }

    /// The lines of `text` without their indentation.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.drop { $0 == " " })
        }
    }

    /// The ```swift blocks of a Markdown text, each as its lines without indentation.
    static func swiftBlocks(_ markdown: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in lines(markdown) {
            if current == nil, line == "```swift" {
                current = []
            } else if let block = current, line == "```" {
                blocks.append(block)
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    /// True when `run` is a run of consecutive lines of `lines`.
    static func contains(_ lines: [String], run: [String]) -> Bool {
        guard !run.isEmpty, run.count <= lines.count else { return false }
        return (0...(lines.count - run.count)).contains { Array(lines[$0..<($0 + run.count)]) == run }
    }
}
