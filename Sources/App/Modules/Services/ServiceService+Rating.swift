import Foundation
import GaoxinCore
import HTTPTypes

extension ServiceService {
    /// 好差评 by the applicant once the case is finished (the engine refuses anyone else, an open case
    /// and a second rating). A 差评 opens 差评回访整改 for the handling department, with the zone's
    /// call-back limit when it set one. Returns the follow-up's id.
    func rate(
        _ c: ServiceCase, level: RatingLevel, facets: [RatingFacet: Int] = [:], comment: String, user: CurrentUser,
        atCounter: Bool = false, at now: LocalMoment = .now
    ) async throws -> Int64? {
        if c.caseRow.state != "finished", c.caseRow.closedAt != nil {
            throw Refusal("level", "不予受理的办件不参加评价。", status: .conflict)
        }
        if atCounter && c.details.channelValue != .window {
            throw Refusal("level", "窗口评价（一次一评）只用于窗口办理的办件；网上办件由申请人在线评价。", status: .conflict)
        }
        let limits = try await ServiceApplicationRepository(db: services.database.sql).followUpLimits(
            zoneID: c.details.zoneId)
        let actor = Self.actor(user)
        let engine = self.engine
        let (outcome, followUp) = try Refusal.engine("level") {
            let outcome =
                atCounter
                ? try engine.rateAtCounter(try c.caseRow.record(), recordedBy: actor, level: level, at: now)
                : try engine.rate(
                    try c.caseRow.record(), by: actor, level: level, facets: facets, comment: comment, at: now)
            let followUp = try outcome.followUp.map { request in
                var record = try engine.open(typeCode: request.caseTypeCode, by: actor, at: now, note: request.reason)
                if let limits { record = try engine.withLimit(.workingDays(limits.callback), on: record) }
                return record
            }
            return (outcome, followUp)
        }
        return try await services.database.transaction { db -> Int64? in
            let repo = CaseRepository(db: db)
            try await repo.save(
                outcome.record, for: c.caseRow, action: (atCounter ? "counter_rate:" : "rate:") + level.rawValue,
                actor: user)
            guard let followUp else { return nil }
            let assignee = CaseIDs.department(c.details.departmentId)
            let title = "差评回访：\(c.number) \(c.caseRow.title)"
            let id = try await repo.insert(
                followUp, zoneID: c.details.zoneId, title: title, requesterUserID: atCounter ? nil : user.id,
                enterpriseID: c.caseRow.enterpriseId, assignee: assignee, parentCaseID: c.id, actor: user)
            try await CaseNotices.followUpOpened(
                caseID: id, zoneID: c.details.zoneId, assignee: assignee.id, title: title,
                parentLink: .serviceApplication(c.id), on: db)
            return id
        }
    }

    /// The handling unit appeals a 差评 it finds mistaken or malicious (误评、恶意差评), once, with
    /// its reason; the zone admin decides. Someone outside the unit is refused by `Permissions`
    /// before this is called; here the rating itself is checked.
    func appeal(_ c: ServiceCase, reason: String, user: CurrentUser, at now: LocalMoment = .now) async throws -> Int64 {
        let followUp = try await CaseRepository(db: services.database.sql).children(of: [c.id]).first
        return try await appealRating(
            c.caseRow, unitID: CaseIDs.department(c.details.departmentId).id, followUpID: followUp?.id,
            reason: reason, user: user, at: now)
    }

    /// An appeal of the 差评 on any rated case (办件, 咨询, 网格事件) by `unitID`, the unit its follow-up
    /// went to: a reason of 10 to 1000 characters, a 差评 only, once per rating; written with its audit
    /// row and a notice to the zone admins in one transaction.
    func appealRating(
        _ rated: CaseRow, unitID: String?, followUpID: Int64?, reason: String, user: CurrentUser,
        at now: LocalMoment = .now
    ) async throws -> Int64 {
        let reason = reason.trimmed
        var errors = FormErrors()
        if reason.textLength < 10 {
            errors.add("reason", "申诉理由：请至少写 10 个字，说明为何属于误评或恶意差评")
        } else if reason.textLength > 1000 {
            errors.add("reason", "申诉理由：不能超过 1000 个字")
        }
        let record = try rated.record()
        guard let rating = record.rating, rating.level.isNegative else {
            throw Refusal("reason", "只有差评（不满意、非常不满意）可以申诉。", status: .conflict)
        }
        let repo = ServiceApplicationRepository(db: services.database.sql)
        if try await repo.appeal(caseID: rated.id) != nil {
            throw Refusal("reason", "该差评已申诉过，每条差评只能申诉一次。", status: .conflict)
        }
        try Refusal.check(errors)
        let number = CaseNotices.number(rated)
        let departmentID = unitID.flatMap { CaseIDs.departmentID(Assignee(id: $0, kind: .unit)) }
        return try await services.database.transaction { db -> Int64 in
            let id = try await ServiceApplicationRepository(db: db).insertAppeal(
                RatingAppealRow(
                    id: 0, zoneId: rated.zoneId, caseId: rated.id, followUpCaseId: followUpID,
                    departmentId: departmentID, reason: reason, state: "pending", filedBy: user.id,
                    filedAt: now.unixSeconds(), unitId: unitID))
            try await AuditLog.record(
                zoneID: rated.zoneId, actor: user, entity: "rating_appeal", id: id, action: "file",
                after: ["case": number, "reason": reason], on: db)
            try await Outbox.enqueue(
                on: db, zoneID: rated.zoneId, to: [.zoneAdmins(zoneID: rated.zoneId)],
                Notice(
                    kind: .followUp, subject: "差评申诉待裁定：\(number)", body: reason, link: .serviceAppeals,
                    dedupeKey: "svc_appeal:\(id)"))
            return id
        }
    }

    /// The zone's 差评 limits in working days (call back 1–10, fix 1–60, the fix no shorter than the
    /// call-back); they apply to follow-ups opened or called back from now on, of every case type.
    func setFollowUpLimits(callback: String, fix: String, zoneID: Int64, user: CurrentUser) async throws {
        var errors = FormErrors()
        func days(_ text: String, _ field: String, _ label: String, _ range: ClosedRange<Int>) -> Int? {
            guard text.count <= 3, let n = Int(text), range.contains(n) else {
                errors.add(field, "\(label)：请填写 \(range.lowerBound) 到 \(range.upperBound) 之间的工作日数")
                return nil
            }
            return n
        }
        let call = days(callback.trimmed, "callback_days", "回访时限", 1...10)
        let fixDays = days(fix.trimmed, "fix_days", "整改时限", 1...60)
        if let call, let fixDays, fixDays < call { errors.add("fix_days", "整改时限：不能短于回访时限（\(call) 个工作日）") }
        try Refusal.check(errors)
        guard let call, let fixDays else { return }
        let before = try await ServiceApplicationRepository(db: services.database.sql).followUpLimits(zoneID: zoneID)
        try await services.database.transaction { db in
            try await ServiceApplicationRepository(db: db).setFollowUpLimits(
                zoneID: zoneID, callback: call, fix: fixDays)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "rating_followup_limits", id: zoneID, action: "set",
                before: before.map { ["callback_days": String($0.callback), "fix_days": String($0.fix)] },
                after: ["callback_days": String(call), "fix_days": String(fixDays)], on: db)
        }
    }

    /// The zone admin decides an appeal: upheld takes the 差评 out of the figures; either way the
    /// unit and the rater are told.
    func decide(_ appeal: RatingAppealRow, upheld: String, note: String, user: CurrentUser, at now: LocalMoment = .now)
        async throws
    {
        var errors = FormErrors()
        if upheld != "upheld" && upheld != "rejected" { errors.add("decision", "裁定结果：请选择申诉成立或不成立") }
        let note = note.trimmed
        if note.isEmpty {
            errors.add("note", "裁定意见：请填写")
        } else if note.textLength > 1000 {
            errors.add("note", "裁定意见：不能超过 1000 个字")
        }
        if appeal.state != "pending" { throw Refusal("decision", "该申诉已裁定。", status: .conflict) }
        try Refusal.check(errors)
        let rated = try await CaseRepository(db: services.database.sql).find(id: appeal.caseId)
        try await services.database.transaction { db in
            try await ServiceApplicationRepository(db: db).decide(
                id: appeal.id, state: upheld, note: note, by: user.id, at: now.unixSeconds())
            try await AuditLog.record(
                zoneID: appeal.zoneId, actor: user, entity: "rating_appeal", id: appeal.id, action: "decide:\(upheld)",
                before: ["state": appeal.state], after: ["state": upheld, "note": note], on: db)
            let text = "差评申诉\(upheld == "upheld" ? "成立，该差评不计入统计" : "不成立")。裁定意见：\(note)"
            var recipients: [NoticeRecipient] = [
                appeal.unitId.map { NoticeRecipient.assignee($0) }
                    ?? NoticeRecipient.department(appeal.departmentId ?? 0)
            ]
            if let rater = rated?.requesterUserId { recipients.append(.user(rater)) }
            let link = try await rated.asyncMap { try await CaseNotices.link($0, db: db) } ?? nil
            try await Outbox.enqueue(
                on: db, zoneID: appeal.zoneId, to: recipients,
                Notice(
                    kind: .followUp, subject: "差评申诉裁定：\(rated.map(CaseNotices.number) ?? "")", body: text,
                    link: link, dedupeKey: "svc_appeal_decided:\(appeal.id)"))
        }
    }
}
