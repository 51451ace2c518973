import Foundation
import GaoxinCore
import SQLKit

/// A demand's category and text as typed, checked.
struct DemandInput: Sendable {
    let category: DemandCategory?
    let text: String

    init(category: String, text: String, into errors: inout FormErrors) {
        self.category = DemandCategory(rawValue: category)
        if self.category == nil {
            errors.add("category", "诉求类别：请在\(DemandCategory.allCases.map(\.label).joined(separator: "、"))中选择")
        }
        self.text = EnterpriseHelpService.text(text, field: "demand_text", label: "诉求内容", max: 1000, into: &errors)
        if !self.text.isEmpty, self.text.textLength < 5 { errors.add("demand_text", "诉求内容：请至少写 5 个字，说清楚需要解决什么") }
    }
}

/// 企业诉求 on the case engine: filed, routed to a department, noted, answered, confirmed or sent
/// back by the enterprise, then rated.
extension EnterpriseHelpService {
    /// The enterprise is the requester of its demands whoever typed them in (a cadre after a visit,
    /// staff from the hotline), so it confirms and rates each one.
    static func enterpriseActor(_ enterpriseID: Int64) -> CaseActor {
        CaseActor(id: "enterprise:\(enterpriseID)", role: .enterpriseUser)
    }

    static func actor(_ user: CurrentUser) -> CaseActor {
        if user.role == .enterpriseUser, let e = user.enterpriseID { return enterpriseActor(e) }
        return CaseActor(id: CaseIDs.user(user.id), role: user.role)
    }

    func openRecord(_ d: DemandInput, enterpriseID: Int64, channel: DemandChannel) throws -> CaseRecord {
        try engine.open(
            typeCode: HelpCaseTypes.demand.code, by: Self.enterpriseActor(enterpriseID), at: .now,
            note: channel == .enterprise ? d.text : "（\(channel.label)）\(d.text)")
    }

    func insertDemand(
        _ record: CaseRecord, _ d: DemandInput, zoneID: Int64, enterpriseID: Int64, channel: DemandChannel,
        visitID: Int64?, user: CurrentUser, on db: any SQLDatabase
    ) async throws -> Int64 {
        let requester =
            user.role == .enterpriseUser
            ? user.id : try await EnterpriseHelpDemandRepository(db: db).enterpriseUser(enterpriseID: enterpriseID)
        let id = try await CaseRepository(db: db).insert(
            record, zoneID: zoneID, title: String(d.text.prefix(40)), requesterUserID: requester,
            enterpriseID: enterpriseID, assignee: nil, actor: user)
        try await EnterpriseHelpDemandRepository(db: db).insert(
            HelpDemandRow(
                caseId: id, zoneId: zoneID, enterpriseId: enterpriseID, category: d.category!.rawValue,
                channel: channel.rawValue, visitId: visitID, meetingId: nil, departmentId: nil,
                filedByUserId: user.id, text: d.text, answer: nil))
        return id
    }

    /// Files a demand for `enterprise` (an enterprise user: only its own) through `channel`.
    func fileDemand(
        enterprise: String, category: String, text: String, channel: String, zoneID: Int64, user: CurrentUser
    ) async throws -> Int64 {
        var errors = FormErrors()
        let enterpriseID = user.role == .enterpriseUser && enterprise.isEmpty ? user.enterpriseID : Self.id(enterprise)
        if enterpriseID == nil {
            errors.add("enterprise", "企业：请选择")
        } else if user.role == .enterpriseUser, enterpriseID != user.enterpriseID {
            errors.add("enterprise", "企业：只能为本企业提出诉求")
        } else if try await !EnterpriseHelpRepository(db: database.sql).enterpriseExists(
            id: enterpriseID!, zoneID: zoneID)
        {
            errors.add("enterprise", "企业：请选择本区的企业")
        }
        let channelValue: DemandChannel? =
            user.role == .enterpriseUser ? .enterprise : DemandChannel(rawValue: channel.isEmpty ? "hotline" : channel)
        if channelValue == nil || channelValue == .visit {
            errors.add("channel", "来源：请选择 24小时热线 或 现场办公会（走访发现的诉求在走访记录中登记）")
        }
        let d = DemandInput(category: category, text: text, into: &errors)
        try Refusal.check(errors)
        let resource = Resource.helpDemandFile(zoneID: zoneID, enterpriseID: enterpriseID!)
        guard Permissions.decide(user, .create, resource) == .allow else { throw PageError.forbidden }
        let record = try Refusal.engine("demand_text") {
            try openRecord(d, enterpriseID: enterpriseID!, channel: channelValue!)
        }
        return try await database.transaction { db in
            try await insertDemand(
                record, d, zoneID: zoneID, enterpriseID: enterpriseID!, channel: channelValue!, visitID: nil,
                user: user,
                on: db)
        }
    }

    /// A step on a demand: `route` (with a department), `answer` (with the answer), `confirm`, or
    /// `reopen` (with the reason). A late step first records the overdue mark it missed.
    func step(_ d: HelpDemand, transition: String, note: String, department: String, user: CurrentUser) async throws
        -> String
    {
        var errors = FormErrors()
        let note = Self.text(note, field: "note", label: "办理意见", max: 2000, required: false, into: &errors)
        var departmentID: Int64?
        switch transition {
        case "route":
            departmentID = Self.id(department)
            let departments = try await ZoneRepository(db: database.sql).departments(scope: .zone(d.caseRow.zoneId))
            if departmentID == nil || !departments.contains(where: { $0.id == departmentID }) {
                errors.add("department", "承办部门：请选择本区的部门")
            }
        case "answer":
            if note.isEmpty { errors.add("note", "答复内容：请填写") }
        case "reopen":
            if note.isEmpty { errors.add("note", "退回原因：请写明哪里没有解决") }
        case "confirm": break
        default: errors.add("transition", "请选择要办理的操作")
        }
        try Refusal.check(errors)
        let now = LocalMoment.now
        let routedTo = departmentID
        let assignee = routedTo.map(CaseIDs.department)
        let next = try Refusal.engine("transition") {
            let checked = try engine.checkDeadline(try d.caseRow.record(), now: now).record
            return try engine.perform(
                transition, on: checked, by: Self.actor(user), at: now, note: note.isEmpty ? nil : note,
                assignee: assignee)
        }
        try await database.transaction { db in
            try await CaseRepository(db: db).save(
                next, for: d.caseRow, action: transition, actor: user, assignee: assignee)
            let repo = EnterpriseHelpDemandRepository(db: db)
            if let routedTo { try await repo.setDepartment(caseID: d.id, departmentID: routedTo) }
            if transition == "answer" { try await repo.setAnswer(caseID: d.id, answer: note) }
        }
        let name = HelpCaseTypes.demand.transition(transition)?.name ?? transition
        return "诉求 \(d.number) 已\(name)。"
    }

    /// A progress note the enterprise reads (by the department handling it or the zone admin).
    func addNote(_ d: HelpDemand, note: String, user: CurrentUser) async throws {
        var errors = FormErrors()
        let note = Self.text(note, field: "progress", label: "办理进展", max: 1000, into: &errors)
        if d.caseRow.closedAt != nil { errors.add("progress", "办理进展：诉求已办结") }
        try Refusal.check(errors)
        try await database.transaction { db in
            try await EnterpriseHelpDemandRepository(db: db).insertNote(
                caseID: d.id, zoneID: d.caseRow.zoneId, userID: user.id, note: note, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: d.caseRow.zoneId, actor: user, entity: "help_demand", id: d.id, action: "note",
                after: ["note": note], on: db)
        }
    }

    /// 好差评 by the enterprise once it confirmed the demand solved; a 差评 opens the follow-up for
    /// the department. Returns its id.
    func rate(_ d: HelpDemand, level: RatingLevel, comment: String, user: CurrentUser) async throws -> Int64? {
        let now = LocalMoment.now
        let actor = Self.actor(user)
        let (outcome, followUp) = try Refusal.engine("level") {
            let outcome = try engine.rate(try d.caseRow.record(), by: actor, level: level, comment: comment, at: now)
            let followUp = try outcome.followUp.map { request in
                (request, try engine.open(typeCode: request.caseTypeCode, by: actor, at: now, note: request.reason))
            }
            return (outcome, followUp)
        }
        return try await database.transaction { db -> Int64? in
            let repo = CaseRepository(db: db)
            try await repo.save(outcome.record, for: d.caseRow, action: "rate:\(level.rawValue)", actor: user)
            guard let followUp else { return nil }
            let (request, record) = followUp
            let assignee = request.handledBy ?? d.details.departmentId.map(CaseIDs.department)
            let title = "差评回访：\(d.number) \(d.caseRow.title)"
            let id = try await repo.insert(
                record, zoneID: d.caseRow.zoneId, title: title, requesterUserID: user.id,
                enterpriseID: d.details.enterpriseId, assignee: assignee, parentCaseID: d.id, actor: user)
            if let assignee {
                try await CaseNotices.followUpOpened(
                    caseID: id, zoneID: d.caseRow.zoneId, assignee: assignee.id, title: title,
                    parentLink: .help(.demand(d.id)), on: db)
            }
            return id
        }
    }
}
