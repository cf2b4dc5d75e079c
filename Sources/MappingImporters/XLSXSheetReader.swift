import HubKit
import InputFiles

/// Reads one sheet of an XLSX workbook into a ``SheetTable``: the first sheet, or the one the
/// mapping names. Cells may be shared strings, inline strings, formula results, booleans or
/// numbers; numbers in a date-formatted cell become `yyyy-mm-dd` (1900 and 1904 date systems).
struct XLSXSheetReader {
    let archive: ZipArchive
    let fileName: String

    init(bytes: [UInt8], fileName: String) throws {
        do {
            archive = try ZipArchive(bytes: bytes, name: fileName)
        } catch let error as ZipArchiveError {
            throw InputRejected(file: fileName, message: "not a readable XLSX workbook: \(error.message)")
        }
        self.fileName = fileName
    }

    /// The sheets' names in workbook order.
    func sheetNames() throws -> [String] { try workbook().sheets.map(\.name) }

    func read(layout: FileLayout) throws -> SheetTable {
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
        let rows = try part(sheet.part) { markup in
            try Self.rows(&markup, strings: strings, dateStyles: dateStyles, uses1904: book.uses1904)
        }
        var table = try SheetTable.from(rows: rows, headerRow: layout.headerRow, fileName: fileName,
                                        origin: "XLSX sheet '\(sheet.name)'", numbersAreDateSerials: true)
        table.uses1904Dates = book.uses1904
        return table
    }

    // MARK: - Parts

    /// Runs `body` over the XML of an archive entry, turning scanner errors into a rejection naming it.
    private func part<T>(_ path: String, _ body: (inout XLSXMarkup) throws -> T) throws -> T {
        do {
            var markup = XLSXMarkup(try archive.contents(of: path))
            return try body(&markup)
        } catch let error as ZipArchiveError {
            throw InputRejected(file: fileName, message: "not a readable XLSX workbook: \(error.message)")
        } catch let error as XLSXFormatError {
            throw InputRejected(file: fileName, message: "the workbook part \(path) is damaged: \(error.message)")
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
                    let part = attributes["id"].flatMap { targets[$0] } ?? "xl/worksheets/sheet\(sheets.count + 1).xml"
                    sheets.append((sheetName, part))
                }
            }
            return (sheets, uses1904)
        }
    }

    private func sharedStrings() throws -> [String] {
        guard archive.contains("xl/sharedStrings.xml") else { return [] }
        return try part("xl/sharedStrings.xml") { markup in
            var strings: [String] = []
            var current: String?
            var inPhonetic = false
            while let event = try markup.next() {
                switch event {
                case .start("si", _, let selfClosing):
                    if selfClosing { strings.append("") } else { current = "" }
                case .end("si"):
                    strings.append(current ?? "")
                    current = nil
                case .start("rPh", _, false): inPhonetic = true
                case .end("rPh"): inPhonetic = false
                case .start("t", _, false):
                    let text = try markup.textOfElement("t")
                    if !inPhonetic { current? += text }
                default: continue
                }
            }
            return strings
        }
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
                    if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"],
                       Self.isDateFormat(code) { customDates.insert(id) }
                case .start("cellXfs", _, false): inCellFormats = true
                case .end("cellXfs"): inCellFormats = false
                case let .start("xf", attributes, _) where inCellFormats:
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

    private static func rows(_ markup: inout XLSXMarkup, strings: [String], dateStyles: Set<Int>,
                             uses1904: Bool) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        var current: SheetRow?
        var nextColumn = 0
        while let event = try markup.next() {
            switch event {
            case let .start("row", attributes, selfClosing):
                let number = attributes["r"].flatMap(Int.init) ?? (rows.last?.number ?? 0) + 1
                current = SheetRow(number: number, cells: [])
                nextColumn = 0
                if selfClosing { rows.append(current!); current = nil }
            case .end("row"):
                if let row = current { rows.append(row) }
                current = nil
            case let .start("c", attributes, selfClosing):
                let column = attributes["r"].flatMap(columnIndex) ?? nextColumn
                nextColumn = column + 1
                let value = selfClosing ? "" : try cellValue(&markup, attributes: attributes, strings: strings,
                                                              dateStyles: dateStyles, uses1904: uses1904)
                guard current != nil else { continue }
                while current!.cells.count < column { current!.cells.append("") }
                if column < current!.cells.count { current!.cells[column] = value } else { current!.cells.append(value) }
            default: continue
            }
        }
        return rows
    }

    private static func cellValue(_ markup: inout XLSXMarkup, attributes: [String: String], strings: [String],
                                  dateStyles: Set<Int>, uses1904: Bool) throws -> String {
        var raw = "", inline = ""
        while let event = try markup.next() {
            switch event {
            case .start("v", _, false): raw = try markup.textOfElement("v")
            case .start("is", _, false): inline = try markup.textOfElement("is")
            case let .start(name, _, false): _ = try markup.textOfElement(name)
            case .end("c"):
                switch attributes["t"] {
                case "s": return Int(raw).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
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
