import Crypto
import Foundation
import HubKit
import HubStore
import InputFiles
import Pseudonymisation

/// Variants of the slow stages, run on a scratch store with settings the pipeline does not use
/// (yet), to measure what a change would gain before anyone makes it. Nothing here changes the
/// hub's own code paths.
enum StageExperiments {
    /// The raw archive's work without the store: 4 MiB chunks, zlib at `level`, sealed.
    static func archive(path: String, secret: HubSecret, level: Int32) throws {
        let sealer = ArchiveSealer(secret: secret)
        let stream = try FileByteStream(path: path)
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            let n = try StageBenchmark.fill(&buffer, from: stream)
            if n == 0 { break }
            _ = try sealer.seal(Zlib.compress(Array(buffer[0..<n]), level: level))
        }
    }

    /// Parse, pseudonymise and insert as `parse_pseudonymise_insert`, on a store tuned by `pragmas`
    /// (e.g. a 64 MB page cache, the pseudonym index dropped until the end of the import).
    static func insert(importer: any Importer, source: ImportSource, path: String, bytes: Int, secret: HubSecret,
                       pragmas: [String], afterwards: [String] = []) throws -> Int {
        let hub = try BenchHub()
        defer { hub.remove() }
        let database = hub.store.database
        for pragma in pragmas { try database.execute(pragma) }
        let persons = try database.transaction {
            let ledger = ImportLedger(database: database)
            let id = try ledger.begin(scope: ImportScope(dataset: "sen2-return", key: "bench"), sourceName: path,
                                      checksum: "bench", inputBytes: bytes, importerID: "sen2-xml",
                                      importerVersion: "bench", importedAt: "2025-01-01T00:00:00Z", archiveFormat: nil)
            let sink = StoreSink(writer: try PersonWriter(database: database, importID: id),
                                 pseudonymiser: Pseudonymiser(secret: secret))
            try importer.read(source, into: sink)
            try sink.flush()
            for statement in afterwards { try database.execute(statement) }
            return sink.persons
        }
        return persons
    }
}

/// Pseudonymisation with the HMAC key schedule done once (the keyed state copied per person) and
/// ASCII fast paths for the normalisation: what those two changes save against the first
/// `Pseudonymiser` (which has since adopted them).
final class FastPseudonymSink: StageSink {
    private let keyed: HMAC<SHA256>
    private(set) var digests = 0

    init(secret: HubSecret) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: Array("bench key".utf8)))
    }

    override func person(_ person: PersonRecord) throws {
        try super.person(person)
        var key: [UInt8] = []
        key.reserveCapacity(24)
        if let upn = person.identifiers.upn, !upn.isEmpty {
            key.append(contentsOf: "upn:".utf8)
            Self.appendNormalised(upn, to: &key)
        } else if let uln = person.identifiers.uniqueLearnerNumber, !uln.isEmpty {
            key.append(contentsOf: "uln:".utf8)
            Self.appendNormalised(uln, to: &key)
        } else {
            key.append(contentsOf: "name:".utf8)
            Self.appendNormalised(person.identifiers.surname ?? "", to: &key)
        }
        var hmac = keyed
        hmac.update(data: key)
        let mac = hmac.finalize()
        var hex = [UInt8](repeating: 0, count: 64)
        let digits = Array("0123456789abcdef".utf8)
        mac.withUnsafeBytes { raw in
            for (i, byte) in raw.enumerated() {
                hex[2 * i] = digits[Int(byte >> 4)]
                hex[2 * i + 1] = digits[Int(byte & 15)]
            }
        }
        _ = String(decoding: hex, as: UTF8.self)
        _ = person.birthDate?.isoMonth
        if let postcode = person.postcode {
            var compact: [UInt8] = []
            Self.appendNormalised(postcode, to: &compact)
            _ = String(decoding: compact.dropLast(3), as: UTF8.self)
        }
        digests += 1
    }

    /// Upper-cased ASCII without spaces.
    static func appendNormalised(_ text: String, to bytes: inout [UInt8]) {
        for byte in text.utf8 where byte != 32 && byte != 9 {
            bytes.append(byte >= 97 && byte <= 122 ? byte - 32 : byte)
        }
    }
}
