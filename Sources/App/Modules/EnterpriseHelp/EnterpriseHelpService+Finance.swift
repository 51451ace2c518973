import Foundation
import GaoxinCore

/// 现场办公会, 上市培育 and 知识产权质押融资: each write checks every field, then writes with its audit row.
extension EnterpriseHelpService {
    // MARK: 现场办公会

    func addMeeting(title: String, heldOn: String, place: String, zoneID: Int64, user: CurrentUser) async throws
        -> Int64
    {
        var errors = FormErrors()
        let title = Self.text(title, field: "title", label: "会议名称", max: 100, into: &errors)
        let day = Self.day(heldOn, field: "held_on", label: "召开日期", into: &errors)
        let place = Self.text(place, field: "place", label: "地点", max: 100, into: &errors)
        try Refusal.check(errors)
        return try await database.transaction { db in
            let id = try await EnterpriseHelpFinanceRepository(db: db).insertMeeting(
                zoneID: zoneID, title: title, heldOn: day!.description, place: place, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "help_meeting", id: id, action: "create", after: ["title": title],
                on: db)
            return id
        }
    }

    /// A problem raised at the meeting: a demand of channel 现场办公会, routed at once to its owner department.
    func addProblem(
        _ meeting: HelpMeetingRow, enterprise: String, category: String, text: String, department: String,
        user: CurrentUser
    ) async throws -> Int64 {
        var errors = FormErrors()
        let enterpriseID = Self.id(enterprise)
        if enterpriseID == nil {
            errors.add("enterprise", "企业：请选择")
        } else if try await !EnterpriseHelpRepository(db: database.sql).enterpriseExists(
            id: enterpriseID!, zoneID: meeting.zoneId)
        {
            errors.add("enterprise", "企业：请选择本区的企业")
        }
        let d = DemandInput(category: category, text: text, into: &errors)
        let departmentID = Self.id(department)
        let departments = try await ZoneRepository(db: database.sql).departments(scope: .zone(meeting.zoneId))
        if departmentID == nil || !departments.contains(where: { $0.id == departmentID }) {
            errors.add("department", "责任部门：请选择本区的部门")
        }
        try Refusal.check(errors)
        let now = LocalMoment.now
        let record = try Refusal.engine("demand_text") {
            let opened = try openRecord(d, enterpriseID: enterpriseID!, channel: .meeting)
            return try engine.perform(
                "route", on: opened, by: Self.actor(user), at: now, assignee: CaseIDs.department(departmentID!))
        }
        return try await database.transaction { db in
            let id = try await insertDemand(
                record, d, zoneID: meeting.zoneId, enterpriseID: enterpriseID!, channel: .meeting, visitID: nil,
                user: user, on: db)
            try await EnterpriseHelpDemandRepository(db: db).setDepartment(caseID: id, departmentID: departmentID!)
            try await EnterpriseHelpFinanceRepository(db: db).setMeeting(caseID: id, meetingID: meeting.id)
            return id
        }
    }

    func publishNotice(_ meeting: HelpMeetingRow, notice: String, user: CurrentUser) async throws {
        var errors = FormErrors()
        let notice = Self.text(notice, field: "notice", label: "结果通报", max: 3000, into: &errors)
        try Refusal.check(errors)
        try await database.transaction { db in
            try await EnterpriseHelpFinanceRepository(db: db).setNotice(meetingID: meeting.id, notice: notice)
            try await AuditLog.record(
                zoneID: meeting.zoneId, actor: user, entity: "help_meeting", id: meeting.id, action: "notice",
                after: ["notice": notice], on: db)
        }
    }

    // MARK: 上市培育

    /// Records a dated meeting (提前会商, 定期研判) and, when `stage` is given, moves to the next stage.
    func listingEvent(
        _ l: HelpListingRow, kind: String, heldOn: String, notes: String, advance: Bool, user: CurrentUser
    )
        async throws
    {
        var errors = FormErrors()
        if !["提前会商", "定期研判", "顾问团辅导"].contains(kind) { errors.add("kind", "会议类型：请选择") }
        let day = Self.day(heldOn, field: "held_on", label: "日期", notAfterToday: true, into: &errors)
        let notes = Self.text(notes, field: "notes", label: "会议纪要", max: 1000, into: &errors)
        let current = ListingStage(rawValue: l.stage)
        let next = advance ? current?.next : nil
        if advance, next == nil { errors.add("kind", "阶段：已上市，不能再推进") }
        try Refusal.check(errors)
        try await database.transaction { db in
            let repo = EnterpriseHelpFinanceRepository(db: db)
            try await repo.insertEvent(
                listingID: l.id, heldOn: day!.description, kind: kind,
                notes: next.map { "\(notes)（推进至“\($0.label)”）" } ?? notes)
            if let next { try await repo.setStage(listingID: l.id, stage: next.rawValue) }
            try await AuditLog.record(
                zoneID: l.zoneId, actor: user, entity: "help_listing", id: l.id,
                action: next == nil ? "meeting" : "stage",
                after: ["kind": kind, "stage": (next ?? current)?.rawValue ?? l.stage], on: db)
        }
    }

    // MARK: 知识产权质押融资

    struct PledgeForm: Sendable {
        var enterprise = ""
        var collateral = ""
        var bank = ""
        var amount = ""
        var rate = ""
        var term = ""
        var startOn = ""
        var endOn = ""
        var policyItem = ""
    }

    /// Records a pledge; a negative amount or an end before the start is refused on its field.
    func addPledge(_ f: PledgeForm, zoneID: Int64, user: CurrentUser) async throws -> Int64 {
        var errors = FormErrors()
        let repo = EnterpriseHelpFinanceRepository(db: database.sql)
        let enterpriseID = Self.id(f.enterprise)
        if enterpriseID == nil {
            errors.add("enterprise", "企业：请选择")
        } else if try await !EnterpriseHelpRepository(db: database.sql).enterpriseExists(
            id: enterpriseID!, zoneID: zoneID)
        {
            errors.add("enterprise", "企业：请选择本区的企业")
        }
        let collateral = Self.text(f.collateral, field: "collateral", label: "质押的专利或商标", max: 300, into: &errors)
        let bank = Self.text(f.bank, field: "bank", label: "贷款银行", max: 60, into: &errors)
        let amount = f.amount.trimmed.count <= 12 ? Int64(f.amount.trimmed) : nil
        if amount == nil { errors.add("amount", "融资金额：请填写整数（万元）") }
        let rate = Self.rate(f.rate)
        if rate == nil { errors.add("rate", "年利率：请填写百分数，如 3.85") }
        let term = f.term.trimmed.count <= 4 ? Int(f.term.trimmed) : nil
        if term == nil { errors.add("term", "期限：请填写月数") }
        let start = Self.day(f.startOn, field: "start_on", label: "放款日", into: &errors)
        let end = Self.day(f.endOn, field: "end_on", label: "到期日", into: &errors)
        if let amount, let rate, let term, let start, let end {
            for p in PledgeTerms(amount: amount, rateBasisPoints: rate, termMonths: term, start: start, end: end)
                .problems
            {
                errors.add(p.field, p.message)
            }
        } else if let amount, amount <= 0 {
            errors.add("amount", "融资金额：须大于 0 万元")
        }
        var itemID: Int64?
        if !f.policyItem.isEmpty {
            itemID = Self.id(f.policyItem)
            let items = try await repo.subsidyItems(zoneID: zoneID)
            if itemID == nil || !items.contains(where: { $0.0 == itemID }) {
                errors.add("policy_item", "贴息政策：请选择本区的贴息或融资政策条款")
            }
        }
        try Refusal.check(errors)
        let linked = itemID
        let row = HelpPledgeRow(
            id: 0, zoneId: zoneID, enterpriseId: enterpriseID!, collateral: collateral, bank: bank, amount: amount!,
            rateBp: rate!, termMonths: term!, startOn: start!.description, endOn: end!.description,
            policyItemId: linked,
            createdAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let id = try await EnterpriseHelpFinanceRepository(db: db).insertPledge(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "help_pledge", id: id, action: "create",
                after: ["enterprise_id": "\(row.enterpriseId)", "amount": "\(row.amount)", "bank": bank], on: db)
            return id
        }
    }

    /// "3.85" → 385 basis points; nil for anything that is not a plain percentage with up to two decimals.
    static func rate(_ text: String) -> Int? {
        let parts = text.trimmed.replacingOccurrences(of: "%", with: "").split(
            separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count <= 3, let whole = Int(parts[0]), whole >= 0 else {
            return nil
        }
        guard parts.count == 2 else { return whole * 100 }
        let decimals = String(parts[1])
        guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isNumber), let d = Int(decimals) else {
            return nil
        }
        return whole * 100 + (decimals.count == 1 ? d * 10 : d)
    }
}
