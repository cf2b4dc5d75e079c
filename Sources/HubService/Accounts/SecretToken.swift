import Crypto
import Foundation

/// Random values handed to a browser or a script (session cookies, CSRF tokens, API tokens) and the
/// digests the store keeps instead of them.
package enum SecretToken {
    /// 32 random bytes (256 bits) from the system's cryptographic generator, base64url without
    /// padding, after `prefix` (e.g. `hnhub_` for API tokens, so a leaked one is recognisable).
    package static func make(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + text
    }

    /// SHA-256 of the token, hex: what the store keeps. The tokens are random and long, so a plain
    /// hash suffices (no salt or slow hash: there is nothing to guess).
    package static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two secrets in time that depends only on their lengths.
    package static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
