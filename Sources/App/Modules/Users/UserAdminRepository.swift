import Foundation
import GaoxinCore
import SQLKit

/// The SQL of the Users module: grid assignments (`grid_workers` rows of a login), activation
/// codes, and turning an account off and on. Accounts themselves are `UserRepository`'s.
struct UserAdminRepository: Sendable {
    let db: any SQLDatabase

    // MARK: Users

    /// One page of a zone's users, optionally of one role and matching a name.
    func users(zoneID: Int64, role: Role?, search: String, _ pager: Pager) async throws -> Paged<UserRow> {
        func query() -> SQLSelectBuilder {
            var q = db.select().from("users").where("zone_id", .equal, zoneID)
            if let role { q = q.where("role", .equal, role.rawValue) }
            if !search.isEmpty {
                q = q.where { or in
                    or.where("username", .like, "%\(search)%").orWhere("display_name", .like, "%\(search)%")
                }
            }
            return q
        }
        let total = try await query().countRows()
        let rows = try await query().column("*").orderBy("role").orderBy("username").page(pager)
            .rows(UserRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// Which of these usernames are taken (anywhere: usernames are unique across zones).
    func takenUsernames(_ names: [String]) async throws -> Set<String> {
        guard !names.isEmpty else { return [] }
        var taken = Set<String>()
        for chunk in stride(from: 0, to: names.count, by: 500).map({ Array(names[$0..<min($0 + 500, names.count)]) }) {
            taken.formUnion(
                try await db.select().column("username").from("users").where("username", .in, chunk)
                    .all(decodingColumn: "username", as: String.self))
        }
        return taken
    }

    /// Turns an account off or on. Turning it off also moves the password stamp on (every session
    /// ends, and stays ended after a later reactivation) and revokes every live API token.
    func setActive(userID: Int64, active: Bool, at: Int64) async throws -> Int {
        var update = db.update("users").set("is_active", to: active)
        var revoked = 0
        if !active {
            let previous =
                try await db.select().column("password_changed_at").from("users").where("id", .equal, userID)
                .first(decodingColumn: "password_changed_at", as: Int64.self) ?? 0
            update = update.set("password_changed_at", to: max(at, previous + 1))
            revoked = try await APITokenRepository(db: db).revokeAll(userID: userID)
        }
        try await update.where("id", .equal, userID).run()
        return revoked
    }

    // MARK: Grid assignments

    /// The grids a login works in, with the grid's code and name.
    func assignments(userID: Int64) async throws -> [GridAssignmentRow] {
        try await db.select()
            .column(SQLColumn("id", table: "grid_workers")).column(SQLColumn("grid_id", table: "grid_workers"))
            .column(SQLColumn("kind", table: "grid_workers"))
            .column(SQLColumn("party_branch", table: "grid_workers"))
            .column(SQLAlias(SQLColumn("code", table: "grids"), as: SQLIdentifier("grid_code")))
            .column(SQLAlias(SQLColumn("name", table: "grids"), as: SQLIdentifier("grid_name")))
            .from("grid_workers")
            .join("grids", on: SQLColumn("id", table: "grids"), .equal, SQLColumn("grid_id", table: "grid_workers"))
            .where(SQLColumn("user_id", table: "grid_workers"), .equal, SQLBind(userID))
            .orderBy(SQLColumn("code", table: "grids"))
            .rows(GridAssignmentRow.self)
    }

    /// Puts a login into a grid (or changes how they serve it when they already do).
    func assign(_ a: GridAssignment, zoneID: Int64, userID: Int64, name: String) async throws {
        let existing = try await db.select().column("id").from("grid_workers").where("user_id", .equal, userID)
            .where("grid_id", .equal, a.gridID).first(decodingColumn: "id", as: Int64.self)
        if let existing {
            try await db.update("grid_workers").set("kind", to: a.kind.rawValue)
                .set("party_branch", to: SQLBind(a.partyBranch)).where("id", .equal, existing).run()
        } else {
            try await db.insert(into: "grid_workers")
                .columns("zone_id", "grid_id", "user_id", "name", "phone", "kind", "party_branch")
                .values(
                    SQLBind(zoneID), SQLBind(a.gridID), SQLBind(userID), SQLBind(name), SQLBind(String?.none),
                    SQLBind(a.kind.rawValue), SQLBind(a.partyBranch)
                ).run()
        }
    }

    /// Takes a login out of a grid (the assignment row goes; the grid's events stay the grid's).
    func unassign(gridID: Int64, userID: Int64) async throws {
        try await db.delete(from: "grid_workers").where("user_id", .equal, userID).where("grid_id", .equal, gridID)
            .run()
    }

    // MARK: Activation codes

    func insertCode(_ row: ActivationCodeRow) async throws -> Int64 {
        try await db.insert(into: "activation_codes")
            .columns(
                "zone_id", "person_id", "user_id", "code_hash", "issued_by", "created_at", "expires_at",
                "failed_attempts"
            )
            .values(
                SQLBind(row.zoneId), SQLBind(row.personId), SQLBind(row.userId), SQLBind(row.codeHash),
                SQLBind(row.issuedBy), SQLBind(row.createdAt), SQLBind(row.expiresAt), SQLBind(0)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func code(hash: String) async throws -> ActivationCodeRow? {
        try await db.select().column("*").from("activation_codes").where("code_hash", .equal, hash)
            .row(ActivationCodeRow.self)
    }

    /// The latest code issued for a resident record.
    func latestCode(personID: Int64) async throws -> ActivationCodeRow? {
        try await db.select().column("*").from("activation_codes").where("person_id", .equal, personID)
            .orderBy("id", .descending).row(ActivationCodeRow.self)
    }

    /// Ends every code still open for a resident record or a user (a new one replaces them).
    func revokeOpenCodes(personID: Int64?, userID: Int64?, at: Int64) async throws {
        var q = db.update("activation_codes").set("revoked_at", to: at).where("used_at", .is, SQLLiteral.null)
            .where("revoked_at", .is, SQLLiteral.null)
        if let personID { q = q.where("person_id", .equal, personID) }
        if let userID { q = q.where("user_id", .equal, userID) }
        try await q.run()
    }

    /// Counts a wrong check against a code; the fifth ends it.
    func failCode(id: Int64, at: Int64, limit: Int) async throws {
        try await db.update("activation_codes").set("failed_attempts", to: SQLRaw("failed_attempts + 1"))
            .where("id", .equal, id).run()
        try await db.update("activation_codes").set("revoked_at", to: at).where("id", .equal, id)
            .where("failed_attempts", .greaterThanOrEqual, limit).where("revoked_at", .is, SQLLiteral.null).run()
    }

    func useCode(id: Int64, userID: Int64, at: Int64) async throws {
        try await db.update("activation_codes").set("used_at", to: at).set("user_id", to: userID)
            .where("id", .equal, id).run()
    }

    /// The login already made for a person, if any.
    func user(personID: Int64) async throws -> UserRow? {
        try await db.select().column("*").from("users").where("person_id", .equal, personID)
            .row(UserRow.self)
    }

    /// Sets the first password of an imported account (its activation).
    func setPassword(userID: Int64, hash: String, at: Int64) async throws {
        try await db.update("users").set("password_hash", to: hash).set("password_changed_at", to: at)
            .where("id", .equal, userID).run()
    }

    /// The zone's areas by code (the residents import names 村/社区 by code).
    func areaIDs(zoneID: Int64) async throws -> [String: AreaRow] {
        let rows = try await db.select().column("*").from("areas").where("zone_id", .equal, zoneID)
            .rows(AreaRow.self)
        return Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
