import Foundation
import GaoxinCore
import Hummingbird

/// 政策咨询 pages: the question form under each policy item (anyone but office staff may ask), the
/// asker's list, the department's inbox with deadlines and overdue marks, the zone admin's
/// supervision list, one consultation with its answer, withdraw and publish forms, the public
/// lookup by number and mobile, and the public Q&A list. The rating and the 差评 follow-up steps are
/// the shared case pages' (`CaseRoutes`). Split by feature: asking and Q&A in
/// `ConsultationAskRoutes`, the lists in `ConsultationListRoutes`, the lookup in
/// `ConsultationLookupRoutes`.
struct ConsultationRoutes: CaseModule {
    let services: AppServices
    var service: ConsultationService { ConsultationService(services: services) }
    var policies: PolicyRoutes { PolicyRoutes(services: services) }

    static let kind = CaseKind(
        noun: "咨询", numberPrefix: "ZX", followUpBy: "发布部门", rateHeading: "评价答复（好差评）", openedText: "提出咨询",
        overdueText: "超过答复时限", showsOpeningNote: false, rateableStates: ["answered"],
        page: { .consultation($0) }, rate: { .consultationRate($0) },
        followUp: { .consultationFollowUp($0, caseID: $1) }, appeal: { .consultationAppeal($0) })

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.policyItemAsk(0).pattern, use: askForm)
        router.post(SiteURL.policyItemAsk(0).pattern, use: ask)
        router.get(SiteURL.consultationsMine.pattern, use: mine)
        router.get(SiteURL.consultations.pattern, use: inbox)
        router.get(SiteURL.consultationsLate.pattern, use: late)
        router.get(SiteURL.consultation(0).pattern, use: show)
        router.post(SiteURL.consultationAnswer(0).pattern, use: answer)
        router.post(SiteURL.consultationPublish(0).pattern, use: publish)
        router.post(SiteURL.consultationWithdraw(0).pattern, use: withdraw)
        router.get(SiteURL.policyQA.pattern, use: questionsAndAnswers)
        router.get(SiteURL.consultationLookup.pattern, use: lookupForm)
        router.post(SiteURL.consultationLookup.pattern, use: lookup)
        router.post(SiteURL.consultationLookupRate.pattern, use: lookupRate)
        CaseRoutes(module: self).register(on: router)
    }

    /// Whether `user` (nil: the public) may ask about a policy of the zone (`Permissions`,
    /// `.consultationAsk`): what the item page's "咨询此政策" link follows.
    static func mayAsk(_ user: CurrentUser?, zoneID: Int64) -> Bool {
        Permissions.decide(user, .create, .consultationAsk(zoneID: zoneID)) == .allow
    }

    static func qa(_ row: ConsultationRow, item: PolicyItemRow?) -> PolicyQA {
        PolicyQA(
            question: row.question, answer: row.answer ?? "", answeredAt: DisplayTime.format(row.answeredAt),
            item: item?.heading, itemHref: item.map { SiteURL.policyItem($0.id).path })
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await policies.render(template, page: page, context: context, title: title, crumbs: crumbs, status: status)
    }

    // MARK: - One consultation

    func load(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        CurrentUser, Consultation
    ) {
        let (user, zoneID) = try context.requireZone()
        guard
            let c = try await ConsultationRepository(db: services.database.sql).find(
                caseID: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(action, c.resource)
        return (user, c)
    }

    private func showPage(_ page: ConsultationPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await render(
            "consultations/show", page: page, context: context, title: "咨询 \(page.number)",
            crumbs: [.init(title: "咨询 \(page.number)", href: nil)], status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .view)
        return try await showPage(
            try await ConsultationPage.load(c, user: user, context: context, services: services), context: context)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .update)
        let answer = ConsultationService.Answer(try await FormData.from(request, context: context)["answer"])
        return try await services.submit(
            {
                try Refusal.check(answer.errors)
                try await Refusal.worded("答复未保存：") { try await service.answer(c, answer, user: user) }
                return .redirect(to: .consultation(c.id), flash: Flash(kind: .success, message: "已答复咨询 \(c.number)。"))
            },
            refused: { errors in
                var page = try await ConsultationPage.load(c, user: user, context: context, services: services)
                page.answerText = answer.text
                page.errors = errors
                return try await showPage(page, context: context)
            })
    }

    /// The asker takes the question back; a refusal comes back to the page as an error flash.
    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .view)
        try context.authorize(.update, .ownCase(zoneID: c.caseRow.zoneId, requesterUserID: c.caseRow.requesterUserId))
        return try await services.act(returningTo: .consultation(c.id)) {
            try await Refusal.worded("撤回未成功：") { try await service.withdraw(c, user: user) }
            return "已撤回咨询 \(c.number)。"
        }
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        guard form["published"] == "1" || form["published"] == "0" else { throw PageError.badRequest("请选择公开或取消公开。") }
        let published = form["published"] == "1"
        return try await services.act(returningTo: .consultation(c.id)) {
            try await service.publish(c, published, user: user)
            return published ? "已公开为政策问答，显示在政策解读页。" : "已取消公开。"
        }
    }

    // MARK: - The shared rating (CaseModule)

    func rate(_ c: Consultation, level: RatingLevel, comment: String, user: CurrentUser) async throws -> Int64? {
        try await service.rate(c, level: level, comment: comment, user: user)
    }

    func showPage(_ c: Consultation, user: CurrentUser, context: AppRequestContext, rating: RatingForm) async throws
        -> Response
    {
        var page = try await ConsultationPage.load(c, user: user, context: context, services: services)
        page.panel.refill(rating)
        page.errors = rating.errors
        return try await showPage(page, context: context, status: .badRequest)
    }
}
