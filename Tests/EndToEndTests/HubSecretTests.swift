import Foundation
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import Pseudonymisation
import Testing

/// The hub secret and the store that was made with it (docs/hub-secret.md): the store keeps the
/// secret's key check value and refuses any other secret, `init` never makes a new secret for a
/// store that holds data, a secret other users can read is refused for writing, and
/// `hnhub rotate-secret` re-keys pseudonyms and archive together.
@Suite(.serialized) struct HubSecretTests {
    static let fixtures = ["sen2-800-2024.xml", "sen2-800-2025.xml", "sen2-801-2025.xml"]
        .map { "\(packageRoot)/Datasets/fixtures/\($0)" }
    static let db = ["--db", "hub.sqlite"]

    /// A store made by `hnhub init` (without the published tables, so the only imports are the
    /// returns) with the 800 returns of 2024 and 2025 imported (15 rows, 8 children).
    static func populatedHub() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        #expect(try runHub(["init", "--no-published"] + db, in: folder.path).status == 0)
        let imported = try runHub(["import"] + db + Array(fixtures.prefix(2)), in: folder.path)
        #expect(imported.status == 0, "\(imported.errors)")
        return folder
    }

    static func count(_ sql: String, in folder: TemporaryFolder) throws -> Int {
        try Database(path: folder.file("hub.sqlite"), readOnly: true).scalar(sql)?.int ?? -1
    }

    @Test func theKeyCheckValueIsAnHMACOfAFixedLabelAndNotTheSecret() throws {
        let secret = HubSecret(bytes: Array(repeating: 7, count: 32))
        #expect(secret.keyCheckValue.count == 64)
        #expect(secret.keyCheckValue == HubSecret(bytes: Array(repeating: 7, count: 32)).keyCheckValue)
        #expect(secret.keyCheckValue != HubSecret(bytes: Array(repeating: 8, count: 32)).keyCheckValue)
        #expect(!secret.keyCheckValue.contains(String(repeating: "07", count: 4)))
    }

    /// A replaced secret used to import without complaint, and 242 matched
    /// children became 0: now it is refused and nothing is written.
    @Test func aSecretThatIsNotTheStoresOwnIsRefused() throws {
        let folder = try Self.populatedHub()
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.file("hub.secret"))
        try HubSecret.create(path: folder.file("hub.secret"))
        let run = try runHub(["import"] + Self.db + [Self.fixtures[2]], in: folder.path)
        #expect(run.status == 2)
        #expect(run.errors == "hnhub: hub.secret is not the hub secret hub.sqlite was made with (its key check value differs from the one the store records). Imports with it would give every child a new pseudonym, so children would no longer match across returns and years, and the archived returns could not be opened. Nothing was written. Put the store's own secret back (from your backup) at hub.secret, or point secret_path in the config at it; to change the secret on purpose, run `hnhub rotate-secret` with the current one (docs/hub-secret.md)\n")
        #expect(try Self.count("SELECT count(*) FROM imports", in: folder) == 2)
        #expect(try runHub(["reprocess", "--all"] + Self.db, in: folder.path).status == 2)
        #expect(try runHub(["init"] + Self.db, in: folder.path).status == 2)
    }

    /// `init` on a store whose secret was deleted used to make a new one silently.
    @Test func initMakesNoNewSecretForAStoreThatHoldsData() throws {
        let folder = try Self.populatedHub()
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.file("hub.secret"))
        let run = try runHub(["init"] + Self.db, in: folder.path)
        #expect(run.status == 2)
        #expect(run.errors.hasSuffix("hnhub: hub.secret: the hub secret is missing, and hub.sqlite holds 2 imports made with a secret. Put that secret back (from your backup) at hub.secret, or point secret_path in the config at it. hnhub does not make a new one for a store that holds data: it would give every child a new pseudonym. If the secret is lost for good, the stored children cannot be matched with new imports: start a new store and import the original files again (docs/hub-secret.md)\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("hub.secret")))
        #expect(try runHub(["import"] + Self.db + [Self.fixtures[2]], in: folder.path).errors.contains("the hub secret is missing, and hub.sqlite holds 2 imports"))
    }

    /// A store that holds nothing loses nothing to a new secret.
    @Test func anEmptyStoreGetsANewSecret() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try runHub(["init", "--no-published"] + Self.db, in: folder.path).status == 0)
        try FileManager.default.removeItem(atPath: folder.file("hub.secret"))
        let again = try runHub(["init", "--no-published"] + Self.db, in: folder.path)
        #expect(again.status == 0)
        #expect(again.output.hasSuffix("created the hub secret hub.secret (keep it safe and out of version control; pseudonyms depend on it)\n"))
        #expect(try runHub(["import"] + Self.db + [Self.fixtures[0]], in: folder.path).status == 0)
    }

    @Test func aSecretOthersCanReadIsRefusedForWritingAndWarnedAboutOtherwise() throws {
        let folder = try Self.populatedHub()
        defer { folder.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.file("hub.secret"))
        let message = "hub.secret: the hub secret can be read or changed by other users (mode 644): whoever reads it can recompute pseudonyms from UPNs and open the archived returns. Run `chmod 600 hub.secret`, and consider who may have read it (`hnhub rotate-secret` replaces it; docs/hub-secret.md)"
        let imported = try runHub(["import"] + Self.db + [Self.fixtures[2]], in: folder.path)
        #expect(imported.status == 2)
        #expect(imported.errors == "hnhub: \(message)\n")
        let listed = try runHub(["returns"] + Self.db, in: folder.path)
        #expect(listed.status == 0)
        #expect(listed.errors == "hnhub: warning: \(message)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.file("hub.secret"))
        #expect(try runHub(["import"] + Self.db + [Self.fixtures[2]], in: folder.path).status == 0)
    }

    /// A store made before key check values has none: the first command that writes records the
    /// secret's, once the secret has opened the store's archive, and refuses a secret that cannot.
    @Test func aStoreWithoutAKeyCheckValueTakesOnlyTheSecretItsArchiveOpensWith() throws {
        let folder = try Self.populatedHub()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        try store.database.execute("DELETE FROM hub_secret_check")
        let check = SecretCheck(database: store.database)
        #expect {
            try check.verify(HubSecret(bytes: Array(repeating: 1, count: 32)), path: "other.secret")
        } throws: { ($0 as? SecretCheckError) == .mismatch(path: "other.secret", store: store.database.path, interruptedRotation: nil) }
        #expect(try check.recorded() == nil)
        let own = try HubSecret.load(path: folder.file("hub.secret"))
        #expect(try check.verify(own, path: folder.file("hub.secret")) == .recordedNow)
        #expect(try check.recorded() == own.keyCheckValue)
        #expect(try check.verify(own, path: folder.file("hub.secret")) == .matches)
    }

    /// Rotation gives every stored pseudonym its value under the new secret (so children still
    /// match, and re-processing gives the same values) and seals the archive with the new secret;
    /// the old secret is refused afterwards.
    @Test func rotateSecretReKeysPseudonymsAndTheArchive() throws {
        let folder = try Self.populatedHub()
        defer { folder.remove() }
        let before = try Set(Database(path: folder.file("hub.sqlite")).rows("SELECT pseudonym FROM persons").map { $0[0] })
        #expect(before.count == 8)
        let run = try runHub(["rotate-secret"] + Self.db, in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("re-keyed hub.sqlite: 8 pseudonyms in 15 rows, read again from the archived input of 2 imports; 2 archive chunks sealed with the new secret\nthe new hub secret is hub.secret"))
        let retired = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .first { $0.hasPrefix("hub.secret.replaced-") })
        #expect(HubSecret.exposedMode(path: folder.file("hub.secret")) == nil)
        #expect(HubSecret.exposedMode(path: folder.file(retired)) == nil)

        let database = try Database(path: folder.file("hub.sqlite"))
        let after = try Set(database.rows("SELECT pseudonym FROM persons").map { $0[0] })
        #expect(after.count == 8)
        #expect(after.isDisjoint(with: before))
        // Re-processing reads the archive with the new secret and gives the same pseudonyms.
        #expect(try runHub(["reprocess", "--all"] + Self.db, in: folder.path).status == 0)
        #expect(try Set(database.rows("SELECT pseudonym FROM persons").map { $0[0] }) == after)

        try folder.write("old.yaml", "secret_path: \(retired)\n")
        let old = try runHub(["import", "--config", "old.yaml"] + Self.db + [Self.fixtures[2]], in: folder.path)
        #expect(old.status == 2)
        #expect(old.errors.contains("\(retired) is not the hub secret hub.sqlite was made with"))
    }

    /// A rotation that re-keyed the store but stopped before moving the secrets is named by every
    /// command and finished by running `rotate-secret` again.
    @Test func anInterruptedRotationIsNamedAndFinished() throws {
        let folder = try Self.populatedHub()
        defer { folder.remove() }
        #expect(try runHub(["rotate-secret"] + Self.db, in: folder.path).status == 0)
        let retired = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .first { $0.hasPrefix("hub.secret.replaced-") })
        try FileManager.default.moveItem(atPath: folder.file("hub.secret"), toPath: folder.file("hub.secret.new"))
        try FileManager.default.moveItem(atPath: folder.file(retired), toPath: folder.file("hub.secret"))

        let refused = try runHub(["import"] + Self.db + [Self.fixtures[2]], in: folder.path)
        #expect(refused.status == 2)
        #expect(refused.errors == "hnhub: hub.secret: hub.sqlite was re-keyed by `hnhub rotate-secret` with the secret now in hub.secret.new, and the rotation stopped before putting it in place. Finish it: `mv hub.secret.new hub.secret` (keep the old hub.secret elsewhere first if you need it for older backups)\n")
        let finished = try runHub(["rotate-secret"] + Self.db, in: folder.path)
        #expect(finished.status == 0)
        #expect(finished.output.hasPrefix("finished the rotation that re-keyed hub.sqlite and stopped: hub.secret is now its secret; the old secret is hub.secret.replaced-"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("hub.secret.new")))
        #expect(try runHub(["import"] + Self.db + [Self.fixtures[2]], in: folder.path).status == 0)
    }

    /// A pseudonym the archive cannot account for stops the rotation before anything changes.
    @Test func aRotationThatCannotPairEveryPseudonymChangesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        let old = HubSecret(bytes: Array(repeating: 3, count: 32))
        let runner = ImportRunner(catalog: catalog(importers: [TestReturnImporter()]), opener: InputOpener(),
                                  store: store, secret: old)
        _ = runner.run(path: try folder.write("201.txt", TestReturns.first))
        let snapshot = try store.database.rows("SELECT pseudonym FROM persons UNION ALL SELECT hex(sealed) FROM import_archive")
        let new = HubSecret(bytes: Array(repeating: 4, count: 32))

        let withoutImporter = SecretRotation(store: store, catalog: catalog(), opener: InputOpener())
        #expect {
            try withoutImporter.run(from: old, to: new)
        } throws: { "\($0)" == "import #1 (\(folder.file("201.txt"))) holds pseudonyms that cannot be re-keyed: its importer test-return is not loaded. Nothing was changed; the store and its secret are as they were (docs/hub-secret.md)" }
        try store.database.execute("INSERT INTO persons (import_id, person_index, pseudonym) VALUES (1, 99, 'f00d')")
        let withImporter = SecretRotation(store: store, catalog: catalog(importers: [TestReturnImporter()]), opener: InputOpener())
        #expect {
            try withImporter.run(from: old, to: new)
        } throws: { "\($0)".contains("1 of its pseudonyms are not in its archived input as read now (re-process it first: `hnhub reprocess --import 1`)") }
        try store.database.execute("DELETE FROM persons WHERE person_index = 99")
        #expect(try store.database.rows("SELECT pseudonym FROM persons UNION ALL SELECT hex(sealed) FROM import_archive") == snapshot)

        let summary = try withImporter.run(from: old, to: new)
        #expect(summary.importsRead == 1 && summary.pseudonyms == 3 && summary.rows == 3 && summary.archiveChunks == 1)
        let expected = Set([TestReturns.upn1, TestReturns.upn2, TestReturns.upn3]
            .map { SQLValue.text(Pseudonymiser(secret: new).pseudonym(kind: "upn", key: $0)) })
        #expect(try Set(store.database.rows("SELECT pseudonym FROM persons").map { $0[0] }) == expected)
        #expect(try SecretCheck(database: store.database).recorded() == new.keyCheckValue)
    }
}
