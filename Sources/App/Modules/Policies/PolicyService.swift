import Foundation
import GaoxinCore
import SQLKit

/// The policy module's one write service, shared by the pages and the API so both save the same
/// way: the row, its audit entry and the re-match of the zone in one transaction (a failed match
/// leaves no item). A state that forbids the write is a `Refusal`, and nothing is written.
struct PolicyService {
    let database: Database
    let user: CurrentUser

    func createDocument(_ row: PolicyRow) async throws -> Int64 {
        let user = self.user
        return try await database.transaction { db in
            let id = try await PolicyRepository(db: db).insert(row)
            var saved = row
            saved.id = id
            try await AuditLog.record(
                zoneID: row.zoneId, actor: user, entity: "policy", id: id, action: "create", before: PolicyRow?.none,
                after: saved, on: db)
            return id
        }
    }

    /// Saves a document; its status and dates decide whether its items are in force, so a document
    /// with items matches the zone again. Returns that match's summary (nil without items).
    func updateDocument(_ row: PolicyRow, before: PolicyRow) async throws -> PolicyMatching.Summary? {
        let user = self.user
        return try await database.transaction { db in
            let repo = PolicyRepository(db: db)
            try await repo.update(row)
            try await AuditLog.record(
                zoneID: row.zoneId, actor: user, entity: "policy", id: row.id, action: "update", before: before,
                after: row, on: db)
            return try await repo.itemCount(policyID: row.id) == 0
                ? nil : try await PolicyMatching(db: db).run(zoneID: row.zoneId, trigger: "修改政策", actor: user)
        }
    }

    /// Adds an item at the end of its document; returns its id, how many enterprises were weighed
    /// and how many it fits.
    func createItem(_ row: PolicyItemRow, policy: PolicyRow) async throws -> (
        id: Int64, enterprises: Int, eligible: Int
    ) {
        let user = self.user
        return try await database.transaction { db in
            let repo = PolicyRepository(db: db)
            var saved = row
            saved.position = try await repo.nextPosition(policyID: policy.id)
            saved.id = try await repo.insert(saved)
            try await AuditLog.record(
                zoneID: policy.zoneId, actor: user, entity: "policy_item", id: saved.id, action: "create",
                before: PolicyItemRow?.none, after: saved, on: db)
            let summary = try await PolicyMatching(db: db).run(zoneID: policy.zoneId, trigger: "新增条款", actor: user)
            return (saved.id, summary.enterprises, try await repo.matchCount(itemID: saved.id))
        }
    }

    func updateItem(_ row: PolicyItemRow, before: PolicyItemRow) async throws -> (enterprises: Int, eligible: Int) {
        let user = self.user
        return try await database.transaction { db in
            try await PolicyRepository(db: db).update(row)
            try await AuditLog.record(
                zoneID: row.zoneId, actor: user, entity: "policy_item", id: row.id, action: "update",
                before: before, after: row, on: db)
            let summary = try await PolicyMatching(db: db).run(zoneID: row.zoneId, trigger: "修改条款", actor: user)
            return (summary.enterprises, try await PolicyRepository(db: db).matchCount(itemID: row.id))
        }
    }

    /// In-app notices to eligible enterprises of an item in force: `enterpriseID`, or (nil) every
    /// eligible one not told yet and not already applied or paid. Returns the enterprises told;
    /// refuses (on `enterprise_id`, or `all`) a policy not in force or an enterprise not eligible.
    func notify(item: PolicyItemRow, policy: PolicyRow, enterpriseID: Int64?) async throws -> [Int64] {
        let today = Clock.today
        let field = enterpriseID == nil ? "all" : "enterprise_id"
        guard policy.validity(on: today) == .inForce else {
            throw Refusal(field, "通知未发送：政策当前为“\(policy.validity(on: today).label)”，只能就现行有效的政策通知企业。")
        }
        let repo = PolicyRepository(db: database.sql)
        let targets: [PolicyMatchRow]
        if let enterpriseID {
            guard let match = try await repo.match(enterpriseID: enterpriseID, itemID: item.id) else {
                throw Refusal(field, "通知未发送：所选企业不在本条款的符合条件企业名单中。")
            }
            targets = [match]
        } else {
            targets = try await repo.unnotifiedReachable(itemID: item.id)
        }
        guard !targets.isEmpty else { return [] }
        let window = item.window(on: today)
        let now = Clock.nowSeconds()
        let user = self.user
        try await database.transaction { db in
            let repo = PolicyRepository(db: db)
            for target in targets {
                let amount = target.estimatedAmount.map { "，预计可获支持约 \(PolicyBenefit.money($0))" } ?? ""
                let message =
                    "贵企业可能符合\(policy.citation)“\(item.heading)”的条件\(amount)。申报期：\(window.label)。"
                    + (item.autoGrant ? "本条款免申即享，无需申报。" : "请在“可申报的政策”中查看申报条件和申请材料。")
                _ = try await repo.insert(
                    NoticeRow(
                        id: 0, zoneId: policy.zoneId, enterpriseId: target.enterpriseId, policyItemId: item.id,
                        message: message, createdAt: now, createdBy: user.id, readAt: nil))
                try await Outbox.enqueue(
                    on: db, zoneID: policy.zoneId, to: [.enterprise(target.enterpriseId)],
                    Notice(kind: .policy, subject: "政策通知：\(item.heading)", body: message, link: .policyItem(item.id)),
                    now: now)
            }
            try await AuditLog.record(
                zoneID: policy.zoneId, actor: user, entity: "policy_item", id: item.id, action: "notify",
                after: [
                    "enterprises": targets.map { String($0.enterpriseId) }.joined(separator: ","),
                    "count": String(targets.count),
                ], on: db)
        }
        return targets.map(\.enterpriseId)
    }

    /// Marks one notice (or, with nil, every notice) of the enterprise read; returns how many changed.
    func markNoticesRead(enterpriseID: Int64, zoneID: Int64, noticeID: Int64?) async throws -> Int {
        let user = self.user
        return try await database.transaction { db in
            let ids = try await PolicyRepository(db: db).markRead(
                enterpriseID: enterpriseID, noticeID: noticeID, at: Clock.nowSeconds())
            if !ids.isEmpty {
                try await AuditLog.record(
                    zoneID: zoneID, actor: user, entity: "notice", id: noticeID.map(String.init) ?? "all",
                    action: "read", after: ["ids": ids.map(String.init).joined(separator: ",")], on: db)
            }
            return ids.count
        }
    }
}
