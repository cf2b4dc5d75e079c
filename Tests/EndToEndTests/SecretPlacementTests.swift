import Foundation
import HubTestSupport
import Testing

/// A hub made inside a git work tree: `hnhub init` warns when git would pick up its store or
/// secret, and says nothing when the work tree ignores them.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "git is not installed"))
struct SecretPlacementTests {
    func git(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", folder] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    @Test func aSecretGitWouldCommitIsWarnedAbout() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try git(["init", "-q", "."], in: folder.path)
        let run = try runHub(["init", "--no-published", "--db", "mydemo/hub.sqlite"], in: folder.path)
        #expect(run.status == 0)
        #expect(run.errors.contains("hnhub: warning: mydemo/hub.secret is inside the git work tree "))
        #expect(run.errors.contains("and git does not ignore it; keep the hub's store and secret out of version control"))
        #expect(run.errors.contains("hnhub: warning: mydemo/hub.sqlite is inside the git work tree "))
    }

    @Test func anIgnoredSecretIsNot() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try git(["init", "-q", "."], in: folder.path)
        try folder.write(".gitignore", "*.sqlite\n*.secret\n")
        let run = try runHub(["init", "--no-published", "--db", "mydemo/hub.sqlite"], in: folder.path)
        #expect(run.status == 0)
        #expect(!run.errors.contains("warning"))
        // Outside any work tree there is nothing to say either.
        let outside = try TemporaryFolder()
        defer { outside.remove() }
        #expect(!(try runHub(["init", "--no-published", "--db", "hub.sqlite"], in: outside.path)).errors.contains("warning"))
    }
}
