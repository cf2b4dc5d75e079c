import Foundation

/// Writes a small generated text file (CSV, YAML) in one go, as UTF-8 bytes.
enum TextFile {
    /// Writes `text` to `path`, creating the folder it is in; returns the bytes written.
    static func write(_ text: String, to path: String) throws -> Int {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw DemoDataError.cannotWrite(path: folder, reason: error.localizedDescription)
            }
        }
        let file = try OutputFile(path: path)
        let bytes = Array(text.utf8)
        try file.write(bytes)
        try file.close()
        return bytes.count
    }
}
