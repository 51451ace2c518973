import Foundation
import GaoxinCore
import SQLKit

/// Policy documents, items, matches and notices (matches and notices in
/// `PolicyMatchRepository.swift`). Zone-owned rows are read with their zone named in the query, so
/// an id from another zone finds nothing.
package struct PolicyRepository: Sendable {
    let db: any SQLDatabase

    package init(db: any SQLDatabase) { self.db = db }

    // MARK: - Documents

    func policies(zoneID: Int64) async throws -> [PolicyRow] {
        try await db.select().column("*").from("policies").where("zone_id", .equal, zoneID)
            .orderBy("effective_on", .descending).orderBy("id", .descending)
            .rows(PolicyRow.self)
    }

    func policy(id: Int64, zoneID: Int64) async throws -> PolicyRow? {
        try await db.select().column("*").from("policies").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(PolicyRow.self)
    }

    /// Some documents of the zone (the ones a page of rows refers to).
    func policies(ids: [Int64], zoneID: Int64) async throws -> [PolicyRow] {
        guard !ids.isEmpty else { return [] }
        return try await db.select().column("*").from("policies").where("zone_id", .equal, zoneID)
            .where("id", .in, ids).rows(PolicyRow.self)
    }

    /// Any zone's document; for the public pages, which then show it only when it is in force.
    func policyAnyZone(id: Int64) async throws -> PolicyRow? {
        try await db.select().column("*").from("policies").where("id", .equal, id)
            .row(PolicyRow.self)
    }

    /// Documents in force on `today` (published, effective, not expired).
    private static func inForce(_ q: SQLSelectBuilder, today: Day, table: String? = nil) -> SQLSelectBuilder {
        let day = today.description
        func column(_ name: String) -> SQLColumn { SQLColumn(name, table: table) }
        return q.where(column("status"), .equal, SQLBind(PolicyStatus.published.rawValue))
            .where(column("effective_on"), .lessThanOrEqual, SQLBind(day))
            .where {
                $0.where(column("expires_on"), .is, SQLLiteral.null).orWhere(
                    column("expires_on"), .greaterThanOrEqual, SQLBind(day))
            }
    }

    /// Documents in force, optionally of one zone, matching a search in their title, 文号, text or
    /// items, and (`openOnly`) having an item whose application window is open today.
    private func inForce(scope: ZoneScope, today: Day, search: String, openOnly: Bool) -> SQLSelectBuilder {
        var q = Self.inForce(db.select().from("policies"), today: today)
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        if !search.isEmpty {
            let pattern = "%\(search)%"
            q = q.where {
                $0.where("title", .like, pattern).orWhere("doc_number", .like, pattern).orWhere(
                    "full_text", .like, pattern
                )
                .orWhere(
                    SQLColumn("id"), .in,
                    SQLSubquery.select { sub in
                        sub.column("policy_id").from("policy_items").where { w in
                            w.where("title", .like, pattern).orWhere("content", .like, pattern).orWhere(
                                "audience", .like, pattern)
                        }
                    })
            }
        }
        if openOnly {
            let day = today.description
            q = q.where(
                SQLColumn("id"), .in,
                SQLSubquery.select { sub in
                    sub.column("policy_id").from("policy_items")
                        .where {
                            $0.where("window_from", .is, SQLLiteral.null).orWhere("window_from", .lessThanOrEqual, day)
                        }
                        .where {
                            $0.where("window_to", .is, SQLLiteral.null).orWhere("window_to", .greaterThanOrEqual, day)
                        }
                })
        }
        return q
    }

    /// One page of the documents in force (see above), by zone and latest first.
    func inForce(scope: ZoneScope, today: Day, search: String = "", openOnly: Bool = false, pager: Pager)
        async throws -> Paged<PolicyRow>
    {
        let total = try await inForce(scope: scope, today: today, search: search, openOnly: openOnly).countRows()
        let rows = try await inForce(scope: scope, today: today, search: search, openOnly: openOnly).column("*")
            .orderBy("zone_id").orderBy("effective_on", .descending).orderBy("id", .descending).page(pager)
            .rows(PolicyRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// The ledger's filters: a department, a status, a validity on `today` (unknown values match nothing).
    struct LedgerFilter: Sendable {
        var department = ""
        var status = ""
        var validity = ""
    }

    private func ledger(zoneID: Int64, _ f: LedgerFilter, today: Day) -> SQLSelectBuilder {
        var q = db.select().from("policies").where("zone_id", .equal, zoneID)
        if !f.department.isEmpty { q = q.where("department_id", .equal, Int64(f.department) ?? -1) }
        if !f.status.isEmpty { q = q.where("status", .equal, f.status) }
        guard !f.validity.isEmpty else { return q }
        let day = today.description
        switch PolicyValidity(rawValue: f.validity) {
        case .unpublished: return q.where("status", .equal, PolicyStatus.draft.rawValue)
        case .repealed: return q.where("status", .equal, PolicyStatus.repealed.rawValue)
        case .pending:
            return q.where("status", .equal, PolicyStatus.published.rawValue).where("effective_on", .greaterThan, day)
        case .expired:
            return q.where("status", .equal, PolicyStatus.published.rawValue)
                .where("effective_on", .lessThanOrEqual, day).where("expires_on", .lessThan, day)
        case .inForce: return Self.inForce(q, today: today)
        case nil: return q.where("id", .equal, -1)
        }
    }

    /// One page of the ledger, latest first.
    func ledger(zoneID: Int64, filter: LedgerFilter, today: Day, pager: Pager) async throws -> Paged<PolicyRow> {
        let total = try await ledger(zoneID: zoneID, filter, today: today).countRows()
        let rows = try await ledger(zoneID: zoneID, filter, today: today).column("*")
            .orderBy("effective_on", .descending).orderBy("id", .descending).page(pager)
            .rows(PolicyRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// How many items the ledger's filtered documents hold and their yearly budgets' sum (万元).
    func ledgerItems(zoneID: Int64, filter: LedgerFilter, today: Day) async throws -> (items: Int, budget: Double) {
        let documents = ledger(zoneID: zoneID, filter, today: today).column("id")
        let row = try await db.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("SUM", args: SQLColumn("budget")), as: "budget")
            .from("policy_items").where(SQLColumn("policy_id"), .in, SQLGroupExpression(documents.select))
            .first()
        guard let row else { return (0, 0) }
        return (
            try row.decode(column: "n", as: Int.self),
            try row.decodeNil(column: "budget") ? 0 : try row.decode(column: "budget", as: Double.self)
        )
    }

    /// How many items each of some documents holds.
    func itemCounts(policyIDs: [Int64]) async throws -> [Int64: Int] {
        guard !policyIDs.isEmpty else { return [:] }
        let rows = try await db.select().column("policy_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("policy_items").where("policy_id", .in, policyIDs).groupBy("policy_id").all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "policy_id", as: Int64.self), try $0.decode(column: "n", as: Int.self))
            })
    }

    func itemCount(policyID: Int64) async throws -> Int {
        try await db.select().from("policy_items").where("policy_id", .equal, policyID).countRows()
    }

    func insert(_ p: PolicyRow) async throws -> Int64 {
        try await db.insert(into: "policies")
            .columns(
                "zone_id", "department_id", "title", "doc_number", "issued_on", "effective_on", "expires_on",
                "full_text", "status",
                "created_at", "updated_at"
            )
            .values(
                SQLBind(p.zoneId), SQLBind(p.departmentId), SQLBind(p.title), SQLBind(p.docNumber), SQLBind(p.issuedOn),
                SQLBind(p.effectiveOn), SQLBind(p.expiresOn), SQLBind(p.fullText), SQLBind(p.status),
                SQLBind(p.createdAt),
                SQLBind(p.updatedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func update(_ p: PolicyRow) async throws {
        try await db.update("policies")
            .set("department_id", to: p.departmentId).set("title", to: p.title).set("doc_number", to: p.docNumber)
            .set("issued_on", to: p.issuedOn).set("effective_on", to: p.effectiveOn).set("expires_on", to: p.expiresOn)
            .set("full_text", to: p.fullText).set("status", to: p.status).set("updated_at", to: p.updatedAt)
            .where("id", .equal, p.id).where("zone_id", .equal, p.zoneId).run()
    }

    // MARK: - Items

    func items(policyID: Int64) async throws -> [PolicyItemRow] {
        try await db.select().column("*").from("policy_items").where("policy_id", .equal, policyID)
            .orderBy("position").orderBy("id").rows(PolicyItemRow.self)
    }

    func items(zoneID: Int64) async throws -> [PolicyItemRow] {
        try await db.select().column("*").from("policy_items").where("zone_id", .equal, zoneID)
            .orderBy("policy_id").orderBy("position").orderBy("id").rows(PolicyItemRow.self)
    }

    func items(ids: [Int64]) async throws -> [PolicyItemRow] {
        guard !ids.isEmpty else { return [] }
        return try await db.select().column("*").from("policy_items").where("id", .in, ids)
            .orderBy("policy_id").orderBy("position").orderBy("id").rows(PolicyItemRow.self)
    }

    func items(policyIDs: [Int64]) async throws -> [PolicyItemRow] {
        guard !policyIDs.isEmpty else { return [] }
        return try await db.select().column("*").from("policy_items").where("policy_id", .in, policyIDs)
            .orderBy("policy_id").orderBy("position").orderBy("id").rows(PolicyItemRow.self)
    }

    func item(id: Int64) async throws -> PolicyItemRow? {
        try await db.select().column("*").from("policy_items").where("id", .equal, id)
            .row(PolicyItemRow.self)
    }

    func item(id: Int64, zoneID: Int64) async throws -> PolicyItemRow? {
        try await db.select().column("*").from("policy_items").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(PolicyItemRow.self)
    }

    func nextPosition(policyID: Int64) async throws -> Int {
        let max =
            try await db.select().column(SQLFunction("MAX", args: SQLColumn("position")), as: "n").from("policy_items")
            .where("policy_id", .equal, policyID).first(decodingColumn: "n", as: Int?.self) ?? nil
        return (max ?? 0) + 1
    }

    func insert(_ i: PolicyItemRow) async throws -> Int64 {
        try await db.insert(into: "policy_items")
            .columns(
                "zone_id", "policy_id", "position", "code", "title", "benefit_kind", "benefit_amount",
                "benefit_formula", "benefit_cap",
                "budget", "rule_json", "window_from", "window_to", "auto_grant", "content", "audience",
                "applicable_period",
                "conditions", "materials_json", "created_at", "updated_at"
            )
            .values(
                SQLBind(i.zoneId), SQLBind(i.policyId), SQLBind(i.position), SQLBind(i.code), SQLBind(i.title),
                SQLBind(i.benefitKind),
                SQLBind(i.benefitAmount), SQLBind(i.benefitFormula), SQLBind(i.benefitCap), SQLBind(i.budget),
                SQLBind(i.ruleJson),
                SQLBind(i.windowFrom), SQLBind(i.windowTo), SQLBind(i.autoGrant), SQLBind(i.content),
                SQLBind(i.audience),
                SQLBind(i.applicablePeriod), SQLBind(i.conditions), SQLBind(i.materialsJson), SQLBind(i.createdAt),
                SQLBind(i.updatedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func update(_ i: PolicyItemRow) async throws {
        try await db.update("policy_items")
            .set("code", to: i.code).set("title", to: i.title).set("benefit_kind", to: i.benefitKind)
            .set("benefit_amount", to: i.benefitAmount).set("benefit_formula", to: i.benefitFormula).set(
                "benefit_cap", to: i.benefitCap
            )
            .set("budget", to: i.budget).set("rule_json", to: i.ruleJson).set("window_from", to: i.windowFrom).set(
                "window_to", to: i.windowTo
            )
            .set("auto_grant", to: i.autoGrant).set("content", to: i.content).set("audience", to: i.audience)
            .set("applicable_period", to: i.applicablePeriod).set("conditions", to: i.conditions).set(
                "materials_json", to: i.materialsJson
            )
            .set("updated_at", to: i.updatedAt)
            .where("id", .equal, i.id).where("zone_id", .equal, i.zoneId).run()
    }

    // MARK: - The benchmark's ledger

    /// A published document in force from `effectiveOn` with a placeholder text (the re-matching
    /// benchmark's ledger).
    package func insertDocument(zoneID: Int64, departmentID: Int64, title: String, effectiveOn: String, at now: Int64)
        async throws -> Int64
    {
        try await insert(
            PolicyRow(
                id: 0, zoneId: zoneID, departmentId: departmentID, title: title, docNumber: nil, issuedOn: nil,
                effectiveOn: effectiveOn, expiresOn: nil, fullText: "正文", status: PolicyStatus.published.rawValue,
                createdAt: now, updatedAt: now))
    }

    /// An always-open item with a rule and a fixed amount or a capped formula (the benchmark's items).
    package func insertItem(
        zoneID: Int64, policyID: Int64, position: Int, title: String, fixedAmount: Double?, formula: String?,
        cap: Double?, ruleJSON: String, at now: Int64
    ) async throws -> Int64 {
        try await insert(
            PolicyItemRow(
                id: 0, zoneId: zoneID, policyId: policyID, position: position, code: nil, title: title,
                benefitKind: (fixedAmount != nil ? BenefitKind.fixed : .formula).rawValue, benefitAmount: fixedAmount,
                benefitFormula: formula, benefitCap: cap, budget: nil, ruleJson: ruleJSON, windowFrom: nil,
                windowTo: nil, autoGrant: false, content: "内容", audience: "对象", applicablePeriod: "长期",
                conditions: "条件", materialsJson: "[]", createdAt: now, updatedAt: now))
    }

    /// Replaces an item's rule, as a department editing it would (the benchmark's one change).
    package func setRule(itemID: Int64, ruleJSON: String) async throws {
        try await db.update("policy_items").set("rule_json", to: ruleJSON).where("id", .equal, itemID).run()
    }
}
