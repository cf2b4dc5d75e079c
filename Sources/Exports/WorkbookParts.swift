import HubKit

/// Namespaces and the XML declaration every part starts with.
enum OOXML {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let spreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types"
}

extension Workbook {
    /// The workbook as an Office Open XML (.xlsx) file: the same workbook always gives the same bytes.
    package func xlsx() -> [UInt8] {
        var zip = ZipWriter(modified: ZipTimestamp(year: created.parts.year, month: created.parts.month,
                                                   day: created.parts.day))
        for (path, text) in parts() { zip.add(path, Array(text.utf8)) }
        return zip.finish()
    }

    /// Every part of the package, by path, in the order they are zipped ([Content_Types].xml first).
    package func parts() -> [(path: String, text: String)] {
        let names = WorkbookParts.sheetNames(sheets.map(\.name))
        var strings = SharedStrings()
        let worksheets = sheets.map { WorksheetXML.render($0, strings: &strings) }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", WorkbookParts.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", WorkbookParts.packageRelationships),
            ("docProps/app.xml", WorkbookParts.appProperties),
            ("docProps/core.xml", WorkbookParts.coreProperties(title: title, created: created)),
            ("xl/workbook.xml", WorkbookParts.workbook(sheetNames: names)),
            ("xl/_rels/workbook.xml.rels", WorkbookParts.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", WorkbookParts.styles),
            ("xl/sharedStrings.xml", strings.xml),
        ]
        for (index, xml) in worksheets.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", xml)) }
        return parts
    }
}

/// The package parts around the worksheets: content types, relationships, the workbook with its
/// sheet list, styles and document properties.
enum WorkbookParts {
    static func contentTypes(sheetCount: Int) -> String {
        var xml = OOXML.declaration + "<Types xmlns=\"\(OOXML.contentTypesNamespace)\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        let overrides = [
            ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
            ("/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ] + (0..<sheetCount).map {
            ("/xl/worksheets/sheet\($0 + 1).xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
        }
        for (part, type) in overrides { xml += "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>" }
        return xml + "</Types>"
    }

    static let packageRelationships: String = {
        let base = "http://schemas.openxmlformats.org"
        return OOXML.declaration + "<Relationships xmlns=\"\(OOXML.packageRelationshipsNamespace)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(base)/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(base)/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"\(base)/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
            + "</Relationships>"
    }()

    static func workbook(sheetNames: [String]) -> String {
        var xml = OOXML.declaration
        xml += "<workbook xmlns=\"\(OOXML.spreadsheetNamespace)\" xmlns:r=\"\(OOXML.relationshipsNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(XMLText.escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    /// Sheets are rId1...rIdN; styles and shared strings follow.
    static func workbookRelationships(sheetCount: Int) -> String {
        let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var xml = OOXML.declaration + "<Relationships xmlns=\"\(OOXML.packageRelationshipsNamespace)\">"
        for index in stride(from: 1, through: sheetCount, by: 1) {
            xml += "<Relationship Id=\"rId\(index)\" Type=\"\(base)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(base)/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(base)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }

    /// Fonts: regular and bold. Number formats: 164 is one decimal place; 3 is Excel's built-in
    /// `#,##0`. The cell formats follow ``CellStyle``'s order.
    static let styles: String = {
        var xml = OOXML.declaration + "<styleSheet xmlns=\"\(OOXML.spreadsheetNamespace)\">"
        xml += "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0\"/></numFmts>"
        xml += "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        xml += "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        xml += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        xml += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(CellStyle.allCases.count)\">"
        for style in CellStyle.allCases {
            let format = style.format == .oneDecimal ? 164 : style.format == .thousands ? 3 : 0
            let font = style.isBold ? 1 : 0
            xml += "<xf numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
            if format != 0 { xml += " applyNumberFormat=\"1\"" }
            if font != 0 { xml += " applyFont=\"1\"" }
            if style == .header {
                xml += " applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
            } else {
                xml += "/>"
            }
        }
        xml += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return xml + "</styleSheet>"
    }()

    static let appProperties = OOXML.declaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>High Needs Hub</Application></Properties>"

    static func coreProperties(title: String, created: Day) -> String {
        let time = "\(created.iso)T00:00:00Z"
        return OOXML.declaration
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(XMLText.escape(title))</dc:title><dc:creator>High Needs Hub</dc:creator>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(time)</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(time)</dcterms:modified>"
            + "</cp:coreProperties>"
    }

    /// Sheet names Excel accepts: `[ ] : * ? / \` replaced, at most 31 characters, no leading or
    /// trailing apostrophe, unique ignoring case (a repeat gets " (2)").
    static func sheetNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var clean = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 })
                .trimming("'")
            if clean.isEmpty { clean = "Sheet" }
            clean = String(clean.prefix(31))
            var candidate = clean, counter = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(counter))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                counter += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}

private extension String {
    func trimming(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
