import Foundation

/// Finds the project's `Datasets/` folder, which holds the reference tables hnhub needs at run
/// time (LA register, regions, statistical neighbours, the published tables), wherever hnhub is
/// run from (docs/install.md).
package enum DatasetsFolder {
    /// The marker file that identifies the folder.
    static let marker = "local_authorities.csv"
    /// Where `scripts/install` puts it, under the install prefix.
    package static let installedPath = "share/hnhub/Datasets"

    /// `explicit` (config `datasets`), else `$HNHUB_DATASETS`, else, walking up from the
    /// executable's folder, the first `Datasets/` (a SwiftPM build lives in
    /// `<package>/.build/<triple>/debug/`) or `share/hnhub/Datasets/` (an install: the executable in
    /// `<prefix>/lib/hnhub/`, the data in `<prefix>/share/hnhub/Datasets/`), else `./Datasets`.
    /// The executable's own folder is found through /proc/self/exe, so a symlink on the PATH
    /// (`<prefix>/bin/hnhub`) leads to the install.
    package static func locate(explicit: String? = nil, executableFolder: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let fromEnvironment = environment["HNHUB_DATASETS"], !fromEnvironment.isEmpty { candidates.append(fromEnvironment) }
        if var folder = executableFolder.map({ URL(fileURLWithPath: $0) }) {
            for _ in 0..<6 {
                candidates.append(folder.appendingPathComponent("Datasets").path)
                candidates.append(folder.appendingPathComponent(installedPath).path)
                folder.deleteLastPathComponent()
            }
        }
        candidates.append("Datasets")
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent(marker)) }
    }
}
