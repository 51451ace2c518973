import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 现场办公会 (光华's monthly on-site meeting): the meetings, one meeting with its problem list (each
/// problem a demand routed to its owner department at once) and the results notice.
struct EnterpriseHelpMeetingRoutes {
    let services: AppServices
    var help: EnterpriseHelpRoutes { EnterpriseHelpRoutes(services: services) }
    var service: EnterpriseHelpService { EnterpriseHelpService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.help(.meetings).pattern, use: list)
        router.post(SiteURL.help(.meetings).pattern, use: create)
        router.get(SiteURL.help(.meeting(0)).pattern, use: show)
        router.post(SiteURL.help(.meetingProblems(0)).pattern, use: addProblem)
        router.post(SiteURL.help(.meetingNotice(0)).pattern, use: notice)
    }

    func listPage(zoneID: Int64, user: CurrentUser, context: AppRequestContext, errors: FormErrors = FormErrors())
        async throws -> Response
    {
        let rows = try await EnterpriseHelpFinanceRepository(db: services.database.sql).meetings(zoneID: zoneID)
        let page = HelpMeetingsPage(
            lines: rows.map {
                .init(title: $0.title, heldOn: $0.heldOn, place: $0.place, href: SiteURL.help(.meeting($0.id)).path)
            },
            canEdit: Permissions.decide(user, .update, .enterpriseHelp(zoneID: zoneID)) == .allow,
            action: SiteURL.help(.meetings).path, csrf: context.csrfToken, errors: errors)
        return try await help.render(
            "enterprise-help/meetings", page: page, context: context, title: "现场办公会",
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        return try await listPage(zoneID: zoneID, user: user, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        try context.authorize(.update, .enterpriseHelp(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                let id = try await service.addMeeting(
                    title: f["title"], heldOn: f["held_on"], place: f["place"], zoneID: zoneID, user: user)
                return .redirect(to: .help(.meeting(id)), flash: Flash(kind: .success, message: "已登记现场办公会。"))
            }, refused: { errors in try await listPage(zoneID: zoneID, user: user, context: context, errors: errors) })
    }

    func loaded(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, HelpMeetingRow) {
        let (user, zoneID) = try help.viewer(context)
        guard
            let m = try await EnterpriseHelpFinanceRepository(db: services.database.sql).meeting(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        return (user, m)
    }

    func page(_ m: HelpMeetingRow, user: CurrentUser, context: AppRequestContext, errors: FormErrors = FormErrors())
        async throws -> Response
    {
        let db = services.database.sql
        let ids = try await EnterpriseHelpFinanceRepository(db: db).problems(meetingID: m.id)
        var demands: [HelpDemand] = []
        for id in ids {
            if let d = try await EnterpriseHelpDemandRepository(db: db).find(caseID: id, zoneID: m.zoneId) {
                demands.append(d)
            }
        }
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: m.zoneId)
        let departments = try await ZoneRepository(db: db).departments(scope: .zone(m.zoneId))
        let departmentName = Dictionary(departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let solved = demands.filter { $0.caseRow.closedAt != nil }.count
        let page = HelpMeetingPage(
            meeting: m,
            problems: demands.map { d in
                .init(
                    number: d.number, href: SiteURL.help(.demand(d.id)).path,
                    enterprise: names[d.details.enterpriseId] ?? "—",
                    text: d.details.text, owner: d.details.departmentId.flatMap { departmentName[$0] } ?? "—",
                    state: services.cases.stateName(d.caseRow.typeCode, d.caseRow.state), overdue: d.caseRow.everOverdue
                )
            },
            summary: "问题 \(demands.count) 个，已解决 \(solved) 个，办理中 \(demands.count - solved) 个。",
            canEdit: Permissions.decide(user, .update, .enterpriseHelp(zoneID: m.zoneId)) == .allow,
            enterprises: helpOptions(names.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, selected: ""),
            categories: DemandCategory.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: false)
            },
            departments: helpOptions(departments.map { ($0.id, $0.name) }, selected: ""),
            problemAction: SiteURL.help(.meetingProblems(m.id)).path,
            noticeAction: SiteURL.help(.meetingNotice(m.id)).path,
            csrf: context.csrfToken, errors: errors)
        return try await help.render(
            "enterprise-help/meeting", page: page, context: context, title: m.title,
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await loaded(request, context)
        return try await page(m, user: user, context: context)
    }

    @Sendable func addProblem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await loaded(request, context)
        try context.authorize(.update, .enterpriseHelp(zoneID: m.zoneId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                let id = try await service.addProblem(
                    m, enterprise: f["enterprise"], category: f["category"], text: f["demand_text"],
                    department: f["department"], user: user)
                return .redirect(
                    to: .help(.meeting(m.id)),
                    flash: Flash(kind: .success, message: "已列入问题清单（\(CaseRow.number(id, prefix: "SQ"))），已交责任部门办理。"))
            }, refused: { errors in try await page(m, user: user, context: context, errors: errors) })
    }

    @Sendable func notice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await loaded(request, context)
        try context.authorize(.update, .enterpriseHelp(zoneID: m.zoneId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.publishNotice(m, notice: f["notice"], user: user)
                return .redirect(to: .help(.meeting(m.id)), flash: Flash(kind: .success, message: "已发布结果通报。"))
            }, refused: { errors in try await page(m, user: user, context: context, errors: errors) })
    }
}

/// The meetings.
struct HelpMeetingsPage: Sendable {
    struct Line: Sendable {
        let title: String
        let heldOn: String
        let place: String
        let href: String
    }
    let lines: [Line]
    let canEdit: Bool
    let action: String
    let csrf: String
    let errors: FormErrors
}

/// One meeting with its problem list and results notice.
struct HelpMeetingPage: Sendable {
    struct Problem: Sendable {
        let number: String
        let href: String
        let enterprise: String
        let text: String
        let owner: String
        let state: String
        let overdue: Bool
    }
    let meeting: HelpMeetingRow
    let problems: [Problem]
    let summary: String
    let canEdit: Bool
    let enterprises: [SelectOption]
    let categories: [SelectOption]
    let departments: [SelectOption]
    let problemAction: String
    let noticeAction: String
    let csrf: String
    let errors: FormErrors
}
