import Foundation
import GaoxinCore
import SQLKit

/// The investment write service, continued: investment events with the projects signed at them,
/// and 头脑风暴 ideas collected, screened and turned into leads.
extension InvestmentService {
    struct EventForm: Sendable {
        var kind = ""
        var title = ""
        var heldOn = ""
        var place = ""
        var team = ""
        var contacts = "0"
        var visits = "0"
        var notes = ""
    }

    /// A count of enterprises (对接企业, 来区考察) from a form: 0…100 000.
    static func count(_ text: String, field: String, label: String, errors: inout FormErrors) -> Int? {
        let trimmed = text.trimmed.isEmpty ? "0" : text.trimmed
        guard trimmed.count <= 6, let value = Int(trimmed), (0...100_000).contains(value) else {
            errors.add(field, "\(label)须是 0–100000 的整数")
            return nil
        }
        return value
    }

    func addEvent(_ f: EventForm, user: CurrentUser, zoneID: Int64) async throws -> Int64 {
        try require(.create, user, zoneID: zoneID)
        var errors = FormErrors()
        let kind = InvestEventKind(rawValue: f.kind)
        if kind == nil { errors.add("kind", "请选择活动类型") }
        let title = Self.text(f.title, field: "title", label: "活动名称", limit: 80, errors: &errors)
        let on = Self.day(f.heldOn, field: "held_on", label: "活动日期", errors: &errors)
        let place = Self.text(f.place, field: "place", label: "地点", limit: 60, errors: &errors)
        let team = Self.text(f.team, field: "team", label: "参加人员", limit: 200, required: false, errors: &errors)
        let contacts = Self.count(f.contacts, field: "contacts", label: "对接企业数", errors: &errors)
        let visits = Self.count(f.visits, field: "visits", label: "来区考察企业数", errors: &errors)
        let notes = Self.text(f.notes, field: "notes", label: "成果与说明", limit: 1000, required: false, errors: &errors)
        try Refusal.check(errors)
        let row = InvestEventRow(
            id: 0, zoneId: zoneID, kind: kind!.rawValue, title: title, heldOn: on!.description, place: place,
            team: team, contacts: contacts!, visits: visits!, notes: notes, createdAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let id = try await InvestmentDispatchRepository(db: db).insertEvent(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "invest_event", id: id, action: "create",
                after: ["title": title, "on": row.heldOn], on: db)
            return id
        }
    }

    /// Records that a project of the zone was signed at the event: it must have reached 签约.
    func linkEventProject(_ event: InvestEventRow, project: String, user: CurrentUser) async throws {
        try require(.update, user, zoneID: event.zoneId)
        let projectID = Self.optionalID(project)
        guard let projectID, projectID > 0, let p = try await repo.project(id: projectID, zoneID: event.zoneId) else {
            throw Refusal("project", "请选择本区的招商项目")
        }
        if !p.stageValue.hasReached(.signed) || p.stageValue == .terminated {
            throw Refusal("project", "“\(p.name)”尚未签约，不能记为本次活动的签约项目")
        }
        try await database.transaction { db in
            try await InvestmentDispatchRepository(db: db).linkProject(eventID: event.id, projectID: p.id)
            try await AuditLog.record(
                zoneID: event.zoneId, actor: user, entity: "invest_event", id: event.id, action: "link_project",
                after: ["project": p.name], on: db)
        }
    }

    // MARK: - Ideas

    func submitIdea(title: String, detail: String, proposer: String, user: CurrentUser, zoneID: Int64) async throws
        -> Int64
    {
        try require(.create, user, .investmentIdeas(zoneID: zoneID))
        var errors = FormErrors()
        let title = Self.text(title, field: "title", label: "建议标题", limit: 60, errors: &errors)
        let detail = Self.text(detail, field: "detail", label: "建议内容", limit: 1000, errors: &errors)
        var proposer = Self.text(proposer, field: "proposer", label: "提出人", limit: 40, required: false, errors: &errors)
        if proposer.isEmpty { proposer = user.displayName }
        try Refusal.check(errors)
        let row = InvestIdeaRow(
            id: 0, zoneId: zoneID, title: title, detail: detail, proposer: proposer,
            submittedOn: Clock.today.description, status: IdeaStatus.submitted.rawValue, screeningNote: "",
            projectId: nil, createdAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let id = try await InvestmentDispatchRepository(db: db).insertIdea(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "invest_idea", id: id, action: "create", after: ["title": title],
                on: db)
            return id
        }
    }

    /// Screening: adopt or decline a collected idea with a note (a declined one may be adopted later).
    func screenIdea(_ idea: InvestIdeaRow, decision: String, note: String, user: CurrentUser) async throws {
        try require(.update, user, .investmentIdeas(zoneID: idea.zoneId))
        var errors = FormErrors()
        let to = IdeaStatus(rawValue: decision)
        if to != .adopted && to != .declined {
            errors.add("decision", "请选择“采纳”或“不予采纳”")
        } else if !idea.statusValue.mayBecome(to!) {
            errors.add("decision", "该建议已“\(idea.statusValue.label)”，不能再改为“\(to!.label)”")
        }
        let note = Self.text(note, field: "note", label: "筛选意见", limit: 500, required: to == .declined, errors: &errors)
        try Refusal.check(errors)
        try await database.transaction { db in
            guard
                try await InvestmentDispatchRepository(db: db).screenIdea(
                    id: idea.id, zoneID: idea.zoneId, from: idea.statusValue, to: to!, note: note, projectID: nil)
            else { throw Refusal("decision", "该建议刚被他人筛选过，请刷新后再看") }
            try await AuditLog.record(
                zoneID: idea.zoneId, actor: user, entity: "invest_idea", id: idea.id, action: "screen",
                before: ["status": idea.status], after: ["status": to!.rawValue], on: db)
        }
    }

    /// The idea a new project comes from (`?idea=`), checked before the project is written: it must
    /// be the zone's and still able to become a lead.
    func ideaForLead(_ text: String, zoneID: Int64, errors: inout FormErrors) async throws -> InvestIdeaRow? {
        guard !text.isEmpty else { return nil }
        guard let id = Int64(text), id > 0, let idea = try await dispatch.idea(id: id, zoneID: zoneID) else {
            errors.add("idea", "所转的建议不存在")
            return nil
        }
        if !idea.statusValue.mayBecome(.lead) {
            errors.add("idea", "该建议已“\(idea.statusValue.label)”，不能转为线索")
            return nil
        }
        return idea
    }
}
