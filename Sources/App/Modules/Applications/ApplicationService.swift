import Foundation
import GaoxinCore
import SQLKit

/// The application module's one write service (申报 → 审核 → 兑现). Every step checks everything
/// first and throws a `Refusal` with every reason (nothing saved); only a valid step writes, in one
/// transaction with its audit rows. Pages and the API both call here.
struct ApplicationService: Sendable {
    let database: Database
    var today: Day = Clock.today

    /// The largest single file a material may be (the upload request as a whole is capped at 20 MB).
    static let maxFileBytes = 10 * 1024 * 1024

    static func amount(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// A material's size and content (images, PDF, OOXML/zip, told by their bytes; never SVG or
    /// HTML): the file to store, with the type its bytes show, or the reasons in `errors`.
    static func checkFile(_ file: MaterialUpload, name: String, errors: inout FormErrors) -> MaterialUpload {
        guard let content = file.content else { return file }
        if content.count > maxFileBytes {
            errors.add("materials", "材料“\(name)”的文件超过 10 MB")
            return file
        }
        var file = file
        if let kind = FileKind.check(
            content, allowed: FileKind.documents, field: "materials", label: "材料“\(name)”", into: &errors)
        {
            file.contentType = kind.mediaType
        }
        return file
    }

    // MARK: - Enterprise: apply

    struct Submission: Sendable {
        var item: PolicyItemRow
        var policy: PolicyRow
        var enterpriseID: Int64
        var requestedAmount: String
        var note: String
        /// Uploaded files by listed material name.
        var files: [String: MaterialUpload]
    }

    /// Checks an application: window open, every required material present, amount within the cap
    /// and the estimate; refused with every reason, else saved with its materials.
    func submit(_ s: Submission, actor: CurrentUser) async throws -> Int64 {
        var errors = FormErrors()
        let item = s.item
        if s.policy.validity(on: today) != .inForce {
            errors.add("item", "该政策当前为“\(s.policy.validity(on: today).label)”，不能申报")
        }
        if item.autoGrant { errors.add("item", "该条款为免申即享，由部门根据数据直接兑现，无需申报") }
        let window = item.window(on: today)
        if !window.isOpen { errors.add("item", "不在申报期内（\(window.label)），不能申报") }
        let repo = ApplicationRepository(db: database.sql)
        if let live = try await repo.live(enterpriseID: s.enterpriseID, itemID: item.id) {
            errors.add("item", "本企业已申报该条款（申报编号 \(live.id)，状态：\(live.applicationState.label)），不能重复申报")
        }
        let listed = item.materials
        for material in listed where material.required && s.files[material.name] == nil {
            errors.add("materials", "缺少必需材料“\(material.name)”，请上传")
        }
        var checked = s.files
        for (name, file) in s.files {
            if !listed.contains(where: { $0.name == name }) { errors.add("materials", "“\(name)”不是本条款列出的申请材料") }
            checked[name] = Self.checkFile(file, name: name, errors: &errors)
        }
        var requested = 0.0
        if item.isMonetary {
            if let value = Self.amount(s.requestedAmount) {
                requested = value
                if value <= 0 { errors.add("requested_amount", "申请金额必须大于 0") }
                if let cap = item.ceiling, value > cap {
                    errors.add("requested_amount", "申请金额 \(Wan.text(value)) 万元超过本条款上限 \(Wan.text(cap)) 万元")
                }
                let match = try await PolicyRepository(db: database.sql).match(
                    enterpriseID: s.enterpriseID, itemID: item.id)
                if let estimate = match?.estimatedAmount, value > estimate + 0.000_001,
                    value <= (item.ceiling ?? .infinity)
                {
                    errors.add(
                        "requested_amount", "申请金额 \(Wan.text(value)) 万元超过按本企业数据测算的 \(Wan.text(estimate)) 万元")
                }
            } else {
                errors.add("requested_amount", s.requestedAmount.isEmpty ? "请填写申请金额（万元）" : "申请金额必须是数字（万元）")
            }
        }
        if s.note.textLength > 500 { errors.add("note", "申报说明不能超过 500 字") }
        try Refusal.check(errors)
        let now = Clock.nowSeconds()
        let row = ApplicationRow(
            id: 0, zoneId: item.zoneId, itemId: item.id, enterpriseId: s.enterpriseID, applicantUserId: actor.id,
            state: ApplicationState.submitted.rawValue, requestedAmount: requested, note: s.note, submittedAt: now,
            updatedAt: now)
        let files = listed.compactMap { checked[$0.name] }
        return try await database.transaction { db in
            let repo = ApplicationRepository(db: db)
            var saved = row
            saved.id = try await repo.insert(row)
            for file in files { _ = try await repo.insertMaterial(applicationID: saved.id, file, at: now) }
            try await AuditLog.record(
                zoneID: saved.zoneId, actor: actor, entity: "application", id: saved.id, action: "submit",
                before: ApplicationRow?.none, after: saved, on: db)
            return saved.id
        }
    }

    /// The one re-submission after a return: every material listed as missing must come.
    func resubmit(_ application: ApplicationRow, files: [String: MaterialUpload], actor: CurrentUser) async throws {
        var errors = FormErrors()
        if application.applicationState != .returned {
            errors.add("state", "申报当前为“\(application.applicationState.label)”，只有退回补正的申报可以补交材料")
        }
        for name in application.missing where files[name] == nil {
            errors.add("materials", "缺少需补正的材料“\(name)”，请上传")
        }
        var checked = files
        for (name, file) in files {
            if !application.missing.contains(name) { errors.add("materials", "“\(name)”不在需补正的材料清单中") }
            checked[name] = Self.checkFile(file, name: name, errors: &errors)
        }
        try Refusal.check(errors)
        let now = Clock.nowSeconds()
        var after = application
        after.state = ApplicationState.submitted.rawValue
        after.resubmittedAt = now
        after.updatedAt = now
        let uploads = application.missing.compactMap { checked[$0] }
        try await database.transaction { [after] db in
            let repo = ApplicationRepository(db: db)
            for file in uploads { _ = try await repo.insertMaterial(applicationID: application.id, file, at: now) }
            try await repo.update(after)
            try await AuditLog.record(
                zoneID: after.zoneId, actor: actor, entity: "application", id: after.id, action: "resubmit",
                before: application, after: after, on: db)
        }
    }

    // MARK: - Staff: review

    enum Decision: Sendable {
        case returnForMissing([String], note: String)
        case approve(amount: String)
        case reject(reason: String)
    }

    func review(_ application: ApplicationRow, item: PolicyItemRow, decision: Decision, actor: CurrentUser) async throws
        -> ApplicationRow
    {
        var errors = FormErrors()
        if application.applicationState != .submitted {
            errors.add("state", "申报当前为“\(application.applicationState.label)”，只有已提交的申报可以审核")
        }
        let now = Clock.nowSeconds()
        var after = application
        after.updatedAt = now
        after.reviewerUserId = actor.id
        switch decision {
        case .returnForMissing(let names, let note):
            // 一次性告知: the return lists everything missing at once, and happens at most once.
            if application.returnedAt != nil {
                errors.add("missing", "该申报已退回补正过一次（一次性告知），不能再次退回，请通过或驳回")
            }
            let listed = Set(item.materials.map(\.name))
            let chosen = names.filter { !$0.isEmpty }
            if chosen.isEmpty { errors.add("missing", "请勾选全部缺少或需补正的材料") }
            for name in chosen where !listed.contains(name) { errors.add("missing", "“\(name)”不是本条款列出的申请材料") }
            if note.textLength > 500 { errors.add("note", "补正说明不能超过 500 字") }
            after.state = ApplicationState.returned.rawValue
            after.missingJson = AuditLog.json(item.materials.map(\.name).filter { chosen.contains($0) })
            after.returnNote = note
            after.returnedAt = now
        case .approve(let text):
            if let value = Self.amount(text) {
                if value <= 0 { errors.add("approved_amount", "核定金额必须大于 0") }
                if let cap = item.ceiling, value > cap {
                    errors.add("approved_amount", "核定金额 \(Wan.text(value)) 万元超过本条款上限 \(Wan.text(cap)) 万元")
                }
                after.approvedAmount = value
            } else {
                errors.add("approved_amount", text.isEmpty ? "请填写核定金额（万元）" : "核定金额必须是数字（万元）")
            }
            after.state = ApplicationState.approved.rawValue
            after.decidedAt = now
        case .reject(let reason):
            if reason.isEmpty { errors.add("reason", "请填写驳回理由") }
            if reason.count > 500 { errors.add("reason", "驳回理由不能超过 500 字") }
            after.state = ApplicationState.rejected.rawValue
            after.decisionReason = reason
            after.decidedAt = now
        }
        try Refusal.check(errors)
        let (action, message): (String, String)
        switch decision {
        case .returnForMissing(_, let note):
            action = "return"
            message =
                "您的申报（编号 \(after.id)，\(item.heading)）已退回补正，请一次性补交：\(after.missing.joined(separator: "、"))。"
                + (note.isEmpty ? "" : "说明：\(note)")
        case .approve:
            action = "approve"
            message = "您的申报（编号 \(after.id)，\(item.heading)）已审核通过，核定金额 \(Wan.text(after.approvedAmount ?? 0)) 万元。"
        case .reject(let reason):
            action = "reject"
            message = "您的申报（编号 \(after.id)，\(item.heading)）未通过审核，理由：\(reason)"
        }
        let (kind, year) = (database.kind, today.year)
        try await database.transaction { [after] db in
            if case .approve = decision {
                try await ItemBudget(db: db, kind: kind).check(
                    item, adding: after.approvedAmount ?? 0, year: year, field: "approved_amount")
            }
            try await ApplicationRepository(db: db).update(after)
            try await AuditLog.record(
                zoneID: after.zoneId, actor: actor, entity: "application", id: after.id, action: action,
                before: application, after: after, on: db)
            // The enterprise hears of the result in its 消息通知.
            _ = try await PolicyRepository(db: db).insert(
                NoticeRow(
                    id: 0, zoneId: after.zoneId, enterpriseId: after.enterpriseId, policyItemId: item.id,
                    message: message, createdAt: now, createdBy: actor.id, readAt: nil))
            try await Outbox.enqueue(
                on: db, zoneID: after.zoneId, to: [.enterprise(after.enterpriseId)],
                Notice(
                    kind: .application, subject: "申报\(after.applicationState.label)：\(item.heading)",
                    body: message, link: .application(after.id)), now: now)
        }
        return after
    }

    // MARK: - Payouts

    /// Checks a payout's amount (within `limit`), day and voucher number into `errors`; the amount.
    /// `voucher` names the voucher field and its label ("凭证号", or "凭证号前缀" for a batch).
    static func checkPayout(
        amount text: String, limit: Double?, paidOn: String, voucher: String, today: Day,
        voucherField: (name: String, label: String) = ("voucher_no", "凭证号"), into errors: inout FormErrors
    ) -> Double {
        var value = 0.0
        if let v = amount(text) {
            value = v
            if v <= 0 { errors.add("amount", "兑现金额必须大于 0") }
            if let limit, v > limit + 0.000_001 {
                errors.add("amount", "兑现金额 \(Wan.text(v)) 万元超过核定金额 \(Wan.text(limit)) 万元")
            }
        } else {
            errors.add("amount", text.isEmpty ? "请填写兑现金额（万元）" : "兑现金额必须是数字（万元）")
        }
        if let day = Day(paidOn) {
            if day > today { errors.add("paid_on", "兑现日期不能晚于今天（\(today)）") }
        } else {
            errors.add("paid_on", paidOn.isEmpty ? "请填写兑现日期" : "兑现日期格式应为 YYYY-MM-DD")
        }
        if voucher.isEmpty { errors.add(voucherField.name, "请填写\(voucherField.label)") }
        if voucher.count > 60 { errors.add(voucherField.name, "\(voucherField.label)不能超过 60 个字符") }
        return value
    }

    /// Records the payout of an approved application (once); the application becomes 已兑现.
    func recordPayout(
        _ application: ApplicationRow, amount: String, paidOn: String, voucher: String, actor: CurrentUser
    ) async throws -> PayoutRow {
        var errors = FormErrors()
        if application.applicationState != .approved {
            errors.add("state", "申报当前为“\(application.applicationState.label)”，只有已通过的申报可以登记兑现")
        }
        let value = Self.checkPayout(
            amount: amount, limit: application.approvedAmount, paidOn: paidOn, voucher: voucher, today: today,
            into: &errors)
        try Refusal.check(errors)
        let now = Clock.nowSeconds()
        let payout = PayoutRow(
            id: 0, zoneId: application.zoneId, itemId: application.itemId, enterpriseId: application.enterpriseId,
            applicationId: application.id, amount: value, cases: 1, paidOn: paidOn, voucherNo: voucher,
            note: nil, recordedBy: actor.id, recordedAt: now)
        var after = application
        after.state = ApplicationState.paid.rawValue
        after.updatedAt = now
        let (kind, year) = (database.kind, Day(paidOn)?.year ?? today.year)
        let item = try await PolicyRepository(db: database.sql).item(id: application.itemId)
        return try await database.transaction { [payout, after] db in
            if let item {
                // An approval made this year already reserved its amount.
                let reserved =
                    application.decidedAt.map { LocalMoment(unixSeconds: $0).day.year == year } == true
                    ? application.approvedAmount ?? 0 : 0
                try await ItemBudget(db: db, kind: kind).check(
                    item, adding: value, alreadyCounted: min(value, reserved), year: year, field: "amount")
            }
            var saved = payout
            let repo = ApplicationRepository(db: db)
            saved.id = try await repo.insert(payout)
            try await repo.update(after)
            try await AuditLog.record(
                zoneID: after.zoneId, actor: actor, entity: "payout", id: saved.id, action: "create",
                before: PayoutRow?.none, after: saved, on: db)
            try await AuditLog.record(
                zoneID: after.zoneId, actor: actor, entity: "application", id: after.id, action: "pay",
                before: application, after: after, on: db)
            return saved
        }
    }

    /// 免申即享: staff confirm payouts for eligible enterprises of an item, without applications.
    /// Each enterprise must be eligible (policy_matches) and not yet paid under the item.
    func confirmAutoGrant(
        item: PolicyItemRow, enterpriseIDs: [Int64], paidOn: String, voucherPrefix: String, actor: CurrentUser
    ) async throws -> [PayoutRow] {
        var errors = FormErrors()
        if !item.autoGrant { errors.add("item", "该条款不是免申即享条款，须经企业申报") }
        if enterpriseIDs.isEmpty { errors.add("enterprises", "请勾选要兑现的企业") }
        _ = Self.checkPayout(
            amount: "1", limit: nil, paidOn: paidOn, voucher: voucherPrefix, today: today,
            voucherField: ("voucher_prefix", "凭证号前缀"), into: &errors)
        let chosen = Set(enterpriseIDs).sorted()
        let matches = Dictionary(
            uniqueKeysWithValues: try await PolicyRepository(db: database.sql).matches(
                itemID: item.id, enterpriseIDs: chosen
            ).map { ($0.enterpriseId, $0) })
        let paid = try await ApplicationRepository(db: database.sql).paidEnterprises(itemID: item.id)
        let names = try await EnterpriseRepository(db: database.sql).names(ids: chosen, zoneID: item.zoneId)
        var amounts: [(Int64, Double)] = []
        for id in chosen {
            let name = names[id] ?? "编号 \(id) 的企业"
            guard names[id] != nil, let match = matches[id] else {
                errors.add("enterprises", "\(name)不符合该条款条件，不能兑现")
                continue
            }
            if paid.contains(id) {
                errors.add("enterprises", "\(name)已兑现过该条款")
                continue
            }
            let amount = min(match.estimatedAmount ?? item.ceiling ?? 0, item.ceiling ?? .infinity)
            if amount <= 0 {
                errors.add("enterprises", "\(name)的测算金额为 0，不能兑现")
                continue
            }
            amounts.append((id, amount))
        }
        try Refusal.check(errors)
        let now = Clock.nowSeconds()
        let rows = amounts.enumerated().map { index, pair in
            PayoutRow(
                id: 0, zoneId: item.zoneId, itemId: item.id, enterpriseId: pair.0, applicationId: nil, amount: pair.1,
                cases: 1, paidOn: paidOn, voucherNo: "\(voucherPrefix)-\(index + 1)", note: "免申即享",
                recordedBy: actor.id, recordedAt: now)
        }
        let (kind, year) = (database.kind, Day(paidOn)?.year ?? today.year)
        let total = amounts.reduce(0) { $0 + $1.1 }
        return try await database.transaction { db in
            try await ItemBudget(db: db, kind: kind).check(item, adding: total, year: year, field: "enterprises")
            let repo = ApplicationRepository(db: db)
            var saved: [PayoutRow] = []
            for row in rows {
                var r = row
                r.id = try await repo.insert(row)
                try await AuditLog.record(
                    zoneID: r.zoneId, actor: actor, entity: "payout", id: r.id, action: "auto_grant",
                    before: PayoutRow?.none, after: r, on: db)
                saved.append(r)
            }
            return saved
        }
    }
}
