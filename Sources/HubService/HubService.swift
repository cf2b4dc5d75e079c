import Comparison
import ComparisonTables
import Foundation
import HubStore
import Hummingbird
import Logging

/// The hub as a shared service (`hnhub serve`, docs/service.md): accounts and sessions, the one
/// access policy every route goes through, pages and the JSON API over the same store and plugins
/// as the CLI, uploads imported in the background, and the audit log.
package final class HubService: Sendable {
    package let setup: ServiceSetup
    let store: ServiceStore
    let shelf: FigureShelf
    let audit: AuditRecorder
    let throttle: SignInThrottle
    let imports: ImportQueue
    let policy: AccessPolicy

    /// Opens (and migrates) the store, computes the indicators, reads the figures and starts the
    /// import worker. Uploads left unfinished by an earlier run are marked failed.
    package init(setup: ServiceSetup) throws {
        self.setup = setup
        let opened = try Store(path: setup.storePath)
        try ImportQueue.computeIndicators(store: opened, setup: setup)
        let figures = try HubFigures.load(opened.database, groups: setup.config.groups, purposes: setup.config.purposes,
                                          control: DisclosureControl(threshold: setup.config.suppressionThreshold), version: 1)
        try UploadJobs(database: opened.database).abandonUnfinished()
        try SessionBook(database: opened.database).purge(now: Int64(Date().timeIntervalSince1970))
        store = try ServiceStore(path: setup.storePath)
        shelf = FigureShelf(figures)
        audit = AuditRecorder(store: store)
        throttle = SignInThrottle(limits: setup.signInLimits)
        policy = AccessPolicy(groups: setup.config.groups)
        imports = ImportQueue(setup: setup, shelf: shelf, audit: audit)
        // Uploads are private to the service: the folder is readable by its own user only, and the
        // upload folders a stopped run left there (named by UUID; nothing else is touched) are removed.
        let files = FileManager.default
        try files.createDirectory(atPath: setup.uploadsFolder, withIntermediateDirectories: true,
                                  attributes: [.posixPermissions: 0o700])
        for name in (try? files.contentsOfDirectory(atPath: setup.uploadsFolder)) ?? [] where UUID(uuidString: name) != nil {
            try? files.removeItem(atPath: (setup.uploadsFolder as NSString).appendingPathComponent(name))
        }
        imports.start()
    }

    /// The router of every page and API route, with the error, security-header middleware in front.
    package func router() -> Router<ServiceContext> {
        RouteTable.build(self).router
    }

    /// Method and path of every route, and whether it is open without signing in.
    package var routes: [RouteInfo] { RouteTable.build(self).routes }

    /// The application on `host:port` (0: any free port), with the idle and request-head limits of
    /// docs/service.md: a connection with no complete request head `headSeconds` after it opened (or
    /// after its last response) is closed, and so is one idle for a minute.
    package func application(host: String, port: Int, headSeconds: Int64 = 20, logger: Logger? = nil)
        -> some ApplicationProtocol {
        Application(router: router(),
                    server: .http1(configuration: .init(additionalChannelHandlers: [RequestHeadDeadline(seconds: headSeconds)],
                                                        idleTimeout: .seconds(60))),
                    configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    logger: logger)
    }

    /// Lets queued imports finish and writes the rest of the audit log; call before the process ends.
    package func stop() async {
        await Task.detached { [imports] in imports.stop() }.value
        await audit.flush()
    }

    /// Waits until no upload is queued or importing and the audit log is written (tests, tools).
    package func settle() async {
        while imports.isBusy { try? await Task.sleep(for: .milliseconds(20)) }
        await audit.flush()
    }

    /// Increases each time an import changes the figures served.
    package var figuresVersion: Int { shelf.figures.version }

    /// How many forecasts and scopes were computed since the start rather than taken from those
    /// kept for the current figures (docs/service.md, "Kept forecasts and scopes").
    package var outputComputations: Int { shelf.computations }

    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    var sessionBookSettings: (lifetime: Int64, idle: Int64) { (setup.sessionLifetime, setup.sessionIdleLimit) }

    func sessions(_ database: Database) -> SessionBook {
        var book = SessionBook(database: database)
        book.lifetime = setup.sessionLifetime
        book.idleLimit = setup.sessionIdleLimit
        return book
    }

    /// Cookie names: `__Host-` ones are refused by browsers unless Secure, for this host, path /.
    var sessionCookie: String { setup.secureCookies ? "__Host-hnhub-session" : "hnhub-session" }
    var signInCookie: String { setup.secureCookies ? "__Host-hnhub-signin" : "hnhub-signin" }
}
