import Foundation
import GaoxinCore
import SQLKit

/// 企业诉求 as a list.
struct HelpDemandsPage: Sendable {
    struct Line: Sendable {
        let number: String
        let href: String
        let enterprise: String
        let category: String
        let channel: String
        let text: String
        let state: String
        let department: String
        let deadline: String?
        let overdue: Bool
    }
    let lines: [Line]
    let paging: PageLinks
    let heading: String
    let canFile: Bool
    let newHref = SiteURL.help(.demandNew).path
    var total = 0
    /// This list, every page with the same filter, as CSV.
    var exportHref = ""

    static func load(filter: HelpDemandFilter, user: CurrentUser, pager: Pager, services: AppServices) async throws
        -> HelpDemandsPage
    {
        let db = services.database.sql
        let paged = try await EnterpriseHelpDemandRepository(db: db).page(filter, pager)
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: filter.zoneID)
        let departments = Dictionary(
            try await ZoneRepository(db: db).departments(scope: .zone(filter.zoneID)).map { ($0.id, $0.name) },
            uniquingKeysWith: { a, _ in a })
        let heading =
            user.role == .enterpriseUser ? "本企业的诉求" : filter.departmentID != nil ? "转交本部门的企业诉求" : "全区企业诉求"
        var page = HelpDemandsPage(
            lines: paged.rows.map { d in
                Line(
                    number: d.number, href: SiteURL.help(.demand(d.id)).path,
                    enterprise: names[d.details.enterpriseId] ?? "—", category: d.details.categoryLabel,
                    channel: d.details.channelLabel, text: String(d.details.text.prefix(40)),
                    state: services.cases.stateName(d.caseRow.typeCode, d.caseRow.state),
                    department: d.details.departmentId.flatMap { departments[$0] } ?? "待分办",
                    deadline: d.caseRow.closedAt == nil ? d.caseRow.deadlineText : nil, overdue: d.caseRow.everOverdue)
            }, paging: paged.links(.help(.demands), query: filter.state.map { [("state", $0)] } ?? []),
            heading: heading,
            canFile: Permissions.decide(
                user, .create, .helpDemandFile(zoneID: filter.zoneID, enterpriseID: user.enterpriseID ?? 0)) == .allow)
        page.total = paged.total
        return page
    }
}

/// The new-demand form: an enterprise files for itself; staff pick the enterprise and the channel.
struct HelpDemandNewPage: Sendable {
    struct Form: Sendable {
        var enterprise = ""
        var category = ""
        var text = ""
        var channel = ""
    }
    let form: Form
    let forOthers: Bool
    let enterprises: [SelectOption]
    let categories: [SelectOption]
    let channels: [SelectOption]
    let action = SiteURL.help(.demandNew).path
    let csrf: String
    var errors = FormErrors()

    static func load(zoneID: Int64, user: CurrentUser, form: Form, csrf: String, db: any SQLDatabase) async throws
        -> HelpDemandNewPage
    {
        let forOthers = user.role != .enterpriseUser
        let names = forOthers ? try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: zoneID) : [:]
        return HelpDemandNewPage(
            form: form, forOthers: forOthers,
            enterprises: helpOptions(
                names.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, selected: form.enterprise),
            categories: [SelectOption(value: "", label: "请选择", selected: form.category.isEmpty)]
                + DemandCategory.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.category)
                },
            channels: [DemandChannel.hotline, .meeting].map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.channel)
            }, csrf: csrf)
    }
}

/// One demand: its facts, answer, progress notes, the steps the viewer may take, and the shared panel.
struct HelpDemandPage: Sendable {
    struct Note: Sendable {
        let at: String
        let who: String
        let text: String
    }
    struct Step: Sendable {
        let code: String
        let name: String
        let needsDepartment: Bool
        let needsNote: Bool
    }
    let number: String
    let demand: HelpDemandRow
    let categoryLabel: String
    let channelLabel: String
    let enterprise: String
    let state: String
    let department: String
    let deadline: String?
    let overdue: Bool
    let escalated: Bool
    let openedAt: String
    let notes: [Note]
    let steps: [Step]
    let departments: [SelectOption]
    let canNote: Bool
    let stepAction: String
    let noteAction: String
    let visitHref: String?
    var panel: CasePanel
    let csrf: String
    var errors = FormErrors()
    var noteText = ""

    static func load(_ d: HelpDemand, user: CurrentUser, context: AppRequestContext, services: AppServices) async throws
        -> HelpDemandPage
    {
        let db = services.database.sql
        let record = try d.caseRow.record()
        let departments = try await ZoneRepository(db: db).departments(scope: .zone(d.caseRow.zoneId))
        let departmentName = Dictionary(departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let repo = EnterpriseHelpDemandRepository(db: db)
        let notes = try await repo.notes(caseID: d.id)
        let who = try await repo.userNames(notes.map(\.userId))
        let mayUpdate = Permissions.decide(user, .update, d.resource) == .allow
        let mayRoute = Permissions.decide(user, .update, .enterpriseHelp(zoneID: d.caseRow.zoneId)) == .allow
        let steps = services.cases.engine.transitions(availableTo: user.role, on: record).filter {
            $0.code == "route" ? mayRoute : mayUpdate
        }.map {
            Step(code: $0.code, name: $0.name, needsDepartment: $0.requiresAssignee, needsNote: $0.requiresNote)
        }
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: d.caseRow.zoneId)
        return HelpDemandPage(
            number: d.number, demand: d.details, categoryLabel: d.details.categoryLabel,
            channelLabel: d.details.channelLabel, enterprise: names[d.details.enterpriseId] ?? "—",
            state: services.cases.stateName(d.caseRow.typeCode, d.caseRow.state),
            department: d.details.departmentId.flatMap { departmentName[$0] } ?? "待分办",
            deadline: d.caseRow.closedAt == nil ? d.caseRow.deadlineText : nil, overdue: d.caseRow.everOverdue,
            escalated: d.caseRow.escalatedTo != nil, openedAt: DisplayTime.format(d.caseRow.openedAt),
            notes: notes.map { Note(at: DisplayTime.format($0.createdAt), who: who[$0.userId] ?? "—", text: $0.note) },
            steps: steps,
            departments: helpOptions(departments.map { ($0.id, $0.name) }, selected: ""),
            canNote: mayUpdate && user.role != .enterpriseUser && d.caseRow.closedAt == nil,
            stepAction: SiteURL.help(.demandStep(d.id)).path, noteAction: SiteURL.help(.demandNote(d.id)).path,
            visitHref: d.details.visitId.map { SiteURL.help(.visit($0)).path },
            panel: try await CasePanel.load(
                d.caseRow, kind: EnterpriseHelpDemandRoutes.kind, user: user, services: services,
                csrf: context.csrfToken,
                assigneeLabel: { a in CaseIDs.departmentID(a).flatMap { departmentName[$0] } }),
            csrf: context.csrfToken)
    }
}
