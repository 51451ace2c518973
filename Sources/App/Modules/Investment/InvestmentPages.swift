import Foundation
import GaoxinCore
import SQLKit

/// Names a project line shows (parks, chains, staff), read once per page.
struct InvestmentNames: Sendable {
    let parks: [Int64: String]
    let chains: [Int64: String]
    let staff: [Int64: String]

    static func load(zoneID: Int64, db: any SQLDatabase) async throws -> InvestmentNames {
        let repo = InvestmentRepository(db: db)
        let parks = try await ZoneRepository(db: db).parks(zoneID: zoneID)
        return InvestmentNames(
            parks: Dictionary(uniqueKeysWithValues: parks.map { ($0.id, $0.name) }),
            chains: Dictionary(uniqueKeysWithValues: try await repo.chains(zoneID: zoneID).map { ($0.id, $0.name) }),
            staff: Dictionary(uniqueKeysWithValues: try await repo.staff(zoneID: zoneID)))
    }

    func options(_ names: [Int64: String], selected: Int64?, none: String) -> [SelectOption] {
        [SelectOption(value: "", label: none, selected: selected == nil)]
            + names.sorted { $0.key < $1.key }.map {
                SelectOption(value: String($0.key), label: $0.value, selected: $0.key == selected)
            }
    }
}

/// One line of the pipeline.
struct ProjectLine: Sendable {
    let id: Int64
    let href: String
    let name: String
    let investor: String
    let origin: String
    let park: String
    let chain: String
    let stage: String
    let stageOn: String
    let planned: String

    init(_ p: InvestProjectRow, names: InvestmentNames) {
        id = p.id
        href = SiteURL.investmentProject(p.id).path
        name = p.name
        investor = p.investor
        origin = "\(p.originProvince) \(p.originCity)"
        park = p.parkId.flatMap { names.parks[$0] } ?? "—"
        chain = p.chainId.flatMap { names.chains[$0] } ?? "—"
        stage = p.stageValue.label
        stageOn = p.stageOn
        planned = TargetProgress.amountText(p.plannedInvestment, kind: .fundsInPlace)
    }
}

/// 招商项目: the zone's pipeline a page at a time, filtered by stage, park and chain.
struct ProjectListPage: Sendable {
    let stages: [SelectOption]
    let parks: [SelectOption]
    let chains: [SelectOption]
    let projects: [ProjectLine]
    let total: Int
    let paging: PageLinks
    let canCreate: Bool
    let newHref: String
    /// This list, every page with the same filters, as CSV.
    var exportHref = ""

    static func load(user: CurrentUser, zoneID: Int64, filter: ProjectFilter, pager: Pager, db: any SQLDatabase)
        async throws -> ProjectListPage
    {
        let names = try await InvestmentNames.load(zoneID: zoneID, db: db)
        let paged = try await InvestmentRepository(db: db).projects(zoneID: zoneID, filter: filter, pager)
        return ProjectListPage(
            stages: [SelectOption(value: "", label: "全部阶段", selected: filter.stage == nil)]
                + ProjectStage.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filter.stage)
                },
            parks: names.options(names.parks, selected: filter.parkID, none: "全部园区"),
            chains: names.options(names.chains, selected: filter.chainID, none: "全部产业链"),
            projects: paged.rows.map { ProjectLine($0, names: names) }, total: paged.total,
            paging: paged.links(
                .investmentProjects,
                query: [
                    ("stage", filter.stage?.rawValue ?? ""), ("park", filter.parkID.map(String.init) ?? ""),
                    ("chain", filter.chainID.map(String.init) ?? ""),
                ]),
            canCreate: Permissions.decide(user, .create, .investment(zoneID: zoneID)) == .allow,
            newHref: SiteURL.investmentProjectNew.path)
    }
}

/// 登记招商项目.
struct ProjectNewPage: Sendable {
    var errors = FormErrors()
    var form: InvestmentService.ProjectForm
    let parks: [SelectOption]
    let chains: [SelectOption]
    let officers: [SelectOption]
    let stages: [SelectOption]
    let action: String
    let csrf: String

    static func load(zoneID: Int64, form: InvestmentService.ProjectForm, csrf: String, db: any SQLDatabase)
        async throws -> ProjectNewPage
    {
        let names = try await InvestmentNames.load(zoneID: zoneID, db: db)
        return ProjectNewPage(
            form: form, parks: names.options(names.parks, selected: Int64(form.park), none: "（未定）"),
            chains: names.options(names.chains, selected: Int64(form.chain), none: "（不在重点产业链上）"),
            officers: names.options(names.staff, selected: Int64(form.officer), none: "（未指定）"),
            stages: [ProjectStage.lead, .talks].map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.stage)
            },
            action: SiteURL.investmentProjectNew.path, csrf: csrf)
    }
}

/// One project: its data, dated stage history, funds in place by month, and the forms that move it.
struct ProjectPage: Sendable {
    struct Fact: Sendable {
        let label: String
        let value: String
    }
    struct Step: Sendable {
        let stage: String
        let on: String
        let note: String
        let by: String
    }
    struct Month: Sendable {
        let month: String
        let funds: String
        let foreign: String
    }
    var errors = FormErrors()
    /// 难点堵点, with the form that opens one (filled in by the routes, which hold the case engine).
    var blockers: [BlockerLine] = []
    var departments: [SelectOption] = []
    var canBlock = false
    var blockerAction = ""
    let name: String
    let stage: String
    let stageOn: String
    let facts: [Fact]
    let history: [Step]
    let months: [Month]
    let fundsTotal: String
    let moveTargets: [SelectOption]
    let enterprises: [SelectOption]
    let canMove: Bool
    let canFunds: Bool
    let moveAction: String
    let fundsAction: String
    let today: String
    let csrf: String

    static func load(_ p: InvestProjectRow, user: CurrentUser, csrf: String, db: any SQLDatabase) async throws
        -> ProjectPage
    {
        let repo = InvestmentRepository(db: db)
        let names = try await InvestmentNames.load(zoneID: p.zoneId, db: db)
        let stage = p.stageValue
        let node = try await p.nodeId.asyncMap { try await repo.node(id: $0, zoneID: p.zoneId) } ?? nil
        let enterprise =
            try await p.enterpriseId.asyncMap { try await repo.enterpriseName(id: $0, zoneID: p.zoneId) } ?? nil
        let money = { (v: Int64) in TargetProgress.amountText(v, kind: .fundsInPlace) }
        var facts = [
            Fact(label: "投资方", value: p.investor), Fact(label: "来源地", value: "\(p.originProvince) \(p.originCity)"),
            Fact(label: "园区", value: p.parkId.flatMap { names.parks[$0] } ?? "未定"),
            Fact(
                label: "产业链环节",
                value: [p.chainId.flatMap { names.chains[$0] }, node?.name].compactMap { $0 }.joined(separator: " › ")),
            Fact(label: "计划投资额", value: money(p.plannedInvestment)),
            Fact(label: "协议投资额", value: p.agreedInvestment.map(money) ?? "未签约"),
            Fact(label: "外资额", value: TargetProgress.amountText(p.foreignInvestment, kind: .foreignInvestment)),
            Fact(label: "招商专员", value: p.officerUserId.flatMap { names.staff[$0] } ?? "未指定"),
            Fact(label: "落地企业", value: enterprise ?? "未注册"),
        ]
        if let reason = p.terminationReason { facts.append(Fact(label: "终止原因", value: reason)) }
        let funds = try await repo.funds(projectID: p.id)
        var targets = stage.next.map { [$0] } ?? []
        if !stage.isFinal { targets.append(.terminated) }
        let mayUpdate = Permissions.decide(user, .update, .investment(zoneID: p.zoneId)) == .allow
        let registry =
            stage == .signed
            ? try await EnterpriseRepository(db: db).list(zoneID: p.zoneId, limit: 500, offset: 0).map {
                SelectOption(value: String($0.id), label: $0.name, selected: false)
            } : []
        return ProjectPage(
            name: p.name, stage: stage.label, stageOn: p.stageOn, facts: facts,
            history: try await repo.history(projectID: p.id).map {
                Step(
                    stage: ProjectStage(rawValue: $0.stage)?.label ?? $0.stage, on: $0.movedOn, note: $0.note,
                    by: $0.byName)
            },
            months: funds.map {
                Month(
                    month: $0.month, funds: money($0.funds),
                    foreign: TargetProgress.amountText($0.foreignFunds, kind: .foreignInvestment))
            },
            fundsTotal: money(funds.reduce(0) { $0 + $1.funds }),
            moveTargets: targets.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            enterprises: registry, canMove: mayUpdate && !stage.isFinal,
            canFunds: mayUpdate && stage.hasReached(.signed),
            moveAction: SiteURL.investmentProjectStage(p.id).path,
            fundsAction: SiteURL.investmentProjectFunds(p.id).path,
            today: Clock.today.description, csrf: csrf)
    }
}
