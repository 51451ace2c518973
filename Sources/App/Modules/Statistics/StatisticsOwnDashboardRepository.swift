import Foundation
import GaoxinCore
import SQLKit

/// The own dashboards' figures (a chain's, a department's, an enterprise's): each a grouped
/// `COUNT`/`SUM` over the rows that belong to the owner, read with their zone.
struct StatisticsOwnDashboardRepository: Sendable {
    let db: any SQLDatabase

    struct IDName: Decodable, Sendable {
        var id: Int64
        var name: String
    }

    // MARK: - 链长看板

    /// The chains `userID` leads in the zone (the home page links each one's dashboard).
    func chainsLed(zoneID: Int64, userID: Int64) async throws -> [IDName] {
        try await db.select().columns("id", "name").from("invest_chains").where("zone_id", .equal, zoneID)
            .where("leader_user_id", .equal, userID).orderBy("id").all(decoding: IDName.self)
    }

    struct StageTally: Decodable, Sendable {
        var stage: String
        var n: Int
        var planned: Int64?
        var agreed: Int64?
    }

    /// The chain's projects by current stage with their planned and agreed investment (万元).
    func chainProjects(zoneID: Int64, chainID: Int64) async throws -> [StageTally] {
        try await db.select().column("stage").column(SQLRaw("COUNT(*)"), as: "n")
            .column(SQLRaw("CAST(SUM(planned_investment) AS BIGINT)"), as: "planned")
            .column(SQLRaw("CAST(SUM(agreed_investment) AS BIGINT)"), as: "agreed")
            .from("invest_projects").where("zone_id", .equal, zoneID).where("chain_id", .equal, chainID)
            .groupBy("stage").all(decoding: StageTally.self)
    }

    struct FundsMonth: Decodable, Sendable {
        var month: String
        var funds: Int64
        var foreignFunds: Int64
    }

    /// Funds in place each month on the chain's projects (万元), oldest first.
    func chainFunds(zoneID: Int64, chainID: Int64) async throws -> [FundsMonth] {
        try await db.select().column(SQLColumn("month", table: "f"))
            .column(SQLRaw("CAST(SUM(f.funds) AS BIGINT)"), as: "funds").column(
                SQLRaw("CAST(SUM(f.foreign_funds) AS BIGINT)"), as: "foreign_funds"
            )
            .from(SQLAlias(SQLIdentifier("invest_project_funds"), as: SQLIdentifier("f")))
            .join(
                SQLAlias(SQLIdentifier("invest_projects"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "p"), .equal, SQLColumn("project_id", table: "f")
            )
            .where(SQLColumn("zone_id", table: "f"), .equal, SQLBind(zoneID))
            .where(SQLColumn("chain_id", table: "p"), .equal, SQLBind(chainID))
            .groupBy(SQLColumn("month", table: "f")).orderBy(SQLColumn("month", table: "f"))
            .rows(FundsMonth.self)
    }

    /// The enterprises on the chain: those placed on its map and those its projects registered.
    func chainEnterpriseIDs(zoneID: Int64, chainID: Int64) async throws -> [Int64] {
        let onMap = try await db.select().column(SQLColumn("enterprise_id", table: "ne"))
            .from(SQLAlias(SQLIdentifier("invest_node_enterprises"), as: SQLIdentifier("ne")))
            .join(
                SQLAlias(SQLIdentifier("invest_chain_nodes"), as: SQLIdentifier("n")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "n"), .equal, SQLColumn("node_id", table: "ne")
            )
            .where(SQLColumn("zone_id", table: "n"), .equal, SQLBind(zoneID))
            .where(SQLColumn("chain_id", table: "n"), .equal, SQLBind(chainID))
            .all(decodingColumn: "enterprise_id", as: Int64.self)
        let registered = try await db.select().column("enterprise_id").from("invest_projects")
            .where("zone_id", .equal, zoneID).where("chain_id", .equal, chainID)
            .where("enterprise_id", .isNot, SQLLiteral.null)
            .all(decodingColumn: "enterprise_id", as: Int64.self)
        return Array(Set(onMap + registered)).sorted()
    }

    // MARK: - 部门工作看板

    func departmentName(zoneID: Int64, departmentID: Int64) async throws -> String? {
        try await db.select().column("name").from("departments").where("zone_id", .equal, zoneID)
            .where("id", .equal, departmentID).first(decodingColumn: "name", as: String.self)
    }

    /// The department's cases of one kind: those its detail row names it on (consultations,
    /// demands, service applications), or those with it as the current unit (events, follow-ups).
    func departmentCases(zoneID: Int64, departmentID: Int64, kind: DepartmentCaseKind) -> SQLSelectBuilder {
        var q = db.select().from(SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")))
            .where(SQLColumn("zone_id", table: "c"), .equal, SQLBind(zoneID))
            .where(SQLColumn("type_code", table: "c"), .in, SQLBind.group(kind.typeCodes))
        if let detail = kind.detailTable {
            q = q.join(
                SQLAlias(SQLIdentifier(detail), as: SQLIdentifier("d")), method: SQLJoinMethod.inner,
                on: SQLColumn("case_id", table: "d"), .equal, SQLColumn("id", table: "c")
            ).where(SQLColumn("department_id", table: "d"), .equal, SQLBind(departmentID))
        } else {
            q = q.where(SQLColumn("assignee_id", table: "c"), .equal, SQLBind(CaseIDs.department(departmentID).id))
        }
        return q
    }

    struct CaseTally: Decodable, Sendable {
        var k: String
        var n: Int
        var late: Int?
        var rated: Int?
        var good: Int?
    }

    private func tallied(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
        q.column(SQLRaw("COUNT(*)"), as: "n")
            .column(SQLRaw("SUM(CASE WHEN c.ever_overdue THEN 1 ELSE 0 END)"), as: "late")
            .column(SQLRaw("SUM(CASE WHEN c.rating_level IS NULL THEN 0 ELSE 1 END)"), as: "rated")
            .column(
                SQLRaw("SUM(CASE WHEN c.rating_level IN ('very_satisfied', 'satisfied') THEN 1 ELSE 0 END)"),
                as: "good")
    }

    /// The department's cases of a kind by state: how many, late at some step, rated, 好评.
    func departmentByState(zoneID: Int64, departmentID: Int64, kind: DepartmentCaseKind) async throws
        -> [CaseTally]
    {
        try await tallied(departmentCases(zoneID: zoneID, departmentID: departmentID, kind: kind))
            .column(SQLColumn("state", table: "c"), as: "k").groupBy(SQLColumn("state", table: "c"))
            .all(decoding: CaseTally.self)
    }

    /// The same tallies by the month received, for the `months` given as [start, end) unix seconds;
    /// `k` is the month's index. Months with nothing are absent.
    func departmentByMonth(
        zoneID: Int64, departmentID: Int64, kind: DepartmentCaseKind, months: [(from: Int64, to: Int64)]
    ) async throws -> [CaseTally] {
        guard let first = months.first, let last = months.last else { return [] }
        // Bounds are computed here, never typed by a user, so they are written into the CASE.
        let which =
            "CASE "
            + months.enumerated().map { "WHEN c.opened_at < \($0.element.to) THEN '\($0.offset)'" }.joined(
                separator: " ") + " END"
        return try await tallied(departmentCases(zoneID: zoneID, departmentID: departmentID, kind: kind))
            .column(SQLRaw(which), as: "k")
            .where(SQLColumn("opened_at", table: "c"), .greaterThanOrEqual, SQLBind(first.from))
            .where(SQLColumn("opened_at", table: "c"), .lessThan, SQLBind(last.to))
            .groupBy(SQLRaw(which)).all(decoding: CaseTally.self)
    }

    // MARK: - 企业数据看板

    func enterpriseName(zoneID: Int64, enterpriseID: Int64) async throws -> String? {
        try await db.select().column("name").from("enterprises").where("zone_id", .equal, zoneID)
            .where("id", .equal, enterpriseID).first(decodingColumn: "name", as: String.self)
    }

    struct ApplicationTally: Decodable, Sendable {
        var state: String
        var n: Int
        var requested: Double?
        var approved: Double?
    }

    /// The enterprise's applications (申报) by state with the amounts asked and approved (万元).
    func enterpriseApplications(zoneID: Int64, enterpriseID: Int64) async throws -> [ApplicationTally] {
        try await db.select().column("state").column(SQLRaw("COUNT(*)"), as: "n")
            .column(SQLRaw("SUM(requested_amount)"), as: "requested")
            .column(SQLRaw("SUM(approved_amount)"), as: "approved")
            .from("applications").where("zone_id", .equal, zoneID).where("enterprise_id", .equal, enterpriseID)
            .groupBy("state").all(decoding: ApplicationTally.self)
    }

    /// The enterprise's payouts (兑现) by the year paid, oldest first.
    func enterprisePayouts(zoneID: Int64, enterpriseID: Int64) async throws
        -> [StatisticsDashboardRepository.PayoutYear]
    {
        try await db.select()
            .column(
                SQLFunction("SUBSTR", args: SQLColumn("paid_on"), SQLLiteral.numeric("1"), SQLLiteral.numeric("4")),
                as: "y"
            )
            .column(SQLRaw("SUM(cases)"), as: "cases").column(SQLRaw("SUM(amount)"), as: "amount")
            .from("payouts").where("zone_id", .equal, zoneID).where("enterprise_id", .equal, enterpriseID)
            .groupBy("y").orderBy("y").all(decoding: StatisticsDashboardRepository.PayoutYear.self)
    }

    struct MatchRow: Decodable, Sendable {
        var title: String
        var estimatedAmount: Double?
    }

    /// The policy items matched to the enterprise (政策匹配), the largest estimate first, at most 50.
    func enterpriseMatches(zoneID: Int64, enterpriseID: Int64) async throws -> [MatchRow] {
        try await db.select().column(SQLColumn("title", table: "i"))
            .column(SQLColumn("estimated_amount", table: "m"))
            .from(SQLAlias(SQLIdentifier("policy_matches"), as: SQLIdentifier("m")))
            .join(
                SQLAlias(SQLIdentifier("policy_items"), as: SQLIdentifier("i")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "i"), .equal, SQLColumn("item_id", table: "m")
            )
            .where(SQLColumn("zone_id", table: "m"), .equal, SQLBind(zoneID))
            .where(SQLColumn("enterprise_id", table: "m"), .equal, SQLBind(enterpriseID))
            .orderBy(SQLRaw("COALESCE(m.estimated_amount, -1) DESC")).orderBy(SQLColumn("id", table: "i"))
            .limit(50).rows(MatchRow.self)
    }
}

/// The kinds of a department's own cases on its dashboard.
enum DepartmentCaseKind: String, CaseIterable, Sendable {
    case consultation, demand, serviceApplication, event, followUp

    var label: String {
        switch self {
        case .consultation: "政策咨询"
        case .demand: "企业诉求"
        case .serviceApplication: "政务服务办件"
        case .event: "网格事件（派给本部门）"
        case .followUp: "差评回访整改"
        }
    }

    var typeCodes: [String] {
        switch self {
        case .consultation: [ConsultationCaseTypes.consultation.code]
        case .demand: [HelpCaseTypes.demand.code]
        case .serviceApplication: [ServiceCaseTypes.application.code]
        case .event: EventCaseTypes.categories.map(\.caseTypeCode)
        case .followUp: ["rating_followup"]
        }
    }

    /// The table naming the department, when the case has one.
    var detailTable: String? {
        switch self {
        case .consultation: "consultations"
        case .demand: "help_demands"
        case .serviceApplication: "svc_applications"
        case .event, .followUp: nil
        }
    }
}
