import Foundation
import GaoxinCore

/// The one write service of 助企, shared by the pages and the API: pairings, visits, demands and
/// the 楼委会 lists. Each write checks every field first and throws a `Refusal` (field → Chinese
/// message), then writes in one transaction with its audit rows. Demands are in
/// `EnterpriseHelpService+Demands`, 楼委会 in `EnterpriseHelpService+Buildings`.
struct EnterpriseHelpService: Sendable {
    let services: AppServices
    var engine: CaseEngine { services.cases.engine }
    var database: Database { services.database }

    /// Text of at most `max` characters (`required` refuses an empty one), trimmed.
    static func text(
        _ value: String, field: String, label: String, max: Int, required: Bool = true, into errors: inout FormErrors
    ) -> String {
        let value = value.trimmed
        if required, value.isEmpty {
            errors.add(field, "\(label)：请填写")
        } else if value.textLength > max {
            errors.add(field, "\(label)：不能超过 \(max) 个字（现有 \(value.textLength) 个字）")
        }
        return value
    }

    /// A positive id typed in a form (a select's value); nil for anything else.
    static func id(_ text: String) -> Int64? {
        guard text.count <= 18, let id = Int64(text.trimmed), id > 0 else { return nil }
        return id
    }

    /// A date `YYYY-MM-DD`; `notAfterToday` refuses a day still to come.
    static func day(
        _ text: String, field: String, label: String, notAfterToday: Bool = false, into errors: inout FormErrors
    ) -> Day? {
        guard let day = Day(text.trimmed), (2000...2100).contains(day.year) else {
            errors.add(field, "\(label)：请按 年-月-日 填写日期")
            return nil
        }
        if notAfterToday, day > Clock.today {
            errors.add(field, "\(label)：不能晚于今天（\(Clock.today)）")
            return nil
        }
        return day
    }

    // MARK: Pairings

    struct PairingForm: Sendable {
        var enterprise = ""
        var cadre = ""
        var rank = ""
        var on = ""
    }

    /// Pairs a cadre with an enterprise (at most two at a time), setting the cadre's rank.
    func pair(_ f: PairingForm, zoneID: Int64, user: CurrentUser) async throws -> Int64 {
        var errors = FormErrors()
        let repo = EnterpriseHelpRepository(db: database.sql)
        let enterpriseID = Self.id(f.enterprise)
        if enterpriseID == nil { errors.add("enterprise", "企业：请选择") }
        let cadres = try await repo.cadres(zoneID: zoneID)
        let cadreID = Self.id(f.cadre)
        let cadre = cadres.first { $0.userId == cadreID }
        if cadre == nil { errors.add("cadre", "包联干部：请选择本区的机关干部") }
        let rank = Self.text(f.rank, field: "rank", label: "职级", max: 20, required: cadre?.rank == nil, into: &errors)
        let on = Self.day(f.on, field: "on", label: "包联开始日期", into: &errors)
        if let enterpriseID, errors.byField["enterprise"] == nil {
            if try await !repo.enterpriseExists(id: enterpriseID, zoneID: zoneID) {
                errors.add("enterprise", "企业：请选择本区的企业")
            } else if let cadreID, cadre != nil {
                let current = try await repo.pairings(zoneID: zoneID, activeOnly: true, enterpriseID: enterpriseID)
                if let why = Pairing.refusal(cadre: cadreID, current: current.map(\.cadreUserId)) {
                    errors.add("cadre", "包联干部：\(why)")
                }
            }
        }
        try Refusal.check(errors)
        return try await database.transaction { db in
            let repo = EnterpriseHelpRepository(db: db)
            let now = Clock.nowSeconds()
            if !rank.isEmpty { try await repo.setRank(userID: cadreID!, zoneID: zoneID, rank: rank, at: now) }
            let id = try await repo.insertPairing(
                zoneID: zoneID, enterpriseID: enterpriseID!, cadreID: cadreID!, on: on!.description, at: now)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "help_pairing", id: id, action: "create",
                after: [
                    "enterprise_id": "\(enterpriseID!)", "cadre_user_id": "\(cadreID!)", "started_on": on!.description,
                ],
                on: db)
            return id
        }
    }

    /// Ends a pairing (kept as history), with the reason.
    func endPairing(_ p: HelpPairingRow, reason: String, user: CurrentUser) async throws {
        var errors = FormErrors()
        let reason = Self.text(reason, field: "reason", label: "结束原因", max: 200, into: &errors)
        if p.endedOn != nil { errors.add("reason", "该包联已于 \(p.endedOn!) 结束") }
        try Refusal.check(errors)
        let today = Clock.today.description
        try await database.transaction { db in
            try await EnterpriseHelpRepository(db: db).endPairing(id: p.id, on: today, reason: reason)
            try await AuditLog.record(
                zoneID: p.zoneId, actor: user, entity: "help_pairing", id: p.id, action: "end",
                before: ["ended_on": ""], after: ["ended_on": today, "reason": reason], on: db)
        }
    }

    // MARK: Visits

    struct VisitForm: Sendable {
        var enterprise = ""
        var visitedOn = ""
        var plannedOn = ""
        var peopleMet = ""
        var findings = ""
        var area = ""
        var leader = ""
        var plan = ""
        /// A demand the visit raised (optional).
        var demandCategory = ""
        var demandText = ""
        var photos: [MultipartForm.File] = []
    }

    /// Logs a visit (or plans one when only the planned date is given) by the signed-in cadre, who
    /// must be paired with the enterprise; a demand it raised opens as a case in the same
    /// transaction. Returns the visit id and the demand's case id.
    func logVisit(_ f: VisitForm, zoneID: Int64, user: CurrentUser) async throws -> (visit: Int64, demand: Int64?) {
        var errors = FormErrors()
        let repo = EnterpriseHelpRepository(db: database.sql)
        let enterpriseID = Self.id(f.enterprise)
        if enterpriseID == nil {
            errors.add("enterprise", "企业：请选择")
        } else if try await !repo.enterpriseExists(id: enterpriseID!, zoneID: zoneID) {
            errors.add("enterprise", "企业：请选择本区的企业")
        } else if user.role != .zoneAdmin {
            let mine = try await repo.pairings(
                zoneID: zoneID, activeOnly: true, enterpriseID: enterpriseID, cadreID: user.id)
            if mine.isEmpty { errors.add("enterprise", "企业：您没有包联这家企业，只能登记所包联企业的走访") }
        }
        let planning = f.visitedOn.trimmed.isEmpty
        var visited: Day?
        var planned: Day?
        if planning {
            planned = Self.day(f.plannedOn, field: "planned_on", label: "计划走访日期", into: &errors)
        } else {
            visited = Self.day(f.visitedOn, field: "visited_on", label: "走访日期", notAfterToday: true, into: &errors)
        }
        let people = Self.text(
            f.peopleMet, field: "people_met", label: "接待人员", max: 200, required: !planning, into: &errors)
        let findings = Self.text(
            f.findings, field: "findings", label: "走访发现", max: 2000, required: !planning, into: &errors)
        let area = Self.text(
            f.area, field: "area", label: FourOnes.prompts[0].label, max: 200, required: false, into: &errors)
        let leader = Self.text(
            f.leader, field: "leader", label: FourOnes.prompts[1].label, max: 200, required: false, into: &errors)
        let plan = Self.text(
            f.plan, field: "plan", label: FourOnes.prompts[3].label, max: 1000, required: false, into: &errors)
        if f.photos.count > 6 { errors.add("photos", "现场照片：最多 6 张") }
        for photo in f.photos {
            if photo.data.count > 5_000_000 { errors.add("photos", "现场照片：每张不能超过 5 MB（\(photo.fileName)）") }
            _ = FileKind.check(photo.data, allowed: FileKind.images, field: "photos", label: "现场照片", into: &errors)
        }
        var raised: DemandInput?
        if !f.demandText.trimmed.isEmpty || !f.demandCategory.isEmpty {
            if planning { errors.add("demand_text", "企业诉求：计划中的走访还不能登记诉求，走访后再登记") }
            raised = DemandInput(category: f.demandCategory, text: f.demandText, into: &errors)
        }
        try Refusal.check(errors)
        let demand = raised
        let (visitedDay, plannedDay) = (visited, planned)
        let now = Clock.nowSeconds()
        let opened = try demand.map { d in
            try Refusal.engine("demand_text") { try openRecord(d, enterpriseID: enterpriseID!, channel: .visit) }
        }
        return try await database.transaction { db in
            let repo = EnterpriseHelpRepository(db: db)
            let id = try await repo.insertVisit(
                HelpVisitRow(
                    id: 0, zoneId: zoneID, enterpriseId: enterpriseID!, cadreUserId: user.id,
                    plannedOn: plannedDay?.description, visitedOn: visitedDay?.description, peopleMet: people,
                    findings: findings, area: area, leader: leader, plan: plan, createdAt: now))
            for photo in f.photos {
                try await repo.insertPhoto(
                    visitID: id, zoneID: zoneID, name: String(photo.fileName.prefix(100)), data: photo.data)
            }
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "help_visit", id: id, action: planning ? "plan" : "create",
                after: [
                    "enterprise_id": "\(enterpriseID!)", "day": (visitedDay ?? plannedDay)!.description,
                    "photos": "\(f.photos.count)",
                ],
                on: db)
            var caseID: Int64?
            if let demand, let opened {
                caseID = try await insertDemand(
                    opened, demand, zoneID: zoneID, enterpriseID: enterpriseID!, channel: .visit, visitID: id,
                    user: user, on: db)
            }
            return (id, caseID)
        }
    }
}
