import Foundation
import GaoxinCore
import Hummingbird

/// 办件 pages: the one application form of a 一件事 (online by the applicant, or at the window by
/// staff), the lists (mine; the department's and the 领办 officer's; the zone's), one application
/// with its materials and the handlers' steps, and the materials' downloads. Steps, 补正 and appeals
/// in `ServiceStepRoutes`; rating and 差评 follow-ups are the shared case pages' (`CaseRoutes`).
struct ServiceApplicationRoutes: CaseModule {
    let services: AppServices
    var service: ServiceService { ServiceService(services: services) }
    var catalogue: ServiceRoutes { ServiceRoutes(services: services) }

    static let kind = CaseKind(
        noun: "办件", numberPrefix: "BJ", followUpBy: "承办部门", rateHeading: "评价办件（好差评）", openedText: "提交申请",
        overdueText: "超过承诺办结时限", showsOpeningNote: true, rateableStates: ["finished"], takesFacets: true,
        page: { .serviceApplication($0) }, rate: { .serviceApplicationRate($0) },
        followUp: { .serviceApplicationFollowUp($0, caseID: $1) })

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.serviceApply(0).pattern, use: applyForm)
        router.post(SiteURL.serviceApply(0).pattern, use: apply)
        router.get(SiteURL.serviceApplications.pattern, use: list)
        router.get(SiteURL.serviceApplication(0).pattern, use: show)
        router.get(SiteURL.serviceApplicationFile(0, material: 0).pattern, use: file)
        ServiceStepRoutes(services: services).register(on: router)
        CaseRoutes(module: self).register(on: router)
    }

    // MARK: - Applying

    func applyContext(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, ServiceBundleRow, Bool
    ) {
        let (user, zoneID) = try context.requireZone()
        guard let b = try await ServiceRepository(db: services.database.sql).bundle(id: try request.id(context)),
            b.zoneId == zoneID
        else { throw PageError.notFound }
        let isWindow = Permissions.decide(user, .update, .serviceApply(zoneID: zoneID)) == .allow
        if !isWindow { try context.authorize(.create, .serviceApply(zoneID: zoneID)) }
        return (user, b, isWindow)
    }

    func applyPage(
        _ b: ServiceBundleRow, user: CurrentUser, isWindow: Bool, context: AppRequestContext,
        input: ServiceApplicationInput? = nil, errors: FormErrors = FormErrors()
    ) async throws -> ServiceApplyPage {
        let materials = try await ServiceRepository(db: services.database.sql).materials(bundleID: b.id)
        let held = Dictionary(
            uniqueKeysWithValues: service.requirements(materials, for: isWindow ? nil : user).map {
                ($0.key, $0.filledFrom)
            })
        let channels: [ServiceChannel] = isWindow ? [.window] : [.online, .mobile, .terminal]
        let chosen = input?.channel ?? channels[0].rawValue
        return ServiceApplyPage(
            bundleName: b.name, bundleHref: b.page.path, action: SiteURL.serviceApply(b.id).path,
            csrf: context.csrfToken, isWindow: isWindow,
            channels: channels.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == chosen)
            },
            applicantName: input?.applicantName ?? (isWindow ? "" : user.displayName),
            applicantPhone: input?.applicantPhone ?? "", purpose: input?.purpose ?? "",
            materials: materials.map { m in
                let source = held[String(m.id)] ?? nil
                return ApplyMaterialField(
                    field: "material_\(m.id)", name: m.name, required: m.required,
                    blankHref: m.blankName.map { _ in SiteURL.serviceMaterialFile(m.id, kind: "blank").path },
                    sampleHref: m.sampleName.map { _ in SiteURL.serviceMaterialFile(m.id, kind: "sample").path },
                    exempt: source.map { "免提交：由平台根据\($0.label)自动填写" }, paper: isWindow,
                    error: errors["material_\(m.id)"])
            },
            errors: errors)
    }

    @Sendable func applyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, b, isWindow) = try await applyContext(request, context)
        return try await catalogue.render(
            "services/apply", page: try await applyPage(b, user: user, isWindow: isWindow, context: context),
            context: context, title: "申请：\(b.name)",
            crumbs: [.init(title: b.name, href: b.page.path), .init(title: "申请", href: nil)])
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, b, isWindow) = try await applyContext(request, context)
        let form = try await MultipartForm.from(request, context: context) ?? MultipartForm()
        var input = ServiceApplicationInput(
            channel: form["channel"], applicantName: form["applicant_name"], applicantPhone: form["applicant_phone"],
            purpose: form["purpose"])
        for (name, file) in form.files where name.hasPrefix("material_") && !file.data.isEmpty {
            guard let id = Int64(name.dropFirst("material_".count)) else { continue }
            input.files[id] = file
        }
        for name in form.fields.keys where name.hasPrefix("paper_material_") && form[name] == "1" {
            if let id = Int64(name.dropFirst("paper_material_".count)) { input.paper.insert(id) }
        }
        return try await services.submit(
            {
                let id = try await service.apply(input, bundle: b, user: user)
                return .redirect(
                    to: .serviceApplication(id),
                    flash: Flash(kind: .success, message: "已提交申请，办件编号 \(CaseRow.number(id, prefix: "BJ"))。"))
            },
            refused: { errors in
                try await catalogue.render(
                    "services/apply",
                    page: try await applyPage(
                        b, user: user, isWindow: isWindow, context: context, input: input, errors: errors),
                    context: context, title: "申请：\(b.name)",
                    crumbs: [
                        .init(title: b.name, href: b.page.path), .init(title: "申请", href: nil),
                    ],
                    status: .badRequest)
            })
    }

    // MARK: - Lists and one application

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.services, zoneID: zoneID))
        let scope: ServiceApplicationScope
        let heading: String
        switch user.role {
        case .zoneAdmin, .platformAdmin:
            scope = .zone
            heading = "全部办件"
        case .departmentStaff:
            scope = .department(id: user.departmentID ?? -1, officerID: user.id)
            heading = "本部门办件与我领办的办件"
        default:
            scope = .applicant(userID: user.id)
            heading = "我的办件"
        }
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "service-applications", title: heading,
                headers: ["编号", "事项", "渠道", "状态", "办结时限", "超时", "评价"],
                load: {
                    let paged = try await ServiceApplicationRepository(db: services.database.sql).list(
                        zoneID: zoneID, scope: scope, $0)
                    return (paged.rows.map { ServiceApplicationLine($0, services: services) }, paged.total)
                },
                cells: { [$0.number, $0.title, $0.channel, $0.state, $0.deadline, $0.overdue ? "是" : "否", $0.rating] })
        }
        let pager = try Pager(query: request.uri.queryParameters.get("page"), size: 20)
        let paged = try await ServiceApplicationRepository(db: services.database.sql).list(
            zoneID: zoneID, scope: scope, pager)
        let page = ServiceApplicationsPage(
            heading: heading, lines: paged.rows.map { ServiceApplicationLine($0, services: services) },
            paging: paged.links(.serviceApplications), catalogueHref: SiteURL.module(.services).path,
            exportHref: ListExport.href(request))
        return try await catalogue.render(
            "services/applications", page: page, context: context, title: heading,
            crumbs: [.init(title: heading, href: nil)])
    }

    func load(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        CurrentUser, ServiceCase
    ) {
        let (user, zoneID) = try context.requireZone()
        guard
            let c = try await ServiceApplicationRepository(db: services.database.sql).find(
                caseID: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(action, c.resource)
        return (user, c)
    }

    func showPage(_ page: ServiceApplicationPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await catalogue.render(
            "services/application", page: page, context: context, title: "办件 \(page.number)",
            crumbs: [.init(title: "办件", href: SiteURL.serviceApplications.path), .init(title: page.number, href: nil)],
            status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .view)
        return try await showPage(
            try await ServiceApplicationPage.load(c, user: user, context: context, services: services), context: context
        )
    }

    /// A material handed in: for the applicant and the handlers only, served inert.
    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, c) = try await load(request, context, .view)
        let material = try request.id(context, "material")
        guard
            let f = try await ServiceApplicationRepository(db: services.database.sql).fileContent(
                caseID: c.id, materialID: material)
        else { throw PageError.notFound }
        return .userFile(f.data, filename: f.name)
    }

    // MARK: - The shared rating (CaseModule)

    func rate(_ c: ServiceCase, level: RatingLevel, comment: String, user: CurrentUser) async throws -> Int64? {
        try await service.rate(c, level: level, comment: comment, user: user)
    }

    func rate(_ c: ServiceCase, level: RatingLevel, facets: [RatingFacet: Int], comment: String, user: CurrentUser)
        async throws -> Int64?
    {
        try await service.rate(c, level: level, facets: facets, comment: comment, user: user)
    }

    func showPage(_ c: ServiceCase, user: CurrentUser, context: AppRequestContext, rating: RatingForm) async throws
        -> Response
    {
        var page = try await ServiceApplicationPage.load(c, user: user, context: context, services: services)
        page.panel.refill(rating)
        page.errors = rating.errors
        return try await showPage(page, context: context, status: .badRequest)
    }
}
