import ArgumentParser
import Foundation

/// `hnhub plugin`: work on native plugins.
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "Work on native plugins (see docs/writing-plugins.md).",
        subcommands: [PluginNewCommand.self])
}

/// `hnhub plugin new`: writes a compilable starting point for a native importer or metric plugin
/// under `Plugins/NAME/` (code target, entry target, a test) and prints the Package.swift lines to add.
struct PluginNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create Plugins/NAME with a plugin's code target, entry target and a test.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case importer, metric
    }

    @Option(name: .long, help: "importer or metric.")
    var kind: Kind

    @Option(name: .long, help: "The plugin's name in UpperCamelCase, e.g. LocalReferrals.")
    var name: String

    @Option(name: .long, help: "The package root to write into (default: the current folder).")
    var root: String = "."

    func validate() throws {
        guard let first = name.first, first.isUppercase, first.isASCII,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ValidationError("--name must be UpperCamelCase letters and digits, e.g. LocalReferrals (got '\(name)')")
        }
    }

    func run() throws {
        let scaffold = PluginScaffold(kind: kind == .importer ? .importer : .metric, name: name)
        let files = FileManager.default
        let folder = (root as NSString).appendingPathComponent("Plugins/\(name)")
        guard !files.fileExists(atPath: folder) else {
            throw HubFailure.unusable("\(folder) already exists: choose another --name or remove the folder")
        }
        guard files.fileExists(atPath: (root as NSString).appendingPathComponent("Package.swift")) else {
            throw HubFailure.unusable("\(root) has no Package.swift: run this in the hnhub package root or give --root")
        }
        for (path, text) in scaffold.files {
            let target = (root as NSString).appendingPathComponent(path)
            guard !files.fileExists(atPath: target) else {
                throw HubFailure.unusable("\(target) already exists: nothing was written for it")
            }
            try files.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target))
            print("created \(path)")
        }
        print("")
        print(scaffold.instructions)
    }
}
