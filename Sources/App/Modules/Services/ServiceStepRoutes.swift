import Foundation
import GaoxinCore
import Hummingbird

/// The handlers' steps on an application (一次性告知, 受理 / 即办, 办结 with result and delivery, 不予受理,
/// 领办 officer), the applicant's 补正, and 差评 appeals: filed by the handling unit on the case page,
/// listed and decided by the zone admin on `/m/services/appeals`.
struct ServiceStepRoutes {
    let services: AppServices
    var service: ServiceService { ServiceService(services: services) }
    var cases: ServiceApplicationRoutes { ServiceApplicationRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.post(SiteURL.serviceApplicationStep(0).pattern, use: step)
        router.post(SiteURL.serviceApplicationSupplement(0).pattern, use: supplement)
        router.post(SiteURL.serviceApplicationAppeal(0).pattern, use: appeal)
        router.post(SiteURL.serviceApplicationCounterRating(0).pattern, use: counterRating)
        router.get(SiteURL.serviceAppeals.pattern, use: appeals)
        router.post(SiteURL.serviceAppealDecide(0).pattern, use: decide)
        router.post(SiteURL.serviceFollowUpLimits.pattern, use: followUpLimits)
    }

    /// The case page again with the refused form's messages inline (400).
    func refused(_ c: ServiceCase, user: CurrentUser, context: AppRequestContext, errors: FormErrors) async throws
        -> Response
    {
        var page = try await ServiceApplicationPage.load(c, user: user, context: context, services: services)
        page.errors = errors
        return try await cases.showPage(page, context: context, status: .badRequest)
    }

    @Sendable func step(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await cases.load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        let result = ServiceResultInput(
            resultNo: form["result_no"], delivery: form["delivery"], trackingNo: form["tracking_no"], note: form["note"]
        )
        return try await services.submit(
            {
                let message: String
                switch form["action"] {
                case "notify":
                    var ids: [Int64] = []
                    for text in form.all("materials") {
                        guard text.count <= 18, let id = Int64(text) else { throw Refusal("materials", "补正材料：所选材料无效") }
                        ids.append(id)
                    }
                    try await service.notify(c, materialIDs: ids, note: form["note"], user: user)
                    message = "已一次性告知申请人补正 \(ids.count) 项材料。"
                case "accept":
                    try await service.accept(c, result: result, user: user)
                    message = c.details.instant ? "已受理并当场办结（即办）。" : "已受理，承诺 \(c.details.promisedDays) 个工作日内办结。"
                case "finish":
                    try await service.finish(c, result: result, user: user)
                    message = "已办结，结果已通知申请人。"
                case "refuse":
                    try await service.refuse(c, reason: form["note"], user: user)
                    message = "已作出不予受理决定。"
                case "officer":
                    let text = form["officer"]
                    guard text.count <= 18, let id = Int64(text) else { throw Refusal("officer", "领办人：请选择") }
                    try await service.assignOfficer(c, officerID: id, user: user)
                    message = "已指定全过程领办人。"
                default:
                    throw Refusal("action", "请选择要办理的操作。")
                }
                return .redirect(
                    to: .serviceApplication(c.id), flash: Flash(kind: .success, message: "\(c.number) \(message)"))
            },
            refused: { errors in try await refused(c, user: user, context: context, errors: errors) })
    }

    @Sendable func supplement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await cases.load(request, context, .view)
        guard c.details.applicantUserId == user.id else { throw PageError.forbidden }
        let form = try await MultipartForm.from(request, context: context) ?? MultipartForm()
        var files: [Int64: MultipartForm.File] = [:]
        for (name, file) in form.files where name.hasPrefix("material_") && !file.data.isEmpty {
            if let id = Int64(name.dropFirst("material_".count)) { files[id] = file }
        }
        return try await services.submit(
            {
                try await service.supplement(c, files: files, user: user)
                return .redirect(
                    to: .serviceApplication(c.id), flash: Flash(kind: .success, message: "已补正材料，等待窗口预审。"))
            },
            refused: { errors in try await refused(c, user: user, context: context, errors: errors) })
    }

    @Sendable func appeal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await cases.load(request, context, .view)
        try context.authorize(.create, .serviceOffice(zoneID: c.details.zoneId, departmentID: c.details.departmentId))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                _ = try await service.appeal(c, reason: form["reason"], user: user)
                return .redirect(
                    to: .serviceApplication(c.id), flash: Flash(kind: .success, message: "已提交差评申诉，等待管委会裁定。"))
            },
            refused: { errors in try await refused(c, user: user, context: context, errors: errors) })
    }

    /// 一次一评 at the window: the handler records the level the applicant pressed on the counter's
    /// evaluator, once, on a finished window case.
    @Sendable func counterRating(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await cases.load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                guard let level = RatingLevel(rawValue: form["level"]) else {
                    throw Refusal("level", "请选择申请人在评价器上的评价")
                }
                _ = try await service.rate(c, level: level, comment: "", user: user, atCounter: true)
                return .redirect(
                    to: .serviceApplication(c.id), flash: Flash(kind: .success, message: "已记录窗口评价（一次一评）。"))
            },
            refused: { errors in try await refused(c, user: user, context: context, errors: errors) })
    }

    /// The appeals page (its `?page=`, or `pager` for the export), after the page's permission check.
    func appealsPage(_ request: Request, _ context: AppRequestContext, pager: Pager? = nil) async throws
        -> ServiceAppealsPage
    {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .serviceOffice(zoneID: zoneID, departmentID: nil))
        let pager = try pager ?? Pager(query: request.uri.queryParameters.get("page"), size: 20)
        let paged = try await ServiceApplicationRepository(db: services.database.sql).appeals(
            zoneID: zoneID, departmentID: user.role == .departmentStaff ? user.departmentID ?? -1 : nil, pager)
        let departments = try await ServiceRoutes(services: services).departmentNames(zoneID)
        let mayDecide =
            Permissions.decide(user, .administer, .serviceOffice(zoneID: zoneID, departmentID: nil)) == .allow
        let limits = try await ServiceApplicationRepository(db: services.database.sql).followUpLimits(zoneID: zoneID)
        // An appeal may be of a 办件, a 咨询 or a 网格事件: its number and page follow the rated case.
        let rated = try await CaseRepository(db: services.database.sql).find(ids: paged.rows.map(\.caseId))
        var links: [Int64: String] = [:]
        for (id, row) in rated {
            links[id] = try await CaseNotices.link(row, db: services.database.sql)?.path
        }
        return ServiceAppealsPage(
            lines: paged.rows.map { a in
                AppealLine(
                    caseNumber: rated[a.caseId].map(CaseNotices.number) ?? CaseRow.number(a.caseId, prefix: "BJ"),
                    caseHref: links[a.caseId] ?? SiteURL.serviceApplication(a.caseId).path,
                    department: a.departmentId.flatMap { departments[$0] }
                        ?? (a.unitId?.hasPrefix("grid:") == true ? "网格" : ""),
                    reason: a.reason, state: a.stateLabel,
                    decision: a.decisionNote, canDecide: mayDecide && a.state == "pending",
                    action: SiteURL.serviceAppealDecide(a.id).path)
            }, total: paged.total, paging: paged.links(.serviceAppeals), csrf: context.csrfToken,
            callbackDays: String(limits?.callback ?? 1), fixDays: String(limits?.fix ?? 15), canSetLimits: mayDecide,
            limitsAction: SiteURL.serviceFollowUpLimits.path)
    }

    @Sendable func appeals(_ request: Request, context: AppRequestContext) async throws -> Response {
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "rating-appeals", title: "差评申诉", headers: ["办件", "承办部门", "申诉理由", "状态"],
                load: {
                    let m = try await appealsPage(request, context, pager: $0)
                    return (m.lines, m.total)
                },
                cells: { [$0.caseNumber, $0.department, $0.reason, $0.state + ($0.decision.map { "：" + $0 } ?? "")] })
        }
        var page = try await appealsPage(request, context)
        page.exportHref = ListExport.href(request)
        return try await ServiceRoutes(services: services).render(
            "services/appeals", page: page, context: context, title: "差评申诉",
            crumbs: [.init(title: "差评申诉", href: nil)])
    }

    /// The zone admin sets the zone's 差评 call-back and fix limits (working days).
    @Sendable func followUpLimits(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.administer, .serviceOffice(zoneID: zoneID, departmentID: nil))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.setFollowUpLimits(
                    callback: form["callback_days"], fix: form["fix_days"], zoneID: zoneID, user: user)
                return .redirect(to: .serviceAppeals, flash: Flash(kind: .success, message: "已更新差评回访整改时限。"))
            },
            refused: { errors in
                var page = try await appealsPage(request, context)
                page.errors = errors
                page.callbackDays = form["callback_days"]
                page.fixDays = form["fix_days"]
                return try await ServiceRoutes(services: services).render(
                    "services/appeals", page: page, context: context, title: "差评申诉",
                    crumbs: [.init(title: "差评申诉", href: nil)], status: .badRequest)
            })
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.administer, .serviceOffice(zoneID: zoneID, departmentID: nil))
        guard
            let appeal = try await ServiceApplicationRepository(db: services.database.sql).appeal(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.decide(appeal, upheld: form["decision"], note: form["note"], user: user)
                return .redirect(to: .serviceAppeals, flash: Flash(kind: .success, message: "已裁定差评申诉。"))
            },
            refused: { errors in
                var page = try await appealsPage(request, context)
                page.errors = errors
                return try await ServiceRoutes(services: services).render(
                    "services/appeals", page: page, context: context, title: "差评申诉",
                    crumbs: [.init(title: "差评申诉", href: nil)], status: .badRequest)
            })
    }
}
