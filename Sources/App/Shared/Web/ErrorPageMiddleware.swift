import Hummingbird
import Logging
import NIOCore

/// Turns every failure on a page route into a Chinese page with the right status: never a stack
/// trace, never a blank 500. Login-required becomes a redirect to the login page.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    struct ErrorPage: Sendable {
        let heading: String
        let message: String
        let status: Int
        let showLogin: Bool
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as PageError {
            switch error {
            case .loginRequired:
                let back = request.method == .get ? request.uri.description : SiteURL.home.path
                return .redirect(
                    to: SiteURL.login.with(query: [("next", back)]), flash: Flash(kind: .info, message: "请先登录。"))
            case .zoneRequired:
                return .redirect(to: SiteURL.zones, flash: Flash(kind: .info, message: "请先选择要查看的园区。"))
            case .forbidden:
                return try await page(context, .forbidden, "没有权限", "您的账号没有访问此页面的权限。如需开通，请联系本园区管理员。")
            case .notFound:
                return try await page(context, .notFound, "页面不存在", "您要找的页面或记录不存在，或已被移除。请检查地址，或从导航重新进入。")
            case .badRequest(let message):
                return try await page(context, .badRequest, "请求无法处理", message)
            case .csrf:
                return try await page(context, .forbidden, "表单已过期", "为保护您的账号，表单需要有效的安全令牌。请返回上一页刷新后重新提交。")
            case .tooLarge:
                return try await page(
                    context, .contentTooLarge, "提交的内容过大",
                    "提交的内容超过了允许的大小：普通表单不超过 1 MB，带文件的表单合计不超过 20 MB（每份材料不超过 10 MB）。请返回上一页，压缩文件或分次提交后重试。")
            }
        } catch let refusal as Refusal {
            return try await page(context, refusal.status, "请求无法处理", refusal.errors.summary.joined(separator: "；"))
        } catch is NIOTooManyBytesError {
            return try await page(context, .contentTooLarge, "提交的内容过大", "提交的内容超过了允许的大小（1 MB），请减小后重试。")
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return try await page(context, .contentTooLarge, "提交的内容过大", "提交的内容超过了允许的大小（1 MB），请减小后重试。")
        } catch let error as HTTPError where error.status.code < 500 {
            return try await page(context, error.status, "请求无法处理", "请求格式不正确，请返回上一页重试。")
        } catch {
            context.logger.error("页面出错：\(String(reflecting: error))")
            return try await page(
                context, .internalServerError, "系统出错了", "服务器处理请求时出错，我们已记录此问题。请稍后重试；如仍有问题，请联系管理员并提供请求编号 \(context.id)。")
        }
    }

    private func page(_ context: Context, _ status: HTTPResponse.Status, _ heading: String, _ message: String)
        async throws -> Response
    {
        let model = ErrorPage(
            heading: heading, message: message, status: Int(status.code), showLogin: context.identity == nil)
        do {
            return try await services.render(
                "errors/error", page: model, context: context, title: heading, path: "", status: status)
        } catch {
            // Even the error page failed (e.g. the database is down): plain text, still in Chinese.
            return Response(
                status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: .init(string: "\(heading)：\(message)")))
        }
    }
}
