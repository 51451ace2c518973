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

/// The 差评 follow-ups of every case type: the line on the parent's page and its one write, a step.
struct FollowUps {
    let services: AppServices

    /// Who acts on a follow-up, as `Permissions` decides it (`.followUp`): the zone admin, the
    /// department it is with, the person it is with, or (for a grid) the grid's workers.
    static func mayAct(_ user: CurrentUser, on row: CaseRow) -> Bool {
        Permissions.decide(user, .update, .followUp(zoneID: row.zoneId, assigneeID: row.assigneeId)) == .allow
    }

    /// A follow-up case as a line on the page of its parent (a case of `kind`), with the steps
    /// `user` may take on it now.
    func line(_ row: CaseRow, user: CurrentUser, kind: CaseKind) throws -> FollowUpLine {
        let record = try row.record()
        let parent = row.parentCaseId ?? 0
        let steps =
            Self.mayAct(user, on: row)
            ? services.cases.engine.transitions(availableTo: user.role, on: record).map {
                FollowUpLine.Step(code: $0.code, name: $0.name)
            } : []
        return FollowUpLine(
            number: CaseRow.number(row.id, prefix: "HF"), reason: record.history.first?.note ?? row.title,
            state: services.cases.stateName(row.typeCode, row.state),
            deadline: row.closedAt == nil ? row.deadlineText : nil,
            overdue: row.everOverdue, parentKind: kind.noun, parentHref: kind.page(parent).path,
            parentNumber: kind.number(parent), steps: steps, action: kind.followUp(parent, row.id).path,
            canAct: !steps.isEmpty)
    }

    /// Takes the step the form names on the follow-up, with its note, and returns what the flash
    /// says. A step the user may not take now, a missing or long note, or the engine's refusal is
    /// a `Refusal` with the whole sentence, and nothing is saved.
    func perform(_ row: CaseRow, line: FollowUpLine, form: FormData, user: CurrentUser) async throws -> String {
        guard let step = line.steps.first(where: { $0.code == form["transition"] }) else {
            throw Refusal("transition", "\(line.number) 当前为“\(line.state)”，您不能执行所选操作。")
        }
        let note = form["note"]
        guard !note.isEmpty, note.textLength <= 1000 else {
            throw Refusal("note", "\(step.name)未保存：办理意见\(note.isEmpty ? "请填写" : "不能超过 1000 个字")。")
        }
        let engine = services.cases.engine
        // The zone's own fix limit (working days), when it set one, replaces the platform's 15.
        let limits = try await ServiceApplicationRepository(db: services.database.sql).followUpLimits(
            zoneID: row.zoneId)
        let next = try await Refusal.worded("\(step.name)未保存：") {
            try Refusal.engine("note") {
                let done = try engine.perform(
                    step.code, on: try engine.checkDeadline(try row.record(), now: .now).record,
                    by: CaseActor(id: CaseIDs.user(user.id), role: user.role), at: .now, note: note)
                guard let limits, !done.isClosed else { return done }
                return try engine.withLimit(.workingDays(limits.fix), on: done)
            }
        }
        try await services.database.transaction { db in
            try await CaseRepository(db: db).save(next, for: row, action: "follow_up:\(step.code)", actor: user)
            // The result goes back to the rater (国办发〔2019〕51号: 整改结果反馈评价人).
            if next.isClosed, let rater = row.requesterUserId {
                try await Outbox.enqueue(
                    on: db, zoneID: row.zoneId, to: [.user(rater)],
                    Notice(
                        kind: .followUp, subject: "差评整改结果：\(line.number)", body: note,
                        link: try await CaseNotices.link(row, db: db), dedupeKey: "follow_up_done:\(row.id)"))
            }
        }
        return "\(line.number) 已\(step.name)" + (next.isClosed && row.requesterUserId != nil ? "，结果已反馈评价人。" : "。")
    }
}
