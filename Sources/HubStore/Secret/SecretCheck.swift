import Foundation
import Pseudonymisation

/// What the store knows about the hub secret it was made with: its key check value
/// (`hub_secret_check`), never the secret. Every command that writes with the secret checks it
/// first, so a replaced, regenerated or foreign secret is refused before it gives any child a new
/// pseudonym (docs/hub-secret.md).
package struct SecretCheck {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// The recorded key check value, or nil in a store that has none yet.
    package func recorded() throws -> String? {
        try database.scalar("SELECT check_value FROM hub_secret_check WHERE id = 1")?.string
    }

    /// Records `secret` as the store's secret, replacing any earlier record (in the caller's
    /// transaction, if any).
    package func record(_ secret: HubSecret, at time: Date = Date()) throws {
        try database.execute("INSERT OR REPLACE INTO hub_secret_check (id, check_value, recorded_at) VALUES (1, ?, ?)",
                             [.text(secret.keyCheckValue), .text(ISO8601DateFormatter().string(from: time))])
    }

    /// Imports of any data set the store holds, current or in history: each was made with a secret.
    package func importCount() throws -> Int {
        try database.scalar("SELECT count(*) FROM imports")?.int ?? 0
    }

    /// How a secret was found to belong to the store.
    package enum Verdict: Equatable {
        /// Its key check value is the recorded one.
        case matches
        /// The store had no key check value (made before they were kept) and the secret opened the
        /// store's archive, or the store holds nothing: the secret's value is recorded now.
        case recordedNow
    }

    /// Checks that `secret`, read from `path`, is the store's own; records it in a store that has no
    /// key check value yet, when the store's archive opens with it (or there is none).
    package func verify(_ secret: HubSecret, path: String) throws -> Verdict {
        if let recorded = try recorded() {
            if recorded == secret.keyCheckValue { return .matches }
            // A store that holds nothing has nothing a new secret could break.
            guard try importCount() == 0 else { throw mismatch(path: path) }
            try record(secret)
            return .recordedNow
        }
        if let sealed = try database.scalar("SELECT sealed FROM import_archive LIMIT 1")?.bytes {
            do { _ = try ArchiveSealer(secret: secret).open(sealed) } catch { throw mismatch(path: path) }
        }
        try record(secret)
        return .recordedNow
    }

    /// The error for a secret that is not the store's.
    func mismatch(path: String) -> SecretCheckError {
        .mismatch(path: path, store: database.path, interruptedRotation: interruptedRotation(path: path))
    }

    /// The error for a secret file that is not there, when the store holds data made with it: nil
    /// for a store that holds nothing, where a new secret harms nothing.
    package func missing(path: String) throws -> SecretCheckError? {
        let imports = try importCount()
        guard imports > 0 else { return nil }
        return .missing(path: path, store: database.path, imports: imports, interruptedRotation: interruptedRotation(path: path))
    }

    /// `<path>.new` when it holds the secret the store records: a rotation committed its re-keyed
    /// store but stopped before it put the new secret in place.
    func interruptedRotation(path: String) -> String? {
        let pending = SecretRotationFiles(secretPath: path).pending
        guard let recorded = try? recorded(), let secret = try? HubSecret.load(path: pending),
              secret.keyCheckValue == recorded else { return nil }
        return pending
    }
}

/// The files `hnhub rotate-secret` writes beside the secret: the new secret before the store is
/// re-keyed, and the old one once the new one is in place.
package struct SecretRotationFiles {
    package var secretPath: String

    package init(secretPath: String) { self.secretPath = secretPath }

    /// The new secret, written before the store is re-keyed and renamed to `secretPath` after.
    package var pending: String { secretPath + ".new" }

    /// Where the old secret goes, named by the time of the rotation (it opens only older backups).
    package func retired(at time: Date) -> String {
        let stamp = ISO8601DateFormatter().string(from: time).replacingOccurrences(of: ":", with: "")
        return "\(secretPath).replaced-\(stamp)"
    }
}

/// A hub secret that does not belong to the store, and what to do about it.
package enum SecretCheckError: Error, CustomStringConvertible, Equatable {
    case mismatch(path: String, store: String, interruptedRotation: String?)
    case missing(path: String, store: String, imports: Int, interruptedRotation: String?)

    package var description: String {
        switch self {
        case let .mismatch(path, store, pending?), let .missing(path, store, _, pending?):
            return "\(path): \(store) was re-keyed by `hnhub rotate-secret` with the secret now in \(pending), and the rotation stopped before putting it in place. Finish it: `mv \(pending) \(path)` (keep the old \(path) elsewhere first if you need it for older backups)"
        case let .mismatch(path, store, nil):
            return "\(path) is not the hub secret \(store) was made with (its key check value differs from the one the store records). Imports with it would give every child a new pseudonym, so children would no longer match across returns and years, and the archived returns could not be opened. Nothing was written. Put the store's own secret back (from your backup) at \(path), or point secret_path in the config at it; to change the secret on purpose, run `hnhub rotate-secret` with the current one (docs/hub-secret.md)"
        case let .missing(path, store, imports, nil):
            return "\(path): the hub secret is missing, and \(store) holds \(imports) import\(imports == 1 ? "" : "s") made with a secret. Put that secret back (from your backup) at \(path), or point secret_path in the config at it. hnhub does not make a new one for a store that holds data: it would give every child a new pseudonym. If the secret is lost for good, the stored children cannot be matched with new imports: start a new store and import the original files again (docs/hub-secret.md)"
        }
    }
}
