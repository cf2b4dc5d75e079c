import Foundation
import HubKit
import HubTestSupport
import InputFiles
import Testing

/// Reading inputs: gzip (as the system's `gzip` writes it) is undone by content, and a stream that
/// inflates too far is refused.
@Suite struct SystemGzipInputTests {
    func readAll(_ stream: any ByteStream) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1000)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }

    /// gzip bytes made by the system's gzip, so the test does not check zlib against itself.
    func gzip(_ text: String, in folder: TemporaryFolder) throws -> String {
        let path = try folder.write("input.xml", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kn", path]
        try process.run()
        process.waitUntilExit()
        let gz = path + ".gz"
        let renamed = folder.file("return-without-extension")
        try FileManager.default.moveItem(atPath: gz, toPath: renamed)
        return renamed
    }

    @Test func aGzipFileIsInflatedWhateverItsName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = String(repeating: "<Person>x</Person>\n", count: 2000)
        let path = try gzip(text, in: folder)
        let file = try InputOpener().inputFile(path: path)
        #expect(file.head.starts(with: Array("<Person>".utf8)))
        #expect(try readAll(file.open()) == Array(text.utf8))
    }

    @Test func concatenatedGzipMembersAreReadInTurn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let one = try Data(contentsOf: URL(fileURLWithPath: gzip("first\n", in: folder)))
        try FileManager.default.removeItem(atPath: folder.file("return-without-extension"))
        try FileManager.default.removeItem(atPath: folder.file("input.xml"))
        let two = try Data(contentsOf: URL(fileURLWithPath: gzip("second\n", in: folder)))
        let path = try folder.write("both.gz", bytes: Array(one + two))
        #expect(try readAll(InputOpener().inputFile(path: path).open()) == Array("first\nsecond\n".utf8))
    }

    @Test func aStreamInflatingPastTheRatioIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 20 MB of zeros compress about 1000:1.
        let path = try gzip(String(repeating: "0", count: 20 << 20), in: folder)
        let opener = InputOpener(limits: InflationLimits(maxRatio: 100))
        #expect {
            try readAll(opener.inputFile(path: path).open())
        } throws: { error in
            "\(error)" == "\(path): refused: the gzip stream inflates past a ratio of 100:1 (a possible decompression bomb); raise the limit in the config (input.max_inflate_ratio / input.max_inflated_bytes) if the file is genuine"
        }
    }

    @Test func aStreamInflatingPastTheSizeLimitIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try gzip(String(repeating: "abc", count: 100_000), in: folder)
        let opener = InputOpener(limits: InflationLimits(maxRatio: 10_000, maxBytes: 100_000))
        #expect(throws: InputFileError.self) { try readAll(opener.inputFile(path: path).open()) }
    }

    @Test func aTruncatedGzipStreamIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: gzip(String(repeating: "abcdefgh", count: 5000), in: folder)))
        let path = try folder.write("cut.gz", bytes: Array(whole.prefix(whole.count / 2)))
        #expect {
            try readAll(InputOpener().inputFile(path: path).open())
        } throws: { error in
            "\(error)".hasSuffix("not a valid gzip stream: the compressed data ends early (truncated file?)")
        }
    }
}
