import HubKit

/// A header value with the line it was read on, for rejections that point at it.
struct HeaderValue {
    var text: String
    var line: Int
}

extension SEN2ReturnParser {
    /// Reads `<Header>` (just opened) and checks what every SEN2 return must have: Collection SEN2,
    /// a Year, a ReferenceDate and the LEA. Anything missing or unreadable rejects the file.
    mutating func readHeader() throws -> ReturnHeader {
        let headerLine = reader.tokenLine()
        var hasCollectionDetails = false
        var values: [SEN2Element: HeaderValue] = [:]
        while let element = try nextChild(of: .header) {
            switch element {
            case .collectionDetails:
                hasCollectionDetails = true
                while let element = try nextChild(of: .collectionDetails) {
                    switch element {
                    case .collection, .year, .referenceDate: try keepFirst(element, in: &values)
                    default: try skipMisplaced(element, in: .collectionDetails)
                    }
                }
            case .source:
                while let element = try nextChild(of: .source) {
                    switch element {
                    case .lea, .softwareCode, .release, .serialNo, .dateTime, .sourceLevel, .dmo, .dco, .dsco:
                        try keepFirst(element, in: &values)
                    default: try skipMisplaced(element, in: .source)
                    }
                }
            default:
                try skipMisplaced(element, in: .header)
            }
        }

        func reject(_ message: String, line: Int? = nil) -> InputRejected {
            InputRejected(file: fileName, line: line ?? headerLine, message: message)
        }
        guard hasCollectionDetails else {
            throw reject("the Header has no <CollectionDetails>: this is not a SEN2 return")
        }
        guard let collection = values[.collection] else { throw reject("the Header has no <Collection>") }
        guard collection.text.uppercased() == "SEN2" else {
            throw reject("<Collection> is \"\(collection.text)\", not SEN2: this importer reads SEN2 returns only",
                         line: collection.line)
        }
        guard let year = values[.year] else { throw reject("the Header has no <Year>") }
        guard year.text.utf8.count == 4, let collectionYear = Int(year.text) else {
            throw reject("<Year> \"\(year.text)\" is not a year (YYYY)", line: year.line)
        }
        guard let reference = values[.referenceDate] else { throw reject("the Header has no <ReferenceDate>") }
        guard let referenceDate = Array(reference.text.utf8).withUnsafeBufferPointer(SEN2Value.day) else {
            throw reject("<ReferenceDate> \"\(reference.text)\" is not a date (YYYY-MM-DD)", line: reference.line)
        }
        guard let lea = values[.lea] else { throw reject("the Header has no <LEA>") }
        guard lea.text.utf8.count == 3, lea.text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw reject("<LEA> \"\(lea.text)\" is not a 3-digit LA number", line: lea.line)
        }
        return ReturnHeader(collection: "SEN2", collectionYear: collectionYear, referenceDate: referenceDate,
                            laCode: lea.text, software: values[.softwareCode]?.text,
                            release: values[.release]?.text, serialNumber: values[.serialNo]?.text,
                            createdAt: values[.dateTime]?.text, sourceLevel: values[.sourceLevel]?.text.uppercased(),
                            designatedOfficers: DesignatedOfficers(medical: values[.dmo]?.text.uppercased(),
                                                                   clinical: values[.dco]?.text.uppercased(),
                                                                   socialCare: values[.dsco]?.text.uppercased()))
    }

    /// Reads the header leaf just opened unless an earlier one of the same name gave a value.
    private mutating func keepFirst(_ element: SEN2Element, in values: inout [SEN2Element: HeaderValue]) throws {
        let line = reader.tokenLine()
        guard let text = try string(element), values[element] == nil else { return }
        values[element] = HeaderValue(text: text, line: line)
    }
}
