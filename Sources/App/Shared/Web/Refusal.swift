import Hummingbird

/// The one refusal every write service throws: each wrong field with the reason, in Chinese,
/// found before anything is written. It is mapped in two places only: `AppServices.submit`
/// re-renders the page's form with the messages inline (400), and `ProblemMiddleware` answers
/// `application/problem+json` with `errors` (RFC 9457). A refusal that reaches
/// `ErrorPageMiddleware` (an action without a form of its own) becomes a 400 page listing it.
public struct Refusal: Error, Sendable {
    public let errors: FormErrors
    /// 400 for bad input; 409 when the input is fine but the record's state does not allow it.
    public let status: HTTPResponse.Status

    public init(_ errors: FormErrors, status: HTTPResponse.Status = .badRequest) {
        self.errors = errors
        self.status = status
    }

    public init(_ field: String, _ message: String, status: HTTPResponse.Status = .badRequest) {
        var errors = FormErrors()
        errors.add(field, message)
        self.init(errors, status: status)
    }

    /// Throws when `errors` holds anything: validate every field first, then call this once.
    public static func check(_ errors: FormErrors) throws(Refusal) {
        if !errors.isEmpty { throw Refusal(errors) }
    }
}

extension AppServices {
    /// Runs a write from a page form. A `Refusal` re-renders the form through `refused` with the
    /// messages inline and the refusal's status, and nothing was saved.
    func submit(
        _ write: () async throws -> Response,
        refused: (FormErrors) async throws -> Response
    ) async throws -> Response {
        do {
            return try await write()
        } catch let refusal as Refusal {
            var response = try await refused(refusal.errors)
            response.status = refusal.status
            return response
        }
    }
}
