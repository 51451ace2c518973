import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 技术合同登记: staff register contracts (checked whole, a number registered once), the yearly
/// totals are the computed 技术合同成交额, the register exports; enterprises see none of it.
@Suite struct TechContractTests {
    static func form(_ no: String, amount: String = "500", income: String = "450", on: String = "2025-08-01")
        -> [(String, String)]
    {
        [
            ("contract_no", no), ("title", "储能电池管理系统联合开发"), ("seller", "宝鸡某研究院"), ("buyer", "宝鸡某装备企业"),
            ("kind", "技术开发"), ("amount", amount), ("tech_income", income), ("registered_on", on),
        ]
    }

    @Test func aContractIsRegisteredAndCountsInTheYearsTotal() async throws {
        try await withApp { client, services in
            var staff = Browser(client)
            _ = try await staff.login("staff@baoji")
            let zone = try await InvestmentFlowTests.zoneID("baoji", services)
            let repo = StatisticsContractRepository(db: services.database.sql)
            let before = try await repo.byYear(zoneID: zone).first { $0.y == "2025" }
            let made = try await staff.post("/m/statistics/contracts", form: Self.form("BJ-TEST-001"))
            #expect(made.status == .seeOther)
            let after = try #require(try await repo.byYear(zoneID: zone).first { $0.y == "2025" })
            #expect(after.n == (before?.n ?? 0) + 1)
            #expect(abs(after.amount - (before?.amount ?? 0) - 500) < 1e-9)
            let page = try await staff.get("/m/statistics/contracts")
            #expect(page.text.contains("BJ-TEST-001") && page.text.contains("技术合同登记（按登记年度）"))
            // The statistics page lists it among the computed figures.
            #expect(try await staff.get("/m/statistics").text.contains("技术合同成交额（登记）"))
            let csv = try await staff.get("/m/statistics/contracts.csv")
            #expect(csv.status == .ok && csv.text.contains("BJ-TEST-001,储能电池管理系统联合开发"))
            // The same number again, an income over the amount, a future date, an unknown type: refused, nothing saved.
            var bad = Self.form("BJ-TEST-001", amount: "100", income: "200", on: "2099-01-01")
            bad[4] = ("kind", "技术入股")
            let refused = try await staff.post("/m/statistics/contracts", form: bad)
            #expect(refused.status == .badRequest)
            for message in ["已登记", "0 到成交额之间", "不能晚于今天", "合同类型"] {
                #expect(refused.text.contains(message), "\(message)")
            }
            let zero = try await staff.post("/m/statistics/contracts", form: Self.form("BJ-TEST-002", amount: "0"))
            #expect(zero.status == .badRequest)
            #expect(try await repo.byYear(zoneID: zone).first { $0.y == "2025" }?.n == after.n)
            var firm = Browser(client)
            _ = try await firm.login("enterprise@baoji")
            #expect(try await firm.get("/m/statistics/contracts").status == .forbidden)
            #expect(try await firm.post("/m/statistics/contracts", form: Self.form("BJ-X")).status == .forbidden)
        }
    }

    @Test func shenyangsDemoRegisterComputesTheTotal() async throws {
        try await withApp { client, _ in
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let page = try await admin.get("/m/statistics/contracts")
            #expect(page.text.contains("中国科学院沈阳自动化研究所"))
            // 2025: 1200 + 860 + 2300 + 180 + 95 = 4635 万元 = 0.4635 亿元.
            #expect(page.text.contains("0.46"))
        }
    }
}
