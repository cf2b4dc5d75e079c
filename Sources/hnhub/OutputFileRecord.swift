import Foundation
import HubStore
import InputFiles

extension HubOptions {
    /// Registers a report or workbook just written in `output_files`, so that the config's
    /// `retention.outputs` period can be applied to it (docs/governance.md, "Retention"). A file
    /// that cannot be read back is not registered: retention never deletes what it cannot check.
    func registerOutput(_ path: String, kind: String, laCode: String?, purpose: String, store: Store) {
        let absolute = (path as NSString).isAbsolutePath
            ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        guard let sha256 = try? fileChecksum(path: absolute).sha256 else { return }
        do {
            try OutputRegister(database: store.database).record(OutputFile(
                path: absolute, kind: kind, laCode: laCode, purpose: purpose, sha256: sha256,
                writtenAt: ISO8601DateFormatter().string(from: Date())))
        } catch {
            printError("warning: \(path) was written but not registered for retention: \(error)")
        }
    }
}
