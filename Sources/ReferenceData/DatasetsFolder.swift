import Foundation

/// Finds the project's `Datasets/` folder, which holds the reference tables hnhub needs at run
/// time (LA register, regions, statistical neighbours).
public enum DatasetsFolder {
    /// The marker file that identifies the folder.
    static let marker = "local_authorities.csv"

    /// `explicit` (config `datasets` or `--datasets`), else `$HNHUB_DATASETS`, else the first
    /// `Datasets/` found walking up from the executable's folder (a SwiftPM build lives in
    /// `<package>/.build/<triple>/debug/`), else `./Datasets`.
    public static func locate(explicit: String? = nil, executableFolder: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let fromEnvironment = environment["HNHUB_DATASETS"], !fromEnvironment.isEmpty { candidates.append(fromEnvironment) }
        if var folder = executableFolder.map({ URL(fileURLWithPath: $0) }) {
            for _ in 0..<6 {
                candidates.append(folder.appendingPathComponent("Datasets").path)
                folder.deleteLastPathComponent()
            }
        }
        candidates.append("Datasets")
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent(marker)) }
    }
}
