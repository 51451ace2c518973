import Foundation
import GaoxinCore
import Hummingbird

/// 广开言路找问题: raising an issue, supporting one (residents), and turning it into a topic (the
/// party organisation).
struct DeliberationIssueRoutes {
    let services: AppServices
    var deliberation: DeliberationRoutes { DeliberationRoutes(services: services) }
    var service: DeliberationService { DeliberationService(database: services.database) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.deliberationIssueNew.pattern, use: issueForm)
        router.post(SiteURL.deliberationIssueNew.pattern, use: raise)
        router.get(SiteURL.deliberationIssue(0).pattern, use: issue)
        router.post(SiteURL.deliberationIssueSupport(0).pattern, use: support)
        router.post(SiteURL.deliberationIssueTopic(0).pattern, use: makeTopic)
    }

    @Sendable func issueForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try deliberation.viewer(context)
        try context.authorize(.create, .deliberation(zoneID: zoneID))
        return try await deliberation.render(
            "deliberation/issue-form",
            page: DeliberationIssueFormPage(user: user, zoneID: zoneID, csrf: context.csrfToken),
            context: context, title: "提出问题")
    }

    @Sendable func raise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try deliberation.viewer(context)
        try context.authorize(.create, .deliberation(zoneID: zoneID))
        let form = try await FormData.from(request, context: context)
        let f = DeliberationService.IssueForm(
            channel: form["channel"], title: form["title"], description: form["description"],
            raisedBy: form["raised_by"], raisedOn: form["raised_on"])
        return try await services.submit(
            {
                let id = try await service.raise(f, user: user, zoneID: zoneID)
                return .redirect(
                    to: .deliberationIssue(id), flash: Flash(kind: .success, message: "已登记问题（编号 \(id)），村党组织将调研后确定议题。"))
            },
            refused: { errors in
                var page = DeliberationIssueFormPage(user: user, zoneID: zoneID, csrf: context.csrfToken)
                page.title = f.title
                page.description = f.description
                page.raisedBy = f.raisedBy
                page.raisedOn = f.raisedOn
                page.errors = errors
                return try await deliberation.render(
                    "deliberation/issue-form", page: page, context: context, title: "提出问题")
            })
    }

    func loadedIssue(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, DelibIssueRow) {
        let (user, zoneID) = try deliberation.viewer(context)
        guard
            let issue = try await DeliberationRepository(db: services.database.sql).issue(
                id: try request.id(context), zoneID: zoneID)
        else {
            throw PageError.notFound
        }
        return (user, issue)
    }

    func issuePage(_ user: CurrentUser, _ issue: DelibIssueRow, context: AppRequestContext) async throws
        -> DeliberationIssuePage
    {
        try await DeliberationIssuePage.load(issue, user: user, csrf: context.csrfToken, db: services.database.sql)
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, issue) = try await loadedIssue(request, context)
        return try await deliberation.render(
            "deliberation/issue", page: try await issuePage(user, issue, context: context), context: context,
            title: issue.title)
    }

    @Sendable func support(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, issue) = try await loadedIssue(request, context)
        try context.authorize(.create, .deliberationSupport(zoneID: issue.zoneId))
        return try await services.submit(
            {
                try await service.support(issue, user: user)
                return .redirect(to: .deliberationIssue(issue.id), flash: Flash(kind: .success, message: "已附议。"))
            },
            refused: { errors in
                var page = try await issuePage(user, issue, context: context)
                page.errors = errors
                return try await deliberation.render(
                    "deliberation/issue", page: page, context: context, title: issue.title)
            })
    }

    @Sendable func makeTopic(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, issue) = try await loadedIssue(request, context)
        try context.authorize(.update, .deliberation(zoneID: issue.zoneId))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                let topicID = try await service.makeTopic(
                    issue, existingTopicID: Int64(form["topic"]), title: form["title"], notes: form["notes"],
                    user: user)
                return .redirect(to: .deliberationTopic(topicID), flash: Flash(kind: .success, message: "已列为议题。"))
            },
            refused: { errors in
                var page = try await issuePage(user, issue, context: context)
                page.topicTitleInput = form["title"]
                page.notes = form["notes"]
                page.errors = errors
                return try await deliberation.render(
                    "deliberation/issue", page: page, context: context, title: issue.title)
            })
    }
}
