import Foundation
import GaoxinCore
import Hummingbird

/// 企业诉求 pages: the list (an enterprise's own; a department's routed to it; the zone's for the
/// office), a new demand (the enterprise for itself; staff from the hotline or a 现场办公会), one
/// demand with its steps and progress notes. Rating and 差评 follow-ups are the shared case pages'.
struct EnterpriseHelpDemandRoutes: CaseModule {
    let services: AppServices
    var help: EnterpriseHelpRoutes { EnterpriseHelpRoutes(services: services) }
    var service: EnterpriseHelpService { EnterpriseHelpService(services: services) }

    static let kind = CaseKind(
        noun: "诉求", numberPrefix: "SQ", followUpBy: "承办部门", rateHeading: "评价办理（好差评）", openedText: "提出诉求",
        overdueText: "超过办理时限", showsOpeningNote: false, rateableStates: ["confirmed"],
        page: { .help(.demand($0)) }, rate: { .help(.demandRate($0)) },
        followUp: { .help(.demandFollowUp($0, caseID: $1)) })

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.help(.demands).pattern, use: list)
        router.get(SiteURL.help(.demandNew).pattern, use: newForm)
        router.post(SiteURL.help(.demandNew).pattern, use: create)
        router.get(SiteURL.help(.demand(0)).pattern, use: show)
        router.post(SiteURL.help(.demandStep(0)).pattern, use: step)
        router.post(SiteURL.help(.demandNote(0)).pattern, use: note)
        CaseRoutes(module: self).register(on: router)
    }

    func zone(_ context: AppRequestContext) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.enterpriseHelp, zoneID: zoneID))
        return (user, zoneID)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try zone(context)
        let q = request.uri.queryParameters
        var filter = HelpDemandFilter(zoneID: zoneID)
        switch user.role {
        case .enterpriseUser: filter.enterpriseID = user.enterpriseID ?? -1
        case .departmentStaff: filter.departmentID = q.get("all") == "1" ? nil : user.departmentID
        case .zoneAdmin, .investmentOfficer, .platformAdmin: break
        default: throw PageError.forbidden
        }
        if let state = q.get("state"), HelpCaseTypes.demand.state(String(state)) != nil { filter.state = String(state) }
        try await services.checkOverdue(zoneID: zoneID)
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "demands", title: "企业诉求",
                headers: ["编号", "企业", "类别", "来源", "诉求", "承办部门", "状态", "办理时限", "超时"],
                load: {
                    let m = try await HelpDemandsPage.load(filter: filter, user: user, pager: $0, services: services)
                    return (m.lines, m.total)
                },
                cells: {
                    [
                        $0.number, $0.enterprise, $0.category, $0.channel, $0.text, $0.department, $0.state,
                        $0.deadline ?? "—", $0.overdue ? "是" : "否",
                    ]
                })
        }
        var page = try await HelpDemandsPage.load(
            filter: filter, user: user, pager: try Pager(query: q.get("page"), size: 30), services: services)
        page.exportHref = ListExport.href(request)
        return try await help.render("enterprise-help/demands", page: page, context: context, title: "企业诉求")
    }

    func newPage(
        user: CurrentUser, zoneID: Int64, form: HelpDemandNewPage.Form, context: AppRequestContext,
        errors: FormErrors = FormErrors()
    ) async throws -> Response {
        var page = try await HelpDemandNewPage.load(
            zoneID: zoneID, user: user, form: form, csrf: context.csrfToken, db: services.database.sql)
        page.errors = errors
        return try await help.render(
            "enterprise-help/demand-new", page: page, context: context, title: "提出诉求",
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try zone(context)
        try context.authorize(.create, .helpDemandFile(zoneID: zoneID, enterpriseID: user.enterpriseID ?? 0))
        return try await newPage(user: user, zoneID: zoneID, form: .init(), context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try zone(context)
        try context.authorize(.create, .helpDemandFile(zoneID: zoneID, enterpriseID: user.enterpriseID ?? 0))
        let f = try await FormData.from(request, context: context)
        let form = HelpDemandNewPage.Form(
            enterprise: f["enterprise"], category: f["category"], text: f["demand_text"], channel: f["channel"])
        return try await services.submit(
            {
                let id = try await service.fileDemand(
                    enterprise: form.enterprise, category: form.category, text: form.text, channel: form.channel,
                    zoneID: zoneID, user: user)
                return .redirect(
                    to: .help(.demand(id)),
                    flash: Flash(
                        kind: .success, message: "诉求已提交（编号 \(CaseRow.number(id, prefix: "SQ"))），1 个工作日内分办到承办部门。"))
            },
            refused: { errors in
                try await newPage(user: user, zoneID: zoneID, form: form, context: context, errors: errors)
            })
    }

    // MARK: One demand

    func load(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        CurrentUser, HelpDemand
    ) {
        let (user, zoneID) = try context.requireZone()
        guard
            let d = try await EnterpriseHelpDemandRepository(db: services.database.sql).find(
                caseID: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(action, d.resource)
        return (user, d)
    }

    func showPage(_ page: HelpDemandPage, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        try await help.render(
            "enterprise-help/demand", page: page, context: context, title: "诉求 \(page.number)", status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, d) = try await load(request, context, .view)
        return try await showPage(
            try await HelpDemandPage.load(d, user: user, context: context, services: services), context: context)
    }

    @Sendable func step(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, d) = try await load(request, context, .view)
        let f = try await FormData.from(request, context: context)
        // Routing is the office's; confirming and reopening the enterprise's; the rest needs the
        // demand's own update right.
        let enterpriseSteps = ["confirm", "reopen"]
        if (user.role == .enterpriseUser) != enterpriseSteps.contains(f["transition"]) {
            throw PageError.forbidden
        }
        if f["transition"] == "route" {
            try context.authorize(.update, .enterpriseHelp(zoneID: d.caseRow.zoneId))
        } else {
            try context.authorize(.update, d.resource)
        }
        return try await services.submit(
            {
                let message = try await service.step(
                    d, transition: f["transition"], note: f["note"], department: f["department"], user: user)
                return .redirect(to: .help(.demand(d.id)), flash: Flash(kind: .success, message: message))
            },
            refused: { errors in
                var page = try await HelpDemandPage.load(d, user: user, context: context, services: services)
                page.errors = errors
                page.noteText = f["note"]
                return try await showPage(page, context: context)
            })
    }

    @Sendable func note(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, d) = try await load(request, context, .update)
        guard user.role != .enterpriseUser else { throw PageError.forbidden }
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.addNote(d, note: f["progress"], user: user)
                return .redirect(to: .help(.demand(d.id)), flash: Flash(kind: .success, message: "已记录办理进展，企业可见。"))
            },
            refused: { errors in
                var page = try await HelpDemandPage.load(d, user: user, context: context, services: services)
                page.errors = errors
                return try await showPage(page, context: context)
            })
    }

    // MARK: The shared rating (CaseModule)

    func rate(_ d: HelpDemand, level: RatingLevel, comment: String, user: CurrentUser) async throws -> Int64? {
        try await service.rate(d, level: level, comment: comment, user: user)
    }

    func showPage(_ d: HelpDemand, user: CurrentUser, context: AppRequestContext, rating: RatingForm) async throws
        -> Response
    {
        var page = try await HelpDemandPage.load(d, user: user, context: context, services: services)
        page.panel.refill(rating)
        page.errors = rating.errors
        return try await showPage(page, context: context, status: .badRequest)
    }
}
