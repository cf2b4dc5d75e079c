import ArgumentParser
import Foundation
import HubStore
import ImportPipeline
import InputFiles
import Pseudonymisation

/// `hnhub rotate-secret`: replaces the hub secret with a new random one and re-keys the store:
/// every pseudonym (from the identifiers in the archived returns) and every archive chunk. See
/// docs/hub-secret.md for when to use it and what it cannot do.
struct RotateSecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-secret",
        abstract: "Replace the hub secret and re-key every stored pseudonym and the sealed archive (docs/hub-secret.md).")

    @OptionGroup var hub: HubOptions

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config, warnAboutSecret: false)
        let files = SecretRotationFiles(secretPath: hub.secretPath(config))
        if try finishInterruptedRotation(files, store: store) { return }

        let old = try hub.loadSecret(config, store: store)
        let new = HubSecret.random()
        do { try new.write(to: files.pending) } catch { throw HubFailure.unusable("\(error)") }
        let rotation = SecretRotation(store: store, catalog: hub.loadPlugins(config),
                                      opener: InputOpener(limits: config.inflationLimits))
        let summary: SecretRotation.Summary
        do {
            summary = try rotation.run(from: old, to: new)
        } catch {
            try? FileManager.default.removeItem(atPath: files.pending)
            throw HubFailure.unusable("\(error)")
        }
        let retired = try putInPlace(files)
        print("re-keyed \(store.database.path): \(summary.pseudonyms) pseudonyms in \(summary.rows) rows, read again from the archived input of \(summary.importsRead) imports; \(summary.archiveChunks) archive chunks sealed with the new secret")
        print("the new hub secret is \(files.secretPath) (back it up now; older backups of the store need the old one)")
        print("the old secret is now \(retired): it opens only backups of the store made before this rotation; destroy it (e.g. `shred -u \(retired)`) once those backups are gone")
    }

    /// Completes a rotation that re-keyed the store but stopped before the new secret was in place
    /// (true when it did); removes a new secret left by a rotation that failed before re-keying.
    func finishInterruptedRotation(_ files: SecretRotationFiles, store: Store) throws -> Bool {
        guard FileManager.default.fileExists(atPath: files.pending) else { return false }
        do {
            let pending = try HubSecret.load(path: files.pending)
            if try SecretCheck(database: store.database).recorded() == pending.keyCheckValue {
                let retired = try putInPlace(files)
                print("finished the rotation that re-keyed \(store.database.path) and stopped: \(files.secretPath) is now its secret"
                      + (retired.isEmpty ? "" : "; the old secret is \(retired)"))
                return true
            }
            // The store never used it: what a rotation that failed before committing leaves.
            try FileManager.default.removeItem(atPath: files.pending)
            return false
        } catch let failure as HubFailure {
            throw failure
        } catch {
            throw HubFailure.unusable("\(error)")
        }
    }

    /// Moves the old secret aside (when it is still there) and the new one into its place; returns
    /// where the old one went ("" when it had gone already).
    func putInPlace(_ files: SecretRotationFiles) throws -> String {
        let manager = FileManager.default
        var retired = ""
        do {
            if manager.fileExists(atPath: files.secretPath) {
                retired = files.retired(at: Date())
                try manager.moveItem(atPath: files.secretPath, toPath: retired)
            }
            try manager.moveItem(atPath: files.pending, toPath: files.secretPath)
        } catch {
            throw HubFailure.unusable("the store is re-keyed, but moving the secrets failed: \(error). Put \(files.pending) at \(files.secretPath) by hand")
        }
        return retired
    }
}
