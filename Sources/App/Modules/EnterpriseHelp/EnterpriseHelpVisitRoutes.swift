import Foundation
import GaoxinCore
import Hummingbird

/// 走访: the visit log and plan, a new visit by the cadre paired with the enterprise (with the
/// 四个一 prompts, photos checked by content, and a demand it raised), one visit with its photos.
struct EnterpriseHelpVisitRoutes {
    let services: AppServices
    var help: EnterpriseHelpRoutes { EnterpriseHelpRoutes(services: services) }
    var service: EnterpriseHelpService { EnterpriseHelpService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.help(.visits).pattern, use: list)
        router.get(SiteURL.help(.visitNew).pattern, use: newForm)
        router.post(SiteURL.help(.visitUpload).pattern, use: create)
        router.get(SiteURL.help(.visit(0)).pattern, use: show)
        router.get(SiteURL.help(.visitPhoto(0, photo: 0)).pattern, use: photo)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        let q = request.uri.queryParameters
        let planned = q.get("show") == "plan"
        let mine = q.get("mine") == "1"
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: planned ? "visit-plan" : "visits", title: planned ? "走访计划" : "走访记录",
                headers: ["日期", "企业", "包联干部", "走访发现"],
                load: {
                    let m = try await HelpVisitsPage.load(
                        zoneID: zoneID, cadreID: mine ? user.id : nil, planned: planned, pager: $0,
                        db: services.database.sql)
                    return (m.lines, m.total)
                },
                cells: { [$0.day, $0.enterprise, $0.cadre, $0.findings] })
        }
        var page = try await HelpVisitsPage.load(
            zoneID: zoneID, cadreID: mine ? user.id : nil, planned: planned,
            pager: try Pager(query: q.get("page"), size: 30), db: services.database.sql)
        page.exportHref = ListExport.href(request)
        return try await help.render("enterprise-help/visits", page: page, context: context, title: "走访记录")
    }

    func newPage(
        _ form: EnterpriseHelpService.VisitForm, user: CurrentUser, zoneID: Int64, context: AppRequestContext,
        errors: FormErrors = FormErrors()
    ) async throws -> Response {
        var page = try await HelpVisitNewPage.load(
            zoneID: zoneID, user: user, form: form, csrf: context.csrfToken, db: services.database.sql)
        page.errors = errors
        return try await help.render(
            "enterprise-help/visit-new", page: page, context: context, title: "登记走访",
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        try context.authorize(.create, .helpVisit(zoneID: zoneID, cadreUserID: user.id))
        var form = EnterpriseHelpService.VisitForm()
        form.visitedOn = Clock.today.description
        form.enterprise = request.uri.queryParameters.get("enterprise").map { String($0) } ?? ""
        return try await newPage(form, user: user, zoneID: zoneID, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        try context.authorize(.create, .helpVisit(zoneID: zoneID, cadreUserID: user.id))
        let f: MultipartForm
        if let multipart = try await MultipartForm.from(request, context: context) {
            f = multipart
        } else {
            let plain = try await FormData.from(request, context: context)
            var m = MultipartForm()
            for key in [
                "enterprise", "visited_on", "planned_on", "people_met", "findings", "area", "leader", "plan",
                "demand_category", "demand_text",
            ] {
                m.fields[key] = [plain[key]]
            }
            f = m
        }
        let photos = f.files.filter { $0.key.hasPrefix("photo") && !$0.value.data.isEmpty }.sorted { $0.key < $1.key }
            .map(\.value)
        let form = EnterpriseHelpService.VisitForm(
            enterprise: f["enterprise"], visitedOn: f["visited_on"], plannedOn: f["planned_on"],
            peopleMet: f["people_met"], findings: f["findings"], area: f["area"], leader: f["leader"], plan: f["plan"],
            demandCategory: f["demand_category"], demandText: f["demand_text"], photos: photos)
        return try await services.submit(
            {
                let (visit, demand) = try await service.logVisit(form, zoneID: zoneID, user: user)
                let message =
                    demand.map { "已登记走访，并提出诉求 \(CaseRow.number($0, prefix: "SQ"))，待分办。" } ?? "已登记走访。"
                return .redirect(to: .help(.visit(visit)), flash: Flash(kind: .success, message: message))
            },
            refused: { errors in
                var again = form
                again.photos = []
                return try await newPage(again, user: user, zoneID: zoneID, context: context, errors: errors)
            })
    }

    func loaded(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, HelpVisitRow) {
        let (user, zoneID) = try help.viewer(context)
        guard
            let v = try await EnterpriseHelpRepository(db: services.database.sql).visit(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(.view, .helpVisit(zoneID: zoneID, cadreUserID: v.cadreUserId))
        return (user, v)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, v) = try await loaded(request, context)
        let page = try await HelpVisitPage.load(v, db: services.database.sql)
        return try await help.render(
            "enterprise-help/visit", page: page, context: context, title: "走访 \(page.enterprise)")
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, v) = try await loaded(request, context)
        guard
            let photo = try await EnterpriseHelpRepository(db: services.database.sql).photo(
                id: try request.id(context, "photo"), visitID: v.id, zoneID: v.zoneId)
        else { throw PageError.notFound }
        return .userFile(photo.data, filename: photo.name)
    }
}
