import Foundation
import Synchronization

/// Limits sign-in attempts so that guessing passwords is slow and a flood of attempts cannot tie
/// up the CPU with password hashing (docs/service.md, "Limits"):
///
/// - a user name with `perName` failures in the last `window` seconds is refused without a check
///   until the oldest of them leaves the window;
/// - so is a client (its address; behind a proxy every client shares the proxy's) with `perClient`;
/// - at most `concurrentChecks` password checks run at once; an attempt beyond that is refused at once.
package final class SignInThrottle: Sendable {
    package struct Limits: Sendable {
        package var perName = 5
        package var perClient = 30
        package var window: TimeInterval = 15 * 60
        package var concurrentChecks = 2
        package init() {}
    }

    /// Why an attempt is refused before its password is checked.
    package enum Refusal: Equatable, Sendable {
        case tooManyFailures(retryAfter: Int)
        case busy
    }

    private struct State {
        var failuresByName: [String: [TimeInterval]] = [:]
        var failuresByClient: [String: [TimeInterval]] = [:]
        var checking = 0
    }

    package let limits: Limits
    private let state = Mutex(State())

    package init(limits: Limits = Limits()) { self.limits = limits }

    /// Reserves a password check for this attempt, or says why not. Call `finish` after the check.
    package func begin(name: String, client: String, now: TimeInterval) -> Refusal? {
        let key = name.lowercased()
        return state.withLock { state in
            let since = now - limits.window
            let byName = (state.failuresByName[key] ?? []).filter { $0 > since }
            let byClient = (state.failuresByClient[client] ?? []).filter { $0 > since }
            state.failuresByName[key] = byName.isEmpty ? nil : byName
            state.failuresByClient[client] = byClient.isEmpty ? nil : byClient
            if byName.count >= limits.perName {
                return .tooManyFailures(retryAfter: max(1, Int((byName[byName.count - limits.perName] + limits.window - now).rounded(.up))))
            }
            if byClient.count >= limits.perClient {
                return .tooManyFailures(retryAfter: max(1, Int((byClient[byClient.count - limits.perClient] + limits.window - now).rounded(.up))))
            }
            guard state.checking < limits.concurrentChecks else { return .busy }
            state.checking += 1
            return nil
        }
    }

    /// Ends a check begun with `begin`; a failure counts against the name and the client.
    package func finish(name: String, client: String, succeeded: Bool, now: TimeInterval) {
        let key = name.lowercased()
        state.withLock { state in
            state.checking -= 1
            if succeeded {
                state.failuresByName[key] = nil
            } else {
                state.failuresByName[key, default: []].append(now)
                state.failuresByClient[client, default: []].append(now)
                // Memory stays bounded under a flood of made-up names.
                if state.failuresByName.count > 10_000 { state.failuresByName.removeAll() }
            }
        }
    }
}
