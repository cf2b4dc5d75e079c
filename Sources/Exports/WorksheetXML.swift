import ComparisonTables

/// One worksheet part (xl/worksheets/sheetN.xml): frozen panes, column widths, then the cells, texts
/// going to the shared string table.
enum WorksheetXML {
    static func render(_ sheet: Worksheet, strings: inout SharedStrings) -> String {
        var xml = OOXML.declaration
        xml += "<worksheet xmlns=\"\(OOXML.spreadsheetNamespace)\" xmlns:r=\"\(OOXML.relationshipsNamespace)\">"
        let columnCount = sheet.rows.map(\.count).max() ?? 0
        if !sheet.rows.isEmpty && columnCount > 0 {
            xml += "<dimension ref=\"A1:\(A1Reference.cell(row: sheet.rows.count - 1, column: columnCount - 1))\"/>"
        }
        xml += "<sheetViews><sheetView workbookViewId=\"0\">\(pane(sheet))</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>"
            for (index, width) in sheet.columnWidths.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(number(width))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            let height = sheet.rowHeights[rowIndex].map { " ht=\"\(number($0))\" customHeight=\"1\"" } ?? ""
            xml += "<row r=\"\(rowIndex + 1)\"\(height)>"
            for (columnIndex, cell) in row.enumerated() {
                xml += self.cell(cell, at: A1Reference.cell(row: rowIndex, column: columnIndex), strings: &strings)
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        return xml + "</worksheet>"
    }

    /// The frozen pane and the selection below and right of it.
    static func pane(_ sheet: Worksheet) -> String {
        let rows = sheet.frozenRows, columns = sheet.frozenColumns
        guard rows > 0 || columns > 0 else { return "" }
        let topLeft = A1Reference.cell(row: rows, column: columns)
        let active = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight"
        var xml = "<pane"
        if columns > 0 { xml += " xSplit=\"\(columns)\"" }
        if rows > 0 { xml += " ySplit=\"\(rows)\"" }
        xml += " topLeftCell=\"\(topLeft)\" activePane=\"\(active)\" state=\"frozen\"/>"
        return xml + "<selection pane=\"\(active)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
    }

    static func cell(_ cell: Cell, at reference: String, strings: inout SharedStrings) -> String {
        let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
        switch cell.content {
        case .text(let text) where !text.isEmpty:
            return "<c r=\"\(reference)\" t=\"s\"\(style)><v>\(strings.index(of: text))</v></c>"
        case .number(let value) where value.isFinite:
            return "<c r=\"\(reference)\"\(style)><v>\(number(value))</v></c>"
        default:
            return style.isEmpty ? "" : "<c r=\"\(reference)\"\(style)/>"
        }
    }

    /// A number as xsd:double text: whole numbers without a decimal point, others as Swift's
    /// shortest round-trip form.
    static func number(_ value: Double) -> String { NumberText.machine(value) }
}
