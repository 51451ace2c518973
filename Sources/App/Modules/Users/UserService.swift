import Foundation
import GaoxinCore
import Hummingbird

/// The one write service of Users: grid assignments, turning accounts off and on, activation codes
/// (issued for resident records and imported accounts, redeemed on the public activation page) and
/// the users import. Every field is checked first (`Refusal`); then one transaction with audit rows.
struct UserService: Sendable {
    let services: AppServices
    var database: Database { services.database }

    // MARK: Grid assignments

    /// The grid worker `target` of the zone, or a refusal that says why the account can't have grids.
    private func gridWorker(_ target: UserRow) throws {
        guard target.role == Role.gridWorker.rawValue else {
            throw Refusal("grid_id", "网格：只有网格员可以分配网格（该用户是\(Role(rawValue: target.role)?.label ?? target.role)）")
        }
        guard target.isActive else { throw Refusal("grid_id", "网格：该账号已停用，请先启用") }
    }

    /// Checks an assignment as typed: the grid of this zone (another zone's grid is refused as not
    /// found in this zone), 专职/兼职 and the party branch.
    static func assignment(gridID: Int64?, kind: String, partyBranch: String, zoneID: Int64, db: Database)
        async throws -> GridAssignment
    {
        var errors = FormErrors()
        var grid: GridRow?
        if let gridID {
            grid = try await GridRepository(db: db.sql).grid(id: gridID, zoneID: zoneID)
            if grid == nil { errors.add("grid_id", "网格：本园区没有这个网格（其他园区的网格不能分配）") }
        } else {
            errors.add("grid_id", "网格：请选择")
        }
        let workerKind = GridWorkerKind(rawValue: kind) ?? GridWorkerKind.allCases.first { $0.label == kind }
        if workerKind == nil { errors.add("kind", "专职/兼职：请选择专职或兼职") }
        let branch = partyBranch.trimmingCharacters(in: .whitespaces)
        if partyBranch.textLength > 60 { errors.add("party_branch", "党支部：不能超过 60 个字") }
        try Refusal.check(errors)
        guard let grid, let workerKind else { throw Refusal("grid_id", "网格：请选择") }
        return GridAssignment(gridID: grid.id, kind: workerKind, partyBranch: branch.isEmpty ? nil : branch)
    }

    /// Puts a grid worker into a grid of their zone (or changes 专职/兼职 and party branch there).
    func assign(_ a: GridAssignment, to target: UserRow, zoneID: Int64, actor: CurrentUser) async throws {
        try gridWorker(target)
        try await database.transaction { db in
            try await UserAdminRepository(db: db).assign(a, zoneID: zoneID, userID: target.id, name: target.displayName)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "grid_worker", id: target.id, action: "assign",
                after: ["grid_id": String(a.gridID), "kind": a.kind.rawValue, "party_branch": a.partyBranch ?? ""],
                on: db)
        }
    }

    func unassign(gridID: Int64, from target: UserRow, zoneID: Int64, actor: CurrentUser) async throws {
        try await database.transaction { db in
            try await UserAdminRepository(db: db).unassign(gridID: gridID, userID: target.id)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "grid_worker", id: target.id, action: "unassign",
                before: ["grid_id": String(gridID)], on: db)
        }
    }

    // MARK: Deactivate and reactivate (never delete)

    /// Turns an account off (sessions end, API tokens are revoked, login is refused) or back on.
    /// Returns how many tokens were revoked.
    @discardableResult
    func setActive(_ target: UserRow, active: Bool, actor: CurrentUser) async throws -> Int {
        if target.id == actor.id, !active { throw Refusal("user", "不能停用自己的账号") }
        guard target.isActive != active else {
            throw Refusal("user", active ? "该账号已是启用状态" : "该账号已是停用状态", status: .conflict)
        }
        return try await database.transaction { db in
            let revoked = try await UserAdminRepository(db: db).setActive(
                userID: target.id, active: active, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: target.zoneId, actor: actor, entity: "user", id: target.id,
                action: active ? "reactivate" : "deactivate", before: ["is_active": String(target.isActive)],
                after: ["is_active": String(active), "revoked_tokens": String(revoked)], on: db)
            return revoked
        }
    }

    // MARK: Activation codes

    /// A new code for a resident record without a login; earlier open codes for it end. Returns the
    /// plain code (shown once) and when it expires.
    func issueResidentCode(personID: Int64, zoneID: Int64, actor: CurrentUser) async throws -> (String, Int64) {
        if try await UserAdminRepository(db: database.sql).user(personID: personID) != nil {
            throw Refusal("person", "该居民已有登录账号，无需激活码", status: .conflict)
        }
        return try await issue(zoneID: zoneID, personID: personID, userID: nil, actor: actor)
    }

    private func issue(zoneID: Int64, personID: Int64?, userID: Int64?, actor: CurrentUser?) async throws -> (
        String, Int64
    ) {
        let code = ActivationCode.make()
        let now = Clock.nowSeconds()
        let expires = now + ActivationCode.days * 86_400
        try await database.transaction { db in
            let repo = UserAdminRepository(db: db)
            try await repo.revokeOpenCodes(personID: personID, userID: userID, at: now)
            let id = try await repo.insertCode(
                ActivationCodeRow(
                    id: 0, zoneId: zoneID, personId: personID, userId: userID, codeHash: ActivationCode.hash(code),
                    issuedBy: actor?.id, createdAt: now, expiresAt: expires, failedAttempts: 0))
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "activation_code", id: id, action: "issue",
                after: ["person_id": personID.map(String.init) ?? "", "user_id": userID.map(String.init) ?? ""],
                on: db)
        }
        return (code, expires)
    }

    /// A new code for an account of the zone (an imported one, or one whose holder lost the code).
    func issueAccountCode(_ target: UserRow, actor: CurrentUser) async throws -> (String, Int64) {
        guard let zoneID = target.zoneId else { throw PageError.notFound }
        return try await issue(zoneID: zoneID, personID: nil, userID: target.id, actor: actor)
    }
}
