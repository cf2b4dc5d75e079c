import HubKit
import InputFiles

/// Opens one sheet of an XLSX workbook as a ``SheetTable``: the first sheet, or the one the
/// mapping names. Cells may be shared strings, inline strings, formula results, booleans or
/// numbers; numbers in a date-formatted cell become `yyyy-mm-dd` (1900 and 1904 date systems).
///
/// Nothing is held whole: the archive is read through its central directory, every part inflates
/// through a stream under the inflation limits, and the sheet's rows are read one at a time each
/// time the table's rows are read. Only the shared strings are held, as every row may use any of
/// them, within ``SharedStrings`` limits (see docs/input-rules.md).
struct XLSXSheetReader {
    let archive: ZipArchive
    let fileName: String

    init(file: InputFile, limits: InflationLimits = InflationLimits()) throws {
        do {
            archive = try ZipArchive(name: file.name, limits: limits) { try file.open() }
        } catch let error as ZipArchiveError {
            throw InputRejected(file: file.name, message: "not a readable XLSX workbook: \(error.message)")
        }
        fileName = file.name
    }

    /// The sheets' names in workbook order.
    func sheetNames() throws -> [String] { try workbook().sheets.map(\.name) }

    func open(layout: FileLayout) throws -> SheetTable {
        let book = try workbook()
        let sheet: (name: String, part: String)
        if let wanted = layout.sheet {
            guard let match = book.sheets.first(where: { $0.name.lowercased() == wanted.lowercased() }) else {
                throw InputRejected(file: fileName, message: "the workbook has no sheet '\(wanted)' (sheets: \(book.sheets.map(\.name).joined(separator: ", ")))")
            }
            sheet = match
        } else {
            guard let first = book.sheets.first else { throw InputRejected(file: fileName, message: "the workbook has no sheets") }
            sheet = first
        }
        let strings = try sharedStrings()
        let dateStyles = try self.dateStyles()
        guard let entry = archive.entry(sheet.part) else {
            throw InputRejected(file: fileName, message: "not a readable XLSX workbook: it has no entry \(sheet.part)")
        }
        let (archive, fileName, uses1904) = (self.archive, self.fileName, book.uses1904)
        var table = try SheetTable(fileName: fileName, origin: "XLSX sheet '\(sheet.name)'", numbersAreDateSerials: true,
                                   headerRow: layout.headerRow) {
            XLSXRows(markup: XLSXMarkup(stream: try Self.rejectingDamage(fileName, sheet.part) { try archive.stream(of: entry) }),
                     part: sheet.part, fileName: fileName, strings: strings, dateStyles: dateStyles, uses1904: uses1904)
        }
        table.uses1904Dates = book.uses1904
        return table
    }

    // MARK: - Parts

    /// Runs `body`, turning archive and scanner errors into a rejection naming the file and part.
    static func rejectingDamage<T>(_ fileName: String, _ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ZipArchiveError {
            throw InputRejected(file: fileName, message: "not a readable XLSX workbook: \(error.message)")
        } catch let error as XLSXFormatError {
            throw InputRejected(file: fileName, message: "the workbook part \(path) is damaged: \(error.message)")
        }
    }

    /// Runs `body` over the XML of an archive entry, streamed.
    private func part<T>(_ path: String, _ body: (inout XLSXMarkup) throws -> T) throws -> T {
        try Self.rejectingDamage(fileName, path) {
            guard let entry = archive.entry(path) else { throw ZipArchiveError(file: fileName, message: "it has no entry \(path)") }
            var markup = XLSXMarkup(stream: try archive.stream(of: entry))
            return try body(&markup)
        }
    }

    private func workbook() throws -> (sheets: [(name: String, part: String)], uses1904: Bool) {
        guard archive.contains("xl/workbook.xml") else {
            throw InputRejected(file: fileName, message: "a zip archive but not an XLSX workbook (no xl/workbook.xml)")
        }
        var targets: [String: String] = [:]
        if archive.contains("xl/_rels/workbook.xml.rels") {
            try part("xl/_rels/workbook.xml.rels") { markup in
                while let event = try markup.next() {
                    if case let .start("Relationship", attributes, _) = event, let id = attributes["Id"], let target = attributes["Target"] {
                        guard targets.count < Self.maximumParts else { throw XLSXFormatError("more than \(Self.maximumParts) relationships") }
                        targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                    }
                }
            }
        }
        return try part("xl/workbook.xml") { markup in
            var sheets: [(String, String)] = []
            var uses1904 = false
            while let event = try markup.next() {
                guard case let .start(name, attributes, _) = event else { continue }
                if name == "workbookPr", let flag = attributes["date1904"] { uses1904 = flag == "1" || flag == "true" }
                if name == "sheet", let sheetName = attributes["name"] {
                    guard sheets.count < Self.maximumParts else { throw XLSXFormatError("more than \(Self.maximumParts) sheets") }
                    let part = attributes["id"].flatMap { targets[$0] } ?? "xl/worksheets/sheet\(sheets.count + 1).xml"
                    sheets.append((sheetName, part))
                }
            }
            return (sheets, uses1904)
        }
    }

    /// More sheets, relationships or cell formats than a workbook can have (Excel allows 64,000
    /// cell formats) make it hostile, not large.
    static let maximumParts = 65_536

    private func sharedStrings() throws -> SharedStrings {
        var strings = SharedStrings()
        guard archive.contains("xl/sharedStrings.xml") else { return strings }
        try part("xl/sharedStrings.xml") { markup in
            var current: String?
            var inPhonetic = false
            while let event = try markup.next() {
                switch event {
                case .start("si", _, let selfClosing):
                    if selfClosing { try strings.append("") } else { current = "" }
                case .end("si"):
                    try strings.append(current ?? "")
                    current = nil
                case .start("rPh", _, false): inPhonetic = true
                case .end("rPh"): inPhonetic = false
                case .start("t", _, false):
                    let text = try markup.textOfElement("t")
                    if !inPhonetic { current? += text }
                    if (current?.utf8.count ?? 0) > XLSXMarkup.maximumToken {
                        throw XLSXFormatError("a shared string longer than \(XLSXMarkup.maximumToken) bytes")
                    }
                default: continue
                }
            }
        }
        return strings
    }

    /// Indexes of the cell formats (`cellXfs`) that show numbers as dates.
    private func dateStyles() throws -> Set<Int> {
        guard archive.contains("xl/styles.xml") else { return [] }
        return try part("xl/styles.xml") { markup in
            var customDates = Set<Int>()
            var styles = Set<Int>()
            var inCellFormats = false
            var index = 0
            while let event = try markup.next() {
                switch event {
                case let .start("numFmt", attributes, _):
                    guard customDates.count < Self.maximumParts else { throw XLSXFormatError("more than \(Self.maximumParts) number formats") }
                    if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"],
                       Self.isDateFormat(code) { customDates.insert(id) }
                case .start("cellXfs", _, false): inCellFormats = true
                case .end("cellXfs"): inCellFormats = false
                case let .start("xf", attributes, _) where inCellFormats:
                    guard index < Self.maximumParts else { throw XLSXFormatError("more than \(Self.maximumParts) cell formats") }
                    let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
                    if Self.builtInDateFormats.contains(id) || customDates.contains(id) { styles.insert(index) }
                    index += 1
                default: continue
                }
            }
            return styles
        }
    }

    /// Excel's built-in number formats that show dates (and date-times).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// True when a custom format code shows a date: it has d, m or y outside quotes and brackets.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false, inBrackets = false, escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[": inBrackets = true
            case "]": inBrackets = false
            case "d", "y", "m": if !inQuotes && !inBrackets { return true }
            default: continue
            }
        }
        return false
    }

    // MARK: - Cells

    static func cellValue(_ markup: inout XLSXMarkup, attributes: [String: String], strings: SharedStrings,
                                  dateStyles: Set<Int>, uses1904: Bool) throws -> String {
        var raw = "", inline = ""
        while let event = try markup.next() {
            switch event {
            case .start("v", _, false): raw = try markup.textOfElement("v")
            case .start("is", _, false): inline = try markup.textOfElement("is")
            case let .start(name, _, false): _ = try markup.textOfElement(name)
            case .end("c"):
                switch attributes["t"] {
                case "s": return Int(raw).flatMap { strings[$0] } ?? ""
                case "inlineStr": return inline
                case "str", "e", "b": return raw
                case "d": return String(raw.prefix(10))
                default:
                    guard !raw.isEmpty else { return "" }
                    if let style = attributes["s"].flatMap(Int.init), dateStyles.contains(style),
                       let day = SpreadsheetDate.day(serial: raw, uses1904: uses1904) {
                        return day.iso
                    }
                    return SpreadsheetDate.plainNumber(raw)
                }
            default: continue
            }
        }
        throw XLSXFormatError("a cell is never closed")
    }

    /// `AB12` -> 27 (0-based column of the reference).
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 || (scalar.value >= 97 && scalar.value <= 122) else { break }
            index = index * 26 + Int((scalar.value & ~0x20) - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}

/// Spreadsheet numbers as a mapping reads them.
enum SpreadsheetDate {
    /// The date of an Excel serial (days since 1899-12-30 in the 1900 system, whose day 60 is the
    /// non-existent 1900-02-29; since 1904-01-01 in the 1904 system). The time of day is dropped.
    static func day(serial text: String, uses1904: Bool) -> Day? {
        guard let serial = Double(CSVText.trimmed(text)), serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down))
        if uses1904 { return Day(year: 1904, month: 1, day: 1)?.adding(days: days) }
        if days < 60 { return Day(year: 1899, month: 12, day: 31)?.adding(days: days) }
        return Day(year: 1899, month: 12, day: 30)?.adding(days: days)
    }

    /// A number cell as text: whole numbers without a decimal part or exponent (`100001`, not
    /// `1.00001E5`), others as stored.
    static func plainNumber(_ text: String) -> String {
        guard text.contains(where: { $0 == "." || $0 == "E" || $0 == "e" }), let value = Double(text),
              value.rounded() == value, abs(value) < 1e15 else { return text }
        return String(Int(value))
    }
}

/// The rows of a worksheet part, read one `<row>` at a time.
final class XLSXRows: SheetRowReader {
    /// Excel's last column, XFD.
    static let maximumColumns = 16_384

    private var markup: XLSXMarkup
    private let part: String
    private let fileName: String
    private let strings: SharedStrings
    private let dateStyles: Set<Int>
    private let uses1904: Bool
    private var lastNumber = 0

    init(markup: XLSXMarkup, part: String, fileName: String, strings: SharedStrings, dateStyles: Set<Int>, uses1904: Bool) {
        self.markup = markup
        self.part = part
        self.fileName = fileName
        self.strings = strings
        self.dateStyles = dateStyles
        self.uses1904 = uses1904
    }

    func next() throws -> SheetRow? {
        try XLSXSheetReader.rejectingDamage(fileName, part) { try readRow() }
    }

    private func readRow() throws -> SheetRow? {
        var current: SheetRow?
        var nextColumn = 0
        var bytes = 0
        while let event = try markup.next() {
            switch event {
            case let .start("row", attributes, selfClosing):
                let number = attributes["r"].flatMap(Int.init) ?? lastNumber + 1
                lastNumber = number
                current = SheetRow(number: number, cells: [])
                nextColumn = 0
                if selfClosing { return current }
            case .end("row"):
                if let row = current { return row }
            case let .start("c", attributes, selfClosing):
                let column = attributes["r"].flatMap(XLSXSheetReader.columnIndex) ?? nextColumn
                guard column < Self.maximumColumns else {
                    throw XLSXFormatError("row \(lastNumber) has a cell beyond column XFD, the last Excel allows")
                }
                nextColumn = column + 1
                let value = selfClosing ? "" : try XLSXSheetReader.cellValue(&markup, attributes: attributes, strings: strings,
                                                                              dateStyles: dateStyles, uses1904: uses1904)
                guard current != nil else { continue }
                bytes += value.utf8.count
                guard bytes <= maximumRowBytes else {
                    throw XLSXFormatError("row \(lastNumber) holds more than \(maximumRowBytes / (1 << 20)) MB of text")
                }
                while current!.cells.count < column { current!.cells.append("") }
                if column < current!.cells.count { current!.cells[column] = value } else { current!.cells.append(value) }
            default: continue
            }
        }
        return nil
    }
}

/// A workbook's shared strings, held in one block of bytes (a cell refers to them by index, so
/// they are read before any row). A table larger than ``maximumBytes`` or ``maximumCount`` is
/// refused: memory stays bounded whatever the file says (see docs/input-rules.md).
struct SharedStrings: Sendable {
    static let maximumBytes = 96 << 20
    static let maximumCount = 4 << 20

    private var bytes: [UInt8] = []
    /// The end of each string in `bytes`.
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    mutating func append(_ string: String) throws {
        guard ends.count < Self.maximumCount else {
            throw XLSXFormatError("more than \(Self.maximumCount) shared strings; save the sheet as CSV to import it")
        }
        bytes.append(contentsOf: string.utf8)
        guard bytes.count <= Self.maximumBytes else {
            throw XLSXFormatError("more than \(Self.maximumBytes / (1 << 20)) MB of shared strings; save the sheet as CSV to import it")
        }
        ends.append(UInt32(bytes.count))
    }

    /// String `index`, or nil when there is none.
    subscript(index: Int) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return String(decoding: bytes[start ..< Int(ends[index])], as: UTF8.self)
    }
}
