import ArgumentParser
import Foundation
import HubService
import HubStore

/// `hnhub serve`: the hub as a shared web service and JSON API (docs/service.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the hub to its member LAs: sign-in, uploads, findings, compare, report, downloads and a JSON API.",
        discussion: """
            Accounts come from `hnhub users add` (there is no default account). Serve on 127.0.0.1 behind a TLS \
            reverse proxy for anyone else (docs/service.md). Stop with Ctrl-C: queued imports finish first.
            """)

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on.")
    var port = 8080

    @Option(name: .customLong("max-upload-mb"), help: "Largest upload accepted, in MB (default room for a 1 GB return).")
    var maxUploadMB = 1500

    @Option(name: .customLong("uploads"), help: "Folder for uploads waiting for import (default: beside the store).")
    var uploadsFolder: String?

    @Flag(name: .customLong("behind-tls"), help: "The hub is reached over HTTPS through a reverse proxy: send HSTS.")
    var behindTLS = false

    @Flag(name: .customLong("insecure-cookies"), help: "Cookies without Secure, for plain HTTP to another host (testing only).")
    var insecureCookies = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port takes 1-65535") }
        guard maxUploadMB >= 1 else { throw ValidationError("--max-upload-mb takes a positive number") }
    }

    func run() throws {
        let config = try hub.loadConfiguration()
        let path = config.resolvedDatabasePath(override: hub.db)
        let store = try hub.openStore(config, for: .write)   // a missing store is a clear error; an old one is migrated
        // The store's own secret (its key check value), as every command that writes requires.
        var setup = ServiceSetup(config: config, storePath: path, secret: try hub.loadSecret(config, store: store),
                                 catalog: hub.loadPlugins(config))
        setup.maxUploadBytes = maxUploadMB * 1_000_000
        setup.secureCookies = !insecureCookies
        setup.strictTransport = behindTLS
        if let uploadsFolder { setup.uploadsFolder = uploadsFolder }
        let service: HubService
        do { service = try HubService(setup: setup) } catch { throw HubFailure.unusable("cannot start the service: \(error)") }
        let users = (try? AccountBook(database: Store(path: path).database).all().filter { !$0.disabled }.count) ?? 0
        print("serving High Needs Hub on http://\(host):\(port)/ (store \(path))")
        if users == 0 {
            print("no accounts yet: make the first admin with  hnhub users add --username NAME --role admin")
        }
        fflush(nil)   // the address before the server's own log lines
        let app = service.application(host: host, port: port)
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await app.runService() } catch { failure.set("\(error)") }
            await service.stop()
            finished.signal()
        }
        finished.wait()
        if let message = failure.get() { throw HubFailure.unusable("the service stopped: \(message)") }
    }
}

/// Carries an error message out of the server's task.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func set(_ text: String) { lock.lock(); message = text; lock.unlock() }
    func get() -> String? { lock.lock(); defer { lock.unlock() }; return message }
}
