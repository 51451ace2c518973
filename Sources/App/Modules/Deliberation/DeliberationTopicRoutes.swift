import Foundation
import GaoxinCore
import Hummingbird

/// 深入调研定议题: a topic and its research notes, kept by the party organisation.
struct DeliberationTopicRoutes {
    let services: AppServices
    var deliberation: DeliberationRoutes { DeliberationRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.deliberationTopic(0).pattern, use: topic)
        router.post(SiteURL.deliberationTopic(0).pattern, use: updateTopic)
    }

    func loadedTopic(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, DelibTopicRow) {
        let (user, zoneID) = try deliberation.viewer(context)
        guard
            let t = try await DeliberationRepository(db: services.database.sql).topic(
                id: try request.id(context), zoneID: zoneID)
        else {
            throw PageError.notFound
        }
        return (user, t)
    }

    @Sendable func topic(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, t) = try await loadedTopic(request, context)
        let page = try await DeliberationTopicPage.load(
            t, user: user, csrf: context.csrfToken, db: services.database.sql)
        return try await deliberation.render("deliberation/topic", page: page, context: context, title: "议题：\(t.title)")
    }

    @Sendable func updateTopic(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, t) = try await loadedTopic(request, context)
        try context.authorize(.update, .deliberation(zoneID: t.zoneId))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await DeliberationService(database: services.database).updateNotes(
                    t, notes: form["notes"], user: user)
                return .redirect(to: .deliberationTopic(t.id), flash: Flash(kind: .success, message: "已保存调研论证情况。"))
            },
            refused: { errors in
                var page = try await DeliberationTopicPage.load(
                    t, user: user, csrf: context.csrfToken, db: services.database.sql)
                page.notesInput = form["notes"]
                page.errors = errors
                return try await deliberation.render(
                    "deliberation/topic", page: page, context: context, title: "议题：\(t.title)")
            })
    }
}
