import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// One month of the dispatch list as the page, the bulletin and the API read it: each item with
/// its report (or the last one before), its standing against the time share, and its unit.
struct DispatchMonthReport: Sendable {
    struct Line: Sendable {
        let item: DispatchItemRow
        let department: String
        let report: DispatchReportRow?
        let earlier: Int
        let standing: DispatchStanding
    }
    let month: DispatchMonth
    let lines: [Line]

    static func load(items: [DispatchItemRow], zoneID: Int64, month: DispatchMonth, db: any SQLDatabase) async throws
        -> DispatchMonthReport
    {
        let repo = InvestmentDispatchRepository(db: db)
        let ids = items.map(\.id)
        let reports = try await repo.reports(itemIDs: ids, month: month.description)
        let earlier = try await repo.earlierProgress(itemIDs: ids, year: month.year, before: month.description)
        let departments = Dictionary(
            try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map { ($0.id, $0.name) },
            uniquingKeysWith: { a, _ in a })
        return DispatchMonthReport(
            month: month,
            lines: items.map { item in
                Line(
                    item: item, department: departments[item.departmentId] ?? "—", report: reports[item.id],
                    earlier: earlier[item.id] ?? 0, standing: month.standing(reported: reports[item.id]?.progress))
            })
    }

    /// The month the pages open on: the last one before the 10th (reports come in at the month's
    /// end), this one after.
    static func defaultMonth(today: Day = Clock.today) -> DispatchMonth {
        let this = DispatchMonth(today)
        return today.day <= 10 ? this.previous : this
    }

    static func month(_ text: String?) throws -> DispatchMonth {
        guard let text, !text.isEmpty else { return defaultMonth() }
        guard let month = DispatchMonth(text) else { throw Refusal("month", "月份格式应为 YYYY-MM") }
        return month
    }

    var ranking: [DispatchOwnerRank] {
        month.rankOwners(
            lines.map { DispatchLine(owner: $0.department, reported: $0.report?.progress, earlier: $0.earlier) })
    }
}

/// 一月一调度: the month's list (a department sees its own projects first-hand and reports on them),
/// the 督办 form for late ones, and a new project for the list.
struct DispatchPage: Sendable {
    struct Line: Sendable {
        let id: Int64
        let name: String
        let kind: String
        let department: String
        let plan: String
        let progress: String
        let invested: String
        let note: String
        let standing: String
        let late: Bool
        let canReport: Bool
        let reportAction: String
        let projectHref: String?
    }
    var errors = FormErrors()
    let month: String
    let monthLabel: String
    let expected: Int
    let previousHref: String
    let nextHref: String?
    let bulletinHref: String
    let lines: [Line]
    let total: Int
    let paging: PageLinks
    var exportHref = ""
    let lateOptions: [SelectOption]
    let canEscalate: Bool
    let escalateAction: String
    let canAdd: Bool
    let addAction: String
    let kinds: [SelectOption]
    let departments: [SelectOption]
    let year: Int
    let today: String
    let csrf: String

    static func load(
        user: CurrentUser, zoneID: Int64, month: DispatchMonth, pager: Pager, csrf: String,
        db: any SQLDatabase
    ) async throws -> DispatchPage {
        let repo = InvestmentDispatchRepository(db: db)
        let paged = try await repo.items(zoneID: zoneID, year: month.year, departmentID: nil, pager)
        let report = try await DispatchMonthReport.load(items: paged.rows, zoneID: zoneID, month: month, db: db)
        let lines = report.lines.map { l in
            Line(
                id: l.item.id, name: l.item.name, kind: l.item.kindValue.label, department: l.department,
                plan: "\(l.item.annualPlan) 万元",
                progress: l.report.map { "\($0.progress)%" } ?? "未报送（此前 \(l.earlier)%）",
                invested: l.report.map { "\($0.invested) 万元" } ?? "—", note: l.report?.note ?? "",
                standing: l.standing.label, late: l.standing.isLate,
                canReport: Permissions.decide(
                    user, .update, .investmentDispatch(zoneID: zoneID, departmentID: l.item.departmentId)) == .allow,
                reportAction: SiteURL.investmentDispatchReport(l.item.id).path,
                projectHref: l.item.projectId.map { SiteURL.investmentProject($0).path })
        }
        let nextMonth = DispatchMonth(
            year: month.month == 12 ? month.year + 1 : month.year, month: month.month % 12 + 1)
        let departments = try await ZoneRepository(db: db).departments(scope: .zone(zoneID))
        return DispatchPage(
            month: month.description, monthLabel: month.label, expected: month.expectedProgress,
            previousHref: SiteURL.investmentDispatch.with(query: [("month", month.previous.description)]),
            nextHref: nextMonth.flatMap {
                $0.description <= DispatchMonth(Clock.today).description
                    ? SiteURL.investmentDispatch.with(query: [("month", $0.description)]) : nil
            },
            bulletinHref: SiteURL.investmentBulletin.with(query: [("month", month.description)]), lines: lines,
            total: paged.total, paging: paged.links(.investmentDispatch, query: [("month", month.description)]),
            lateOptions: report.lines.filter(\.standing.isLate).map {
                SelectOption(value: String($0.item.id), label: "\($0.item.name)（\($0.department)）", selected: false)
            },
            canEscalate: Permissions.decide(user, .administer, .investmentDispatch(zoneID: zoneID, departmentID: nil))
                == .allow,
            escalateAction: SiteURL.investmentDispatchEscalations.path,
            canAdd: Permissions.decide(user, .create, .investmentDispatch(zoneID: zoneID, departmentID: nil)) == .allow,
            addAction: SiteURL.investmentDispatch.path,
            kinds: DispatchKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            departments: departments.map { SelectOption(value: String($0.id), label: $0.name, selected: false) },
            year: month.year, today: Clock.today.description, csrf: csrf)
    }
}

/// 一月一通报: the printable bulletin of the month — totals, the units ranked, the late projects and
/// the month's 督办 with their 约谈.
struct DispatchBulletinPage: Sendable {
    struct Rank: Sendable {
        let rank: Int
        let owner: String
        let projects: Int
        let averageProgress: Int
        let gap: String
        let late: Int
        let unreported: Int
    }
    struct Late: Sendable {
        let name: String
        let department: String
        let progress: String
        let standing: String
    }
    struct Escalation: Sendable {
        let name: String
        let reason: String
        let interviewOn: String
        let interviewee: String
        let outcome: String
    }
    let zoneName: String
    let monthLabel: String
    let expected: Int
    let total: Int
    let keyProjects: Int
    let livelihood: Int
    let onPace: Int
    let behind: Int
    let unreported: Int
    let invested: String
    let planned: String
    let ranks: [Rank]
    let late: [Late]
    let escalations: [Escalation]
    let dispatchHref: String

    static func load(zoneID: Int64, zoneName: String, month: DispatchMonth, db: any SQLDatabase) async throws
        -> DispatchBulletinPage
    {
        let repo = InvestmentDispatchRepository(db: db)
        let items = try await repo.allItems(zoneID: zoneID, year: month.year)
        let report = try await DispatchMonthReport.load(items: items, zoneID: zoneID, month: month, db: db)
        let names = Dictionary(items.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let lines = report.lines
        return DispatchBulletinPage(
            zoneName: zoneName, monthLabel: month.label, expected: month.expectedProgress, total: lines.count,
            keyProjects: lines.filter { $0.item.kindValue == .keyProject }.count,
            livelihood: lines.filter { $0.item.kindValue == .livelihood }.count,
            onPace: lines.filter { $0.standing == .onPace }.count,
            behind: lines.filter { $0.standing == .behind }.count,
            unreported: lines.filter { $0.standing == .unreported }.count,
            invested: Self.yi(lines.compactMap { $0.report?.invested }.reduce(0, +)),
            planned: Self.yi(items.map(\.annualPlan).reduce(0, +)),
            ranks: report.ranking.map {
                Rank(
                    rank: $0.rank, owner: $0.owner, projects: $0.projects, averageProgress: $0.averageProgress,
                    gap: $0.gap >= 0 ? "+\($0.gap)" : String($0.gap), late: $0.late, unreported: $0.unreported)
            },
            late: lines.filter(\.standing.isLate).map {
                Late(
                    name: $0.item.name, department: $0.department,
                    progress: $0.report.map { "\($0.progress)%" } ?? "未报送（此前 \($0.earlier)%）",
                    standing: $0.standing.label)
            },
            escalations: try await repo.escalations(zoneID: zoneID, month: month.description).map {
                Escalation(
                    name: names[$0.itemId] ?? "—", reason: $0.reason, interviewOn: $0.interviewOn,
                    interviewee: $0.interviewee, outcome: $0.outcome)
            },
            dispatchHref: SiteURL.investmentDispatch.with(query: [("month", month.description)]))
    }

    /// 万元 as 亿元 with two decimals, as bulletins state money.
    static func yi(_ wan: Int64) -> String { String(format: "%.2f 亿元", Double(wan) / 10_000) }
}

struct InvestmentDispatchRoutes {
    let services: AppServices
    var investment: InvestmentRoutes { InvestmentRoutes(services: services) }
    var service: InvestmentService { InvestmentService(database: services.database) }
    var db: any SQLDatabase { services.database.sql }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.investmentDispatch.pattern, use: list)
        router.post(SiteURL.investmentDispatch.pattern, use: add)
        router.post(SiteURL.investmentDispatchReport(0).pattern, use: report)
        router.post(SiteURL.investmentDispatchEscalations.pattern, use: escalate)
        router.get(SiteURL.investmentBulletin.pattern, use: bulletin)
    }

    func page(
        _ user: CurrentUser, _ zoneID: Int64, month: DispatchMonth, query: String?, errors: FormErrors,
        context: AppRequestContext
    ) async throws -> Response {
        var page = try await DispatchPage.load(
            user: user, zoneID: zoneID, month: month, pager: try Pager(query: query, size: 50),
            csrf: context.csrfToken, db: db)
        page.errors = errors
        page.exportHref = SiteURL.investmentDispatch.with(query: [("month", month.description), ("format", "csv")])
        return try await investment.render("investment/dispatch", page: page, context: context, title: "重点项目调度")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        let q = request.uri.queryParameters
        if ListExport.isRequested(request) {
            let month = try DispatchMonthReport.month(q.get("month"))
            return try await ListExport.csv(
                filename: "dispatch-\(month.description)", title: month.label + "调度清单",
                headers: ["项目", "类别", "责任单位", "年度计划投资", "累计形象进度", "累计完成投资", "状态", "进展情况"],
                load: {
                    let m = try await DispatchPage.load(
                        user: user, zoneID: zoneID, month: month, pager: $0, csrf: "", db: db)
                    return (m.lines, m.total)
                },
                cells: { [$0.name, $0.kind, $0.department, $0.plan, $0.progress, $0.invested, $0.standing, $0.note] })
        }
        return try await page(
            user, zoneID, month: try DispatchMonthReport.month(q.get("month")), query: q.get("page"),
            errors: FormErrors(),
            context: context)
    }

    /// After a write, back to the month it was about.
    func done(_ month: String, _ message: String) -> Response {
        let month = DispatchMonth(month)?.description ?? DispatchMonthReport.defaultMonth().description
        return .redirect(
            to: SiteURL.investmentDispatch.with(query: [("month", month)]),
            flash: Flash(kind: .success, message: message))
    }

    func refused(_ user: CurrentUser, _ zoneID: Int64, _ month: String, _ context: AppRequestContext)
        -> (FormErrors) async throws -> Response
    {
        { errors in
            try await page(
                user, zoneID, month: DispatchMonth(month) ?? DispatchMonthReport.defaultMonth(), query: nil,
                errors: errors,
                context: context)
        }
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        try context.authorize(.create, .investmentDispatch(zoneID: zoneID, departmentID: nil))
        let f = try await FormData.from(request, context: context)
        let form = InvestmentService.DispatchItemForm(
            year: f["year"], kind: f["kind"], name: f["name"], project: f["project"], department: f["department"],
            annualPlan: f["annual_plan"])
        let month = f["month"]
        return try await services.submit(
            {
                _ = try await service.addDispatchItem(form, user: user, zoneID: zoneID)
                return done(month, "已列入调度清单。")
            }, refused: refused(user, zoneID, month, context))
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        guard
            let item = try await InvestmentDispatchRepository(db: db).item(id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(.update, .investmentDispatch(zoneID: zoneID, departmentID: item.departmentId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.reportDispatch(
                    item, month: f["month"], progress: f["progress"], invested: f["invested"], note: f["note"],
                    user: user)
                return done(f["month"], "已报送“\(item.name)”的进度。")
            }, refused: refused(user, zoneID, f["month"], context))
    }

    @Sendable func escalate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        try context.authorize(.administer, .investmentDispatch(zoneID: zoneID, departmentID: nil))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                guard let id = Int64(f["item"]), id > 0,
                    let item = try await InvestmentDispatchRepository(db: db).item(id: id, zoneID: zoneID)
                else { throw Refusal("item", "请选择本月滞后的项目") }
                try await service.escalate(
                    item, month: f["month"], reason: f["reason"], interviewOn: f["interview_on"],
                    interviewee: f["interviewee"], outcome: f["outcome"], user: user)
                return done(f["month"], "已记录督办与约谈。")
            }, refused: refused(user, zoneID, f["month"], context))
    }

    @Sendable func bulletin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try investment.viewer(context)
        let month = try DispatchMonthReport.month(request.uri.queryParameters.get("month"))
        let zone = try await ZoneRepository(db: db).zone(id: zoneID)
        let page = try await DispatchBulletinPage.load(zoneID: zoneID, zoneName: zone?.name ?? "", month: month, db: db)
        return try await investment.render(
            "investment/bulletin", page: page, context: context, title: "重点项目调度通报（\(month.label)）")
    }
}
