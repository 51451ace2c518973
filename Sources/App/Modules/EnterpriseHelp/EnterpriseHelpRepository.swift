import Foundation
import GaoxinCore
import SQLKit

/// All SQL of 助企's cadres, pairings, visits and totals (demands in `EnterpriseHelpDemandRepository`,
/// 楼委会 in `EnterpriseHelpBuildingRepository`).
struct EnterpriseHelpRepository: Sendable {
    let db: any SQLDatabase

    // MARK: Cadres and pairings

    /// The zone's active office staff who may be cadres, with their rank where one is set.
    func cadres(zoneID: Int64) async throws -> [HelpCadreRow] {
        try await db.select()
            .column(SQLColumn("id", table: "users"), as: "user_id")
            .column(SQLColumn("display_name", table: "users"))
            .column(SQLColumn("department_id", table: "users"))
            .column(SQLColumn("rank", table: "help_cadres"))
            .from("users")
            .join(
                "help_cadres", method: SQLJoinMethod.left, on: SQLColumn("user_id", table: "help_cadres"), .equal,
                SQLColumn("id", table: "users")
            )
            .where(SQLColumn("zone_id", table: "users"), .equal, SQLBind(zoneID))
            .where(SQLColumn("is_active", table: "users"), .equal, SQLBind(true))
            .where(
                SQLColumn("role", table: "users"), .in,
                SQLBind.group([Role.departmentStaff.rawValue, Role.investmentOfficer.rawValue, Role.zoneAdmin.rawValue])
            )
            .orderBy(SQLColumn("id", table: "users"))
            .rows(HelpCadreRow.self)
    }

    func setRank(userID: Int64, zoneID: Int64, rank: String, at: Int64) async throws {
        let exists =
            try await db.select().column("user_id").from("help_cadres").where("user_id", .equal, userID).first() != nil
        if exists {
            try await db.update("help_cadres").set("rank", to: rank).where("user_id", .equal, userID).run()
        } else {
            try await db.insert(into: "help_cadres").columns("user_id", "zone_id", "rank", "created_at")
                .values(SQLBind(userID), SQLBind(zoneID), SQLBind(rank), SQLBind(at)).run()
        }
    }

    func pairings(zoneID: Int64, activeOnly: Bool = false, enterpriseID: Int64? = nil, cadreID: Int64? = nil)
        async throws -> [HelpPairingRow]
    {
        var q = db.select().column("*").from("help_pairings").where("zone_id", .equal, zoneID)
        if activeOnly { q = q.where("ended_on", .is, SQLLiteral.null) }
        if let enterpriseID { q = q.where("enterprise_id", .equal, enterpriseID) }
        if let cadreID { q = q.where("cadre_user_id", .equal, cadreID) }
        return try await q.orderBy("enterprise_id").orderBy("id")
            .rows(HelpPairingRow.self)
    }

    func pairingsPage(zoneID: Int64, _ pager: Pager) async throws -> Paged<HelpPairingRow> {
        let q = db.select().from("help_pairings").where("zone_id", .equal, zoneID)
        let total = try await q.countRows()
        let rows = try await db.select().column("*").from("help_pairings").where("zone_id", .equal, zoneID)
            .orderBy(SQLColumn("ended_on"), SQLDirection.ascending).orderBy("id", .descending).page(pager)
            .rows(HelpPairingRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func pairing(id: Int64, zoneID: Int64) async throws -> HelpPairingRow? {
        try await db.select().column("*").from("help_pairings").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(HelpPairingRow.self)
    }

    func insertPairing(zoneID: Int64, enterpriseID: Int64, cadreID: Int64, on: String, at: Int64) async throws -> Int64
    {
        try await db.insert(into: "help_pairings")
            .columns("zone_id", "enterprise_id", "cadre_user_id", "started_on", "created_at")
            .values(SQLBind(zoneID), SQLBind(enterpriseID), SQLBind(cadreID), SQLBind(on), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self)!
    }

    func endPairing(id: Int64, on: String, reason: String) async throws {
        try await db.update("help_pairings").set("ended_on", to: on).set("ended_reason", to: reason)
            .where("id", .equal, id).run()
    }

    // MARK: Visits

    func insertVisit(_ v: HelpVisitRow) async throws -> Int64 {
        try await db.insert(into: "help_visits")
            .columns(
                "zone_id", "enterprise_id", "cadre_user_id", "planned_on", "visited_on", "people_met", "findings",
                "area", "leader", "plan", "created_at"
            )
            .values(
                SQLBind(v.zoneId), SQLBind(v.enterpriseId), SQLBind(v.cadreUserId), SQLBind(v.plannedOn),
                SQLBind(v.visitedOn),
                SQLBind(v.peopleMet), SQLBind(v.findings), SQLBind(v.area), SQLBind(v.leader), SQLBind(v.plan),
                SQLBind(v.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)!
    }

    func insertPhoto(visitID: Int64, zoneID: Int64, name: String, data: Data) async throws {
        try await db.insert(into: "help_visit_photos").columns("visit_id", "zone_id", "file_name", "data")
            .values(SQLBind(visitID), SQLBind(zoneID), SQLBind(name), SQLBind(data)).run()
    }

    func visit(id: Int64, zoneID: Int64) async throws -> HelpVisitRow? {
        try await db.select().column("*").from("help_visits").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(HelpVisitRow.self)
    }

    func visitsPage(zoneID: Int64, cadreID: Int64?, planned: Bool, _ pager: Pager) async throws -> Paged<HelpVisitRow> {
        func base() -> SQLSelectBuilder {
            var q = db.select().from("help_visits").where("zone_id", .equal, zoneID)
                .where("visited_on", planned ? .is : .isNot, SQLLiteral.null)
            if let cadreID { q = q.where("cadre_user_id", .equal, cadreID) }
            return q
        }
        let total = try await base().countRows()
        let rows = try await base().column("*").orderBy(
            planned ? "planned_on" : "visited_on", planned ? .ascending : .descending
        )
        .orderBy("id", .descending).page(pager)
        .rows(HelpVisitRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func photos(visitID: Int64) async throws -> [HelpPhotoRow] {
        try await db.select().columns("id", "visit_id", "file_name").from("help_visit_photos").where(
            "visit_id", .equal, visitID
        )
        .orderBy("id").rows(HelpPhotoRow.self)
    }

    func photo(id: Int64, visitID: Int64, zoneID: Int64) async throws -> (name: String, data: Data)? {
        struct Photo: Decodable {
            var fileName: String
            var data: Data
        }
        return try await db.select().columns("file_name", "data").from("help_visit_photos").where("id", .equal, id)
            .where("visit_id", .equal, visitID).where("zone_id", .equal, zoneID)
            .row(Photo.self).map { ($0.fileName, $0.data) }
    }

    // MARK: Names and totals

    /// Names of the zone's enterprises by id.
    func enterpriseNames(zoneID: Int64) async throws -> [Int64: String] {
        struct E: Decodable {
            var id: Int64
            var name: String
        }
        let rows = try await db.select().columns("id", "name").from("enterprises").where("zone_id", .equal, zoneID)
            .orderBy("id").all(decoding: E.self)
        return Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func enterpriseExists(id: Int64, zoneID: Int64) async throws -> Bool {
        try await db.select().column("id").from("enterprises").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first() != nil
    }

    /// The live 助企 figures of the zone.
    func totals(zoneID: Int64) async throws -> HelpTotals {
        var t = HelpTotals()
        struct Fact: Decodable {
            var closedAt: Int64?
            var everOverdue: Bool
        }
        let active = try await pairings(zoneID: zoneID, activeOnly: true)
        t.cadres = Set(active.map(\.cadreUserId)).count
        t.enterprisesPaired = Set(active.map(\.enterpriseId)).count
        t.visits = try await db.select().from("help_visits").where("zone_id", .equal, zoneID).where(
            "visited_on", .isNot, SQLLiteral.null
        ).countRows()
        struct V: Decodable { var enterpriseId: Int64 }
        t.enterprisesVisited =
            Set(
                try await db.select().column("enterprise_id").from("help_visits").where("zone_id", .equal, zoneID)
                    .where("visited_on", .isNot, SQLLiteral.null).rows(V.self).map(\.enterpriseId)
            ).count
        let facts = try await db.select().column(SQLColumn("closed_at", table: "cases")).column(
            SQLColumn("ever_overdue", table: "cases")
        )
        .from("help_demands")
        .join("cases", on: SQLColumn("id", table: "cases"), .equal, SQLColumn("case_id", table: "help_demands"))
        .where(SQLColumn("zone_id", table: "help_demands"), .equal, SQLBind(zoneID))
        .rows(Fact.self)
        t.count(facts.map { DemandFact(closed: $0.closedAt != nil, everOverdue: $0.everOverdue) })
        t.pledgedAmount = try await EnterpriseHelpFinanceRepository(db: db).pledgeTotal(zoneID: zoneID).amount
        return t
    }
}
