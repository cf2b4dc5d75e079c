import HubKit
import Testing

/// The SDK's CSV mechanism that importers share: the reader's byte order mark and file name, the
/// header row read from a file's head, and ``CSVTable``'s rows and rejections.
@Suite struct CSVTableTests {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    // MARK: CSVReader

    /// Excel writes a byte order mark and then quotes the first name: the quotes must still count.
    @Test(arguments: [1, 2, 3, 4, 1 << 16])
    func theReaderSkipsAByteOrderMarkBeforeAQuotedField(chunk: Int) throws {
        let bytes = Self.byteOrderMark + Array("\"LA_Code\",Year\r\n801,2024\r\n".utf8)
        for encoding in [TextEncoding.utf8, .windows1252] {
            let reader = CSVReader(stream: MemoryByteStream(bytes, chunk: chunk), encoding: encoding)
            #expect(try reader.next() == ["LA_Code", "Year"])
            #expect(try reader.next() == ["801", "2024"])
            #expect(reader.line == 2)
            #expect(try reader.next() == nil)
            #expect(reader.bytesRead == bytes.count)
        }
    }

    @Test func onlyTheMarkAtTheStartIsSkipped() throws {
        let short = CSVReader(stream: MemoryByteStream([0xEF, 0xBB]), encoding: .windows1252)
        #expect(try short.next() == ["ï»"])
        let markOnly = CSVReader(stream: MemoryByteStream(Self.byteOrderMark))
        #expect(try markOnly.next() == nil)
        let later = CSVReader(stream: MemoryByteStream(Array("a\n".utf8) + Self.byteOrderMark), encoding: .windows1252)
        #expect(try later.next() == ["a"])
        #expect(try later.next() == ["ï»¿"])
    }

    @Test func aRejectionNamesTheFileWhenTheReaderKnowsIt() throws {
        let bytes = Array("a,b\n1,\"open\n".utf8)
        let named = CSVReader(stream: MemoryByteStream(bytes), fileName: "data.csv")
        _ = try named.next()
        let rejected = #expect(throws: InputRejected.self) { try named.next() }
        #expect(rejected?.description == "data.csv:2: a quoted field that starts on line 2 is never closed")

        let unnamed = CSVReader(stream: MemoryByteStream(bytes))
        _ = try unnamed.next()
        let anonymous = #expect(throws: InputRejected.self) { try unnamed.next() }
        #expect(anonymous?.file == nil)
    }

    // MARK: CSVHeader

    @Test func theHeaderComesFromTheHeadAndMatchesNamesLoosely() throws {
        let header = try #require(CSVHeader(head: Self.byteOrderMark + Array("\" LA_Code \",Year,year\n801,20".utf8)))
        #expect(header.names == ["LA_Code", "Year", "year"])
        #expect(header.keys == ["la_code", "year", "year"])
        #expect(header.column("la_code") == 0)
        #expect(header.column(" YEAR ") == 1)
        #expect(header.column("age") == nil)
        #expect(CSVHeader(head: []) == nil)
        #expect(CSVHeader(head: Array("\"never closed".utf8)) == nil)
    }

    // MARK: CSVTable

    @Test func aTableSkipsBlankRowsAndRejectsNamingLineAndColumn() throws {
        let table = try CSVTable(file: file("la_code, Count \n801,5\n\n , \n802,x\n"))
        #expect(table.header.names == ["la_code", "Count"])
        let count = try #require(table.header.column("count"))
        let first = try #require(try table.next())
        #expect((first.line, first.text(0), first.text(count)) == (2, "801", "5"))
        let second = try #require(try table.next())
        #expect(second.line == 5)
        #expect(second.reject(count, "'x' is not a number").description == "t.csv:5:2: column Count: 'x' is not a number")
        #expect(second.text(7) == "")
        #expect(try table.next() == nil)
        #expect(table.rejectHeader("no count").description == "t.csv:1: no count")
    }

    @Test func anEmptyTableIsRejectedNamingTheFile() throws {
        let rejected = #expect(throws: InputRejected.self) { try CSVTable(file: file("")) }
        #expect(rejected?.description == "t.csv:1: the file is empty: a header row is expected")
    }

    /// One file in memory, read 3 bytes at a time.
    func file(_ text: String) -> InputFile {
        let bytes = Array(text.utf8)
        return InputFile(name: "t.csv", head: bytes) { MemoryByteStream(bytes, chunk: 3) }
    }
}
