import Foundation
import GaoxinCore
import SQLKit

/// The one write service of 共享法庭, for the pages and the API: file, accept, schedule, record the
/// agreement or the referral, a party's confirmation, evidence, 司法建议 letters and replies. Each
/// checks every field first (`Refusal`), then writes in one transaction with the audit rows.
struct MediationService: Sendable {
    let services: AppServices
    var engine: CaseEngine { services.cases.engine }
    var database: Database { services.database }

    static func actor(_ user: CurrentUser) -> CaseActor { CaseActor(id: CaseIDs.user(user.id), role: user.role) }

    static func text(
        _ value: String, field: String, label: String, max: Int, required: Bool = true, into errors: inout FormErrors
    ) -> String {
        EnterpriseHelpService.text(value, field: field, label: label, max: max, required: required, into: &errors)
    }

    /// An amount in 元: empty is none; otherwise a whole number from 0 to 100 亿.
    static func amount(_ text: String, field: String, label: String, into errors: inout FormErrors) -> Int64? {
        let text = text.trimmed
        guard !text.isEmpty else { return nil }
        guard text.count <= 12, let value = Int64(text), (0...10_000_000_000).contains(value) else {
            errors.add(field, "\(label)：请填写 0 到 100 亿之间的整数（元）")
            return nil
        }
        return value
    }

    struct Filing: Sendable {
        var kind = ""
        var claim = ""
        var amount = ""
        var applicantName = ""
        var respondentName = ""
        var respondentCode = ""
        var event = ""
    }

    /// Files a dispute. An enterprise or resident files as the applicant; office staff and grid
    /// workers file for someone (a grid event of category 调解矛盾纠纷 may be named). A respondent
    /// named by 统一社会信用代码 of the zone sees the case through the enterprise's users.
    func file(_ f: Filing, zoneID: Int64, user: CurrentUser) async throws -> Int64 {
        var errors = FormErrors()
        let kind = DisputeKind(rawValue: f.kind)
        if kind == nil { errors.add("kind", "纠纷类型：请在消费纠纷、商事纠纷、劳动争议中选择") }
        let claim = Self.text(f.claim, field: "claim", label: "请求事项", max: 2000, into: &errors)
        let amount = Self.amount(f.amount, field: "amount", label: "请求金额", into: &errors)
        let selfFiled = user.role == .enterpriseUser || user.role == .resident
        let applicant =
            selfFiled
            ? user.displayName : Self.text(f.applicantName, field: "applicant", label: "申请人", max: 60, into: &errors)
        let respondent = Self.text(f.respondentName, field: "respondent", label: "被申请人", max: 100, into: &errors)
        var respondentEnterprise: Int64?
        let code = f.respondentCode.trimmed.uppercased()
        if !code.isEmpty {
            if code.count != 18 {
                errors.add("respondent_code", "被申请人统一社会信用代码：应为 18 位")
            } else if let e = try await EnterpriseRepository(db: database.sql).find(uscc: code, zoneID: zoneID) {
                respondentEnterprise = e.id
                if user.role == .enterpriseUser, user.enterpriseID == e.id {
                    errors.add("respondent_code", "被申请人：不能是申请人自己的企业")
                }
            } else {
                errors.add("respondent_code", "被申请人统一社会信用代码：本区没有这家企业（可只填名称）")
            }
        }
        var eventID: Int64?
        if !f.event.trimmed.isEmpty {
            if selfFiled {
                errors.add("event", "网格事件：由网格员或工作人员关联")
            } else if let id = EnterpriseHelpService.id(f.event),
                let category = try await MediationRepository(db: database.sql).eventCategory(caseID: id, zoneID: zoneID)
            {
                if category != "dispute" { errors.add("event", "网格事件：只有“调解矛盾纠纷”类事件可以转入调解") }
                eventID = id
            } else {
                errors.add("event", "网格事件：本区没有这个事件编号")
            }
        }
        try Refusal.check(errors)
        let (respondentID, eventCaseID) = (respondentEnterprise, eventID)
        guard Permissions.decide(user, .create, .mediation(zoneID: zoneID)) == .allow else { throw PageError.forbidden }
        let now = LocalMoment.now
        let record = try Refusal.engine("claim") {
            try engine.open(typeCode: HelpCaseTypes.mediation.code, by: Self.actor(user), at: now, note: claim)
        }
        guard let target = MediationTarget.deadline(filedAt: now, calendar: engine.calendar) else {
            throw Refusal("claim", "工作日历暂无今年的节假日安排，无法计算调解时限")
        }
        return try await database.transaction { db in
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: zoneID, title: String(claim.prefix(40)), requesterUserID: user.id,
                enterpriseID: respondentID, assignee: nil, actor: user)
            let repo = MediationRepository(db: db)
            try await repo.insert(
                MediationRow(
                    caseId: id, zoneId: zoneID, kind: kind!.rawValue, claim: claim, amountClaimed: amount,
                    eventCaseId: eventCaseID, targetDay: target.day.description, targetMinute: target.minuteOfDay))
            try await repo.insertParty(
                MediationPartyRow(
                    id: 0, caseId: id, zoneId: zoneID, side: "applicant", name: applicant,
                    userId: selfFiled ? user.id : nil,
                    enterpriseId: user.role == .enterpriseUser ? user.enterpriseID : nil))
            try await repo.insertParty(
                MediationPartyRow(
                    id: 0, caseId: id, zoneId: zoneID, side: "respondent", name: respondent, userId: nil,
                    enterpriseId: respondentID))
            return id
        }
    }

    /// What a step carries, as typed (form fields or API properties).
    struct StepInput: Sendable {
        var sessionAt = ""
        var sessionLink = ""
        var participants = ""
        var agreement = ""
        var agreementAmount = ""
        var agreementDeadline = ""
        var reason = ""
    }

    /// The 庭务主任's steps: `accept`; `schedule` (date-time, link, participants); `agree` (text,
    /// amount, deadline); `refer` (reason). A referral closes the case and records the target.
    func step(_ m: MediationCase, transition: String, form: StepInput, user: CurrentUser) async throws -> String {
        var errors = FormErrors()
        var note = ""
        switch transition {
        case "accept": note = "受理"
        case "schedule":
            let at = form.sessionAt.replacingOccurrences(of: "T", with: " ")
            let parts = at.split(separator: " ")
            if parts.count != 2 || Day(parts[0]) == nil || parts[1].count != 5 {
                errors.add("session_at", "调解时间：请填写日期和时间")
            }
            let link = Self.text(form.sessionLink, field: "session_link", label: "在线调解链接", max: 300, into: &errors)
            if !link.isEmpty, !link.hasPrefix("https://") { errors.add("session_link", "在线调解链接：请填写 https:// 开头的地址") }
            let who = Self.text(form.participants, field: "participants", label: "参加人员", max: 300, into: &errors)
            note = "\(at)，\(link)，参加：\(who)"
        case "agree":
            let text = Self.text(form.agreement, field: "agreement", label: "协议内容", max: 3000, into: &errors)
            _ = Self.amount(form.agreementAmount, field: "agreement_amount", label: "协议金额", into: &errors)
            if !form.agreementDeadline.isEmpty, Day(form.agreementDeadline) == nil || form.agreementDeadline.count != 10
            {
                errors.add("agreement_deadline", "履行期限：请按 年-月-日 填写")
            }
            note = text
        case "refer":
            note = Self.text(form.reason, field: "reason", label: "调解不成的原因", max: 1000, into: &errors)
        default: errors.add("transition", "请选择要办理的操作")
        }
        try Refusal.check(errors)
        let now = LocalMoment.now
        let stepNote = note
        let next = try Refusal.engine("transition") {
            let checked = try engine.checkDeadline(try m.caseRow.record(), now: now).record
            return try engine.perform(transition, on: checked, by: Self.actor(user), at: now, note: stepNote)
        }
        try await database.transaction { db in
            try await CaseRepository(db: db).save(next, for: m.caseRow, action: transition, actor: user)
            let repo = MediationRepository(db: db)
            switch transition {
            case "schedule":
                try await repo.setSession(
                    caseID: m.id, at: form.sessionAt.replacingOccurrences(of: "T", with: " "),
                    link: form.sessionLink.trimmed, participants: form.participants.trimmed)
            case "agree":
                try await repo.setAgreement(
                    caseID: m.id, text: form.agreement.trimmed, amount: Int64(form.agreementAmount.trimmed),
                    deadline: form.agreementDeadline.isEmpty ? nil : form.agreementDeadline)
            case "refer":
                try await repo.setOutcome(
                    caseID: m.id, note: stepNote,
                    onTarget: MediationTarget.met(closedAt: now, deadline: m.details.target))
            default: break
            }
        }
        return "\(m.number) 已\(HelpCaseTypes.mediation.transition(transition)?.name ?? transition)。"
    }

    /// A party confirms the agreement; when every party has, the case is settled and the target recorded.
    /// `partyID` names the party confirmed for: it must be one the user acts for.
    func confirm(_ m: MediationCase, partyID: Int64?, user: CurrentUser) async throws -> String {
        // The office records a confirmation given in the online session for any party of the case.
        let office = user.role == .zoneAdmin || user.role == .departmentStaff || user.role == .platformAdmin
        let mine = office ? m.parties : m.parties.filter { $0.isActed(by: user) }
        guard let party = partyID.map({ id in mine.first { $0.id == id } }) ?? (office ? nil : mine.first) else {
            throw Refusal(
                "party", office ? "当事人：所选的人不是本案当事人" : "您不是本案当事人，不能确认调解协议")
        }
        guard m.caseRow.state == "agreed" else { throw Refusal("party", "尚未记录调解协议，暂不能确认") }
        guard party.confirmedAt == nil else { throw Refusal("party", "\(party.name)已确认过调解协议") }
        let now = LocalMoment.now
        let everyone = m.parties.allSatisfy { $0.confirmedAt != nil || $0.id == party.id }
        let settled =
            try everyone
            ? Refusal.engine("party") {
                try engine.perform("settle", on: try m.caseRow.record(), by: Self.actor(user), at: now, note: "双方均已确认")
            } : nil
        try await database.transaction { db in
            let repo = MediationRepository(db: db)
            try await repo.confirm(partyID: party.id, at: now.unixSeconds())
            try await AuditLog.record(
                zoneID: m.caseRow.zoneId, actor: user, entity: "mediation_party", id: party.id, action: "confirm",
                after: ["case_id": "\(m.id)"], on: db)
            if let settled {
                try await CaseRepository(db: db).save(settled, for: m.caseRow, action: "settle", actor: user)
                try await repo.setOutcome(
                    caseID: m.id, note: nil, onTarget: MediationTarget.met(closedAt: now, deadline: m.details.target))
            }
        }
        return everyone ? "双方均已确认，调解成功，可打印调解协议书。" : "已确认调解协议，等待对方确认。"
    }

    /// An evidence file (image, PDF or office document, checked by content) from a party or the office.
    func addEvidence(_ m: MediationCase, file: MultipartForm.File?, user: CurrentUser) async throws {
        var errors = FormErrors()
        if let file, !file.data.isEmpty {
            if file.data.count > 10_000_000 { errors.add("evidence", "证据材料：不能超过 10 MB") }
            _ = FileKind.check(file.data, allowed: FileKind.documents, field: "evidence", label: "证据材料", into: &errors)
        } else {
            errors.add("evidence", "证据材料：请选择文件")
        }
        if m.caseRow.closedAt != nil { errors.add("evidence", "证据材料：案件已办结") }
        try Refusal.check(errors)
        try await database.transaction { db in
            try await MediationRepository(db: db).insertEvidence(
                caseID: m.id, zoneID: m.caseRow.zoneId, name: String(file!.fileName.prefix(100)), userID: user.id,
                data: file!.data, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: m.caseRow.zoneId, actor: user, entity: "mediation_case", id: m.id, action: "evidence",
                after: ["file": file!.fileName], on: db)
        }
    }

    /// The enterprise's reply to a 司法建议.
    func reply(_ l: MediationLetterRow, text: String, user: CurrentUser) async throws {
        var errors = FormErrors()
        let text = Self.text(text, field: "reply", label: "整改回复", max: 2000, into: &errors)
        if l.reply != nil { errors.add("reply", "整改回复：已回复过") }
        try Refusal.check(errors)
        try await database.transaction { db in
            try await MediationRepository(db: db).reply(letterID: l.id, text: text, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: l.zoneId, actor: user, entity: "mediation_letter", id: l.id, action: "reply",
                after: ["reply": text], on: db)
        }
    }
}
