import HubKit

/// Reads the GIAS "all establishment data" CSV (Windows-1252, quoted, one row per establishment):
/// URN -> located LA, type of establishment, phase, status, UKPRN. Extra columns are ignored.
/// Recognised by its header row, not its file name.
public final class GIASEstablishmentImporter: Importer {
    public static let version = "0.1.0"

    /// Columns the importer needs, by their GIAS header names.
    static let requiredColumns = ["URN", "LA (code)", "TypeOfEstablishment (code)"]

    public init() {}

    public var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "gias-establishments", version: Self.version,
                            summary: "GIAS all establishment data CSV (Windows-1252): the establishment register")
    }

    public var produces: DatasetKind { .establishments }

    public func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1 else { return nil }
        let head = source.files[0].head
        let firstLine = head.prefix { $0 != UInt8(ascii: "\n") }
        let text = TextEncoding.windows1252.decode(firstLine[...])
        let present = Self.requiredColumns.filter { text.contains("\($0)") }
        return present.count == Self.requiredColumns.count ? 90 : nil
    }

    public func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard let file = source.files.first else { return }
        let reader = CSVReader(stream: try file.open(), encoding: TextEncoding.guess(file.head))
        guard let header = try reader.next() else {
            throw InputRejected(file: file.name, line: 1, message: "the file is empty")
        }
        let columns = Dictionary(header.enumerated().map { ($1.trimmingCharacters(), $0) }, uniquingKeysWith: { a, _ in a })
        let missing = Self.requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw InputRejected(file: file.name, line: 1,
                                message: "not a GIAS establishment file: missing column(s) \(missing.joined(separator: ", "))")
        }
        func field(_ row: [String], _ name: String) -> String? {
            guard let index = columns[name], index < row.count else { return nil }
            let value = row[index].trimmingCharacters()
            return value.isEmpty ? nil : value
        }
        var rowNumber = 0
        while let row = try reader.next() {
            rowNumber += 1
            if row.count == 1, row[0].isEmpty { continue }
            guard let urn = field(row, "URN"), urn.allSatisfy(\.isNumber) else {
                throw InputRejected(file: file.name, line: reader.line,
                                    message: "row \(rowNumber), column URN: '\(field(row, "URN") ?? "")' is not a URN (digits expected)")
            }
            let typeText = field(row, "TypeOfEstablishment (code)")
            guard typeText == nil || Int(typeText!) != nil else {
                throw InputRejected(file: file.name, line: reader.line,
                                    message: "row \(rowNumber), column TypeOfEstablishment (code): '\(typeText!)' is not a number")
            }
            let postcode = field(row, "Postcode")
            try sink.establishment(EstablishmentRecord(
                urn: urn, laCode: field(row, "LA (code)"), name: field(row, "EstablishmentName"),
                typeCode: typeText.flatMap { Int($0) }, typeName: field(row, "TypeOfEstablishment (name)"),
                phase: field(row, "PhaseOfEducation (name)"), status: field(row, "EstablishmentStatus (name)"),
                ukprn: field(row, "UKPRN"), postcodeDistrict: postcode.flatMap(Self.outwardCode)))
            if rowNumber % 4096 == 0 { sink.progress(bytesRead: reader.bytesRead) }
        }
    }

    /// `SW1A 1AA` -> `SW1A`.
    static func outwardCode(_ postcode: String) -> String? {
        let compact = postcode.uppercased().filter { !$0.isWhitespace }
        guard compact.count >= 5 else { return nil }
        return String(compact.dropLast(3))
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
