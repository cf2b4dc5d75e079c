import Crypto
import Foundation

/// Seals archive chunks (the raw input, compressed) with ChaCha20-Poly1305 under a key derived
/// from the hub secret: the raw file contains names and UPNs, so the database must not hold it in
/// readable form. Reprocessing opens the chunks with the same secret.
package struct ArchiveSealer {
    /// Recorded with each import: chunks marked 1 (zlib) or 0 (stored), sealed.
    package static let format = "marked-zlib+chachapoly-v1"
    /// The formats this hnhub restores. `marked-zstd+chachapoly-v2` (zstd chunks, written by
    /// development builds for a few days) is not one: re-processing such an import says so by name.
    package static let readableFormats: Set<String> = [format]
    private let key: SymmetricKey

    package init(secret: HubSecret) { key = secret.derivedKey(for: "hnhub raw archive v1") }

    package func seal(_ bytes: [UInt8]) throws -> [UInt8] {
        Array(try ChaChaPoly.seal(bytes, using: key).combined)
    }

    package func open(_ sealed: [UInt8]) throws -> [UInt8] {
        do {
            return Array(try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: sealed), using: key))
        } catch {
            throw ArchiveError.cannotOpen
        }
    }
}

package enum ArchiveError: Error, CustomStringConvertible {
    case cannotOpen
    package var description: String {
        "the archived input cannot be opened with this hub's secret (was the secret file replaced?)"
    }
}
