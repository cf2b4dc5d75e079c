import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON bodies of the API, written with sorted keys (stable for tests and diffs).
enum JSONBody {
    static func text(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func response(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text(object))))
    }

    /// nil as JSON null.
    static func value(_ optional: Any?) -> Any { optional ?? NSNull() }
}

/// Pages and files.
enum Responses {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A download, saved under `fileName` (made of safe characters by the caller).
    static func file(_ bytes: [UInt8], contentType: String, fileName: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType,
                                        .contentDisposition: "attachment; filename=\"\(fileName)\""],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// After a form: see the result at `location` (303, so a reload does not post again).
    static func seeOther(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }
}

/// Bodies read whole: URL-encoded forms and small JSON, with a size limit and a deadline, so that a
/// client that sends too much or too slowly is refused while the server goes on serving others.
enum SmallBody {
    static let limit = 64 * 1024
    static let seconds = 10

    static func collect(_ request: Request, limit: Int = SmallBody.limit) async throws -> ByteBuffer {
        let body = request.body
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                do {
                    return try await body.collect(upTo: limit)
                } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                    throw ServiceError.tooLarge("A form or JSON body here is at most \(limit / 1024) KB.")
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw ServiceError(.requestTimeout, "Request timeout", "The request body did not arrive within \(seconds) seconds.")
            }
            return buffer
        }
    }

    /// An `application/x-www-form-urlencoded` body's fields (the last of a repeated name wins).
    static func form(_ request: Request) async throws -> [String: String] {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw ServiceError(.unsupportedMediaType, "Unsupported form", "This form is sent as application/x-www-form-urlencoded.")
        }
        return FormFields.parse(String(buffer: try await collect(request)))
    }
}

/// `a=1&b=two+words` to fields.
enum FormFields {
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return fields
    }

    static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// Cookies the hub sets and reads.
enum CookieText {
    /// The value of cookie `name` in the request's Cookie header.
    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return String(parts[1]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// `Set-Cookie` for a cookie only this site's pages send back, unreadable by scripts;
    /// `maxAge` 0 deletes it.
    static func set(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
