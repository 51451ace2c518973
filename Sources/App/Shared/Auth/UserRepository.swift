import GaoxinCore
import SQLKit

/// One row of `users`, as stored.
struct UserRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64?
    var username: String
    var displayName: String
    var role: String
    var passwordHash: String
    var departmentId: Int64?
    var enterpriseId: Int64?
    var personId: Int64?
    var isActive: Bool
    var createdAt: Int64
    var passwordChangedAt: Int64

    func currentUser(activeZoneID: Int64? = nil, gridIDs: Set<Int64> = []) -> CurrentUser? {
        guard let role = Role(rawValue: role), isActive else { return nil }
        return CurrentUser(
            id: id, username: username, displayName: displayName, role: role, homeZoneID: zoneId,
            departmentID: departmentId, enterpriseID: enterpriseId, personID: personId, gridIDs: gridIDs,
            zoneID: role == .platformAdmin ? activeZoneID : zoneId)
    }
}

/// What is recorded in the audit log about a user: never the password hash.
struct UserAuditView: Codable, Sendable {
    var username: String
    var displayName: String
    var role: String
    var zoneId: Int64?
    var departmentId: Int64?
    var enterpriseId: Int64?
    var personId: Int64?
    var isActive: Bool

    init(_ row: UserRow) {
        username = row.username
        displayName = row.displayName
        role = row.role
        zoneId = row.zoneId
        departmentId = row.departmentId
        enterpriseId = row.enterpriseId
        personId = row.personId
        isActive = row.isActive
    }
}

struct UserRepository: Sendable {
    let db: any SQLDatabase

    func find(id: Int64) async throws -> UserRow? {
        try await db.select().column("*").from("users").where("id", .equal, id)
            .row(UserRow.self)
    }

    /// The signed-in user as every request sees it: a grid worker comes with the grids they work
    /// in (from `grid_workers`), which `Permissions` checks for acting on a grid's rows.
    func signedIn(id: Int64, activeZoneID: Int64? = nil) async throws -> CurrentUser? {
        guard let row = try await find(id: id) else { return nil }
        return try await signedIn(row, activeZoneID: activeZoneID)
    }

    /// The user of a row already read (a session's, an API token's).
    func signedIn(_ row: UserRow, activeZoneID: Int64? = nil) async throws -> CurrentUser? {
        row.currentUser(activeZoneID: activeZoneID, gridIDs: try await gridIDs(of: row))
    }

    /// The user of a browser session. A session that signed in before the password last changed
    /// (it holds another `passwordStamp`) no longer counts.
    func signedIn(_ session: WebSession) async throws -> CurrentUser? {
        guard let row = try await find(id: session.userID), session.passwordStamp == row.passwordChangedAt else {
            return nil
        }
        return try await signedIn(row, activeZoneID: session.activeZoneID)
    }

    func signedIn(username: String) async throws -> CurrentUser? {
        guard let row = try await find(username: username) else { return nil }
        return try await signedIn(row)
    }

    private func gridIDs(of row: UserRow) async throws -> Set<Int64> {
        guard row.role == Role.gridWorker.rawValue else { return [] }
        let rows = try await db.select().column("grid_id").from("grid_workers").where("user_id", .equal, row.id).all()
        return Set(try rows.map { try $0.decode(column: "grid_id", as: Int64.self) })
    }

    func find(username: String) async throws -> UserRow? {
        try await db.select().column("*").from("users").where("username", .equal, username)
            .row(UserRow.self)
    }

    func list(scope: ZoneScope, role: Role? = nil) async throws -> [UserRow] {
        var query = db.select().column("*").from("users")
        if case .zone(let id) = scope { query = query.where("zone_id", .equal, id) }
        if let role { query = query.where("role", .equal, role.rawValue) }
        return try await query.orderBy("zone_id").orderBy("role").orderBy("username")
            .rows(UserRow.self)
    }

    /// One page of a zone's users (every zone's for the platform admin).
    func list(scope: ZoneScope, pager: Pager) async throws -> Paged<UserRow> {
        let query = db.select().from("users")
        if case .zone(let id) = scope { query.where("zone_id", .equal, id) }
        let total = try await query.countRows()
        let rows = try await query.column("*").orderBy("zone_id").orderBy("role").orderBy("username").page(pager)
            .rows(UserRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// How many accounts have `role` (the first run looks for a platform admin).
    func count(role: Role) async throws -> Int {
        try await db.select().from("users").where("role", .equal, role.rawValue).countRows()
    }

    func insert(_ row: UserRow) async throws -> Int64 {
        try await db.insert(into: "users")
            .columns(
                "zone_id", "username", "display_name", "role", "password_hash", "department_id",
                "enterprise_id", "person_id", "is_active", "created_at", "password_changed_at"
            )
            .values(
                SQLBind(row.zoneId), SQLBind(row.username), SQLBind(row.displayName), SQLBind(row.role),
                SQLBind(row.passwordHash), SQLBind(row.departmentId), SQLBind(row.enterpriseId),
                SQLBind(row.personId), SQLBind(row.isActive), SQLBind(row.createdAt), SQLBind(row.passwordChangedAt)
            )
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// Sets a new password; returns the new `password_changed_at`, which always moves forward
    /// (even twice in one second) so that every session stamped with the old one ends.
    func updatePassword(userID: Int64, hash: String, at: Int64) async throws -> Int64 {
        let previous = try await find(id: userID)?.passwordChangedAt ?? 0
        let stamp = max(at, previous + 1)
        try await db.update("users").set("password_hash", to: hash).set("password_changed_at", to: stamp)
            .where("id", .equal, userID).run()
        return stamp
    }
}
