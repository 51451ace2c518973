import Foundation
import GaoxinCore
import Hummingbird
import NIOCore

/// Application pages (申报、审核、兑现) inside the policy module. Enterprise users apply for an item
/// with its materials, follow their applications and re-submit once after a return; the issuing
/// department's staff and the zone admin review, record payouts and confirm 免申即享 grants.
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
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.policies).path,
            breadcrumbs: [.init(title: "惠企政策", href: SiteURL.module(.policies).path)] + crumbs, status: status)
    }

    func tabs(_ context: AppRequestContext, current: SiteURL) async throws -> [PolicyTab] {
        try await PolicyRoutes(services: services).tabs(context, current: current)
    }

    static func money(_ amount: Double?) -> String { amount.map { "\(Wan.text($0)) 万元" } ?? "—" }

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
        guard user.role == .enterpriseUser, let own = user.enterpriseID else { throw PageError.forbidden }
        try context.authorize(
            .create, .application(zoneID: zoneID, departmentID: policy.departmentId, enterpriseID: own))
        return (user, item, policy, own)
    }

    private func applyPage(_ item: PolicyItemRow, _ policy: PolicyRow, enterpriseID: Int64, context: AppRequestContext)
        async throws -> ApplyPage
    {
        let match = try await PolicyRepository(db: db.sql).match(enterpriseID: enterpriseID, itemID: item.id)
        var page = ApplyPage(
            tabs: try await tabs(context, current: .policyItemApply(item.id)), heading: item.heading,
            policyTitle: policy.citation,
            itemHref: SiteURL.policyItem(item.id).path, benefit: item.benefit.text,
            window: item.window(on: Clock.today).label,
            ceiling: item.ceiling.map { Self.money($0) }, estimate: match?.estimatedAmount.map { Self.money($0) },
            monetary: item.isMonetary,
            materials: item.materials.enumerated().map { .init(field: "m\($0)", name: $1.name, required: $1.required) },
            requestedAmount: match?.estimatedAmount.map { Wan.text(min($0, item.ceiling ?? $0)) } ?? "",
            note: "", action: SiteURL.policyItemApplyUpload(item.id).path, csrf: context.csrfToken)
        let window = item.window(on: Clock.today)
        if item.autoGrant {
            page.closedReason = "该条款为免申即享，由部门根据数据直接兑现，无需申报。"
        } else if !window.isOpen {
            page.closedReason = "不在申报期内（\(window.label)），暂不能申报。"
        } else if let live = try await ApplicationRepository(db: db.sql).live(
            enterpriseID: enterpriseID, itemID: item.id)
        {
            page.closedReason = "本企业已申报该条款（编号 \(live.id)，\(live.applicationState.label)），不能重复申报。"
        }
        return page
    }

    private func renderApply(_ page: ApplyPage, status: HTTPResponse.Status = .ok, context: AppRequestContext)
        async throws -> Response
    {
        try await render(
            "applications/form", page: page, context: context, title: "申报：\(page.heading)",
            crumbs: [.init(title: page.heading, href: page.itemHref), .init(title: "申报", href: nil)], status: status)
    }

    @Sendable func applyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, item, policy, own) = try await applicable(request, context)
        return try await renderApply(
            try await applyPage(item, policy, enterpriseID: own, context: context), context: context)
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, item, policy, own) = try await applicable(request, context)
        var page = try await applyPage(item, policy, enterpriseID: own, context: context)
        page.closedReason = nil
        guard let form = try await MultipartForm.from(request, context: context) else {
            page.errors = ["请通过申报表单上传材料（multipart/form-data）"]
            return try await renderApply(page, status: .badRequest, context: context)
        }
        var files: [String: MaterialUpload] = [:]
        for (index, m) in item.materials.enumerated() {
            if let f = form.files["m\(index)"] {
                files[m.name] = MaterialUpload(
                    materialName: m.name, fileName: f.fileName, contentType: f.contentType, content: f.data)
            }
        }
        do {
            let id = try await ApplicationWorkflow(database: db).submit(
                .init(
                    item: item, policy: policy, enterpriseID: own, requestedAmount: form["requested_amount"],
                    note: form["note"], files: files),
                actor: user)
            return .redirect(
                to: .application(id), flash: Flash(kind: .success, message: "已提交申报（编号 \(id)），请等待\(item.heading)的审核结果。"))
        } catch let refusal as ApplicationRefusal {
            page.errors = refusal.problems.map(\.message) + ["未保存任何内容，请改正后重新选择文件提交。"]
            page.requestedAmount = form["requested_amount"]
            page.note = form["note"]
            return try await renderApply(page, status: .badRequest, context: context)
        }
    }

    // MARK: - Lists

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        let isEnterprise = user.role == .enterpriseUser
        if isEnterprise {
            guard user.enterpriseID != nil else { throw PageError.forbidden }
        } else {
            try context.authorize(
                .view, .application(zoneID: zoneID, departmentID: user.departmentID ?? 0, enterpriseID: nil))
        }
        let stateFilter = ApplicationState(rawValue: request.uri.queryParameters.get("state") ?? "")
        let policies = try await PolicyRepository(db: db.sql).policies(zoneID: zoneID)
        let items = try await PolicyRepository(db: db.sql).items(zoneID: zoneID)
        // A department's queue is the items it issues; the zone admin sees every item.
        let ownItems =
            user.role == .departmentStaff
            ? items.filter { item in policies.first { $0.id == item.policyId }?.departmentId == user.departmentID }.map(
                \.id) : nil
        let rows = try await ApplicationRepository(db: db.sql).applications(
            zoneID: zoneID, enterpriseID: isEnterprise ? user.enterpriseID : nil, itemIDs: ownItems,
            states: stateFilter.map { [$0] })
        let shown = try await lines(rows, zoneID: zoneID, items: items, policies: policies)
        let model = ApplicationListPage(
            tabs: try await tabs(context, current: .applications), heading: isEnterprise ? "我的申报" : "申报审核",
            isEnterprise: isEnterprise,
            states: [SelectOption(value: "", label: "全部状态", selected: stateFilter == nil)]
                + ApplicationState.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == stateFilter)
                },
            rows: shown, total: shown.count, listHref: SiteURL.applications.path, totalsHref: SiteURL.payoutTotals.path)
        return try await render(
            "applications/list", page: model, context: context, title: model.heading,
            crumbs: [.init(title: model.heading, href: nil)])
    }

    private func lines(_ rows: [ApplicationRow], zoneID: Int64, items: [PolicyItemRow], policies: [PolicyRow])
        async throws -> [ApplicationLine]
    {
        let names = try await enterpriseNames(zoneID)
        let itemByID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        let policyByID = Dictionary(uniqueKeysWithValues: policies.map { ($0.id, $0) })
        return rows.map { a in
            let item = itemByID[a.itemId]
            return ApplicationLine(
                id: a.id, href: SiteURL.application(a.id).path, enterprise: names[a.enterpriseId] ?? "—",
                item: item?.heading ?? "—",
                policy: item.flatMap { policyByID[$0.policyId]?.title } ?? "—", state: a.applicationState.label,
                requested: Self.money(a.requestedAmount), approved: Self.money(a.approvedAmount),
                submittedAt: DisplayTime.format(a.submittedAt), updatedAt: DisplayTime.format(a.updatedAt))
        }
    }

    func enterpriseNames(_ zoneID: Int64) async throws -> [Int64: String] {
        Dictionary(
            uniqueKeysWithValues: try await EnterpriseRepository(db: db.sql).list(
                zoneID: zoneID, limit: 1_000_000, offset: 0
            ).map { ($0.id, $0.name) })
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
        try context.authorize(
            .view,
            .application(zoneID: zoneID, departmentID: policy.departmentId, enterpriseID: application.enterpriseId))
        try context.authorize(
            action,
            .application(zoneID: zoneID, departmentID: policy.departmentId, enterpriseID: application.enterpriseId))
        return (user, application, item, policy)
    }

    private func page(
        _ a: ApplicationRow, _ item: PolicyItemRow, _ policy: PolicyRow, user: CurrentUser, context: AppRequestContext
    ) async throws -> ApplicationPage {
        let resource = Resource.application(
            zoneID: a.zoneId, departmentID: policy.departmentId, enterpriseID: a.enterpriseId)
        let canUpdate = Permissions.decide(user, .update, resource) == .allow
        let canCreate = Permissions.decide(user, .create, resource) == .allow
        let repo = ApplicationRepository(db: db.sql)
        let materials = try await repo.materials(applicationID: a.id)
        let state = a.applicationState
        let enterprise = try await EnterpriseRepository(db: db.sql).find(id: a.enterpriseId, zoneID: a.zoneId)
        return ApplicationPage(
            tabs: try await tabs(context, current: .application(a.id)), id: a.id, enterprise: enterprise?.name ?? "—",
            item: item.heading,
            itemHref: SiteURL.policyItem(item.id).path, policy: policy.citation, state: state.label,
            requested: Self.money(a.requestedAmount),
            approved: a.approvedAmount.map { Self.money($0) }, note: a.note.nilIfEmpty,
            submittedAt: DisplayTime.format(a.submittedAt),
            materials: materials.map {
                .init(
                    name: $0.materialName, fileName: $0.fileName, size: Self.size($0.sizeBytes),
                    href: SiteURL.applicationMaterial(a.id, material: $0.id).path,
                    uploadedAt: DisplayTime.format($0.uploadedAt))
            },
            listed: item.materials.map { m in
                .init(name: m.name, required: m.required, submitted: materials.contains { $0.materialName == m.name })
            },
            missing: a.missing, returnNote: a.returnNote?.nilIfEmpty,
            returnedAt: a.returnedAt.map { DisplayTime.format($0) },
            resubmittedAt: a.resubmittedAt.map { DisplayTime.format($0) }, decisionReason: a.decisionReason,
            payouts: try await repo.payouts(zoneID: a.zoneId, applicationID: a.id).map {
                .init(amount: Self.money($0.amount), paidOn: $0.paidOn, voucher: $0.voucherNo)
            },
            canReview: canUpdate && state == .submitted,
            canReturn: canUpdate && state == .submitted && a.returnedAt == nil,
            canPay: canUpdate && state == .approved, canResubmit: canCreate && state == .returned,
            resubmitFields: a.missing.enumerated().map { .init(field: "m\($0)", name: $1) },
            reviewAction: SiteURL.applicationReview(a.id).path, payoutAction: SiteURL.applicationPayout(a.id).path,
            resubmitAction: SiteURL.applicationUpload(a.id).path, today: Clock.today.description,
            ceiling: item.ceiling.map { Self.money($0) },
            csrf: context.csrfToken)
    }

    static func size(_ bytes: Int64) -> String {
        bytes >= 1024 * 1024
            ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1024 ? "\(bytes / 1024) KB" : "\(bytes) 字节"
    }

    private func renderShow(_ page: ApplicationPage, status: HTTPResponse.Status = .ok, context: AppRequestContext)
        async throws -> Response
    {
        try await render(
            "applications/show", page: page, context: context, title: "申报 \(page.id)",
            crumbs: [.init(title: "申报", href: SiteURL.applications.path), .init(title: "编号 \(page.id)", href: nil)],
            status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a, item, policy) = try await loaded(request, context, .view)
        return try await renderShow(try await page(a, item, policy, user: user, context: context), context: context)
    }

    /// Runs a step; a refusal re-renders the application page with every reason (nothing saved).
    private func step(
        _ a: ApplicationRow, _ item: PolicyItemRow, _ policy: PolicyRow, user: CurrentUser, context: AppRequestContext,
        success: String, _ body: () async throws -> Void
    ) async throws -> Response {
        do {
            try await body()
            return .redirect(to: .application(a.id), flash: Flash(kind: .success, message: success))
        } catch let refusal as ApplicationRefusal {
            var model = try await page(a, item, policy, user: user, context: context)
            model.errors = refusal.problems.map(\.message)
            return try await renderShow(model, status: .badRequest, context: context)
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
            try await ApplicationWorkflow(database: db).resubmit(a, files: files, actor: user)
        }
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a, item, policy) = try await loaded(request, context, .update)
        let form = try await FormData.from(request, context: context)
        let decision: ApplicationWorkflow.Decision
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
            _ = try await ApplicationWorkflow(database: db).review(a, item: item, decision: decision, actor: user)
        }
    }

    @Sendable func payout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a, item, policy) = try await loaded(request, context, .update)
        let form = try await FormData.from(request, context: context)
        return try await step(
            a, item, policy, user: user, context: context,
            success: "已登记兑现 \(form["amount"]) 万元（凭证号 \(form["voucher_no"])）。"
        ) {
            _ = try await ApplicationWorkflow(database: db).recordPayout(
                a, amount: form["amount"], paidOn: form["paid_on"], voucher: form["voucher_no"], actor: user)
        }
    }

    @Sendable func material(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, a, _, _) = try await loaded(request, context, .view)
        guard let text = context.parameters.get("material"), let materialID = Int64(text),
            let found = try await ApplicationRepository(db: db.sql).materialContent(id: materialID, applicationID: a.id)
        else { throw PageError.notFound }
        let (row, content) = found
        guard let content else { throw PageError.badRequest("该材料仅登记了名称（线下提交），没有可下载的文件") }
        let encoded = row.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        var headers: HTTPFields = [.contentType: row.contentType.isEmpty ? "application/octet-stream" : row.contentType]
        headers[.contentDisposition] = "attachment; filename*=UTF-8''\(encoded)"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: content)))
    }

    // MARK: - 免申即享

    private func autoGrantItem(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, PolicyItemRow, PolicyRow
    ) {
        let (user, zoneID) = try context.requireZone()
        let repo = PolicyRepository(db: db.sql)
        guard let item = try await repo.item(id: try request.id(context), zoneID: zoneID),
            let policy = try await repo.policy(id: item.policyId, zoneID: zoneID), item.autoGrant
        else { throw PageError.notFound }
        try context.authorize(
            .update, .application(zoneID: zoneID, departmentID: policy.departmentId, enterpriseID: nil))
        return (user, item, policy)
    }

    private func autoGrantModel(_ item: PolicyItemRow, _ policy: PolicyRow, context: AppRequestContext) async throws
        -> AutoGrantPage
    {
        let matches = try await PolicyRepository(db: db.sql).matches(itemID: item.id)
        let paid = Set(
            try await ApplicationRepository(db: db.sql).payouts(zoneID: item.zoneId, itemID: item.id).compactMap(
                \.enterpriseId))
        let names = try await enterpriseNames(item.zoneId)
        let rows = matches.map { m in
            AutoGrantPage.Row(
                enterpriseID: m.enterpriseId, name: names[m.enterpriseId] ?? "—",
                estimate: Self.money(min(m.estimatedAmount ?? item.ceiling ?? 0, item.ceiling ?? .infinity)),
                paid: paid.contains(m.enterpriseId))
        }
        return AutoGrantPage(
            tabs: try await tabs(context, current: .policyItemAutoGrant(item.id)), heading: item.heading,
            itemHref: SiteURL.policyItem(item.id).path,
            policy: policy.citation, rows: rows, unpaidCount: rows.filter { !$0.paid }.count,
            action: SiteURL.policyItemAutoGrant(item.id).path,
            today: Clock.today.description, csrf: context.csrfToken)
    }

    private func renderAutoGrant(_ page: AutoGrantPage, status: HTTPResponse.Status = .ok, context: AppRequestContext)
        async throws -> Response
    {
        try await render(
            "applications/auto-grant", page: page, context: context, title: "免申即享兑现：\(page.heading)",
            crumbs: [.init(title: page.heading, href: page.itemHref), .init(title: "免申即享兑现", href: nil)], status: status
        )
    }

    @Sendable func autoGrantPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, item, policy) = try await autoGrantItem(request, context)
        return try await renderAutoGrant(try await autoGrantModel(item, policy, context: context), context: context)
    }

    @Sendable func confirmAutoGrant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, item, policy) = try await autoGrantItem(request, context)
        let form = try await FormData.from(request, context: context)
        let ids = form.all("enterprise").compactMap { Int64($0) }
        do {
            let saved = try await ApplicationWorkflow(database: db).confirmAutoGrant(
                item: item, enterpriseIDs: ids, paidOn: form["paid_on"], voucherPrefix: form["voucher_prefix"],
                actor: user)
            let total = saved.reduce(0) { $0 + $1.amount }
            return .redirect(
                to: .policyItemAutoGrant(item.id),
                flash: Flash(
                    kind: .success,
                    message: "已确认免申即享兑现 \(saved.count) 家企业，合计 \(Wan.text(total)) 万元。"))
        } catch let refusal as ApplicationRefusal {
            var model = try await autoGrantModel(item, policy, context: context)
            model.errors = refusal.problems.map(\.message) + ["未登记任何兑现。"]
            return try await renderAutoGrant(model, status: .badRequest, context: context)
        }
    }

    // MARK: - Totals

    /// The zone's payout totals; an enterprise user's own only.
    static func totals(db: Database, zoneID: Int64, enterpriseID: Int64?) async throws -> PayoutTotals {
        let payouts = try await ApplicationRepository(db: db.sql).payouts(zoneID: zoneID, enterpriseID: enterpriseID)
        let policyRepo = PolicyRepository(db: db.sql)
        let policies = Dictionary(
            uniqueKeysWithValues: try await policyRepo.policies(zoneID: zoneID).map { ($0.id, $0) })
        let items = Dictionary(uniqueKeysWithValues: try await policyRepo.items(zoneID: zoneID).map { ($0.id, $0) })
        let departments = Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)).map {
                ($0.id, $0.name)
            })
        let names = Dictionary(
            uniqueKeysWithValues: try await EnterpriseRepository(db: db.sql).list(
                zoneID: zoneID, limit: 1_000_000, offset: 0
            ).map { ($0.id, $0.name) })
        return PayoutTotals(
            payouts: payouts,
            policyOf: { items[$0].flatMap { policies[$0.policyId]?.title } ?? "—" },
            departmentOf: {
                items[$0].flatMap { policies[$0.policyId] }.flatMap { departments[$0.departmentId] } ?? "—"
            },
            enterpriseName: { $0.flatMap { names[$0] } ?? "（汇总登记，未分企业）" })
    }

    @Sendable func totals(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .payouts(zoneID: zoneID))
        let own = user.role == .enterpriseUser ? (user.enterpriseID ?? -1) : nil
        let totals = try await Self.totals(db: db, zoneID: zoneID, enterpriseID: own)
        func table(_ l: [PayoutTotals.Line]) -> [PayoutTotalsPage.Line] {
            l.map { .init(label: $0.key, count: $0.count, amount: Wan.text($0.amount)) }
        }
        let zone = try await ZoneRepository(db: db.sql).zone(id: zoneID)?.name ?? ""
        let model = PayoutTotalsPage(
            tabs: try await tabs(context, current: .payoutTotals), zone: zone,
            scopeNote: own != nil ? "本企业获得的政策兑现" : "\(zone)全部政策兑现（含免申即享）",
            totalLine: totals.sentence, byPolicy: table(totals.byPolicy), byDepartment: table(totals.byDepartment),
            byYear: table(totals.byYear), byEnterprise: table(totals.byEnterprise))
        return try await render(
            "applications/totals", page: model, context: context, title: "政策兑现统计",
            crumbs: [.init(title: "政策兑现统计", href: nil)])
    }
}
