#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation

/// The hub's secret key: 32 random bytes in a file outside the database (path in the config).
/// Everything that makes an identifier unrecoverable (pseudonyms, the sealed archive) is keyed
/// by it, so the same child gets the same pseudonym in every LA's return of one hub, and a copy of
/// the database alone reveals no identifier.
package struct HubSecret: Sendable {
    private let bytes: [UInt8]

    package init(bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the secret from `path`.
    package static func load(path: String) throws -> HubSecret {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SecretError.missing(path: path)
        }
        let hexText = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard hexText.count == 64, let bytes = decodeHex(hexText) else { throw SecretError.malformed(path: path) }
        return HubSecret(bytes: bytes)
    }

    /// Creates a new random secret at `path` (owner read/write only). Refuses to overwrite one:
    /// a new secret would give every child a new pseudonym.
    @discardableResult
    package static func create(path: String) throws -> HubSecret {
        if FileManager.default.fileExists(atPath: path) { throw SecretError.exists(path: path) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let secret = random()
        try secret.write(to: path)
        return secret
    }

    /// A new random secret, not yet written anywhere (`hnhub rotate-secret` writes it itself).
    package static func random() -> HubSecret {
        HubSecret(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// Writes the secret to a new file at `path`, readable and writable by its owner only.
    package func write(to path: String) throws {
        if FileManager.default.fileExists(atPath: path) { throw SecretError.exists(path: path) }
        let hexText = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(hexText.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw SecretError.cannotWrite(path: path)
        }
    }

    /// The key check value: an HMAC of a fixed label under a key derived for this purpose only.
    /// The store keeps it to tell its own secret from any other (docs/hub-secret.md); it reveals
    /// nothing about the secret or the keys of the pseudonyms and the archive.
    package var keyCheckValue: String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("hnhub key check value".utf8),
                                                  using: derivedKey(for: "hnhub key check v1"))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The permission bits of the secret file that give other users access (group and others),
    /// or nil when only its owner can read it (or it does not exist).
    package static func exposedMode(path: String) -> Int? {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int,
              mode & 0o077 != 0 else { return nil }
        return mode & 0o777
    }

    /// Fails when others can read or change the secret file (see `exposedMode`).
    package static func requirePrivate(path: String) throws {
        if let mode = exposedMode(path: path) { throw SecretError.exposed(path: path, mode: mode) }
    }

    /// A key for one purpose, derived so that no two uses share a key.
    func derivedKey(for purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: bytes), info: Data(purpose.utf8), outputByteCount: 32)
    }

    private static func decodeHex(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = nibble(high), let l = nibble(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }
}

package enum SecretError: Error, CustomStringConvertible {
    case missing(path: String)
    case malformed(path: String)
    case exists(path: String)
    case cannotWrite(path: String)
    case exposed(path: String, mode: Int)

    package var description: String {
        switch self {
        case .missing(let path):
            return "\(path): the hub secret is missing; run `hnhub init` to create it, or point secret_path in the config at the hub's existing secret (a new secret would give every child a new pseudonym)"
        case let .exposed(path, mode):
            return "\(path): the hub secret can be read or changed by other users (mode \(String(mode, radix: 8))): whoever reads it can recompute pseudonyms from UPNs and open the archived returns. Run `chmod 600 \(path)`, and consider who may have read it (`hnhub rotate-secret` replaces it; docs/hub-secret.md)"
        case .malformed(let path): return "\(path): not a hub secret (expected 64 hex digits)"
        case .exists(let path): return "\(path): a hub secret already exists; it is kept"
        case .cannotWrite(let path): return "\(path): cannot write the hub secret"
        }
    }
}
