import Foundation
import InputFiles
import Testing

/// The zlib the hub reads and writes archives and workbooks with.
@Suite struct InputFilesTests {
    @Test func zlibRoundTrip() throws {
        let bytes = Array("High Needs Hub ".utf8) + (0..<5000).map { UInt8($0 % 251) }
        #expect(try Zlib.decompress(Zlib.compress(bytes), limit: bytes.count) == bytes)
    }
}
