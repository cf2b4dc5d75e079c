import ArgumentParser
import Foundation
import HubStore
import PluginHost
import ReferenceData
import Pseudonymisation

/// `hnhub init`: creates (or migrates) the store and the hub secret.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the hub store and its secret, or migrate an older store.")

    @OptionGroup var hub: HubOptions

    func run() throws {
        let config = try hub.loadConfiguration()
        let path = config.resolvedDatabasePath(override: hub.db)
        let existed = FileManager.default.fileExists(atPath: path)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let before = existed ? (try? Database(path: path, readOnly: true).scalar("PRAGMA user_version")?.int) ?? 0 : 0
        let store: Store
        do { store = try Store(path: path) } catch { throw HubFailure.unusable("\(error)") }
        let version = try store.schemaVersion()
        if !existed {
            print("created \(path) (schema version \(version))")
        } else if before < version {
            print("migrated \(path) from schema version \(before) to \(version)")
        } else {
            print("\(path) is up to date (schema version \(version))")
        }
        if let datasets = DatasetsFolder.locate(explicit: config.datasetsPath, executableFolder: PluginLoader.executableFolder()) {
            do {
                let counts = try BundledReference.load(from: datasets, into: store)
                print("loaded the bundled reference tables from \(datasets): \(counts.localAuthorities) LA periods, \(counts.regions) regions, \(counts.neighbours) statistical neighbour links, \(counts.districts) districts, \(counts.censusDates) census days")
            } catch {
                throw HubFailure.unusable("bundled reference tables: \(error)")
            }
        } else {
            printError("hnhub: warning: no Datasets/ folder found (set `datasets` in the config or HNHUB_DATASETS); the LA register was not loaded")
        }
        let secretPath = config.resolvedSecretPath(databasePath: path)
        let check = SecretCheck(database: store.database)
        do {
            if FileManager.default.fileExists(atPath: secretPath) {
                try HubSecret.requirePrivate(path: secretPath)
                switch try check.verify(try HubSecret.load(path: secretPath), path: secretPath) {
                case .matches: print("hub secret: \(secretPath) (the one this store was made with)")
                case .recordedNow: print("hub secret: \(secretPath) (its key check value is now recorded in the store)")
                }
            } else if let missing = try check.missing(path: secretPath) {
                // A new secret would silently break every match with the children already stored.
                throw missing
            } else {
                try check.record(try HubSecret.create(path: secretPath))
                print("created the hub secret \(secretPath) (keep it safe and out of version control; pseudonyms depend on it)")
            }
        } catch {
            throw HubFailure.unusable("\(error)")
        }
    }
}
