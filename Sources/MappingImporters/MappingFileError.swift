/// A mistake in a mapping file, naming the file, the line and the key, e.g.
/// `config/importers/caseview.yaml:41: fields.needs[1].SENtype.codes: no code table 'needs' (tables: need, sex)`.
package struct MappingFileError: Error, Sendable, Hashable, CustomStringConvertible {
    package var file: String
    /// 1-based line in the mapping file, when known.
    package var line: Int?
    /// The key path, e.g. `fields.person.Sex`; `-` for the file as a whole.
    package var key: String
    package var message: String
    /// The importer id the file declares (`mapping:<id>`), when it got that far; not part of the
    /// error's identity. Lets `--importer mapping:<id>` say the mapping was refused.
    package var importerID: String?

    package init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    package static func == (a: MappingFileError, b: MappingFileError) -> Bool {
        (a.file, a.line, a.key, a.message) == (b.file, b.line, b.key, b.message)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(key)
        hasher.combine(message)
    }

    package var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(key): \(message)"
    }
}
