import HubKit
import PluginHost

/// A mapping that did not claim an export says which of its `file.headers` the header row lacks,
/// with the nearest column of the file, when the export is close to its layout: most of the
/// headers present, or each missing one a near spelling of a column (a typo in the mapping).
extension MappingImporter: ExplainsNearMiss {
    package func nearMiss(_ source: ImportSource) -> String? {
        let required = mapping.layout.requiredHeaders
        guard source.files.count == 1, let file = source.files.first, !required.isEmpty,
              let table = try? MappingSource.table(file, layout: mapping.layout) else { return nil }
        let header = table.header
        let missing = required.filter { header.column($0) == nil }
        guard !missing.isEmpty else { return nil }
        let nearest = missing.map { name in (name, HeaderSimilarity.nearest(to: name, in: header.names)) }
        let close = nearest.allSatisfy { $0.1 != nil }
        guard close || required.count - missing.count >= missing.count else { return nil }
        let named = nearest.map { name, near in "'\(name)'" + (near.map { " (nearest: '\($0)')" } ?? "") }
        return "\(mapping.importerID) would read it but the header row lacks \(missing.count == 1 ? "the column" : "the columns") "
            + "\(named.joined(separator: ", ")) of its file.headers (\(mapping.place("file.headers"))): correct the name in the mapping or the export"
    }
}

/// How alike two column names are, ignoring case, spaces and punctuation.
enum HeaderSimilarity {
    /// Letters and digits only, lower-cased: `Child ID` -> `childid`.
    static func normalised(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The name in `names` within a third of `name`'s length in edits (at least one edit), if any.
    static func nearest(to name: String, in names: [String]) -> String? {
        let target = Array(normalised(name))
        let allowed = max(1, target.count / 3)
        var best: (String, Int)?
        for candidate in names {
            let distance = editDistance(target, Array(normalised(candidate)))
            if distance <= allowed, distance < (best?.1 ?? .max) { best = (CSVText.trimmed(candidate), distance) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
