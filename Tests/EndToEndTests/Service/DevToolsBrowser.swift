#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`): file
/// descriptor 3 carries commands to the browser, 4 its answers and events, each a JSON message
/// ended by a zero byte. Enough to load pages, fill and submit forms, pick a file, take screenshots
/// and download, as a person does.
final class DevToolsBrowser {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var pid: pid_t = 0
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private var nextID = 1
    private var received: [UInt8] = []
    private var events: [[String: Any]] = []
    private(set) var session = ""

    init(chromium: String, profile: String, downloads: String) throws {
        var commands: [Int32] = [0, 0], answers: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&answers) == 0 else { throw Failure(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, answers[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                         "--no-first-run", "--remote-debugging-pipe", "--user-data-dir=\(profile)", "--window-size=1280,1000",
                         "--force-device-scale-factor=1", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, chromium, &actions, nil, &argv, environ)
        close(commands[0])
        close(answers[1])
        toBrowser = commands[1]
        fromBrowser = answers[0]
        guard spawned == 0 else { throw Failure(description: "chromium did not start (\(spawned))") }
        let target = try call("Target.createTarget", ["url": "about:blank"])["targetId"] as? String ?? ""
        session = try call("Target.attachToTarget", ["targetId": target, "flatten": true])["sessionId"] as? String ?? ""
        _ = try call("Page.enable", in: session)
        _ = try call("Browser.setDownloadBehavior", ["behavior": "allow", "downloadPath": downloads, "eventsEnabled": true])
    }

    deinit {
        _ = try? call("Browser.close", timeout: 5)
        close(toBrowser)
        close(fromBrowser)
        var status: Int32 = 0
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// Sends a command (to the page's session when `in` is given) and returns its result.
    @discardableResult
    func call(_ method: String, _ parameters: [String: Any] = [:], in session: String? = nil, timeout: Double = 240) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        _ = bytes.withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let next = try nextMessage(until: deadline)
            if next["id"] as? Int == id {
                if let error = next["error"] as? [String: Any] { throw Failure(description: "\(method): \(error["message"] ?? error)") }
                return next["result"] as? [String: Any] ?? [:]
            }
            if next["method"] != nil { events.append(next) }
        }
    }

    /// Waits for an event (e.g. `Page.loadEventFired`), keeping the others.
    @discardableResult
    func wait(for method: String, timeout: Double = 240, where matches: ([String: Any]) -> Bool = { _ in true }) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let index = events.firstIndex(where: { $0["method"] as? String == method && matches($0["params"] as? [String: Any] ?? [:]) }) {
                return events.remove(at: index)
            }
            let next = try nextMessage(until: deadline)
            if next["method"] != nil { events.append(next) }
        }
    }

    private func nextMessage(until deadline: Date) throws -> [String: Any] {
        while true {
            if let end = received.firstIndex(of: 0) {
                let message = Array(received[..<end])
                received.removeFirst(end + 1)
                return (try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any]) ?? [:]
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failure(description: "chromium did not answer in time") }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000)) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = read(fromBrowser, &chunk, chunk.count)
            guard count > 0 else { throw Failure(description: "chromium closed the pipe") }
            received += chunk[0..<count]
        }
    }

    // MARK: What a person does

    /// Loads `url` and waits for the page.
    func open(_ url: String) throws {
        events.removeAll { $0["method"] as? String == "Page.loadEventFired" }
        try call("Page.navigate", ["url": url], in: session)
        try wait(for: "Page.loadEventFired")
    }

    /// Runs `script` in the page and returns its value.
    @discardableResult
    func evaluate(_ script: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": script, "returnByValue": true], in: session)
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Runs `script` (which submits a form or follows a link) and waits for the next page.
    func submit(_ script: String) throws {
        events.removeAll { $0["method"] as? String == "Page.loadEventFired" }
        try evaluate(script)
        try wait(for: "Page.loadEventFired")
    }

    var text: String { (try? evaluate("document.body ? document.body.innerText : ''") as? String) ?? "" }
    var location: String { (try? evaluate("location.pathname + location.search") as? String) ?? "" }

    /// Chooses `path` in the file field matching `selector`.
    func choose(file path: String, in selector: String) throws {
        let root = try call("DOM.getDocument", in: session)["root"] as? [String: Any]
        let node = try call("DOM.querySelector", ["nodeId": root?["nodeId"] ?? 0, "selector": selector], in: session)["nodeId"] ?? 0
        try call("DOM.setFileInputFiles", ["files": [path], "nodeId": node], in: session)
    }

    /// A PNG of the whole page.
    func screenshot() throws -> Data {
        let result = try call("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true], in: session)
        guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else { throw Failure(description: "no screenshot") }
        return data
    }

    /// Waits until a download has finished; its file name.
    func waitForDownload(timeout: Double = 240) throws -> String {
        let begun = try wait(for: "Browser.downloadWillBegin", timeout: timeout)
        let guid = (begun["params"] as? [String: Any])?["guid"] as? String
        let name = (begun["params"] as? [String: Any])?["suggestedFilename"] as? String ?? ""
        try wait(for: "Browser.downloadProgress", timeout: timeout) { $0["guid"] as? String == guid && $0["state"] as? String == "completed" }
        return name
    }
}
