import HubKit

/// One row of the register turned into an ``EstablishmentRecord``, with the checks a single row allows.
/// Closed establishments are kept with their status: placements may still name them.
struct GIASRow {
    let header: GIASHeader
    let fileName: String

    /// The record of `fields`, found on `line`; throws naming the line and column of the first bad value.
    func record(_ fields: [String], line: Int) throws -> EstablishmentRecord {
        guard fields.count == header.names.count else {
            throw InputRejected(file: fileName, line: line,
                                message: "this row has \(fields.count) fields, the header has \(header.names.count): "
                                    + "a value with a comma or a line break needs quotes")
        }
        func value(_ column: String) -> String? {
            guard let position = header.position(of: column) else { return nil }
            let text = CSVText.trimmed(fields[position])
            return text.isEmpty ? nil : text
        }
        guard let urn = value("URN") else {
            throw rejection(line: line, column: "URN", "URN is empty: every establishment needs its URN")
        }
        guard GIASCell.isDigits(urn) else {
            throw rejection(line: line, column: "URN", "URN '\(urn)' is not a URN (digits only, e.g. 100000)")
        }
        let typeText = value("TypeOfEstablishment (code)")
        if let typeText, !GIASCell.isDigits(typeText) {
            throw rejection(line: line, column: "TypeOfEstablishment (code)",
                            "TypeOfEstablishment (code) '\(typeText)' is not a number (a GIAS type code, e.g. 7)")
        }
        let easting = try coordinate("Easting", value("Easting"), line: line, limit: Self.maxEasting)
        let northing = try coordinate("Northing", value("Northing"), line: line, limit: Self.maxNorthing)
        return EstablishmentRecord(
            urn: urn, laCode: value("LA (code)"), name: value("EstablishmentName"),
            typeCode: typeText.flatMap { Int($0) }, typeName: value("TypeOfEstablishment (name)"),
            phase: value("PhaseOfEducation (name)"), status: value("EstablishmentStatus (name)"),
            ukprn: value("UKPRN"), postcodeDistrict: value("Postcode").flatMap(OutwardCode.of),
            easting: easting, northing: northing)
    }

    /// The British National Grid's extent, in metres (a location outside it is a typing error).
    static let maxEasting = 700_000, maxNorthing = 1_300_000

    /// A GIAS `Easting` or `Northing`: whole metres, blank when GIAS has no location.
    private func coordinate(_ column: String, _ text: String?, line: Int, limit: Int) throws -> Int? {
        guard let text else { return nil }
        guard GIASCell.isDigits(text), let metres = Int(text), metres <= limit else {
            throw rejection(line: line, column: column,
                            "\(column) '\(text)' is not a grid reference in metres (a whole number from 0 to \(limit)); leave it blank when unknown")
        }
        return metres
    }

    /// An error at `column` of `line`.
    func rejection(line: Int, column: String, _ message: String) -> InputRejected {
        InputRejected(file: fileName, line: line, column: header.position(of: column).map { $0 + 1 }, message: message)
    }
}
