import Foundation
import Hummingbird

/// 我的通知 and 通知方式 under the account for every user; 通知渠道 (webhook, test, delivery log)
/// for the zone admin.
struct NoticeRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.notices.pattern, use: inbox)
        router.post(SiteURL.noticesRead.pattern, use: markRead)
        router.get(SiteURL.noticePreferences.pattern, use: preferences)
        router.post(SiteURL.noticePreferences.pattern, use: savePreferences)
        router.get(SiteURL.noticeChannels.pattern, use: channels)
        router.post(SiteURL.noticeChannels.pattern, use: saveWebhook)
        router.post(SiteURL.noticeWebhookTest.pattern, use: sendTest)
    }

    private var profileCrumb: LayoutModel.Crumb { .init(title: "个人中心", href: SiteURL.profile.path) }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try context.authorize(.view, .ownNotices(userID: user.id))
        let pager = try Pager(query: request.uri.queryParameters.get("page"), size: 30)
        let page = try await NoticeInboxPage.load(
            user: user, pager: pager, csrf: context.csrfToken, services: services)
        return try await services.render(
            "notices/inbox", page: page, context: context, title: "我的通知", path: SiteURL.notices.path,
            breadcrumbs: [profileCrumb, .init(title: "我的通知", href: nil)])
    }

    @Sendable func markRead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try context.authorize(.update, .ownNotices(userID: user.id))
        let form = try await FormData.from(request, context: context)
        let id: Int64?
        if form["id"].isEmpty {
            id = nil
        } else {
            guard let value = Int64(form["id"]), value > 0 else { throw PageError.notFound }
            id = value
        }
        let changed = try await NoticeService(services: services).markRead(id: id, user: user)
        return .redirect(to: .notices, flash: Flash(kind: .success, message: "已将 \(changed) 条通知标为已读。"))
    }

    private func renderPreferences(_ page: NoticePreferencesPage, context: AppRequestContext) async throws -> Response {
        try await services.render(
            "notices/preferences", page: page, context: context, title: "通知方式",
            path: SiteURL.noticePreferences.path, breadcrumbs: [profileCrumb, .init(title: "通知方式", href: nil)])
    }

    @Sendable func preferences(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try context.authorize(.view, .ownNotices(userID: user.id))
        return try await renderPreferences(
            try await NoticePreferencesPage.load(user: user, csrf: context.csrfToken, services: services),
            context: context)
    }

    @Sendable func savePreferences(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try context.authorize(.update, .ownNotices(userID: user.id))
        let form = try await FormData.from(request, context: context)
        let webhook = form["webhook"] == "1"
        try await NoticeService(services: services).saveChoice(webhook: webhook, user: user)
        return .redirect(
            to: .noticePreferences,
            flash: Flash(kind: .success, message: webhook ? "已保存：通知同时推送到园区 webhook。" : "已保存：通知只在站内显示。"))
    }

    private func channelsPage(_ request: Request, zoneID: Int64, context: AppRequestContext) async throws
        -> NoticeChannelsPage
    {
        let query = request.uri.queryParameters
        let stateText = query.get("state") ?? ""
        guard stateText.isEmpty || WebhookState(rawValue: stateText) != nil else {
            throw Refusal("state", "投递状态取值无效")
        }
        return try await NoticeChannelsPage.load(
            zoneID: zoneID, state: WebhookState(rawValue: stateText),
            pager: try Pager(query: query.get("page"), size: 50), csrf: context.csrfToken, services: services)
    }

    private func renderChannels(
        _ page: NoticeChannelsPage, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            "notices/channels", page: page, context: context, title: "通知渠道", path: SiteURL.noticeChannels.path,
            breadcrumbs: [.init(title: "通知渠道", href: nil)], status: status)
    }

    @Sendable func channels(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .noticeChannels(zoneID: zoneID))
        return try await renderChannels(
            try await channelsPage(request, zoneID: zoneID, context: context), context: context)
    }

    @Sendable func saveWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.update, .noticeChannels(zoneID: zoneID))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await NoticeService(services: services).saveWebhook(zoneID: zoneID, form: form, actor: user)
                return .redirect(to: .noticeChannels, flash: Flash(kind: .success, message: "webhook 设置已保存。"))
            },
            refused: { errors in
                var page = try await channelsPage(request, zoneID: zoneID, context: context)
                page.url = form["url"]
                page.headerName = form["header_name"]
                page.enabled = form["enabled"] == "1"
                page.errors = errors
                return try await renderChannels(page, context: context)
            })
    }

    @Sendable func sendTest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.update, .noticeChannels(zoneID: zoneID))
        return try await services.submit(
            {
                try await NoticeService(services: services).sendTest(zoneID: zoneID, actor: user)
                return .redirect(
                    to: .noticeChannels,
                    flash: Flash(kind: .success, message: "测试通知已加入发送队列，稍后可在下方投递记录中查看结果。"))
            },
            refused: { errors in
                var page = try await channelsPage(request, zoneID: zoneID, context: context)
                page.errors = errors
                return try await renderChannels(page, context: context)
            })
    }
}
