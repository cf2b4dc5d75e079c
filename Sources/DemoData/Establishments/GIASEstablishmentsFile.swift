import Foundation

/// Writes an establishment register as the GIAS "all establishment data" CSV the hub's
/// `gias-establishments` importer reads: the columns it needs, in GIAS's names, ASCII only.
package enum GIASEstablishmentsFile {
    package static let columns = [
        "URN", "LA (code)", "LA (name)", "EstablishmentName", "TypeOfEstablishment (code)",
        "TypeOfEstablishment (name)", "EstablishmentStatus (name)", "PhaseOfEducation (name)", "Postcode", "UKPRN",
        "Easting", "Northing",
    ]

    /// The whole file as text, one row per establishment, in register order.
    package static func text(_ register: EstablishmentRegister) -> String {
        var lines = [columns.map(quoted).joined(separator: ",")]
        for e in register.establishments {
            lines.append([
                String(e.urn), e.authority.code, e.authority.name, e.name, String(e.type.code), e.type.name,
                "Open", e.kind.phaseName, e.postcode, String(e.ukprn), String(e.easting), String(e.northing),
            ].map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A field quoted when it holds a comma or a quote.
    static func quoted(_ field: String) -> String {
        guard field.contains(",") || field.contains("\"") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
