import Foundation
import GaoxinCore
import SQLKit

/// The investment write service, continued: 重点项目调度 (items, monthly reports, 督办 with 约谈),
/// investment events and 头脑风暴 ideas. The same rule as everywhere: every field checked first,
/// then one transaction with its audit row.
extension InvestmentService {
    var dispatch: InvestmentDispatchRepository { InvestmentDispatchRepository(db: db) }

    /// Required text of at most `limit` characters, trimmed; nil with the message added otherwise.
    static func text(
        _ value: String, field: String, label: String, limit: Int, required: Bool = true,
        errors: inout FormErrors
    ) -> String {
        let trimmed = value.trimmed
        if required && trimmed.isEmpty { errors.add(field, "请填写\(label)") }
        if value.textLength > limit { errors.add(field, "\(label)不能超过 \(limit) 字") }
        return trimmed
    }

    static func day(
        _ value: String, field: String, label: String, notAfterToday: Bool = true,
        errors: inout FormErrors
    ) -> Day? {
        guard let day = Day(value.trimmed) else {
            errors.add(field, "\(label)格式应为 YYYY-MM-DD")
            return nil
        }
        if notAfterToday && day > Clock.today {
            errors.add(field, "\(label)不能晚于今天")
            return nil
        }
        return day
    }

    // MARK: - Dispatch

    struct DispatchItemForm: Sendable {
        var year = ""
        var kind = ""
        var name = ""
        var project = ""
        var department = ""
        var annualPlan = ""
    }

    /// A project put on the year's dispatch list with its responsible department.
    func addDispatchItem(_ f: DispatchItemForm, user: CurrentUser, zoneID: Int64) async throws -> Int64 {
        try require(.create, user, .investmentDispatch(zoneID: zoneID, departmentID: nil))
        var errors = FormErrors()
        let year = f.year.count == 4 ? Int(f.year) : nil
        if year == nil || !(2000...2100).contains(year!) { errors.add("year", "年度须是 2000–2100 的年份") }
        let kind = DispatchKind(rawValue: f.kind)
        if kind == nil { errors.add("kind", "请选择类别（重点项目或民生工程）") }
        let name = Self.text(f.name, field: "name", label: "项目名称", limit: 60, errors: &errors)
        let projectID = Self.optionalID(f.project)
        if let projectID, try await repo.project(id: projectID, zoneID: zoneID) == nil {
            errors.add("project", "只能关联本区的招商项目")
        }
        let departmentID = Self.optionalID(f.department)
        let departments = try await ZoneRepository(db: db).departments(scope: .zone(zoneID))
        if departmentID == nil || !departments.contains(where: { $0.id == departmentID }) {
            errors.add("department", "请选择本区的责任单位")
        }
        let plan = Self.amount(f.annualPlan, field: "annual_plan", label: "年度计划投资（万元）", errors: &errors)
        if let year, errors["name"] == nil, try await dispatch.itemExists(zoneID: zoneID, year: year, name: name) {
            errors.add("name", "\(year) 年的调度清单已有同名项目")
        }
        try Refusal.check(errors)
        let row = DispatchItemRow(
            id: 0, zoneId: zoneID, year: year!, kind: kind!.rawValue, name: name, projectId: projectID,
            departmentId: departmentID!, annualPlan: plan!, createdAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let id = try await InvestmentDispatchRepository(db: db).insertItem(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "invest_dispatch_item", id: id, action: "create",
                after: ["name": name, "year": String(row.year), "department": String(row.departmentId)], on: db)
            return id
        }
    }

    /// 一月一调度: the item's cumulative progress and investment for a month of its year, no later
    /// than this month. Progress only grows: a month may not report less than an earlier one, nor
    /// more than a later one already on file.
    func reportDispatch(
        _ item: DispatchItemRow, month: String, progress: String, invested: String, note: String, user: CurrentUser
    ) async throws {
        try require(.update, user, .investmentDispatch(zoneID: item.zoneId, departmentID: item.departmentId))
        var errors = FormErrors()
        let m = DispatchMonth(month.trimmed)
        if m == nil {
            errors.add("month", "月份格式应为 YYYY-MM")
        } else if m!.year != item.year {
            errors.add("month", "只能报送 \(item.year) 年的月份")
        } else if m!.description > DispatchMonth(Clock.today).description {
            errors.add("month", "不能报送未来月份的进度")
        }
        let trimmed = progress.trimmed
        let value = trimmed.count <= 3 ? Int(trimmed) : nil
        if value == nil || !(0...100).contains(value!) { errors.add("progress", "累计形象进度须是 0–100 的整数") }
        let amount = Self.amount(invested, field: "invested", label: "累计完成投资（万元）", allowZero: true, errors: &errors)
        let note = Self.text(note, field: "note", label: "进展情况", limit: 500, required: false, errors: &errors)
        if let m, let value, errors["month"] == nil {
            let earlier = try await dispatch.earlierProgress(itemIDs: [item.id], year: item.year, before: m.description)
            if let last = earlier[item.id], value < last {
                errors.add("progress", "累计形象进度不能低于此前报送的 \(last)%")
            } else if let later = try await dispatch.laterProgress(itemID: item.id, after: m.description), value > later
            {
                errors.add("progress", "累计形象进度不能高于之后月份已报送的 \(later)%")
            }
        }
        try Refusal.check(errors)
        let row = DispatchReportRow(
            itemId: item.id, zoneId: item.zoneId, month: m!.description, progress: value!, invested: amount!,
            note: note,
            byName: user.displayName, createdAt: Clock.nowSeconds())
        try await database.transaction { db in
            try await InvestmentDispatchRepository(db: db).setReport(row)
            try await AuditLog.record(
                zoneID: item.zoneId, actor: user, entity: "invest_dispatch_item", id: item.id, action: "report",
                after: ["month": row.month, "progress": String(row.progress), "invested": String(row.invested)], on: db)
        }
    }

    /// 一月一督办: a project late in the month is escalated and its unit called to a 约谈; one that
    /// is on pace is refused (督办 is for the late ones).
    func escalate(
        _ item: DispatchItemRow, month: String, reason: String, interviewOn: String, interviewee: String,
        outcome: String, user: CurrentUser
    ) async throws {
        try require(.administer, user, .investmentDispatch(zoneID: item.zoneId, departmentID: item.departmentId))
        var errors = FormErrors()
        let m = DispatchMonth(month.trimmed)
        if m == nil || m!.year != item.year { errors.add("month", "请选择 \(item.year) 年的月份") }
        let reason = Self.text(reason, field: "reason", label: "督办事由", limit: 300, errors: &errors)
        let on = Self.day(interviewOn, field: "interview_on", label: "约谈日期", errors: &errors)
        if let on, let m, on < Day(year: m.year, month: m.month, day: 1)! {
            errors.add("interview_on", "约谈日期不能早于督办月份")
        }
        let interviewee = Self.text(interviewee, field: "interviewee", label: "约谈对象", limit: 60, errors: &errors)
        let outcome = Self.text(outcome, field: "outcome", label: "约谈结果与整改要求", limit: 500, errors: &errors)
        if let m, errors["month"] == nil {
            let reported = try await dispatch.reports(itemIDs: [item.id], month: m.description)[item.id]
            if !m.standing(reported: reported?.progress).isLate {
                errors.add("month", "该项目本月按序时推进，无需督办")
            }
        }
        try Refusal.check(errors)
        let row = DispatchEscalationRow(
            id: 0, zoneId: item.zoneId, itemId: item.id, month: m!.description, reason: reason,
            interviewOn: on!.description, interviewee: interviewee, outcome: outcome, byName: user.displayName,
            createdAt: Clock.nowSeconds())
        try await database.transaction { db in
            try await InvestmentDispatchRepository(db: db).insertEscalation(row)
            try await AuditLog.record(
                zoneID: item.zoneId, actor: user, entity: "invest_dispatch_item", id: item.id, action: "escalate",
                after: ["month": row.month, "interviewee": interviewee, "on": row.interviewOn], on: db)
        }
    }

    // MARK: - 一月一链

    /// The chain's review of a month (one a month, held in that month, not in the future) with
    /// who attended and the minutes.
    func addChainReview(
        _ chain: InvestChainRow, month: String, heldOn: String, attendees: String, minutes: String, user: CurrentUser
    ) async throws {
        try require(.update, user, zoneID: chain.zoneId)
        var errors = FormErrors()
        let m = DispatchMonth(month.trimmed)
        if m == nil { errors.add("review_month", "月份格式应为 YYYY-MM") }
        let on = Self.day(heldOn, field: "held_on", label: "会议日期", errors: &errors)
        if let m, let on, DispatchMonth(on) != m { errors.add("held_on", "会议日期须在 \(m.label)内") }
        let attendees = Self.text(attendees, field: "attendees", label: "参会人员", limit: 200, errors: &errors)
        let minutes = Self.text(minutes, field: "minutes", label: "会议纪要", limit: 2000, errors: &errors)
        if let m, try await dispatch.reviewExists(chainID: chain.id, month: m.description) {
            errors.add("review_month", "\(m.label)已有“一月一链”会议纪要")
        }
        try Refusal.check(errors)
        let row = InvestChainReviewRow(
            id: 0, zoneId: chain.zoneId, chainId: chain.id, month: m!.description, heldOn: on!.description,
            attendees: attendees, minutes: minutes, byName: user.displayName, createdAt: Clock.nowSeconds())
        try await database.transaction { db in
            try await InvestmentDispatchRepository(db: db).insertReview(row)
            try await AuditLog.record(
                zoneID: chain.zoneId, actor: user, entity: "invest_chain", id: chain.id, action: "review",
                after: ["month": row.month, "held_on": row.heldOn], on: db)
        }
    }
}
