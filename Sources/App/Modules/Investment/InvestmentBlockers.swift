import Foundation
import GaoxinCore

/// 难点堵点 (肇庆's 招商项目全流程跟踪): a blocker on a project is a case routed to a department, to be
/// resolved within 5 working days (escalated to the zone admin when late, like every case); the
/// department writes how it was resolved. The officer opens it, the department it names resolves it.
struct InvestmentBlockers: Sendable {
    static let caseType = CaseType(
        code: "invest_blocker", name: "项目难点堵点",
        states: [
            CaseState(code: "open", name: "待协调解决", timeLimit: .workingDays(5), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "resolved", name: "已解决", isFinal: true),
        ],
        transitions: [
            CaseTransition(
                code: "resolve", name: "解决", from: ["open"], to: "resolved", roles: [.departmentStaff, .zoneAdmin],
                requiresNote: true)
        ],
        initialState: "open",
        openRoles: [.investmentOfficer, .zoneAdmin])

    let services: AppServices
    var engine: CaseEngine { services.cases.engine }

    static func actor(_ user: CurrentUser) -> CaseActor { CaseActor(id: CaseIDs.user(user.id), role: user.role) }

    /// Opens a blocker on the project for one of the zone's departments; returns the case id.
    func open(_ p: InvestProjectRow, text: String, department: String, user: CurrentUser) async throws -> Int64 {
        var errors = FormErrors()
        let text = text.trimmed
        if text.isEmpty { errors.add("blocker", "请写明难点堵点") }
        if text.count > 500 { errors.add("blocker", "难点堵点不能超过 500 字") }
        let departmentID = InvestmentService.optionalID(department)
        let departments = try await ZoneRepository(db: services.database.sql).departments(scope: .zone(p.zoneId))
        if departmentID == nil || !departments.contains(where: { $0.id == departmentID }) {
            errors.add("department", "请选择本区负责协调解决的部门")
        }
        try Refusal.check(errors)
        let resource = Resource.investmentBlocker(zoneID: p.zoneId, departmentID: departmentID!)
        guard Permissions.decide(user, .create, resource) == .allow else { throw PageError.forbidden }
        if p.stageValue.isFinal { throw Refusal("blocker", "项目已\(p.stageValue.label)，不再登记难点堵点") }
        let record = try Refusal.engine("blocker") {
            try engine.open(typeCode: Self.caseType.code, by: Self.actor(user), at: .now, note: text)
        }
        return try await services.database.transaction { db in
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: p.zoneId, title: String(text.prefix(40)), requesterUserID: user.id,
                enterpriseID: nil, assignee: CaseIDs.department(departmentID!), actor: user)
            try await InvestmentBlockerRepository(db: db).insert(
                InvestBlockerRow(caseId: id, zoneId: p.zoneId, projectId: p.id, departmentId: departmentID!))
            return id
        }
    }

    /// The department resolves the blocker with a note of how; a late one is first marked late.
    func resolve(_ b: InvestBlockerRow, note: String, user: CurrentUser) async throws {
        guard
            Permissions.decide(user, .update, .investmentBlocker(zoneID: b.zoneId, departmentID: b.departmentId))
                == .allow
        else { throw PageError.forbidden }
        let note = note.trimmed
        if note.isEmpty { throw Refusal("resolution", "请写明解决情况") }
        if note.count > 1000 { throw Refusal("resolution", "解决情况不能超过 1000 字") }
        guard let row = try await CaseRepository(db: services.database.sql).find(id: b.caseId, zoneID: b.zoneId) else {
            throw PageError.notFound
        }
        let now = LocalMoment.now
        let resolved = try Refusal.engine("resolution") {
            let checked = try engine.checkDeadline(try row.record(), now: now).record
            return try engine.perform(
                "resolve", on: checked, by: Self.actor(user), at: now, note: note,
                assignee: CaseIDs.department(b.departmentId))
        }
        try await services.database.transaction { db in
            try await CaseRepository(db: db).save(resolved, for: row, action: "resolve", actor: user)
        }
    }

    /// A project's blockers as its page lists them, with what the viewer may do on each.
    func lines(_ p: InvestProjectRow, user: CurrentUser) async throws -> [BlockerLine] {
        let blockers = try await InvestmentBlockerRepository(db: services.database.sql).blockers(
            projectID: p.id, zoneID: p.zoneId)
        return try await lines(blockers, zoneID: p.zoneId, user: user)
    }

    /// Blockers with their case, department and project, and whether the viewer may resolve each.
    func lines(_ blockers: [InvestBlockerRow], zoneID: Int64, user: CurrentUser) async throws -> [BlockerLine] {
        let db = services.database.sql
        let cases = try await CaseRepository(db: db).find(ids: blockers.map(\.caseId))
        let departments = Dictionary(
            try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map { ($0.id, $0.name) },
            uniquingKeysWith: { a, _ in a })
        let repo = InvestmentRepository(db: db)
        var projects: [Int64: String] = [:]
        for id in Set(blockers.map(\.projectId)) { projects[id] = try await repo.project(id: id, zoneID: zoneID)?.name }
        return blockers.compactMap { b in
            guard let row = cases[b.caseId], let record = try? row.record() else { return nil }
            let open = row.closedAt == nil
            return BlockerLine(
                caseId: b.caseId, departmentId: b.departmentId, number: CaseRow.number(row.id, prefix: "DD"),
                text: record.history.first?.note ?? row.title,
                project: projects[b.projectId] ?? "—", projectHref: SiteURL.investmentProject(b.projectId).path,
                department: departments[b.departmentId] ?? "—",
                state: services.cases.stateName(row.typeCode, row.state), deadline: open ? row.deadlineText : nil,
                overdue: row.everOverdue,
                resolution: open ? nil : record.history.last?.note,
                canResolve: open
                    && Permissions.decide(
                        user, .update, .investmentBlocker(zoneID: b.zoneId, departmentID: b.departmentId)) == .allow,
                resolveAction: SiteURL.investmentBlockerResolve(b.projectId, caseID: row.id).path)
        }
    }
}

/// One blocker on a project's page.
struct BlockerLine: Sendable {
    let caseId: Int64
    let departmentId: Int64
    let number: String
    let text: String
    let project: String
    let projectHref: String
    let department: String
    let state: String
    let deadline: String?
    let overdue: Bool
    let resolution: String?
    let canResolve: Bool
    let resolveAction: String
}
