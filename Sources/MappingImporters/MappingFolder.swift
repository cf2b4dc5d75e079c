import Foundation
import InputFiles
import Yams

/// The mapping files of a folder (`config/importers` by default, `importers_folder` in the config).
package enum MappingFolder {
    /// One mapping file that loaded, with its checksum (shown by `hnhub plugins`, pinned like a plugin).
    package struct Loaded: Sendable {
        package var importer: MappingImporter
        package var path: String
        package var sha256: String
    }

    /// Every `*.yaml`/`*.yml` in `folder`, in name order: loaded importers, and the files that could
    /// not be read with why (file, line, key). One bad file does not stop the others. A missing
    /// folder holds no mappings.
    package static func load(folder: String) -> (loaded: [Loaded], failures: [MappingFileError]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([], []) }
        var loaded: [Loaded] = []
        var failures: [MappingFileError] = []
        for name in names.sorted() where (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                let mapping = try MappingDefinition.load(path: path)
                loaded.append(Loaded(importer: MappingImporter(mapping: mapping), path: path, sha256: try fileChecksum(path: path).sha256))
            } catch let error as MappingFileError {
                var failure = error
                failure.importerID = declaredID(path: path).map { "mapping:\($0)" }
                failures.append(failure)
            } catch {
                failures.append(MappingFileError(file: path, line: nil, key: "-", message: "\(error)"))
            }
        }
        return (loaded, failures)
    }

    /// The `id:` a mapping file declares at its top level, read on its own (nil when the file is
    /// not YAML or has none), for naming a mapping that could not be loaded.
    static func declaredID(path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let root = try? Yams.compose(yaml: text), let mapping = root.mapping else { return nil }
        return mapping.first { $0.key.scalar?.string == "id" }?.value.scalar?.string
    }
}
