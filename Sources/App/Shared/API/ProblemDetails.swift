import Foundation
import Hummingbird
import Logging
import NIOCore
import OpenAPIRuntime

/// An API refusal, rendered as RFC 9457 problem details (`application/problem+json`) with
/// field-level errors for validation.
struct APIError: Error, Sendable {
    struct FieldError: Codable, Sendable {
        let field: String
        let message: String
    }
    let status: HTTPResponse.Status
    let title: String
    let detail: String
    var errors: [FieldError] = []

    static let unauthorized = APIError(
        status: .unauthorized, title: "未认证", detail: "请在请求头 Authorization 中提供有效的 Bearer 令牌（在“个人中心”创建）。")
    static let forbidden = APIError(status: .forbidden, title: "没有权限", detail: "您的角色无权访问此资源。")
    static let notFound = APIError(status: .notFound, title: "记录不存在", detail: "请求的记录不存在，或不属于您。")

    static func validation(_ errors: [FieldError]) -> APIError {
        APIError(
            status: .badRequest, title: "参数校验未通过",
            detail: errors.map { "\($0.field)：\($0.message)" }.joined(separator: "；"), errors: errors)
    }

    /// Maps the central permission decision onto API answers (404 hides other people's rows).
    static func check(_ decision: Decision) throws {
        switch decision {
        case .allow: return
        case .forbidden: throw APIError.forbidden
        case .hidden: throw APIError.notFound
        }
    }
}

struct ProblemBody: Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let instance: String
    let errors: [APIError.FieldError]?
}

/// Catches every error under `/api/v1` and answers with problem+json: the API never leaks a
/// stack trace or an HTML page.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, context: context)
            return Self.response(problem, instance: request.uri.path)
        }
    }

    static func problem(for error: any Error, context: Context) -> APIError {
        switch error {
        case let error as APIError: return error
        case let refusal as Refusal: return APIError.validation(refusal.errors, status: refusal.status)
        case PageError.forbidden: return APIError.forbidden
        case PageError.notFound: return APIError.notFound
        case let error as ServerError:
            if let inner = error.underlyingError as? APIError { return inner }
            if error.underlyingError is Refusal || error.underlyingError is PageError {
                return problem(for: error.underlyingError, context: context)
            }
            // The generated layer rejected the request before our handler (bad query, path or body).
            return APIError(
                status: .badRequest, title: "请求格式不正确",
                detail: "请求参数无法解析：\(error.causeDescription)。请对照 /api/v1/openapi.json 检查。")
        case is NIOTooManyBytesError:
            return APIError(status: .contentTooLarge, title: "请求体过大", detail: "请求体超过 1 MB 上限。")
        case let error as HTTPError where error.status == .contentTooLarge:
            return APIError(status: .contentTooLarge, title: "请求体过大", detail: "请求体超过 1 MB 上限。")
        case let error as HTTPError where error.status.code < 500:
            return APIError(
                status: error.status, title: error.status == .notFound ? "接口不存在" : "请求无法处理",
                detail: error.status == .notFound ? "没有这个接口地址，请查看 /api/v1/openapi.json。" : (error.body ?? "请求无法处理。"))
        default:
            context.logger.error("API 出错：\(String(reflecting: error))")
            return APIError(
                status: .internalServerError, title: "服务器内部错误", detail: "服务器处理请求时出错，请稍后重试；请求编号 \(context.id)。")
        }
    }

    static func response(_ problem: APIError, instance: String, headers: HTTPFields = [:]) -> Response {
        let body = ProblemBody(
            type: "about:blank", title: problem.title, status: Int(problem.status.code), detail: problem.detail,
            instance: instance, errors: problem.errors.isEmpty ? nil : problem.errors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data()
        var fields = headers
        fields[.contentType] = "application/problem+json; charset=utf-8"
        return Response(status: problem.status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    /// A form's field errors as a 400 problem; `rename` maps a form field to the API's name for it.
    static func validation(
        _ errors: FormErrors, rename: [String: String] = [:], status: HTTPResponse.Status = .badRequest
    ) -> APIError {
        var problem = validation(
            errors.byField.sorted { $0.key < $1.key }.map { .init(field: rename[$0.key] ?? $0.key, message: $0.value) })
        if status != .badRequest {
            problem = APIError(status: status, title: "当前状态不允许此操作", detail: problem.detail, errors: problem.errors)
        }
        return problem
    }
}
