import Foundation
import GaoxinCore
import Hummingbird

/// Carrying out a decision: progress on its action, and publishing the result when done (及时公开公示).
struct DeliberationActionRoutes {
    let services: AppServices
    var deliberation: DeliberationRoutes { DeliberationRoutes(services: services) }
    var service: DeliberationService { DeliberationService(database: services.database) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.deliberationAction(0).pattern, use: action)
        router.post(SiteURL.deliberationActionProgress(0).pattern, use: progress)
        router.post(SiteURL.deliberationActionPublish(0).pattern, use: publish)
    }

    func loadedAction(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, DelibActionRow) {
        let (user, zoneID) = try deliberation.viewer(context)
        guard
            let a = try await DeliberationRepository(db: services.database.sql).action(
                id: try request.id(context), zoneID: zoneID)
        else {
            throw PageError.notFound
        }
        return (user, a)
    }

    @Sendable func action(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a) = try await loadedAction(request, context)
        let page = try await DeliberationActionPage.load(
            a, user: user, csrf: context.csrfToken, db: services.database.sql)
        return try await deliberation.render("deliberation/action", page: page, context: context, title: a.title)
    }

    /// A step on the action page: on a refusal the page comes back with the messages.
    func actionStep(
        _ request: Request, _ context: AppRequestContext,
        _ step: (CurrentUser, DelibActionRow, FormData) async throws -> String
    ) async throws -> Response {
        let (user, a) = try await loadedAction(request, context)
        try context.authorize(.update, .deliberation(zoneID: a.zoneId))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                .redirect(
                    to: .deliberationAction(a.id), flash: Flash(kind: .success, message: try await step(user, a, form)))
            },
            refused: { errors in
                var page = try await DeliberationActionPage.load(
                    a, user: user, csrf: context.csrfToken, db: services.database.sql)
                page.errors = errors
                return try await deliberation.render(
                    "deliberation/action", page: page, context: context, title: a.title)
            })
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await actionStep(request, context) { user, a, form in
            try await service.progress(a, progress: form["progress"], note: form["note"], user: user)
            return "已登记进展。"
        }
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await actionStep(request, context) { user, a, form in
            try await service.publish(a, summary: form["summary"], user: user)
            return "已公开公示实施结果。"
        }
    }
}
