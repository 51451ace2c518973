import Foundation
import GaoxinCore
import SQLKit

/// Every query of 招商: chains and their elements, the pipeline, stage history, funds, targets and
/// the actual figures targets are measured against. Zone-owned rows are always read with their zone.
struct InvestmentRepository: Sendable {
    let db: any SQLDatabase

    private func one<Row: Decodable>(_ table: String, id: Int64, zoneID: Int64, as: Row.Type) async throws -> Row? {
        try await db.select().column("*").from(table).where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(Row.self)
    }

    // MARK: - Chains

    func chains(zoneID: Int64) async throws -> [InvestChainRow] {
        try await db.select().column("*").from("invest_chains").where("zone_id", .equal, zoneID).orderBy("id")
            .rows(InvestChainRow.self)
    }

    /// One page of the zone's chains, those `leaderID` leads first (a chain leader's own on top).
    func chains(zoneID: Int64, leaderID: Int64, _ pager: Pager) async throws -> Paged<InvestChainRow> {
        let total = try await db.select().from("invest_chains").where("zone_id", .equal, zoneID).countRows()
        let mineFirst = SQLQueryString("CASE WHEN leader_user_id = \(bind: leaderID) THEN 0 ELSE 1 END")
        let rows = try await db.select().column("*").from("invest_chains").where("zone_id", .equal, zoneID)
            .orderBy(mineFirst).orderBy("id").page(pager)
            .rows(InvestChainRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func chain(id: Int64, zoneID: Int64) async throws -> InvestChainRow? {
        try await one("invest_chains", id: id, zoneID: zoneID, as: InvestChainRow.self)
    }

    func insertChain(_ c: InvestChainRow) async throws -> Int64 {
        try await db.insert(into: "invest_chains")
            .columns(
                "zone_id", "name", "leader_user_id", "lead_department_id", "plan", "fund", "platform", "anchor_firms",
                "experts", "created_at"
            )
            .values(
                SQLBind(c.zoneId), SQLBind(c.name), SQLBind(c.leaderUserId), SQLBind(c.leadDepartmentId),
                SQLBind(c.plan), SQLBind(c.fund), SQLBind(c.platform), SQLBind(c.anchorFirms), SQLBind(c.experts),
                SQLBind(c.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func linkPolicy(chainID: Int64, itemID: Int64) async throws {
        try await db.insert(into: "invest_chain_policies").columns("chain_id", "policy_item_id")
            .values(SQLBind(chainID), SQLBind(itemID)).run()
    }

    /// The policy items linked to a chain: (id, title).
    func policies(chainID: Int64) async throws -> [(Int64, String)] {
        struct Row: Decodable {
            var id: Int64
            var title: String
        }
        return try await db.select().column(SQLColumn("id", table: "policy_items"))
            .column(SQLColumn("title", table: "policy_items")).from("invest_chain_policies")
            .join(
                SQLIdentifier("policy_items"), method: SQLJoinMethod.inner, on: SQLColumn("id", table: "policy_items"),
                .equal, SQLColumn("policy_item_id")
            )
            .where("chain_id", .equal, chainID).orderBy(SQLColumn("id", table: "policy_items"))
            .all(decoding: Row.self).map { ($0.id, $0.title) }
    }

    func nodes(chainID: Int64) async throws -> [InvestNodeRow] {
        try await db.select().column("*").from("invest_chain_nodes").where("chain_id", .equal, chainID)
            .orderBy("position").orderBy("id")
            .rows(InvestNodeRow.self)
    }

    func node(id: Int64, zoneID: Int64) async throws -> InvestNodeRow? {
        try await one("invest_chain_nodes", id: id, zoneID: zoneID, as: InvestNodeRow.self)
    }

    func insertNode(_ n: InvestNodeRow) async throws -> Int64 {
        try await db.insert(into: "invest_chain_nodes")
            .columns("zone_id", "chain_id", "segment", "name", "position", "is_gap", "target_companies")
            .values(
                SQLBind(n.zoneId), SQLBind(n.chainId), SQLBind(n.segment), SQLBind(n.name), SQLBind(n.position),
                SQLBind(n.isGap), SQLBind(n.targetCompanies)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// node id → name, for the nodes of the zone among `ids`.
    func nodeNames(ids: [Int64], zoneID: Int64) async throws -> [Int64: String] {
        struct Row: Decodable {
            var id: Int64
            var name: String
        }
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column("id").column("name").from("invest_chain_nodes")
            .where("zone_id", .equal, zoneID).where("id", .in, ids).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// node id → how many of the chain's projects sit on it.
    func projectCountsByNode(chainID: Int64) async throws -> [Int64: Int] {
        try await countRows(
            by: "node_id",
            of: db.select().from("invest_projects").where("chain_id", .equal, chainID)
                .where("node_id", .isNot, SQLLiteral.null))
    }

    private struct KeyCount<Key: Decodable>: Decodable {
        var k: Key
        var n: Int
    }

    /// The rows of `query` counted by the value of `column`.
    private func countRows<Key: Decodable & Hashable>(by column: String, of query: SQLSelectBuilder) async throws
        -> [Key: Int]
    {
        let rows = try await query.column(SQLAlias(SQLColumn(column), as: SQLIdentifier("k")))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .groupBy(column).all(decoding: KeyCount<Key>.self)
        return Dictionary(rows.map { ($0.k, $0.n) }, uniquingKeysWith: +)
    }

    func placeEnterprise(nodeID: Int64, enterpriseID: Int64) async throws {
        try await db.insert(into: "invest_node_enterprises").columns("node_id", "enterprise_id")
            .values(SQLBind(nodeID), SQLBind(enterpriseID)).run()
    }

    /// node id → the names of the enterprises placed on it.
    func enterprisesOnNodes(_ nodeIDs: [Int64]) async throws -> [Int64: [(Int64, String)]] {
        struct Row: Decodable {
            var nodeId: Int64
            var id: Int64
            var name: String
        }
        guard !nodeIDs.isEmpty else { return [:] }
        let rows = try await db.select().column("node_id").column(SQLColumn("id", table: "enterprises"))
            .column(SQLColumn("name", table: "enterprises")).from("invest_node_enterprises")
            .join(
                SQLIdentifier("enterprises"), method: SQLJoinMethod.inner, on: SQLColumn("id", table: "enterprises"),
                .equal, SQLColumn("enterprise_id")
            )
            .where("node_id", .in, nodeIDs).orderBy(SQLColumn("name", table: "enterprises"))
            .rows(Row.self)
        return Dictionary(grouping: rows, by: \.nodeId).mapValues { $0.map { ($0.id, $0.name) } }
    }

    /// The zone's registry enterprises whose 产业链 field names the chain: (id, name).
    func registryEnterprises(zoneID: Int64, chain: String, limit: Int = 200) async throws -> [(Int64, String)] {
        struct Row: Decodable {
            var id: Int64
            var name: String
        }
        return try await db.select().column("id").column("name").from("enterprises").where("zone_id", .equal, zoneID)
            .where("chain", .equal, chain).orderBy("name").limit(limit).all(decoding: Row.self).map { ($0.id, $0.name) }
    }

    func tasks(chainID: Int64) async throws -> [InvestTaskRow] {
        try await db.select().column("*").from("invest_chain_tasks").where("chain_id", .equal, chainID)
            .orderBy("due_on").orderBy("id")
            .rows(InvestTaskRow.self)
    }

    func insertTask(_ t: InvestTaskRow) async throws -> Int64 {
        try await db.insert(into: "invest_chain_tasks")
            .columns("zone_id", "chain_id", "title", "owner_user_id", "due_on", "done_on", "created_at")
            .values(
                SQLBind(t.zoneId), SQLBind(t.chainId), SQLBind(t.title), SQLBind(t.ownerUserId), SQLBind(t.dueOn),
                SQLBind(t.doneOn), SQLBind(t.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    // MARK: - Projects

    private func filtered(_ q: SQLSelectBuilder, zoneID: Int64, _ f: ProjectFilter) -> SQLSelectBuilder {
        var q = q.from("invest_projects").where("zone_id", .equal, zoneID)
        if let stage = f.stage { q = q.where("stage", .equal, stage.rawValue) }
        if let park = f.parkID { q = q.where("park_id", .equal, park) }
        if let chain = f.chainID { q = q.where("chain_id", .equal, chain) }
        return q
    }

    /// One page of the zone's pipeline, latest move first.
    func projects(zoneID: Int64, filter: ProjectFilter, _ pager: Pager) async throws -> Paged<InvestProjectRow> {
        let total = try await filtered(db.select(), zoneID: zoneID, filter).countRows()
        let rows = try await filtered(db.select().column("*"), zoneID: zoneID, filter)
            .orderBy("stage_on", .descending).orderBy("id", .descending).page(pager)
            .rows(InvestProjectRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// stage → number of the zone's projects there.
    func stageCounts(zoneID: Int64) async throws -> [String: Int] {
        try await countRows(by: "stage", of: db.select().from("invest_projects").where("zone_id", .equal, zoneID))
    }

    func project(id: Int64, zoneID: Int64) async throws -> InvestProjectRow? {
        try await one("invest_projects", id: id, zoneID: zoneID, as: InvestProjectRow.self)
    }

    func insertProject(_ p: InvestProjectRow) async throws -> Int64 {
        try await db.insert(into: "invest_projects")
            .columns(
                "zone_id", "park_id", "chain_id", "node_id", "name", "investor", "origin_province", "origin_city",
                "planned_investment", "agreed_investment", "foreign_investment", "officer_user_id", "enterprise_id",
                "stage", "stage_on", "termination_reason", "created_at"
            )
            .values(
                SQLBind(p.zoneId), SQLBind(p.parkId), SQLBind(p.chainId), SQLBind(p.nodeId), SQLBind(p.name),
                SQLBind(p.investor), SQLBind(p.originProvince), SQLBind(p.originCity), SQLBind(p.plannedInvestment),
                SQLBind(p.agreedInvestment), SQLBind(p.foreignInvestment), SQLBind(p.officerUserId),
                SQLBind(p.enterpriseId), SQLBind(p.stage), SQLBind(p.stageOn), SQLBind(p.terminationReason),
                SQLBind(p.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// The project after a move: its stage and date, and what the move brought.
    func updateStage(_ p: InvestProjectRow) async throws {
        try await db.update("invest_projects").set("stage", to: p.stage).set("stage_on", to: p.stageOn)
            .set("agreed_investment", to: p.agreedInvestment).set("enterprise_id", to: p.enterpriseId)
            .set("termination_reason", to: p.terminationReason)
            .where("id", .equal, p.id).where("zone_id", .equal, p.zoneId).run()
    }

    func history(projectID: Int64) async throws -> [InvestStageRow] {
        try await db.select().column("*").from("invest_project_stages").where("project_id", .equal, projectID)
            .orderBy("id").rows(InvestStageRow.self)
    }

    func insertStage(_ s: InvestStageRow) async throws {
        try await db.insert(into: "invest_project_stages")
            .columns("zone_id", "project_id", "stage", "moved_on", "note", "by_name", "created_at")
            .values(
                SQLBind(s.zoneId), SQLBind(s.projectId), SQLBind(s.stage), SQLBind(s.movedOn), SQLBind(s.note),
                SQLBind(s.byName), SQLBind(s.createdAt)
            ).run()
    }

    func funds(projectID: Int64) async throws -> [InvestFundsRow] {
        try await db.select().column("*").from("invest_project_funds").where("project_id", .equal, projectID)
            .orderBy("month").rows(InvestFundsRow.self)
    }

    /// project id → its funds in place so far (万元), for the projects among `ids`.
    func fundsTotals(projectIDs ids: [Int64]) async throws -> [Int64: Int64] {
        struct Row: Decodable {
            var projectId: Int64
            var n: Int64?
        }
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column("project_id")
            .column(SQLAlias(SQLRaw("CAST(SUM(funds) AS BIGINT)"), as: SQLIdentifier("n")))
            .from("invest_project_funds").where("project_id", .in, ids).groupBy("project_id")
            .rows(Row.self)
        return Dictionary(rows.map { ($0.projectId, $0.n ?? 0) }, uniquingKeysWith: +)
    }

    /// One month's funds in place replaces what was entered for that month.
    func setFunds(_ f: InvestFundsRow) async throws {
        try await db.delete(from: "invest_project_funds").where("project_id", .equal, f.projectId)
            .where("month", .equal, f.month).run()
        try await db.insert(into: "invest_project_funds")
            .columns("zone_id", "project_id", "month", "funds", "foreign_funds")
            .values(
                SQLBind(f.zoneId), SQLBind(f.projectId), SQLBind(f.month), SQLBind(f.funds), SQLBind(f.foreignFunds)
            ).run()
    }

    // MARK: - Targets

    func targets(zoneID: Int64, year: Int) async throws -> [InvestTargetRow] {
        try await db.select().column("*").from("invest_targets").where("zone_id", .equal, zoneID)
            .where("year", .equal, year).orderBy("id")
            .rows(InvestTargetRow.self)
    }

    /// Sets one target (zone-wide when `parkID` is nil), replacing the one set before.
    func setTarget(zoneID: Int64, parkID: Int64?, year: Int, kind: String, target: Int64, at: Int64) async throws {
        var delete = db.delete(from: "invest_targets").where("zone_id", .equal, zoneID).where("year", .equal, year)
            .where("kind", .equal, kind)
        delete = parkID.map { delete.where("park_id", .equal, $0) } ?? delete.where("park_id", .is, SQLLiteral.null)
        try await delete.run()
        try await db.insert(into: "invest_targets")
            .columns("zone_id", "park_id", "year", "kind", "target", "updated_at")
            .values(SQLBind(zoneID), SQLBind(parkID), SQLBind(year), SQLBind(kind), SQLBind(target), SQLBind(at))
            .run()
    }

    private struct ParkSum: Decodable {
        var parkId: Int64?
        var n: Int64?
    }

    private func byPark(_ rows: [ParkSum]) -> [Int64?: Int64] {
        var out: [Int64?: Int64] = [:]
        for r in rows { out[r.parkId, default: 0] += r.n ?? 0 }
        return out
    }

    /// park → funds in place (or foreign funds) in the months `from`…`to` ("YYYY-MM").
    func fundsByPark(zoneID: Int64, from: String, to: String, foreign: Bool) async throws -> [Int64?: Int64] {
        let column: SQLQueryString = foreign ? "f.foreign_funds" : "f.funds"
        return byPark(
            try await db.raw(
                """
                SELECT p.park_id AS park_id, CAST(SUM(\(column)) AS BIGINT) AS n FROM invest_project_funds f
                JOIN invest_projects p ON p.id = f.project_id
                WHERE f.zone_id = \(bind: zoneID) AND f.month >= \(bind: from) AND f.month <= \(bind: to)
                GROUP BY p.park_id
                """
            ).rows(ParkSum.self))
    }

    /// park → projects that moved to `stage` between the days (with at least `minAgreed` agreed).
    func movesByPark(zoneID: Int64, stage: ProjectStage, from: String, to: String, minAgreed: Int64?) async throws
        -> [Int64?: Int64]
    {
        let agreed: SQLQueryString = minAgreed.map { "AND p.agreed_investment >= \(bind: $0)" } ?? ""
        return byPark(
            try await db.raw(
                """
                SELECT p.park_id AS park_id, CAST(COUNT(*) AS BIGINT) AS n FROM invest_project_stages s
                JOIN invest_projects p ON p.id = s.project_id
                WHERE s.zone_id = \(bind: zoneID) AND s.stage = \(bind: stage.rawValue)
                AND s.moved_on >= \(bind: from) AND s.moved_on <= \(bind: to) \(agreed)
                GROUP BY p.park_id
                """
            ).rows(ParkSum.self))
    }

    /// 招商地图: the zone's projects by origin (province, city), with the planned investment and how
    /// many were signed (reached 签约 or later), largest first; terminated projects are left out.
    func origins(zoneID: Int64, limit: Int = 300) async throws -> [InvestOriginRow] {
        let signed = [ProjectStage.signed, .registered, .started, .completed, .producing].map(\.rawValue)
        let signedCount = SQLQueryString(
            "CAST(SUM(CASE WHEN stage IN (\(binds: signed)) THEN 1 ELSE 0 END) AS BIGINT)")
        return try await db.select().column("origin_province").column("origin_city")
            .column(SQLAlias(SQLRaw("CAST(COUNT(*) AS BIGINT)"), as: SQLIdentifier("projects")))
            .column(SQLAlias(SQLRaw("CAST(SUM(planned_investment) AS BIGINT)"), as: SQLIdentifier("planned")))
            .column(SQLAlias(signedCount, as: SQLIdentifier("signed")))
            .from("invest_projects").where("zone_id", .equal, zoneID)
            .where("stage", .notEqual, ProjectStage.terminated.rawValue)
            .groupBy("origin_province").groupBy("origin_city")
            .orderBy(SQLRaw("COUNT(*)"), SQLDirection.descending).orderBy("origin_province").orderBy("origin_city")
            .limit(limit).rows(InvestOriginRow.self)
    }

    // MARK: - Lookups

    /// The zone's users who may be named as chain leader, task owner or officer: (id, name).
    func staff(zoneID: Int64) async throws -> [(Int64, String)] {
        struct Row: Decodable {
            var id: Int64
            var displayName: String
        }
        return try await db.select().column("id").column("display_name").from("users")
            .where("zone_id", .equal, zoneID).where("is_active", .equal, true)
            .where(
                "role", .in, [Role.zoneAdmin.rawValue, Role.departmentStaff.rawValue, Role.investmentOfficer.rawValue]
            )
            .orderBy("id").rows(Row.self)
            .map { ($0.id, $0.displayName) }
    }

    func enterpriseName(id: Int64, zoneID: Int64) async throws -> String? {
        try await db.select().column("name").from("enterprises").where("id", .equal, id)
            .where("zone_id", .equal, zoneID).first(decodingColumn: "name", as: String.self)
    }

    /// The zone's first policy items (the demo links them to its chains).
    func policyItemIDs(zoneID: Int64, limit: Int) async throws -> [Int64] {
        try await db.select().column("id").from("policy_items").where("zone_id", .equal, zoneID).orderBy("id")
            .limit(limit).all(decodingColumn: "id", as: Int64.self)
    }

    /// The zone's first registry enterprise (the demo's projects register as it).
    func firstEnterpriseID(zoneID: Int64) async throws -> Int64? {
        try await db.select().column("id").from("enterprises").where("zone_id", .equal, zoneID).orderBy("id").limit(1)
            .first(decodingColumn: "id", as: Int64.self)
    }
}
