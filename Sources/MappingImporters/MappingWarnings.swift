import HubKit

/// What a mapping does silently to the figures, found while checking it against an export
/// (`hnhub validate --importer mapping:ID`): a mapped column that no row fills although it feeds an
/// indicator, and a constant standing in for an element that varies from child to child. Each names
/// the mapping file, its line and the field. See docs/mapping-importers.md, "When a constant is safe".
package struct MappingWarning: Sendable, Hashable, CustomStringConvertible {
    /// `file:line` of the field in the mapping file.
    package var place: String
    /// The field's key, e.g. `fields.assessment.Week20`.
    package var key: String
    package var message: String

    package var description: String { "\(place): \(key): \(message)" }

    /// The warnings for `mapping` on the export `diagnosis` describes.
    package static func check(_ mapping: MappingDefinition, _ diagnosis: MappingDiagnosis) -> [MappingWarning] {
        let filled = Dictionary(diagnosis.columns.map { (CSVHeader.key($0.name), $0.filled) }, uniquingKeysWith: +)
        var warnings: [MappingWarning] = []
        for field in mapping.fields {
            let key = IndicatorInputs.key(field.target)
            let feeds = IndicatorInputs.byElement[key] ?? []
            switch field.source {
            case .column(let column):
                guard filled[CSVHeader.key(column)] == 0 else { continue }
                if let fallback = field.defaultValue {
                    guard field.conditions.isEmpty, let effect = IndicatorInputs.varying[key] else { continue }
                    warnings.append(MappingWarning(place: mapping.place(field.key), key: field.key, message:
                        "column '\(column)' is empty in every row, so its default \(fallback) stands for every child: it \(effect); map the column your system records it in, or keep it only if it is true of every child"))
                } else if !feeds.isEmpty {
                    warnings.append(MappingWarning(place: mapping.place(field.key), key: field.key, message:
                        "column '\(column)' is empty in every row, so no child has \(field.target.element); it feeds \(Self.listed(feeds)): fill the column in the export, or map the column that holds it"))
                }
            case .constant(let value):
                guard field.conditions.isEmpty, let effect = IndicatorInputs.varying[key] else { continue }
                warnings.append(MappingWarning(place: mapping.place(field.key), key: field.key, message:
                    "the constant \(value) stands for every child: it \(effect); map the column your system records it in, or keep the constant only if it is true of every child"))
            }
        }
        return warnings
    }

    /// At most four indicator ids, then how many more (docs/mapping-importers.md has them all).
    static func listed(_ ids: [String]) -> String {
        ids.count <= 4 ? ids.joined(separator: ", ")
            : ids.prefix(3).joined(separator: ", ") + " and \(ids.count - 3) more indicators (docs/mapping-importers.md)"
    }
}
