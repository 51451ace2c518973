import Foundation
import GaoxinCore

/// 楼委会: entries on the three lists by member enterprises, and a need met by another member's offer.
extension EnterpriseHelpService {
    /// Adds an entry to one of the building's three lists for a member enterprise.
    func addItem(
        _ b: HelpBuildingRow, list: String, enterprise: String, category: String, text: String, user: CurrentUser
    ) async throws -> Int64 {
        var errors = FormErrors()
        let repo = EnterpriseHelpBuildingRepository(db: database.sql)
        let kind = BuildingList(rawValue: list)
        if kind == nil { errors.add("list", "清单：请在需求清单、资源清单、项目清单中选择") }
        let enterpriseID = Self.id(enterprise)
        let members = try await repo.members(buildingID: b.id)
        if enterpriseID == nil || !members.contains(enterpriseID!) { errors.add("enterprise", "企业：请选择本楼宇的成员企业") }
        if DemandCategory(rawValue: category) == nil { errors.add("category", "类别：请选择") }
        let text = Self.text(text, field: "text", label: "内容", max: 500, into: &errors)
        try Refusal.check(errors)
        return try await database.transaction { db in
            let id = try await EnterpriseHelpBuildingRepository(db: db).insertItem(
                HelpBuildingItemRow(
                    id: 0, buildingId: b.id, zoneId: b.zoneId, list: kind!.rawValue, enterpriseId: enterpriseID!,
                    category: category, text: text, matchedItemId: nil, matchedAt: nil, createdAt: Clock.nowSeconds()))
            try await AuditLog.record(
                zoneID: b.zoneId, actor: user, entity: "help_building_item", id: id, action: "create",
                after: ["list": kind!.rawValue, "enterprise_id": "\(enterpriseID!)", "text": text], on: db)
            return id
        }
    }

    /// Records that a member's offer (resource or project) meets another member's open need.
    func match(_ b: HelpBuildingRow, need: String, offer: String, user: CurrentUser) async throws -> String {
        let items = try await EnterpriseHelpBuildingRepository(db: database.sql).items(buildingID: b.id)
        var errors = FormErrors()
        let n = Self.id(need).flatMap { id in items.first { $0.id == id && $0.list == BuildingList.need.rawValue } }
        let o = Self.id(offer).flatMap { id in items.first { $0.id == id && $0.list != BuildingList.need.rawValue } }
        if n == nil { errors.add("need", "需求：请选择本楼宇需求清单中的一项") }
        if o == nil { errors.add("offer", "资源：请选择本楼宇资源或项目清单中的一项") }
        if let n, n.matchedItemId != nil { errors.add("need", "需求：这项需求已经对接") }
        if let n, let o, n.enterpriseId == o.enterpriseId { errors.add("offer", "资源：不能与提出需求的同一家企业对接") }
        try Refusal.check(errors)
        try await database.transaction { db in
            try await EnterpriseHelpBuildingRepository(db: db).match(need: n!.id, offer: o!.id, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: b.zoneId, actor: user, entity: "help_building_item", id: n!.id, action: "match",
                after: ["offer": "\(o!.id)"], on: db)
        }
        return "已对接：“\(n!.text)” ← “\(o!.text)”。"
    }
}
