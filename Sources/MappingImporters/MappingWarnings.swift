import HubKit

/// What a mapping does silently to the figures, found while checking it against an export
/// (`hnhub validate --importer mapping:ID`): a mapped column that no row fills although it feeds an
/// indicator, and a constant standing in for an element that varies from child to child. Each names
/// the mapping file, its line, the field and the indicators the element feeds, as the loaded metric
/// plugins declare them. See docs/mapping-importers.md, "When a constant is safe".
package struct MappingWarning: Sendable, Hashable, CustomStringConvertible {
    /// `file:line` of the field in the mapping file.
    package var place: String
    /// The field's key, e.g. `fields.assessment.Week20`.
    package var key: String
    package var message: String

    package var description: String { "\(place): \(key): \(message)" }

    /// The warnings for `mapping` on the export `diagnosis` describes, naming the indicators each
    /// element feeds as `inputs` has them.
    package static func check(_ mapping: MappingDefinition, _ diagnosis: MappingDiagnosis,
                              inputs: IndicatorInputs) -> [MappingWarning] {
        let filled = Dictionary(diagnosis.columns.map { (CSVHeader.key($0.name), $0.filled) }, uniquingKeysWith: +)
        var warnings: [MappingWarning] = []
        for field in mapping.fields {
            let element = IndicatorInputs.element(field.target)
            let feeds = inputs.indicators(fedBy: field.target)
            // What one value for every child does to the records, then the indicators that fixes.
            let effect = IndicatorInputs.varying[element].map { feeds.isEmpty ? "\($0);" : "\($0); it feeds \(Self.listed(feeds)):" }
            switch field.source {
            case .column(let column):
                guard filled[CSVHeader.key(column)] == 0 else { continue }
                if let fallback = field.defaultValue {
                    guard field.conditions.isEmpty, let effect else { continue }
                    warnings.append(MappingWarning(place: mapping.place(field.key), key: field.key, message:
                        "column '\(column)' is empty in every row, so its default \(fallback) stands for every child: it \(effect) map the column your system records it in, or keep it only if it is true of every child"))
                } else if !feeds.isEmpty {
                    warnings.append(MappingWarning(place: mapping.place(field.key), key: field.key, message:
                        "column '\(column)' is empty in every row, so no child has \(field.target.element); it feeds \(Self.listed(feeds)): fill the column in the export, or map the column that holds it"))
                }
            case .constant(let value):
                guard field.conditions.isEmpty, let effect else { continue }
                warnings.append(MappingWarning(place: mapping.place(field.key), key: field.key, message:
                    "the constant \(value) stands for every child: it \(effect) map the column your system records it in, or keep the constant only if it is true of every child"))
            }
        }
        return warnings
    }

    /// The indicator ids as a warning names them: three or more that differ only after their last
    /// `_` (one per need, one per age band) as one `prefix_*` where the first of them stood; then at
    /// most four, then how many more (docs/mapping-importers.md has them all).
    package static func listed(_ ids: [String]) -> String {
        func family(_ id: String) -> String? { id.lastIndex(of: "_").map { String(id[...$0]) } }
        let sizes = Dictionary(ids.compactMap(family).map { ($0, 1) }, uniquingKeysWith: +)
        var shown: [String] = []
        for id in ids {
            let name = family(id).flatMap { sizes[$0, default: 0] >= 3 ? $0 + "*" : nil } ?? id
            if !shown.contains(name) { shown.append(name) }
        }
        return shown.count <= 4 ? shown.joined(separator: ", ")
            : shown.prefix(3).joined(separator: ", ") + " and \(shown.count - 3) more indicators (docs/mapping-importers.md)"
    }
}
