import Foundation
import GaoxinCore
import Hummingbird

/// Asking (the question form under each policy item, for the public and for enterprise users and
/// residents) and the public Q&A list of published answers.
extension ConsultationRoutes {
    /// The item asked about: any zone's, but only while its policy is in force; `action` is `view`
    /// for the form and `create` for asking (`Permissions`, `.consultationAsk`).
    private func askTarget(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        PolicyItemRow, PolicyRow
    ) {
        let repo = PolicyRepository(db: services.database.sql)
        guard let item = try await repo.item(id: try request.id(context)),
            let policy = try await repo.policy(id: item.policyId, zoneID: item.zoneId),
            policy.validity(on: Clock.today) == .inForce
        else { throw PageError.notFound }
        try context.authorize(action, .consultationAsk(zoneID: policy.zoneId))
        return (item, policy)
    }

    private static func askCrumbs(_ item: PolicyItemRow, _ title: String) -> [LayoutModel.Crumb] {
        [.init(title: item.title, href: SiteURL.policyItem(item.id).path), .init(title: title, href: nil)]
    }

    @Sendable func askForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, policy) = try await askTarget(request, context, .view)
        return try await render(
            "consultations/ask",
            page: try await ConsultationAskPage.load(item, policy, context: context, services: services),
            context: context, title: "咨询此政策", crumbs: Self.askCrumbs(item, "咨询"))
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, policy) = try await askTarget(request, context, .create)
        let form = try await FormData.from(request, context: context)
        let user = context.identity
        let question = ConsultationService.Question(
            question: form["question"], name: form["name"], mobile: form["mobile"], signedIn: user != nil)
        return try await services.submit(
            {
                let id = try await service.ask(question, item: item, policy: policy, user: user)
                let row = try await CaseRepository(db: services.database.sql).find(id: id)
                let deadline = row?.deadlineText ?? "—"
                guard user == nil else {
                    return .redirect(
                        to: .consultation(id),
                        flash: Flash(
                            kind: .success, message: "咨询已提交（编号 \(CaseRow.number(id))），发布部门将在 \(deadline) 答复。"))
                }
                // The public have no list to come back to: the number is what they quote when they call.
                let asked = try await ConsultationAskPage.load(item, policy, context: context, services: services)
                let page = ConsultationSubmittedPage(
                    tabs: asked.tabs, number: CaseRow.number(id), itemHeading: asked.itemHeading,
                    itemHref: asked.itemHref, department: asked.department, spokesperson: asked.spokesperson,
                    deadline: deadline)
                return try await render(
                    "consultations/submitted", page: page, context: context, title: "咨询已提交",
                    crumbs: Self.askCrumbs(item, "咨询已提交"))
            },
            refused: { errors in
                var page = try await ConsultationAskPage.load(item, policy, context: context, services: services)
                page.question = question.question
                page.name = question.name
                page.mobile = question.mobile
                page.errors = errors
                return try await render(
                    "consultations/ask", page: page, context: context, title: "咨询此政策",
                    crumbs: Self.askCrumbs(item, "咨询"))
            })
    }

    // MARK: - Public Q&A

    @Sendable func questionsAndAnswers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (ownScope, chooses) = try policies.listScope(request, context)
        let pager = try Pager(query: request.uri.queryParameters.get("page"), size: 50)
        let zones = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones)
        let zoneCode = chooses ? (request.uri.queryParameters.get("zone") ?? "") : ""
        let scope = ownScope ?? zones.first { $0.code == zoneCode }.map { ZoneScope.zone($0.id) } ?? .allZones
        var zoneID: Int64?
        if case .zone(let id) = scope { zoneID = id }
        let rows = try await ConsultationRepository(db: services.database.sql).publishedPage(zoneID: zoneID, pager)
        let items = Dictionary(
            uniqueKeysWithValues: try await PolicyRepository(db: services.database.sql).items(
                ids: Array(Set(rows.rows.map(\.policyItemId)))
            ).map { ($0.id, $0) })
        let page = PolicyQAPage(
            tabs: try await policies.tabs(context, current: .policyQA),
            questions: rows.rows.map { Self.qa($0, item: items[$0.policyItemId]) },
            zones: policies.zoneOptions(zones, selected: zoneCode), showZones: chooses,
            paging: rows.hasPrevious || rows.hasNext
                ? rows.links(.policyQA, query: zoneCode.isEmpty ? [] : [("zone", zoneCode)]) : nil)
        return try await render(
            "consultations/qa", page: page, context: context, title: "政策问答", crumbs: [.init(title: "政策问答", href: nil)])
    }
}
