import Foundation
import GaoxinCore
import SQLKit

@testable import App

/// Look-ups into the demo's policy ledgers, which every policy test reads (and writes only in
/// zones or rows of its own, since the tests share one database and run in parallel).
enum PolicyFixtures {
    static func zoneID(_ code: String, _ services: AppServices) async throws -> Int64 {
        try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first { $0.code == code }!.id
    }

    static func policy(_ title: String, _ services: AppServices) async throws -> PolicyRow {
        try await services.database.sql.select().column("*").from("policies").where("title", .equal, title)
            .row(PolicyRow.self)!
    }

    static func item(_ title: String, zone: String, _ services: AppServices) async throws -> PolicyItemRow {
        let zoneID = try await zoneID(zone, services)
        return try await services.database.sql.select().column("*").from("policy_items").where("title", .equal, title)
            .where("zone_id", .equal, zoneID).row(PolicyItemRow.self)!
    }

    static func count(_ table: String, _ services: AppServices, where column: String? = nil, _ value: Int64 = 0)
        async throws -> Int
    {
        var q = services.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if let column { q = q.where(column, .equal, value) }
        return try await q.first(decodingColumn: "n", as: Int.self) ?? 0
    }

    static func enterpriseID(of username: String, _ services: AppServices) async throws -> Int64 {
        try await services.database.sql.select().column("enterprise_id").from("users").where(
            "username", .equal, username
        )
        .first(decodingColumn: "enterprise_id", as: Int64.self)!
    }

    static let foshanHighTech = "佛山高新区高新技术企业培育扶持办法"
    static let foshanExpired = "佛山高新区支持企业复工复产十条措施"
    static let foshanDraft = "佛山高新区一区五园统一招商政策"
    static let foshanIP = "佛山高新区知识产权资助奖励办法"

    /// The fields of a complete, valid item form; tests override what they check.
    static func itemForm(title: String, _ overrides: [(String, String)] = []) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("action", "save"), ("title", title), ("code", "第九条"), ("benefit_kind", "formula"),
            ("formula_field", "rdExpense"),
            ("formula_percent", "10"), ("benefit_cap", "200"), ("budget", "500"), ("window_from", ""),
            ("window_to", ""),
            ("content", "按研发费用的 10% 给予补助。"), ("audience", "本园区企业"), ("period", "长期"), ("conditions", "研发投入达到标准"),
            ("m_rows", "2"), ("m0_name", "申请表"), ("m0_required", "1"), ("m1_name", ""),
            ("rule_mode", "builder"), ("groups", "1"), ("joiner", "all"), ("g0_joiner", "all"), ("g0_rows", "3"),
            ("g0_f0", "rdRatio"), ("g0_o0", ">="), ("g0_v0", "4"),
            ("g0_f1", "staff"), ("g0_o1", "<="), ("g0_v1", "500"),
            ("g0_f2", ""), ("g0_o2", ""), ("g0_v2", ""),
        ]
        for (key, value) in overrides {
            if let i = fields.firstIndex(where: { $0.0 == key }) {
                fields[i].1 = value
            } else {
                fields.append((key, value))
            }
        }
        return fields
    }
}
