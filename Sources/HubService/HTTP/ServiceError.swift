import Foundation
import HTTPTypes
import Hummingbird

/// A refusal or failure told to the person or script that asked: an HTML page for browsers, RFC 9457
/// problem details (`application/problem+json`) for the API.
package struct ServiceError: Error, Sendable {
    package var status: HTTPResponse.Status
    package var title: String
    package var detail: String
    /// Extra headers (e.g. `Retry-After`, `WWW-Authenticate`).
    package var headers: HTTPFields
    /// The request parameter or form field at fault, when one is (a problem detail's `field`).
    package var field: String?

    package init(_ status: HTTPResponse.Status, _ title: String, _ detail: String, headers: HTTPFields = [:], field: String? = nil) {
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers
        self.field = field
    }

    package static func badRequest(_ detail: String) -> ServiceError { ServiceError(.badRequest, "Bad request", detail) }
    /// A bad value of one field: the detail starts with the field's name.
    package static func badField(_ field: String, _ detail: String) -> ServiceError {
        ServiceError(.badRequest, "Bad request", "\(field): \(detail)", field: field)
    }
    /// Figures the hub holds but may not put side by side (returns kept at different levels of
    /// minimisation, docs/governance.md): nothing is wrong with the request, the store must change.
    package static func notComparable(_ reason: String) -> ServiceError {
        ServiceError(.conflict, "Figures not comparable", "The hub cannot show these figures: \(reason).")
    }
    package static func notFound(_ detail: String) -> ServiceError { ServiceError(.notFound, "Not found", detail) }
    package static func forbidden(_ detail: String) -> ServiceError { ServiceError(.forbidden, "Not allowed", detail) }
    package static func tooLarge(_ detail: String) -> ServiceError { ServiceError(.contentTooLarge, "Too large", detail) }
    package static func unsupported(_ detail: String) -> ServiceError {
        ServiceError(.unsupportedMediaType, "Not a file the hub can import", detail)
    }
}

/// Turns every error into a response of the kind the client reads, so nothing internal leaks and
/// a client never sees a bare connection drop for a bad request.
struct ErrorResponses: RouterMiddleware {
    typealias Context = ServiceContext

    func handle(_ request: Request, context: ServiceContext,
                next: (Request, ServiceContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return Self.response(error, for: request)
        } catch let error as any HTTPResponseError {
            let status = error.status
            let detail: String
            switch status {
            case .notFound: detail = "There is no page at \(request.uri.path)."
            case .contentTooLarge: detail = "The request body is larger than this address accepts."
            case .methodNotAllowed: detail = "\(request.method) is not accepted at \(request.uri.path)."
            default: detail = status.reasonPhrase
            }
            return Self.response(ServiceError(status, status.reasonPhrase, detail), for: request)
        } catch is CancellationError {
            return Self.response(ServiceError(.requestTimeout, "Request timeout", "The request took too long to arrive."), for: request)
        } catch {
            context.logger.error("request failed: \(String(describing: error))")
            return Self.response(ServiceError(.internalServerError, "Internal error",
                                              "The hub could not complete this request; the error is in its log."), for: request)
        }
    }

    /// Problem details for the API (and clients that ask for JSON), a page otherwise.
    static func response(_ error: ServiceError, for request: Request) -> Response {
        let wantsJSON = request.uri.path.hasPrefix("/api/")
            || (request.headers[.accept]?.contains("application/json") ?? false)
            || (request.headers[.accept]?.contains("application/problem+json") ?? false)
        var headers = error.headers
        let body: String
        if wantsJSON {
            headers[.contentType] = "application/problem+json"
            var problem: [String: Any] = ["type": "about:blank", "title": error.title, "status": error.status.code,
                                          "detail": error.detail, "instance": request.uri.path]
            if let field = error.field { problem["field"] = field }
            body = JSONBody.text(problem)
        } else {
            headers[.contentType] = "text/html; charset=utf-8"
            body = PageLayout.document(title: error.title, signedIn: nil, body: """
                <h1>\(HTMLText.escape(error.title))</h1>
                <p class="problem">\(HTMLText.escape(error.detail))</p>
                <p><a href="/">Back to the hub</a></p>
                """)
        }
        return Response(status: error.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
