import GaoxinCore
import Hummingbird

/// A 差评 follow-up case (差评回访整改: call the rater back, put it right, report) as a line on its
/// parent's page, with the steps the viewer may take. Consultations and grid events both open one
/// when rated 不满意 or worse (国办发〔2019〕51号); the unit that handled the parent acts on it.
struct FollowUpLine: Sendable {
    struct Step: Sendable {
        let code: String
        let name: String
    }
    let number: String
    let reason: String
    let state: String
    let deadline: String?
    let overdue: Bool
    /// "咨询" or "事件": what the follow-up came from.
    let parentKind: String
    let parentHref: String
    let parentNumber: String
    let steps: [Step]
    let action: String
    /// Stored, not computed: templates read fields by reflection.
    let canAct: Bool
}

struct FollowUps {
    let services: AppServices

    /// Who acts on a follow-up: the zone admin, the department it is with, the grid worker it is
    /// with, or (for a grid) the grid's workers.
    static func mayAct(_ user: CurrentUser, on row: CaseRow) -> Bool {
        if user.role == .zoneAdmin || user.isPlatformAdmin { return true }
        guard let assignee = row.assigneeId else { return false }
        if let department = user.departmentID, assignee == CaseIDs.department(department).id { return true }
        if assignee == CaseIDs.user(user.id) { return true }
        return user.gridIDs.contains { assignee == "grid:\($0)" }
    }

    func line(
        _ row: CaseRow, user: CurrentUser, parentKind: String, parentHref: String, parentNumber: String, action: String
    ) throws -> FollowUpLine {
        let record = try row.record()
        let steps =
            Self.mayAct(user, on: row)
            ? services.cases.engine.transitions(availableTo: user.role, on: record).map {
                FollowUpLine.Step(code: $0.code, name: $0.name)
            } : []
        return FollowUpLine(
            number: CaseRow.number(row.id, prefix: "HF"), reason: record.history.first?.note ?? row.title,
            state: services.cases.stateName(row.typeCode, row.state),
            deadline: row.closedAt == nil ? row.deadlineText : nil,
            overdue: row.everOverdue, parentKind: parentKind, parentHref: parentHref, parentNumber: parentNumber,
            steps: steps, action: action, canAct: !steps.isEmpty)
    }

    /// Takes the step the form names on the follow-up (with its note); the flash says how it went.
    func perform(_ row: CaseRow, line: FollowUpLine, form: FormData, user: CurrentUser) async throws -> Flash {
        guard let step = line.steps.first(where: { $0.code == form["transition"] }) else {
            return Flash(kind: .error, message: "\(line.number) 当前为“\(line.state)”，您不能执行所选操作。")
        }
        let note = form["note"]
        guard !note.isEmpty, note.count <= 1000 else {
            return Flash(kind: .error, message: "\(step.name)未保存：办理意见\(note.isEmpty ? "请填写" : "不能超过 1000 个字")。")
        }
        let engine = services.cases.engine
        do {
            let next = try engine.perform(
                step.code, on: try engine.checkDeadline(try row.record(), now: .now).record,
                by: CaseActor(id: CaseIDs.user(user.id), role: user.role), at: .now, note: note)
            try await services.database.transaction { db in
                try await CaseRepository(db: db).save(next, for: row, action: "follow_up:\(step.code)", actor: user)
            }
        } catch let error as CaseError {
            return Flash(kind: .error, message: "\(step.name)未保存：\(error.message)")
        }
        return Flash(kind: .success, message: "\(line.number) 已\(step.name)。")
    }
}
