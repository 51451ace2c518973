import Foundation
import GaoxinCore
import HTTPTypes

/// The one write service of consultations, shared by the pages and the API: ask, answer, rate,
/// withdraw, publish. Each checks everything first (the fields, then the engine's rules) and throws
/// a `Refusal` when anything is wrong (the engine's message as it is, on the field it concerns), then
/// writes the case, its details and the audit rows in one transaction.
struct ConsultationService: Sendable {
    let services: AppServices
    var engine: CaseEngine { services.cases.engine }

    /// The fields of a question, checked; `errors` name each field in Chinese.
    struct Question: Sendable {
        var question: String
        var name: String
        var mobile: String
        var errors = FormErrors()
        var mobileNumber: MobileNumber?

        /// Signed-in askers are known by their account; the public leave a name and a mobile number.
        init(question: String, name: String, mobile: String, signedIn: Bool) {
            self.question = question
            self.name = name
            self.mobile = mobile
            if question.isEmpty {
                errors.add("question", "咨询问题：请填写您想咨询的内容")
            } else if question.count < 5 {
                errors.add("question", "咨询问题：请至少写 5 个字，说清楚想了解什么")
            } else if question.count > 1000 {
                errors.add("question", "咨询问题：不能超过 1000 个字（现有 \(question.count) 个字）")
            }
            guard !signedIn else { return }
            if name.isEmpty {
                errors.add("name", "姓名：请填写，便于答复时称呼您")
            } else if name.count > 30 {
                errors.add("name", "姓名：不能超过 30 个字")
            }
            do { mobileNumber = try MobileNumber(mobile) } catch { errors.add("mobile", error.message) }
        }
    }

    /// An answer as typed, checked; `errors` on `answer` in Chinese.
    struct Answer: Sendable {
        let text: String
        private(set) var errors = FormErrors()

        init(_ text: String) {
            self.text = text
            if text.isEmpty {
                errors.add("answer", "答复内容：请填写")
            } else if text.count > 2000 {
                errors.add("answer", "答复内容：不能超过 2000 个字（现有 \(text.count) 个字）")
            }
        }
    }

    static func actor(_ user: CurrentUser?, mobile: MobileNumber? = nil) -> CaseActor {
        guard let user else { return CaseActor(id: "public:\(mobile?.value ?? "")", role: .public) }
        return CaseActor(id: CaseIDs.user(user.id), role: user.role)
    }

    /// Opens the consultation for the item's issuing department; returns the case id.
    func ask(_ q: Question, item: PolicyItemRow, policy: PolicyRow, user: CurrentUser?) async throws -> Int64 {
        try Refusal.check(q.errors)
        let now = LocalMoment.now
        let record = try Refusal.engine("question") {
            try engine.open(
                typeCode: ConsultationCaseTypes.consultation.code, by: Self.actor(user, mobile: q.mobileNumber),
                at: now, note: q.question)
        }
        let department = CaseIDs.department(policy.departmentId)
        let title = String(q.question.prefix(40))
        let askerName = user?.displayName ?? q.name
        return try await services.database.transaction { db -> Int64 in
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: policy.zoneId, title: title, requesterUserID: user?.id,
                enterpriseID: user?.enterpriseID,
                assignee: department, actor: user)
            try await ConsultationRepository(db: db).insert(
                ConsultationRow(
                    caseId: id, zoneId: policy.zoneId, policyItemId: item.id, departmentId: policy.departmentId,
                    question: q.question,
                    askerName: askerName, askerMobile: q.mobileNumber?.value, published: false))
            return id
        }
    }

    /// Answers: a late answer first records the overdue mark and the escalation it missed, so the
    /// history shows it was late even when no sweep ran before.
    func answer(_ c: Consultation, _ answer: Answer, user: CurrentUser) async throws {
        try Refusal.check(answer.errors)
        let now = LocalMoment.now
        let answered = try Refusal.engine("answer") {
            let checked = try engine.checkDeadline(try c.caseRow.record(), now: now).record
            return try engine.perform(
                "answer", on: checked, by: Self.actor(user), at: now, note: answer.text,
                assignee: CaseIDs.department(c.details.departmentId))
        }
        try await services.database.transaction { db in
            try await CaseRepository(db: db).save(answered, for: c.caseRow, action: "answer", actor: user)
            try await ConsultationRepository(db: db).setAnswer(
                caseID: c.id, answer: answer.text, by: user.id, at: now.unixSeconds())
        }
    }

    /// Rates the answer; a 差评 opens the follow-up case for the department. Returns its id.
    /// A public asker (no account) rates as the mobile number they asked with. The engine's refusal
    /// (not answered yet, rated already, not the asker) is a `Refusal` on `level`.
    func rate(_ c: Consultation, level: RatingLevel, comment: String, user: CurrentUser?, mobile: MobileNumber? = nil)
        async throws -> Int64?
    {
        let now = LocalMoment.now
        let actor = Self.actor(user, mobile: mobile)
        let (outcome, followUp) = try Refusal.engine("level") {
            let outcome = try engine.rate(try c.caseRow.record(), by: actor, level: level, comment: comment, at: now)
            let followUp = try outcome.followUp.map { request in
                (request, try engine.open(typeCode: request.caseTypeCode, by: actor, at: now, note: request.reason))
            }
            return (outcome, followUp)
        }
        return try await services.database.transaction { db -> Int64? in
            let repo = CaseRepository(db: db)
            try await repo.save(outcome.record, for: c.caseRow, action: "rate:\(level.rawValue)", actor: user)
            guard let followUp else { return nil }
            let (request, record) = followUp
            let assignee = request.handledBy ?? CaseIDs.department(c.details.departmentId)
            let title = "差评回访：\(c.number) \(c.caseRow.title)"
            let id = try await repo.insert(
                record, zoneID: c.caseRow.zoneId, title: title,
                requesterUserID: user?.id,
                enterpriseID: c.caseRow.enterpriseId,
                assignee: assignee,
                parentCaseID: c.id, actor: user)
            try await CaseNotices.followUpOpened(
                caseID: id, zoneID: c.caseRow.zoneId, assignee: assignee.id, title: title,
                parentLink: .consultation(c.id), on: db)
            return id
        }
    }

    /// The asker takes the question back before it is answered.
    func withdraw(_ c: Consultation, user: CurrentUser) async throws {
        let withdrawn = try Refusal.engine("withdraw") {
            try engine.perform("withdraw", on: try c.caseRow.record(), by: Self.actor(user), at: .now)
        }
        try await services.database.transaction { db in
            try await CaseRepository(db: db).save(withdrawn, for: c.caseRow, action: "withdraw", actor: user)
        }
    }

    /// Publishes the answer as a policy Q&A on the item page, or takes it back; a question not yet
    /// answered is refused.
    func publish(_ c: Consultation, _ published: Bool, user: CurrentUser) async throws {
        guard c.details.answer != nil else {
            throw Refusal("published", "尚未答复的咨询不能公开为政策问答。", status: .conflict)
        }
        try await services.database.transaction { db in
            try await ConsultationRepository(db: db).setPublished(caseID: c.id, published, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: c.caseRow.zoneId, actor: user, entity: "consultation", id: c.id,
                action: published ? "publish" : "unpublish",
                before: ["published": c.details.published ? "是" : "否"], after: ["published": published ? "是" : "否"],
                on: db)
        }
    }
}
