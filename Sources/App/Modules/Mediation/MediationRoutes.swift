import Foundation
import GaoxinCore
import Hummingbird

/// 共享法庭 (`/m/mediation`): the list (the office's whole docket; a party's own cases), filing, one
/// case with the 庭务主任's steps, the parties' confirmation, evidence, the printable agreement, and
/// 司法建议 letters with the enterprise's reply.
struct MediationRoutes {
    let services: AppServices
    var service: MediationService { MediationService(services: services) }
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.mediation).pattern, use: list)
        router.get(SiteURL.mediationPath(.cases).pattern, use: list)
        router.get(SiteURL.mediationPath(.caseNew).pattern, use: newForm)
        router.post(SiteURL.mediationPath(.caseNew).pattern, use: create)
        router.get(SiteURL.mediationPath(.show(0)).pattern, use: show)
        router.post(SiteURL.mediationPath(.step(0)).pattern, use: step)
        router.post(SiteURL.mediationPath(.confirm(0)).pattern, use: confirm)
        router.post(SiteURL.mediationPath(.evidence(0)).pattern, use: evidence)
        router.get(SiteURL.mediationPath(.evidenceFile(0, file: 0)).pattern, use: evidenceFile)
        router.get(SiteURL.mediationPath(.agreement(0)).pattern, use: agreement)
        router.get(SiteURL.mediationPath(.letters).pattern, use: letters)
        router.post(SiteURL.mediationPath(.letterReply(0)).pattern, use: reply)
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.mediation).path,
            breadcrumbs: [.init(title: "矛盾调解", href: SiteURL.module(.mediation).path), .init(title: title, href: nil)],
            status: status)
    }

    func zone(_ context: AppRequestContext, _ action: Action = .view) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(action, .mediation(zoneID: zoneID))
        return (user, zoneID)
    }

    static func isOffice(_ user: CurrentUser) -> Bool {
        user.role == .zoneAdmin || user.role == .departmentStaff || user.role == .platformAdmin
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try zone(context)
        try await services.checkOverdue(zoneID: zoneID)
        let office = Self.isOffice(user)
        let load = { (pager: Pager) in
            let paged = try await MediationRepository(db: db.sql).page(
                zoneID: zoneID, partyUserID: office ? nil : user.id,
                partyEnterpriseID: office ? nil : (user.role == .enterpriseUser ? user.enterpriseID : nil), pager)
            return (
                try await MediationListPage.load(paged, zoneID: zoneID, office: office, services: services), paged.total
            )
        }
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "mediation", title: "调解案件", headers: ["编号", "类型", "当事人", "状态", "目标时限", "结果"],
                load: {
                    let (m, total) = try await load($0)
                    return (m.lines, total)
                },
                cells: { [$0.number, $0.kind, $0.parties, $0.state, $0.target, $0.outcome] })
        }
        var (page, _) = try await load(try Pager(query: request.uri.queryParameters.get("page"), size: 30))
        page.exportHref = ListExport.href(request)
        return try await render("mediation/list", page: page, context: context, title: "共享法庭在线调解")
    }

    func newPage(
        _ f: MediationService.Filing, user: CurrentUser, context: AppRequestContext, errors: FormErrors = FormErrors()
    ) async throws -> Response {
        let page = MediationNewPage(
            form: f, selfFiled: user.role == .enterpriseUser || user.role == .resident,
            kinds: DisputeKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == f.kind)
            },
            csrf: context.csrfToken, errors: errors)
        return try await render(
            "mediation/new", page: page, context: context, title: "申请调解", status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, _) = try zone(context, .create)
        var f = MediationService.Filing()
        f.event = request.uri.queryParameters.get("event").map { String($0) } ?? ""
        return try await newPage(f, user: user, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try zone(context, .create)
        let form = try await FormData.from(request, context: context)
        let f = MediationService.Filing(
            kind: form["kind"], claim: form["claim"], amount: form["amount"], applicantName: form["applicant"],
            respondentName: form["respondent"], respondentCode: form["respondent_code"], event: form["event"])
        return try await services.submit(
            {
                let id = try await service.file(f, zoneID: zoneID, user: user)
                // A grid worker hands the dispute over and does not follow the case itself.
                let next: SiteURL = user.role == .gridWorker ? .mediationPath(.caseNew) : .mediationPath(.show(id))
                return .redirect(
                    to: next,
                    flash: Flash(
                        kind: .success, message: "调解申请已提交（编号 \(CaseRow.number(id, prefix: "TJ"))），目标 1 个工作日内办结。"))
            }, refused: { errors in try await newPage(f, user: user, context: context, errors: errors) })
    }

    func load(_ request: Request, _ context: AppRequestContext, _ action: Action = .view) async throws -> (
        CurrentUser, MediationCase
    ) {
        let (user, zoneID) = try context.requireZone()
        guard let m = try await MediationRepository(db: db.sql).find(caseID: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(action, m.resource)
        return (user, m)
    }

    func showPage(_ m: MediationCase, user: CurrentUser, context: AppRequestContext, errors: FormErrors = FormErrors())
        async throws -> Response
    {
        var page = try await MediationCasePage.load(m, user: user, csrf: context.csrfToken, services: services)
        page.errors = errors
        return try await render(
            "mediation/show", page: page, context: context, title: "调解 \(m.number)",
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await load(request, context)
        return try await showPage(m, user: user, context: context)
    }

    @Sendable func step(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await load(request, context, .update)
        guard Self.isOffice(user) else { throw PageError.forbidden }
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                let input = MediationService.StepInput(
                    sessionAt: form["session_at"], sessionLink: form["session_link"],
                    participants: form["participants"],
                    agreement: form["agreement"], agreementAmount: form["agreement_amount"],
                    agreementDeadline: form["agreement_deadline"], reason: form["reason"])
                let message = try await service.step(m, transition: form["transition"], form: input, user: user)
                return .redirect(to: .mediationPath(.show(m.id)), flash: Flash(kind: .success, message: message))
            }, refused: { errors in try await showPage(m, user: user, context: context, errors: errors) })
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        return try await services.act(returningTo: .mediationPath(.show(m.id))) {
            try await service.confirm(m, partyID: EnterpriseHelpService.id(form["party"]), user: user)
        }
    }

    @Sendable func evidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await load(request, context, .update)
        let form = try await MultipartForm.from(request, context: context)
        return try await services.submit(
            {
                try await service.addEvidence(m, file: form?.files["evidence"], user: user)
                return .redirect(to: .mediationPath(.show(m.id)), flash: Flash(kind: .success, message: "已上传证据材料。"))
            }, refused: { errors in try await showPage(m, user: user, context: context, errors: errors) })
    }

    @Sendable func evidenceFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, m) = try await load(request, context)
        guard
            let file = try await MediationRepository(db: db.sql).evidenceFile(
                id: try request.id(context, "file"), caseID: m.id, zoneID: m.caseRow.zoneId)
        else { throw PageError.notFound }
        return .userFile(file.data, filename: file.name)
    }

    /// The agreement as a one-page document, once recorded.
    @Sendable func agreement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await load(request, context)
        guard m.details.agreement != nil else { throw PageError.notFound }
        let page = try await MediationCasePage.load(m, user: user, csrf: context.csrfToken, services: services)
        return try await render("mediation/agreement", page: page, context: context, title: "调解协议书 \(m.number)")
    }

    @Sendable func letters(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        let office = Self.isOffice(user)
        if !office {
            guard user.role == .enterpriseUser, let e = user.enterpriseID else { throw PageError.forbidden }
            try context.authorize(.view, .mediationLetter(zoneID: zoneID, enterpriseID: e))
        } else {
            try context.authorize(.view, .mediation(zoneID: zoneID))
        }
        let rows = try await MediationRepository(db: db.sql).letters(
            zoneID: zoneID, enterpriseID: office ? nil : user.enterpriseID)
        let page = try await MediationLettersPage.load(
            rows, zoneID: zoneID, canReply: !office, csrf: context.csrfToken, db: db.sql)
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "judicial-letters", title: "司法建议", headers: ["企业", "类型", "发出日期", "纠纷规律", "司法建议", "企业回复"],
                rows: page.lines,
                cells: { [$0.enterprise, $0.kind, $0.sentOn, $0.pattern, $0.letter, $0.reply ?? "待企业回复"] })
        }
        return try await render("mediation/letters", page: page, context: context, title: "司法建议")
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        guard let l = try await MediationRepository(db: db.sql).letter(id: try request.id(context), zoneID: zoneID)
        else {
            throw PageError.notFound
        }
        try context.authorize(.update, .mediationLetter(zoneID: zoneID, enterpriseID: l.enterpriseId))
        guard user.role == .enterpriseUser else { throw PageError.forbidden }
        let form = try await FormData.from(request, context: context)
        return try await services.act(returningTo: .mediationPath(.letters)) {
            try await service.reply(l, text: form["reply"], user: user)
            return "已回复司法建议。"
        }
    }
}
