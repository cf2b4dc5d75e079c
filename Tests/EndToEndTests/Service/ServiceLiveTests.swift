#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HubService
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// The service on a real socket: a client that sends its request head too slowly is cut off while
    /// the others are served.
    @Suite(.serialized) struct ServiceLiveTests {
        /// A TCP connection to 127.0.0.1:`port` (blocking, with a receive timeout).
        final class RawConnection {
            let socket: Int32

            init(port: Int) throws {
                socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
                var timeout = timeval(tv_sec: 120, tv_usec: 0)
                setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            }

            deinit { close(socket) }

            func send(_ text: String) { _ = text.withCString { Glibc.send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }

            /// What arrives until the server closes the connection (or the timeout).
            func readToEnd() -> String {
                var data: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = recv(socket, &buffer, buffer.count, 0)
                    if count <= 0 { break }
                    data += buffer[0..<count]
                }
                return String(decoding: data, as: UTF8.self)
            }
        }

        @Test func aClientTooSlowWithItsHeadersIsCutOffAndOthersAreServed() async throws {
            let fixture = try ServiceFixture()
            let app = fixture.service.application(host: "127.0.0.1", port: 0, headSeconds: 2)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let slow = try RawConnection(port: port)
                slow.send("GET /static/hub.css HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                let started = ContinuousClock.now
                // Meanwhile, a client that sends its request whole is answered (and its idle connection
                // closed after the same deadline, so reading to the end returns).
                let prompt = try RawConnection(port: port)
                prompt.send("GET /static/hub.css HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let promptAnswer = await Task.detached { prompt.readToEnd() }.value
                #expect(promptAnswer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(promptAnswer.prefix(200))")
                let answer = await Task.detached { slow.readToEnd() }.value
                let waited = ContinuousClock.now - started
                #expect(answer.isEmpty, "the slow client got: \(answer.prefix(100))")
                #expect(waited >= .milliseconds(1_800) && waited < .seconds(120))
            }
            await fixture.stop()
        }
    }
}
