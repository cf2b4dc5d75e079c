import Crypto
import Foundation
import HummingbirdBcrypt

/// Passwords are stored as bcrypt hashes (salted, deliberately slow). See docs/service.md,
/// "Accounts and passwords".
///
/// Cost 12 (2^12 rounds of the key schedule) takes about a quarter of a second on one core here:
/// unnoticeable at sign-in, and it makes each guess against a stolen store that slow. Tests and the
/// benchmark pass a lower cost; a hash records its own cost, so raising it later keeps old hashes valid.
package struct PasswordHasher: Sendable {
    package static let defaultCost: UInt8 = 12
    package static let minimumLength = 12
    package static let maximumLength = 256

    package var cost: UInt8

    package init(cost: UInt8 = PasswordHasher.defaultCost) {
        self.cost = min(max(cost, 4), 31)
    }

    /// The hash to store.
    package func hash(_ password: String) -> String {
        Bcrypt.hash(Self.prepared(password), cost: cost)
    }

    /// True when `password` matches `hash`.
    package func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(Self.prepared(password), hash: hash)
    }

    /// bcrypt reads at most 72 bytes and stops at a zero byte: the password's SHA-256 (base64, 44
    /// characters) goes in instead, so every character of a long pass phrase counts.
    static func prepared(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    /// Why a new password is refused, or nil.
    package static func weakness(of password: String) -> String? {
        if password.count < minimumLength { return "a password needs at least \(minimumLength) characters" }
        if password.count > maximumLength { return "a password has at most \(maximumLength) characters" }
        if Set(password).count < 5 { return "a password needs more than a few different characters" }
        return nil
    }
}
