#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation

/// The hub's secret key: 32 random bytes in a file outside the database (path in the config).
/// Everything that makes an identifier unrecoverable (pseudonyms, the sealed archive) is keyed
/// by it, so the same child gets the same pseudonym in every LA's return of one hub, and a copy of
/// the database alone reveals no identifier.
public struct HubSecret: Sendable {
    private let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the secret from `path`.
    public static func load(path: String) throws -> HubSecret {
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
    public static func create(path: String) throws -> HubSecret {
        if FileManager.default.fileExists(atPath: path) { throw SecretError.exists(path: path) }
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let hexText = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(hexText.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw SecretError.cannotWrite(path: path)
        }
        return HubSecret(bytes: bytes)
    }

    /// Loads the secret, creating it first when it does not exist yet.
    public static func loadOrCreate(path: String) throws -> (secret: HubSecret, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try load(path: path), false) }
        return (try create(path: path), true)
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

public enum SecretError: Error, CustomStringConvertible {
    case missing(path: String)
    case malformed(path: String)
    case exists(path: String)
    case cannotWrite(path: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): the hub secret is missing; run `hnhub init` to create it, or point secret_path in the config at the hub's existing secret (a new secret would give every child a new pseudonym)"
        case .malformed(let path): return "\(path): not a hub secret (expected 64 hex digits)"
        case .exists(let path): return "\(path): a hub secret already exists; it is kept"
        case .cannotWrite(let path): return "\(path): cannot write the hub secret"
        }
    }
}
