import Foundation
import GaoxinCore
import HTTPTypes

/// The result of a finished application as typed: 证照/批文 number and how it reaches the applicant.
struct ServiceResultInput: Sendable {
    var resultNo = ""
    var delivery = ""
    var trackingNo = ""
    var note = ""
}

extension ServiceService {
    /// The applicant hands in every material the notice named; then the case is pre-checked again.
    func supplement(
        _ c: ServiceCase, files: [Int64: MultipartForm.File], user: CurrentUser, at now: LocalMoment = .now
    ) async throws {
        let materials = try await ServiceRepository(db: services.database.sql).materials(bundleID: c.details.bundleId)
        let asked = Set((c.details.firstNoticeIDs ?? []).compactMap(Int64.init))
        var errors = FormErrors()
        if c.caseRow.state != "correcting" {
            throw Refusal("materials", "\(c.number) 当前不需要补正材料。", status: .conflict)
        }
        for m in materials where asked.contains(m.id) {
            if let file = files[m.id] {
                Self.checkFile(file, material: m, into: &errors)
            } else {
                errors.add("material_\(m.id)", "\(m.name)：一次性告知中要求补正的材料，请上传")
            }
        }
        for id in files.keys where !asked.contains(id) {
            errors.add("materials", "材料：只需补正告知中列出的材料")
        }
        try Refusal.check(errors)
        let next = try Refusal.engine("materials") {
            try engine.perform(
                "resubmit", on: try c.caseRow.record(), by: Self.actor(user), at: now, note: "已补正告知的全部材料")
        }
        try await services.database.transaction { db in
            let repo = ServiceApplicationRepository(db: db)
            for (id, file) in files {
                try await repo.putFile(
                    caseID: c.id, materialID: id, name: String(file.fileName.prefix(120)), data: file.data,
                    filledText: nil, at: now.unixSeconds())
            }
            try await CaseRepository(db: db).save(next, for: c.caseRow, action: "resubmit", actor: user)
        }
    }

    /// The result fields checked; `errors` per field.
    func checkResult(_ r: ServiceResultInput, into errors: inout FormErrors) -> ServiceDelivery? {
        if r.resultNo.trimmed.isEmpty {
            errors.add("result_no", "证照/批文编号：请填写")
        } else if r.resultNo.trimmed.textLength > 60 {
            errors.add("result_no", "证照/批文编号：不能超过 60 个字")
        }
        let delivery = ServiceDelivery(rawValue: r.delivery)
        if delivery == nil { errors.add("delivery", "送达方式：请选择窗口自取或邮寄送达") }
        let tracking = r.trackingNo.trimmed
        if delivery == .mail {
            if tracking.isEmpty {
                errors.add("tracking_no", "邮件单号：邮寄送达须填写邮件单号")
            } else if !(8...30).contains(tracking.count)
                || !tracking.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            {
                errors.add("tracking_no", "邮件单号：应为 8 到 30 位字母或数字")
            }
        }
        if r.note.trimmed.textLength > 1000 { errors.add("note", "办理意见：不能超过 1000 个字") }
        return delivery
    }

    /// 受理. A 即办 item finishes on the spot in the same step (its result is recorded with it);
    /// any other gets its deadline from the item's promised limit in working days.
    func accept(_ c: ServiceCase, result: ServiceResultInput, user: CurrentUser, at now: LocalMoment = .now)
        async throws
    {
        var errors = FormErrors()
        let delivery = c.details.instant ? checkResult(result, into: &errors) : nil
        try Refusal.check(errors)
        let engine = self.engine
        let promised = c.details.promisedDays
        let next = try Refusal.engine("action") {
            let checked = try engine.checkDeadline(try c.caseRow.record(), now: now).record
            let accepted = try engine.perform("accept", on: checked, by: Self.actor(user), at: now, note: "材料齐全，予以受理")
            if c.details.instant {
                return try engine.perform(
                    "finish", on: accepted, by: Self.actor(user), at: now,
                    note: result.note.trimmed.isEmpty ? "即办事项，当场办结" : result.note.trimmed)
            }
            return try engine.withLimit(.workingDays(promised), on: accepted)
        }
        var details = c.details
        details.acceptedAt = now.unixSeconds()
        if c.details.instant, let delivery { record(result, delivery: delivery, days: 0, at: now, into: &details) }
        try await save(next, c, details, action: c.details.instant ? "accept_finish" : "accept", user: user)
    }

    /// 办结 with the result and its delivery; the working days from acceptance are kept for the figures.
    func finish(_ c: ServiceCase, result: ServiceResultInput, user: CurrentUser, at now: LocalMoment = .now)
        async throws
    {
        var errors = FormErrors()
        let delivery = checkResult(result, into: &errors)
        try Refusal.check(errors)
        let note = result.note.trimmed.isEmpty ? "已办结" : result.note.trimmed
        let next = try Refusal.engine("action") {
            let checked = try engine.checkDeadline(try c.caseRow.record(), now: now).record
            return try engine.perform("finish", on: checked, by: Self.actor(user), at: now, note: note)
        }
        let acceptedDay = LocalMoment(unixSeconds: c.details.acceptedAt ?? now.unixSeconds()).day
        let days =
            acceptedDay >= now.day
            ? 0 : engine.calendar.workingDays(from: acceptedDay.adding(days: 1), to: now.day).value
        var details = c.details
        if let delivery { record(result, delivery: delivery, days: days, at: now, into: &details) }
        try await save(next, c, details, action: "finish", user: user)
    }

    private func record(
        _ r: ServiceResultInput, delivery: ServiceDelivery, days: Int, at now: LocalMoment,
        into details: inout ServiceApplicationRow
    ) {
        details.finishedAt = now.unixSeconds()
        details.workingDays = days
        details.resultNo = r.resultNo.trimmed
        details.delivery = delivery.rawValue
        details.trackingNo = delivery == .mail ? r.trackingNo.trimmed : nil
    }

    /// 不予受理 with the reason.
    func refuse(_ c: ServiceCase, reason: String, user: CurrentUser, at now: LocalMoment = .now) async throws {
        let reason = reason.trimmed
        if reason.isEmpty { throw Refusal("note", "不予受理的理由：请填写") }
        if reason.textLength > 1000 { throw Refusal("note", "不予受理的理由：不能超过 1000 个字") }
        let next = try Refusal.engine("action") {
            try engine.perform("refuse", on: try c.caseRow.record(), by: Self.actor(user), at: now, note: reason)
        }
        try await save(next, c, c.details, action: "refuse", user: user)
    }

    /// The zone admin changes an item's 法定 and 承诺 limits (working days, 0–365; a promise never longer
    /// than the law); the 一件事 it belongs to take the longest of their items'. Open cases keep the
    /// deadline they were accepted with.
    func setLimits(_ item: ServiceItemRow, legal: String, promised: String, user: CurrentUser) async throws {
        var errors = FormErrors()
        func days(_ text: String, _ field: String, _ label: String) -> Int? {
            guard text.count <= 3, let n = Int(text), (0...ServiceLimits.maxDays).contains(n) else {
                errors.add(field, "\(label)：请填写 0 到 \(ServiceLimits.maxDays) 之间的工作日数")
                return nil
            }
            return n
        }
        let legalDays = days(legal.trimmed, "legal_days", "法定办结时限")
        let promisedDays = days(promised.trimmed, "promised_days", "承诺办结时限")
        if let legalDays, let promisedDays {
            for p in ServiceLimits(legalDays: legalDays, promisedDays: promisedDays).problems {
                errors.add(p.field, p.message)
            }
        }
        try Refusal.check(errors)
        guard let legalDays, let promisedDays else { return }
        try await services.database.transaction { db in
            try await ServiceRepository(db: db).setLimits(itemID: item.id, legal: legalDays, promised: promisedDays)
            try await AuditLog.record(
                zoneID: item.zoneId, actor: user, entity: "service_item", id: item.id, action: "limits",
                before: ["legal_days": String(item.legalDays), "promised_days": String(item.promisedDays)],
                after: ["legal_days": String(legalDays), "promised_days": String(promisedDays)], on: db)
        }
    }

    /// 全过程领办: one officer of the zone's staff follows the case across departments.
    func assignOfficer(_ c: ServiceCase, officerID: Int64, user: CurrentUser) async throws {
        guard let officer = try await UserRepository(db: services.database.sql).find(id: officerID),
            officer.zoneId == c.details.zoneId, officer.isActive,
            officer.role == Role.departmentStaff.rawValue || officer.role == Role.zoneAdmin.rawValue
        else { throw Refusal("officer", "领办人：请在本园区的在岗工作人员中选择") }
        if c.caseRow.closedAt != nil { throw Refusal("officer", "\(c.number) 已办结，不再指定领办人。", status: .conflict) }
        var changed = c.details
        changed.officerUserId = officerID
        let details = changed
        try await services.database.transaction { db in
            try await ServiceApplicationRepository(db: db).update(details)
            try await AuditLog.record(
                zoneID: details.zoneId, actor: user, entity: "service_application", id: c.id, action: "officer",
                before: c.details.officerUserId.map(String.init), after: String(officerID), on: db)
            try await Outbox.enqueue(
                on: db, zoneID: details.zoneId, to: [.user(officerID)],
                Notice(
                    kind: .application, subject: "全过程领办：\(c.number)", body: "请全程跟进“\(c.caseRow.title)”的办理。",
                    link: .serviceApplication(c.id), dedupeKey: "svc_officer:\(c.id):\(officerID)"))
        }
    }

    private func save(
        _ next: CaseRecord, _ c: ServiceCase, _ details: ServiceApplicationRow, action: String, user: CurrentUser
    )
        async throws
    {
        try await services.database.transaction { db in
            try await CaseRepository(db: db).save(next, for: c.caseRow, action: action, actor: user)
            try await ServiceApplicationRepository(db: db).update(details)
            if let applicant = details.applicantUserId, next.isClosed {
                try await Outbox.enqueue(
                    on: db, zoneID: details.zoneId, to: [.user(applicant)],
                    Notice(
                        kind: .application, subject: "办件结果：\(c.number)",
                        body: "“\(c.caseRow.title)”\(next.state == "finished" ? "已办结，欢迎评价（好差评）" : "不予受理")。",
                        link: .serviceApplication(c.id), dedupeKey: "svc_closed:\(c.id)"))
            }
        }
    }
}
