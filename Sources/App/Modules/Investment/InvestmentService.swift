import Foundation
import GaoxinCore
import SQLKit

/// The one write service of 招商: projects and their stage moves (through `ProjectStageMachine`),
/// funds in place, targets, chain tasks. Every field is checked first (a `Refusal` naming each
/// wrong one in Chinese), then one transaction writes the change with its audit row.
struct InvestmentService: Sendable {
    let database: Database
    var db: any SQLDatabase { database.sql }
    var repo: InvestmentRepository { InvestmentRepository(db: db) }

    func require(_ action: Action, _ user: CurrentUser, zoneID: Int64) throws {
        try require(action, user, .investment(zoneID: zoneID))
    }

    /// `Permissions`' answer as the pages show it: 403, or 404 for a row that is none of the user's business.
    func require(_ action: Action, _ user: CurrentUser, _ resource: Resource) throws {
        switch Permissions.decide(user, action, resource) {
        case .allow: return
        case .forbidden: throw PageError.forbidden
        case .hidden: throw PageError.notFound
        }
    }

    /// A whole number of 万元 (or projects) within 0…max; nil with the message added otherwise.
    static func amount(
        _ text: String, field: String, label: String, max: Int64 = ProjectStageMachine.maxInvestment,
        allowZero: Bool = false, errors: inout FormErrors
    ) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 15, let value = Int64(trimmed) else {
            errors.add(field, "\(label)须填写整数")
            return nil
        }
        if value < (allowZero ? 0 : 1) || value > max {
            errors.add(field, "\(label)须\(allowZero ? "不小于 0" : "大于 0")且不超过 \(max)")
            return nil
        }
        return value
    }

    static func optionalID(_ text: String) -> Int64? {
        text.isEmpty ? nil : Int64(text).flatMap { $0 > 0 ? $0 : nil } ?? -1
    }

    // MARK: - Projects

    struct ProjectForm: Sendable {
        var name = ""
        var investor = ""
        var originProvince = ""
        var originCity = ""
        var park = ""
        var chain = ""
        var node = ""
        var plannedInvestment = ""
        var foreignInvestment = "0"
        var officer = ""
        var stage = "lead"
        var on = ""
        /// The 头脑风暴 idea the project comes from, if any.
        var idea = ""
    }

    /// A new project as a 线索 or already 在谈, on a chain of the zone (never another zone's).
    func createProject(_ f: ProjectForm, user: CurrentUser, zoneID: Int64) async throws -> Int64 {
        try require(.create, user, zoneID: zoneID)
        var errors = FormErrors()
        for (value, field, label, limit) in [
            (f.name, "name", "项目名称", 80), (f.investor, "investor", "投资方", 80),
            (f.originProvince, "origin_province", "来源省份", 20), (f.originCity, "origin_city", "来源城市", 20),
        ] {
            if value.isEmpty { errors.add(field, "请填写\(label)") }
            if value.count > limit { errors.add(field, "\(label)不能超过 \(limit) 字") }
        }
        let planned = Self.amount(f.plannedInvestment, field: "planned_investment", label: "计划投资额（万元）", errors: &errors)
        let foreign = Self.amount(
            f.foreignInvestment.isEmpty ? "0" : f.foreignInvestment, field: "foreign_investment", label: "外资额（万美元）",
            allowZero: true, errors: &errors)
        let parkID = Self.optionalID(f.park)
        if let parkID, !(try await ZoneRepository(db: db).parks(zoneID: zoneID).contains { $0.id == parkID }) {
            errors.add("park", "请选择本区的园区")
        }
        let chainID = Self.optionalID(f.chain)
        var nodeID = Self.optionalID(f.node)
        if let chainID, try await repo.chain(id: chainID, zoneID: zoneID) == nil {
            errors.add("chain", "只能选择本区的产业链")
        }
        if let id = nodeID {
            let node = try await repo.node(id: id, zoneID: zoneID)
            if node == nil || node?.chainId != chainID { errors.add("node", "产业链环节须属于所选产业链") }
        } else {
            nodeID = nil
        }
        let officerID = Self.optionalID(f.officer)
        if let officerID, !(try await repo.staff(zoneID: zoneID).contains { $0.0 == officerID }) {
            errors.add("officer", "招商专员须是本区工作人员")
        }
        let stage = ProjectStage(rawValue: f.stage)
        if stage != .lead && stage != .talks { errors.add("stage", "新项目从“线索”或“在谈”开始") }
        let on = Day(f.on)
        if on == nil {
            errors.add("on", "日期格式应为 YYYY-MM-DD")
        } else if on! > Clock.today {
            errors.add("on", "日期不能晚于今天")
        }
        let idea = try await ideaForLead(f.idea, zoneID: zoneID, errors: &errors)
        try Refusal.check(errors)
        let row = InvestProjectRow(
            id: 0, zoneId: zoneID, parkId: parkID, chainId: chainID, nodeId: nodeID, name: f.name, investor: f.investor,
            originProvince: f.originProvince, originCity: f.originCity, plannedInvestment: planned!,
            agreedInvestment: nil, foreignInvestment: foreign!, officerUserId: officerID, enterpriseId: nil,
            stage: stage!.rawValue, stageOn: on!.description, terminationReason: nil, createdAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let repo = InvestmentRepository(db: db)
            let id = try await repo.insertProject(row)
            try await repo.insertStage(
                InvestStageRow(
                    id: 0, zoneId: zoneID, projectId: id, stage: row.stage, movedOn: row.stageOn, note: "登记项目",
                    byName: user.displayName, createdAt: row.createdAt))
            if let idea,
                try await !InvestmentDispatchRepository(db: db).screenIdea(
                    id: idea.id, zoneID: zoneID, from: idea.statusValue, to: .lead, note: "", projectID: id)
            {
                throw Refusal("idea", "该建议刚被他人处理过，请刷新后再试")
            }
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "invest_project", id: id, action: "create",
                after: ["name": row.name, "stage": row.stage, "planned": String(row.plannedInvestment)], on: db)
            return id
        }
    }

    struct MoveForm: Sendable {
        var stage = ""
        var on = ""
        var agreedInvestment = ""
        var enterprise = ""
        var reason = ""
        var note = ""
    }

    /// A dated stage move with the data the stage needs; refused as the stage machine says.
    func move(_ p: InvestProjectRow, _ f: MoveForm, user: CurrentUser) async throws {
        try require(.update, user, zoneID: p.zoneId)
        var errors = FormErrors()
        guard let to = ProjectStage(rawValue: f.stage) else { throw Refusal("stage", "请选择要进入的阶段") }
        guard let on = Day(f.on) else { throw Refusal("on", "日期格式应为 YYYY-MM-DD") }
        var agreed: Int64?
        if to == .signed {
            let text = f.agreedInvestment.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty {
                agreed = text.count <= 15 ? Int64(text) : nil
                if agreed == nil { errors.add("agreed_investment", "协议投资额须填写整数（万元）") }
            }
        }
        var enterpriseID: Int64?
        if to == .registered, let id = Self.optionalID(f.enterprise), id > 0,
            try await repo.enterpriseName(id: id, zoneID: p.zoneId) != nil
        {
            enterpriseID = id
        }
        if f.note.count > 500 { errors.add("note", "说明不能超过 500 字") }
        let move = StageMove(
            to: to, on: on, agreedInvestment: agreed, enterpriseInRegistry: enterpriseID != nil, reason: f.reason)
        for problem in ProjectStageMachine.problems(
            from: p.stageValue, since: Day(p.stageOn) ?? on, move: move, today: Clock.today)
        where errors[problem.field] == nil {
            errors.add(problem.field, problem.message)
        }
        try Refusal.check(errors)
        var after = p
        after.stage = to.rawValue
        after.stageOn = on.description
        if let agreed { after.agreedInvestment = agreed }
        if let enterpriseID { after.enterpriseId = enterpriseID }
        if to == .terminated { after.terminationReason = f.reason.trimmingCharacters(in: .whitespacesAndNewlines) }
        let note = to == .terminated ? "终止原因：\(after.terminationReason ?? "")" : f.note
        let moved = after
        try await database.transaction { db in
            let repo = InvestmentRepository(db: db)
            try await repo.updateStage(moved)
            try await repo.insertStage(
                InvestStageRow(
                    id: 0, zoneId: p.zoneId, projectId: p.id, stage: to.rawValue, movedOn: on.description, note: note,
                    byName: user.displayName, createdAt: Clock.nowSeconds()))
            try await AuditLog.record(
                zoneID: p.zoneId, actor: user, entity: "invest_project", id: p.id, action: "stage",
                before: ["stage": p.stage, "on": p.stageOn], after: ["stage": to.rawValue, "on": on.description], on: db
            )
        }
    }

    /// 到位资金 for one month of a signed project (a later entry for the month replaces it).
    func setFunds(_ p: InvestProjectRow, month: String, funds: String, foreign: String, user: CurrentUser) async throws
    {
        try require(.update, user, zoneID: p.zoneId)
        var errors = FormErrors()
        let day = Day(month + "-01")
        if month.count != 7 || day == nil {
            errors.add("month", "月份格式应为 YYYY-MM")
        } else if day! > Clock.today {
            errors.add("month", "不能登记未来月份的到位资金")
        } else if let signed = try await repo.history(projectID: p.id).first(where: { $0.stage == "signed" }),
            month < String(signed.movedOn.prefix(7))
        {
            errors.add("month", "到位资金不能早于签约月份 \(signed.movedOn.prefix(7))")
        }
        if !p.stageValue.hasReached(.signed) { errors.add("month", "项目签约后才能登记到位资金") }
        let amount = Self.amount(funds, field: "funds", label: "到位资金（万元）", allowZero: true, errors: &errors)
        let foreignAmount = Self.amount(
            foreign.isEmpty ? "0" : foreign, field: "foreign_funds", label: "外资（万美元）", allowZero: true, errors: &errors)
        try Refusal.check(errors)
        let row = InvestFundsRow(
            zoneId: p.zoneId, projectId: p.id, month: month, funds: amount!, foreignFunds: foreignAmount!)
        try await database.transaction { db in
            try await InvestmentRepository(db: db).setFunds(row)
            try await AuditLog.record(
                zoneID: p.zoneId, actor: user, entity: "invest_project", id: p.id, action: "funds",
                after: ["month": month, "funds": String(row.funds), "foreign": String(row.foreignFunds)], on: db)
        }
    }

    // MARK: - Targets

    /// A yearly target of the zone (`park` empty) or one of its parks. Zero and negative are refused.
    func setTarget(zoneID: Int64, park: String, year: String, kind: String, target: String, user: CurrentUser)
        async throws
    {
        try require(.administer, user, zoneID: zoneID)
        var errors = FormErrors()
        let parkID = Self.optionalID(park)
        if let parkID, !(try await ZoneRepository(db: db).parks(zoneID: zoneID).contains { $0.id == parkID }) {
            errors.add("park", "请选择本区的园区")
        }
        let yearValue = year.count == 4 ? Int(year) : nil
        if yearValue == nil || yearValue! < 2000 || yearValue! > 2100 { errors.add("year", "年度须是 2000–2100 的年份") }
        let kindValue = InvestmentTargetKind(rawValue: kind)
        var value: Int64?
        if let kindValue {
            let trimmed = target.trimmingCharacters(in: .whitespaces)
            value = trimmed.count <= 15 ? Int64(trimmed) : nil
            if let v = value, let problem = kindValue.problem(target: v) {
                errors.add("target", problem)
            } else if value == nil {
                errors.add("target", "目标须填写整数（\(kindValue.unit)）")
            }
        } else {
            errors.add("kind", "请选择指标")
        }
        try Refusal.check(errors)
        let (y, k, v) = (yearValue!, kindValue!, value!)
        try await database.transaction { db in
            try await InvestmentRepository(db: db).setTarget(
                zoneID: zoneID, parkID: parkID, year: y, kind: k.rawValue, target: v, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "invest_target", id: "\(y)-\(k.rawValue)-\(parkID ?? 0)",
                action: "set", after: ["target": String(v)], on: db)
        }
    }

    // MARK: - Chains

    /// A task on the chain's 任务图表, owned by a staff member of the same zone.
    func addTask(_ chain: InvestChainRow, title: String, owner: String, due: String, user: CurrentUser) async throws
        -> Int64
    {
        try require(.update, user, zoneID: chain.zoneId)
        var errors = FormErrors()
        if title.isEmpty { errors.add("title", "请填写任务内容") }
        if title.count > 200 { errors.add("title", "任务内容不能超过 200 字") }
        let ownerID = Self.optionalID(owner)
        let staff = try await repo.staff(zoneID: chain.zoneId)
        if ownerID == nil || !staff.contains(where: { $0.0 == ownerID }) {
            errors.add("owner", "责任人须是本区的工作人员")
        }
        let dueDay = Day(due)
        if dueDay == nil { errors.add("due_on", "完成时限格式应为 YYYY-MM-DD") }
        try Refusal.check(errors)
        let row = InvestTaskRow(
            id: 0, zoneId: chain.zoneId, chainId: chain.id, title: title, ownerUserId: ownerID!,
            dueOn: dueDay!.description, doneOn: nil, createdAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let id = try await InvestmentRepository(db: db).insertTask(row)
            try await AuditLog.record(
                zoneID: chain.zoneId, actor: user, entity: "invest_chain_task", id: id, action: "create",
                after: ["chain": chain.name, "title": title, "due": row.dueOn], on: db)
            return id
        }
    }
}
