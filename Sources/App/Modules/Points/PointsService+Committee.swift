import Foundation
import GaoxinCore
import SQLKit

/// The committee's housekeeping: the item list (正负积分事项清单) and, for the zone admin, the
/// committee's members.
extension PointsService {
    // MARK: - Item list (committee)

    struct ItemForm: Sendable {
        var name: String
        var category: String
        var points: String
        var capPoints: String
        var capPer: String
        var isActive: Bool
    }

    static func item(code: String, _ f: ItemForm) throws -> PointsItem {
        var errors = FormErrors()
        if f.name.isEmpty { errors.add("name", "请填写事项名称") }
        if f.name.count > 60 { errors.add("name", "事项名称不能超过 60 字") }
        if f.category.isEmpty { errors.add("category", "请填写类别（如 志愿服务、人居环境）") }
        // Bounded so that no total of entries can overflow (an item worth Int.max trapped every board).
        let points = Int(f.points)
        if points == nil || points == 0 || !(PointsService.itemPointsRange).contains(points!) {
            errors.add("points", "分值应为 -1000 到 1000 之间的非 0 整数：加分为正，扣分为负")
        }
        var cap: PointsCap?
        if !f.capPoints.isEmpty {
            if let max = Int(f.capPoints), (1...PointsService.maxCapPoints).contains(max),
                let per = PeriodKind(rawValue: f.capPer)
            {
                cap = PointsCap(maxPoints: max, per: per)
            } else {
                errors.add("cap", "上限应为 1 到 \(PointsService.maxCapPoints) 之间的整数并选择周期（周、月、季度、年）")
            }
        }
        if !errors.isEmpty { throw Refusal(errors) }
        return PointsItem(id: code, name: f.name, category: f.category, points: points!, cap: cap, isActive: f.isActive)
    }

    func addItem(_ f: ItemForm, access: PointsAccess) async throws -> Int64 {
        guard access.isCommittee else { throw PageError.forbidden }
        let zoneID = access.zoneID
        let user = access.user
        return try await database.transaction { db in
            // The next free code is read and taken in one go: two members adding at once on
            // PostgreSQL would otherwise both take it.
            try await ZoneLock.pointsItems.acquire(zoneID: zoneID, on: db)
            let repo = PointsRepository(db: db)
            let existing = try await repo.items(zoneID: zoneID)
            var n = existing.count + 1
            while existing.contains(where: { $0.code == "P\(n)" }) { n += 1 }
            let item = try Self.item(code: "P\(n)", f)
            let id = try await repo.insertItem(
                zoneID: zoneID, item, position: (existing.map(\.position).max() ?? 0) + 1)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "points_item", id: id, action: "create", after: item, on: db)
            return id
        }
    }

    func updateItem(_ row: PointsItemRow, _ f: ItemForm, access: PointsAccess) async throws {
        guard access.isCommittee else { throw PageError.forbidden }
        let item = try Self.item(code: row.code, f)
        let zoneID = access.zoneID
        let user = access.user
        try await database.transaction { db in
            try await PointsRepository(db: db).updateItem(id: row.id, zoneID: zoneID, item)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "points_item", id: row.id, action: "update",
                before: row.item, after: item, on: db)
        }
    }

    // MARK: - Committee members (zone admin)

    func addMember(username: String, duty: String, access: PointsAccess) async throws {
        guard
            Permissions.decide(
                access.user, .administer, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember)) == .allow
        else {
            throw PageError.forbidden
        }
        var errors = FormErrors()
        let found = try await UserRepository(db: database.sql).find(username: username)
        // The account as the one who would sit on the committee (active or not, as it stands).
        let candidate = found.flatMap { row in
            Role(rawValue: row.role).map {
                CurrentUser(
                    id: row.id, username: row.username, displayName: row.displayName, role: $0,
                    homeZoneID: row.zoneId, departmentID: row.departmentId, enterpriseID: row.enterpriseId,
                    personID: row.personId, gridIDs: [], zoneID: row.zoneId)
            }
        }
        let role = candidate?.role
        if username.isEmpty {
            errors.add("username", "请填写成员的登录账号")
        } else if found == nil || found?.zoneId != access.zoneID {
            errors.add("username", "本园区没有账号“\(username)”")
        } else if candidate.map({ Permissions.decide($0, .create, .pointsCommitteeSeat(zoneID: access.zoneID)) })
            != .allow
        {
            errors.add("username", "积分管理小组成员应是有账号的居民（党员、群众代表）或网格员，“\(username)”是\(role?.label ?? "其他角色")")
        } else if try await PointsRepository(db: database.sql).isMember(userID: found!.id, zoneID: access.zoneID) {
            errors.add("username", "“\(username)”已是小组成员")
        }
        if duty != "组长" && duty != "副组长" && duty != "成员" { errors.add("duty", "职务只能是组长、副组长或成员") }
        if !errors.isEmpty { throw Refusal(errors) }
        let zoneID = access.zoneID
        let user = access.user
        let member = found!
        try await database.transaction { db in
            let id = try await PointsRepository(db: db).addMember(
                zoneID: zoneID, userID: member.id, duty: duty, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "points_committee", id: id, action: "add",
                after: ["username": member.username, "duty": duty], on: db)
        }
    }

    func removeMember(id: Int64, access: PointsAccess) async throws {
        guard
            Permissions.decide(
                access.user, .administer, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember)) == .allow
        else {
            throw PageError.forbidden
        }
        let zoneID = access.zoneID
        let user = access.user
        guard let member = try await PointsRepository(db: database.sql).member(id: id, zoneID: zoneID) else {
            throw PageError.notFound
        }
        try await database.transaction { db in
            try await PointsRepository(db: db).removeMember(id: id, zoneID: zoneID)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "points_committee", id: id, action: "remove",
                before: ["username": member.username, "duty": member.duty], on: db)
        }
    }
}
