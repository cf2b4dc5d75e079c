#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A load generator for `hnhub-bench serve`: one thread per keep-alive HTTP/1.1 connection to
/// 127.0.0.1, each sending the next request as soon as the previous answer has arrived whole, for a
/// fixed time. Loopback only; it stops by itself.
final class LoopbackLoad: @unchecked Sendable {
    struct Result {
        var count = 0
        var failures = 0
        var rate = 0.0
        var p50 = 0.0
        var p99 = 0.0
        var p99Report = 0.0
        var p99Compare = 0.0
        var bytesPerSecond = 0.0
    }

    /// What the connections' threads measured.
    struct Tally {
        var reportTimes: [Double] = []
        var compareTimes: [Double] = []
        var failures = 0
        var bytes = 0
    }

    let port: Int
    /// A `Cookie` header value per connection.
    let sessions: [String]
    /// The path of request `number` on `connection`.
    let requestFor: @Sendable (_ connection: Int, _ number: Int) -> String

    init(port: Int, sessions: [String], requestFor: @escaping @Sendable (Int, Int) -> String) {
        self.port = port
        self.sessions = sessions
        self.requestFor = requestFor
    }

    /// Latencies (seconds) by kind, failures, bytes, for `seconds` of load.
    func run(seconds: Double) -> Result {
        let tally = Mutex(Tally())
        let group = DispatchGroup()
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        for connection in sessions.indices {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                var reports: [Double] = [], compares: [Double] = []
                var failed = 0, received = 0, number = 0
                var socket: HTTPConnection?
                while Date() < deadline {
                    let path = requestFor(connection, number)
                    number += 1
                    let begin = DispatchTime.now().uptimeNanoseconds
                    do {
                        if socket == nil { socket = try HTTPConnection(port: port) }
                        let answer = try socket!.get(path, cookie: sessions[connection])
                        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
                        received += answer.body
                        if answer.status != 200 { failed += 1 }
                        if path.hasPrefix("/report") { reports.append(elapsed) } else { compares.append(elapsed) }
                        if answer.close { socket = nil }
                    } catch {
                        failed += 1
                        socket = nil
                    }
                }
                tally.withLock { tally in
                    tally.reportTimes += reports
                    tally.compareTimes += compares
                    tally.failures += failed
                    tally.bytes += received
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(started)
        let (reportTimes, compareTimes, failures, bytes) = tally.withLock { ($0.reportTimes, $0.compareTimes, $0.failures, $0.bytes) }
        let all = (reportTimes + compareTimes).sorted()
        func percentile(_ values: [Double], _ p: Double) -> Double {
            guard !values.isEmpty else { return 0 }
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        return Result(count: all.count, failures: failures, rate: Double(all.count) / elapsed, p50: percentile(all, 0.5),
                      p99: percentile(all, 0.99), p99Report: percentile(reportTimes, 0.99), p99Compare: percentile(compareTimes, 0.99),
                      bytesPerSecond: Double(bytes) / elapsed)
    }

    /// Waits until the server accepts connections (at most 60 s).
    static func waitForServer(port: Int) throws {
        for _ in 0..<600 {
            if (try? HTTPConnection(port: port)) != nil { return }
            usleep(100_000)
        }
        throw BenchFailure("the service did not start listening on 127.0.0.1:\(port)")
    }

    /// Signs in through the sign-in form; returns the session's Cookie header value.
    static func signIn(port: Int, username: String, password: String) throws -> String {
        let connection = try HTTPConnection(port: port)
        let form = try connection.get("/sign-in", cookie: nil)
        guard let signIn = form.cookies.first(where: { $0.hasPrefix("hnhub-signin=") }) else { throw BenchFailure("no sign-in cookie") }
        let token = String(signIn.dropFirst("hnhub-signin=".count))
        let body = "csrf=\(token)&username=\(username)&password=\(password.replacingOccurrences(of: " ", with: "+"))"
        let answer = try connection.post("/sign-in", cookie: signIn, form: body)
        guard let session = answer.cookies.first(where: { $0.hasPrefix("hnhub-session=") }) else {
            throw BenchFailure("signing in as \(username) failed (status \(answer.status))")
        }
        return session
    }
}

/// One blocking HTTP/1.1 connection to 127.0.0.1.
final class HTTPConnection {
    struct Answer {
        var status: Int
        var body: Int
        var cookies: [String]
        var close: Bool
    }

    private let socket: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw BenchFailure("cannot connect to 127.0.0.1:\(port)")
        }
        var yes: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    func get(_ path: String, cookie: String?) throws -> Answer {
        try send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (cookie.map { "Cookie: \($0)\r\n" } ?? "") + "\r\n")
        return try readAnswer()
    }

    func post(_ path: String, cookie: String?, form: String) throws -> Answer {
        try send("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (cookie.map { "Cookie: \($0)\r\n" } ?? "")
                 + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n" + form)
        return try readAnswer()
    }

    private func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw BenchFailure("the connection closed while sending") }
            sent += count
        }
    }

    private func fill() throws {
        let count = recv(socket, &chunk, chunk.count, 0)
        guard count > 0 else { throw BenchFailure("the connection closed while reading") }
        buffer += chunk[0..<count]
    }

    private func line() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: 10) {
                let text = String(decoding: buffer[0..<end], as: UTF8.self).trimmingCharacters(in: .newlines)
                buffer.removeFirst(end + 1)
                return text
            }
            try fill()
        }
    }

    private func skip(_ count: Int) throws {
        var left = count
        while left > 0 {
            if buffer.isEmpty { try fill() }
            let take = min(left, buffer.count)
            buffer.removeFirst(take)
            left -= take
        }
    }

    private func readAnswer() throws -> Answer {
        let statusLine = try line()
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        var length: Int?, chunked = false, close = false
        var cookies: [String] = []
        while true {
            let header = try line()
            if header.isEmpty { break }
            let parts = header.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0].lowercased() {
            case "content-length": length = Int(parts[1])
            case "transfer-encoding": chunked = parts[1].lowercased().contains("chunked")
            case "connection": close = parts[1].lowercased() == "close"
            case "set-cookie": cookies.append(String(parts[1].prefix { $0 != ";" }))
            default: break
            }
        }
        var body = 0
        if chunked {
            while true {
                let size = Int(try line().prefix { $0 != ";" }, radix: 16) ?? 0
                try skip(size + 2)
                body += size
                if size == 0 { break }
            }
        } else if let length {
            try skip(length)
            body = length
        }
        return Answer(status: status, body: body, cookies: cookies, close: close)
    }
}
