import Foundation
import GaoxinCore
import Hummingbird
import NIOCore

/// Application pages (申报、审核、兑现) inside the policy module. Enterprise users apply for an item
/// with its materials, follow their applications and re-submit once after a return; the issuing
/// department's staff and the zone admin review and record payouts (the payouts, 免申即享 grants and
/// totals are in `ApplicationPayoutRoutes.swift`).
struct ApplicationRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.policyItemApply(0).pattern, use: applyForm)
        router.post(SiteURL.policyItemApplyUpload(0).pattern, use: apply)
        router.get(SiteURL.applications.pattern, use: list)
        router.get(SiteURL.application(0).pattern, use: show)
        router.post(SiteURL.applicationUpload(0).pattern, use: resubmit)
        router.post(SiteURL.applicationReview(0).pattern, use: review)
        router.post(SiteURL.applicationPayout(0).pattern, use: payout)
        router.get(SiteURL.applicationMaterial(0, material: 0).pattern, use: material)
        router.get(SiteURL.policyItemAutoGrant(0).pattern, use: autoGrantPage)
        router.post(SiteURL.policyItemAutoGrant(0).pattern, use: confirmAutoGrant)
        router.get(SiteURL.payoutTotals.pattern, use: totals)
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String, crumbs: [LayoutModel.Crumb],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await PolicyRoutes(services: services).render(
            template, page: page, context: context, title: title, crumbs: crumbs, status: status)
    }

    func tabs(_ context: AppRequestContext, current: SiteURL) async throws -> [PolicyTab] {
        try await PolicyRoutes(services: services).tabs(context, current: current)
    }

    static func money(_ amount: Double?) -> String { amount.map { "\(Wan.text($0)) 万元" } ?? "—" }

    static func size(_ bytes: Int64) -> String {
        bytes >= 1024 * 1024
            ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1024 ? "\(bytes / 1024) KB" : "\(bytes) 字节"
    }

    /// The departments whose applications `user` reviews (a department's queue is the items it
    /// issues); nil when that is every department of the zone (the zone admin's whole queue).
    static func queue(_ user: CurrentUser, zoneID: Int64, db: Database) async throws -> [Int64]? {
        let departments = try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID))
        let reviewed = departments.filter {
            Permissions.decide(user, .update, .application(zoneID: zoneID, departmentID: $0.id, enterpriseID: nil))
                == .allow
        }
        return reviewed.count == departments.count ? nil : reviewed.map(\.id)
    }

    // MARK: - Enterprise: apply

    /// The item an enterprise user applies for, refused for anyone else.
    private func applicable(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, PolicyItemRow, PolicyRow, Int64
    ) {
        let (user, zoneID) = try context.requireZone()
        let repo = PolicyRepository(db: db.sql)
        guard let item = try await repo.item(id: try request.id(context), zoneID: zoneID),
            let policy = try await repo.policy(id: item.policyId, zoneID: zoneID),
            policy.validity(on: Clock.today) == .inForce
        else { throw PageError.notFound }
        guard let own = EnterpriseDesk.enterprise(of: user, zoneID: zoneID) else { throw PageError.forbidden }
        try context.authorize(
            .create, .application(zoneID: zoneID, departmentID: policy.departmentId, enterpriseID: own))
        return (user, item, policy, own)
    }

    private func applyPage(_ item: PolicyItemRow, _ policy: PolicyRow, enterpriseID: Int64, context: AppRequestContext)
        async throws -> ApplyPage
    {
        try await ApplyPage.load(
            item, policy: policy, enterpriseID: enterpriseID,
            tabs: try await tabs(context, current: .policyItemApply(item.id)), csrf: context.csrfToken, db: db)
    }

    private func renderApply(_ page: ApplyPage, context: AppRequestContext) async throws -> Response {
        try await render(
            "applications/form", page: page, context: context, title: "申报：\(page.heading)",
            crumbs: [.init(title: page.heading, href: page.itemHref), .init(title: "申报", href: nil)])
    }

    @Sendable func applyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, item, policy, own) = try await applicable(request, context)
        return try await renderApply(
            try await applyPage(item, policy, enterpriseID: own, context: context), context: context)
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, item, policy, own) = try await applicable(request, context)
        guard let form = try await MultipartForm.from(request, context: context) else {
            var page = try await applyPage(item, policy, enterpriseID: own, context: context)
            page.closedReason = nil
            page.errors = ["请通过申报表单上传材料（multipart/form-data）"]
            var response = try await renderApply(page, context: context)
            response.status = .badRequest
            return response
        }
        var files: [String: MaterialUpload] = [:]
        for (index, m) in item.materials.enumerated() {
            if let f = form.files["m\(index)"] {
                files[m.name] = MaterialUpload(
                    materialName: m.name, fileName: f.fileName, contentType: f.contentType, content: f.data)
            }
        }
        let submission = ApplicationService.Submission(
            item: item, policy: policy, enterpriseID: own, requestedAmount: form["requested_amount"],
            note: form["note"], files: files)
        return try await services.submit {
            let id = try await ApplicationService(database: db).submit(submission, actor: user)
            return .redirect(
                to: .application(id), flash: Flash(kind: .success, message: "已提交申报（编号 \(id)），请等待\(item.heading)的审核结果。"))
        } refused: { errors in
            var page = try await applyPage(item, policy, enterpriseID: own, context: context)
            page.closedReason = nil
            page.errors = errors.summary + ["未保存任何内容，请改正后重新选择文件提交。"]
            page.requestedAmount = form["requested_amount"]
            page.note = form["note"]
            return try await renderApply(page, context: context)
        }
    }

    // MARK: - Lists

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        let own = EnterpriseDesk.enterprise(of: user, zoneID: zoneID)
        if own == nil {
            try context.authorize(
                .view, .application(zoneID: zoneID, departmentID: user.departmentID ?? 0, enterpriseID: nil))
        }
        let q = request.uri.queryParameters
        let departments = own == nil ? try await Self.queue(user, zoneID: zoneID, db: db) : nil
        let tabs = try await tabs(context, current: .applications)
        let load = { (pager: Pager) in
            try await ApplicationListPage.load(
                zoneID: zoneID, enterpriseID: own, departmentIDs: departments,
                state: ApplicationState(rawValue: q.get("state") ?? ""), pager: pager, tabs: tabs, db: db)
        }
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "applications", title: own == nil ? "申报审核" : "我的申报",
                headers: ["编号", "企业", "条款", "政策", "状态", "申请金额", "核定金额", "提交时间", "最近更新"],
                load: {
                    let m = try await load($0)
                    return (m.rows, m.total)
                },
                cells: {
                    [
                        String($0.id), $0.enterprise, $0.item, $0.policy, $0.state, $0.requested, $0.approved,
                        $0.submittedAt, $0.updatedAt,
                    ]
                })
        }
        var model = try await load(try Pager(query: q.get("page"), size: ApplicationListPage.pageSize))
        model.exportHref = ListExport.href(request)
        return try await render(
            "applications/list", page: model, context: context, title: model.heading,
            crumbs: [.init(title: model.heading, href: nil)])
    }

    // MARK: - One application

    /// The application of this zone with its item and document, refused unless this user may see it.
    private func loaded(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        CurrentUser, ApplicationRow, PolicyItemRow, PolicyRow
    ) {
        let (user, zoneID) = try context.requireZone()
        guard
            let application = try await ApplicationRepository(db: db.sql).application(
                id: try request.id(context), zoneID: zoneID),
            let item = try await PolicyRepository(db: db.sql).item(id: application.itemId, zoneID: zoneID),
            let policy = try await PolicyRepository(db: db.sql).policy(id: item.policyId, zoneID: zoneID)
        else { throw PageError.notFound }
        // Seeing it first: someone else's application is "not found" before any "not allowed".
        let resource = Resource.application(
            zoneID: zoneID, departmentID: policy.departmentId, enterpriseID: application.enterpriseId)
        try context.authorize(.view, resource)
        try context.authorize(action, resource)
        return (user, application, item, policy)
    }

    private func renderShow(
        _ a: ApplicationRow, _ item: PolicyItemRow, _ policy: PolicyRow, user: CurrentUser, errors: [String] = [],
        context: AppRequestContext
    ) async throws -> Response {
        var page = try await ApplicationPage.load(
            a, item: item, policy: policy, user: user, tabs: try await tabs(context, current: .application(a.id)),
            csrf: context.csrfToken, db: db)
        page.errors = errors
        return try await render(
            "applications/show", page: page, context: context, title: "申报 \(page.id)",
            crumbs: [.init(title: "申报", href: SiteURL.applications.path), .init(title: "编号 \(page.id)", href: nil)])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a, item, policy) = try await loaded(request, context, .view)
        return try await renderShow(a, item, policy, user: user, context: context)
    }

    /// Runs a step; a refusal re-renders the application page with every reason (nothing saved).
    private func step(
        _ a: ApplicationRow, _ item: PolicyItemRow, _ policy: PolicyRow, user: CurrentUser, context: AppRequestContext,
        success: String, _ body: () async throws -> Void
    ) async throws -> Response {
        try await services.submit {
            try await body()
            return .redirect(to: .application(a.id), flash: Flash(kind: .success, message: success))
        } refused: { errors in
            try await renderShow(a, item, policy, user: user, errors: errors.summary, context: context)
        }
    }

    @Sendable func resubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a, item, policy) = try await loaded(request, context, .create)
        let form = try await MultipartForm.from(request, context: context) ?? MultipartForm()
        var files: [String: MaterialUpload] = [:]
        for (index, name) in a.missing.enumerated() {
            if let f = form.files["m\(index)"] {
                files[name] = MaterialUpload(
                    materialName: name, fileName: f.fileName, contentType: f.contentType, content: f.data)
            }
        }
        return try await step(a, item, policy, user: user, context: context, success: "已补交材料，申报重新进入审核。") {
            try await ApplicationService(database: db).resubmit(a, files: files, actor: user)
        }
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a, item, policy) = try await loaded(request, context, .update)
        let form = try await FormData.from(request, context: context)
        let decision: ApplicationService.Decision
        let message: String
        switch form["decision"] {
        case "return":
            decision = .returnForMissing(form.all("missing"), note: form["note"])
            message = "已退回补正，并一次性告知需补正的全部材料。"
        case "approve":
            decision = .approve(amount: form["approved_amount"])
            message = "已通过，核定金额 \(form["approved_amount"]) 万元。"
        case "reject":
            decision = .reject(reason: form["reason"])
            message = "已驳回。"
        default: throw PageError.badRequest("审核结论：请选择退回补正、通过或驳回")
        }
        return try await step(a, item, policy, user: user, context: context, success: message) {
            _ = try await ApplicationService(database: db).review(a, item: item, decision: decision, actor: user)
        }
    }

    @Sendable func payout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a, item, policy) = try await loaded(request, context, .update)
        let form = try await FormData.from(request, context: context)
        return try await step(
            a, item, policy, user: user, context: context,
            success: "已登记兑现 \(form["amount"]) 万元（凭证号 \(form["voucher_no"])）。"
        ) {
            _ = try await ApplicationService(database: db).recordPayout(
                a, amount: form["amount"], paidOn: form["paid_on"], voucher: form["voucher_no"], actor: user)
        }
    }

    @Sendable func material(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, a, _, policy) = try await loaded(request, context, .view)
        // The files themselves: only the applicant, the issuing department and the zone admin.
        try context.authorize(
            .view,
            .applicationMaterials(zoneID: a.zoneId, departmentID: policy.departmentId, enterpriseID: a.enterpriseId))
        guard let text = context.parameters.get("material"), let materialID = Int64(text),
            let found = try await ApplicationRepository(db: db.sql).materialContent(id: materialID, applicationID: a.id)
        else { throw PageError.notFound }
        let (row, content) = found
        guard let content else { throw PageError.badRequest("该材料仅登记了名称（线下提交），没有可下载的文件") }
        // Served inert whatever it is: only a verified raster image inline, anything else as an attachment.
        return .userFile(content, filename: row.fileName)
    }
}
