import Foundation

/// Whether the hub's own files (its store and secret) would be picked up by git: a file inside a
/// git work tree that git does not ignore could be committed, and the secret with it gives away
/// every pseudonym. `hnhub init` warns about such files (docs/install.md, "Where a hub lives").
enum VersionControlCheck {
    /// The root of the git work tree holding `path` (the nearest folder upwards with a `.git`).
    static func workTree(of path: String) -> String? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return folder.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// A warning for each of `paths` inside a git work tree and not ignored by it (when git cannot
    /// be asked, every such file is named).
    static func warnings(for paths: [String]) -> [String] {
        paths.compactMap { path in
            guard let root = workTree(of: path), !isIgnored(path, in: root) else { return nil }
            return "warning: \(path) is inside the git work tree \(root) and git does not ignore it; "
                + "keep the hub's store and secret out of version control (add *.sqlite* and *.secret to its .gitignore, "
                + "or keep the hub outside the repository)"
        }
    }

    /// `git check-ignore`: true when git ignores `path`; false when it does not or cannot say.
    static func isIgnored(_ path: String, in root: String) -> Bool {
        guard let git = ["/usr/bin/git", "/usr/local/bin/git", "/opt/homebrew/bin/git"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = ["-C", root, "check-ignore", "-q", "--", URL(fileURLWithPath: path).standardizedFileURL.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
