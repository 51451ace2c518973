import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 评价: the zone admin loads a table and units, computes a period from the units' values, and the
/// results rank and grade the units with what pulled each up or down; bad files and fields are
/// refused whole; other roles read only; other zones see nothing.
@Suite struct EvaluationTests {
    static let table = """
        维度编号,维度名称,维度权重,指标编号,指标名称,单位,指标权重,方向
        innovation,创新能力和创业活跃度,20,rd,研发投入强度,%,100,正向
        structure,结构优化和产业价值链,20,hightech,高企占比,%,100,正向
        green,绿色发展和宜居包容性,15,energy,单位能耗,吨/万元,100,逆向
        open,开放创新和国际竞争力,15,export,出口占比,%,100,正向
        quality,综合质效和持续创新力,30,revenue,人均营收,万元,100,正向
        """
    static let units = "单位编号,单位名称\na,甲综合体\nb,乙综合体\nc,丙综合体\nd,丁综合体\ne,戊综合体\n"

    static func values(_ rows: [(String, [Double])]) -> String {
        let codes = ["rd", "hightech", "energy", "export", "revenue"]
        return "单位编号,指标编号,数值\n"
            + rows.flatMap { u, vs in zip(codes, vs).map { "\(u),\($0),\(StatisticsCSV.number($1))" } }
            .joined(separator: "\n")
    }

    static func create(_ admin: inout Browser, name: String, table: String = table, units: String = units)
        async throws -> TestResponse
    {
        try await ApplicationFixtures.multipart(
            &admin, "/m/statistics/evaluations", fields: [("name", name)],
            files: [("table", "table.csv", Data(table.utf8)), ("units", "units.csv", Data(units.utf8))])
    }

    @Test func anEvaluationRanksAndGradesUnitsAndExplainsThem() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@xian")
            let made = try await Self.create(&admin, name: "综合体评价测试")
            #expect(made.status == .seeOther)
            let path = try #require(made.location)
            let scheme = try await admin.get(path)
            #expect(scheme.text.contains("研发投入强度") && scheme.text.contains("戊综合体"))
            let values = Self.values([
                ("a", [5, 40, 0.2, 30, 300]), ("b", [4, 35, 0.3, 25, 250]), ("c", [3, 30, 0.4, 20, 200]),
                ("d", [2, 25, 0.5, 15, 150]), ("e", [1, 20, 0.6, 10, 100]),
            ])
            let computed = try await ApplicationFixtures.multipart(
                &admin, path,
                fields: [
                    ("period", "2025"), ("normalisation", "minmax"), ("rule", "share"), ("excellent", "20"),
                    ("good", "40"),
                ],
                files: [("values", "values.csv", Data(values.utf8))])
            #expect(computed.status == .seeOther)
            let runPath = try #require(computed.location)
            let run = try await admin.get(runPath)
            #expect(run.status == .ok)
            // a is best on every indicator: 100 points, 优; e is last: 0, 差; b and c are 良.
            #expect(run.text.contains("甲综合体") && run.text.contains("100.00"))
            let rows = run.text.components(separatedBy: "<tr>").filter { $0.contains("综合体</th>") }
            #expect(rows.count == 5)
            #expect(rows.first?.contains("甲综合体") == true && rows.first?.contains("<strong>优</strong>") == true)
            #expect(rows[1].contains("<strong>良</strong>") && rows[2].contains("<strong>良</strong>"))
            #expect(rows.last?.contains("戊综合体") == true && rows.last?.contains("<strong>差</strong>") == true)
            #expect(rows.first?.contains("人均营收（+") == true)
            #expect(rows.last?.contains("人均营收（−") == true)
            let csv = try await admin.get(runPath + "/csv")
            #expect(csv.status == .ok && csv.text.contains("甲综合体,1,100.00,优"))
            // Recomputing the period replaces it: still one run for 2025.
            let again = try await ApplicationFixtures.multipart(
                &admin, path,
                fields: [
                    ("period", "2025"), ("normalisation", "percentile"), ("rule", "cutoff"), ("excellent", "85"),
                    ("good", "60"),
                ],
                files: [("values", "values.csv", Data(values.utf8))])
            #expect(again.status == .seeOther)
            let current = try #require(again.location)
            let zone = try await InvestmentFlowTests.zoneID("xian", services)
            let repo = StatisticsEvaluationRepository(db: services.database.sql)
            let schemeRow = try #require(try await repo.schemes(zoneID: zone).first { $0.name == "综合体评价测试" })
            #expect(try await repo.runs(schemeID: schemeRow.id, zoneID: zone).count == 1)
            // Staff read, but do not compute; another zone's admin sees nothing.
            var staff = Browser(client)
            _ = try await staff.login("staff@xian")
            #expect(try await staff.get(current).status == .ok)
            #expect(try await staff.get(runPath).status == .notFound)  // the replaced run is gone
            #expect(
                try await ApplicationFixtures.multipart(
                    &staff, path, fields: [("period", "2025")], files: []
                ).status == .forbidden)
            var other = Browser(client)
            _ = try await other.login("admin@baoji")
            #expect(try await other.get(path).status == .notFound)
            #expect(try await other.get(current).status == .notFound)
        }
    }

    @Test func badTablesValuesAndFieldsAreRefusedWithNothingSaved() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@xian")
            let zone = try await InvestmentFlowTests.zoneID("xian", services)
            let repo = StatisticsEvaluationRepository(db: services.database.sql)
            let badWeights = Self.table.replacingOccurrences(of: "quality,综合质效和持续创新力,30", with: "quality,综合质效和持续创新力,25")
            let refused = try await Self.create(&admin, name: "权重不对", table: badWeights)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("各维度权重之和为 95%，应为 100%"))
            let badUnits = try await Self.create(&admin, name: "单位重复", units: "单位编号,单位名称\na,甲\na,乙\n")
            #expect(badUnits.status == .badRequest && badUnits.text.contains("“a”重复"))
            #expect(try await repo.schemes(zoneID: zone).allSatisfy { $0.name != "权重不对" && $0.name != "单位重复" })

            let made = try await Self.create(&admin, name: "拒绝测试方案")
            let path = try #require(made.location)
            let wrong = "单位编号,指标编号,数值\nzz,rd,1\na,gdp,2\na,rd,abc\n"
            let future = String(Clock.today.year + 1)
            let bad = try await ApplicationFixtures.multipart(
                &admin, path,
                fields: [
                    ("period", future), ("normalisation", "minmax"), ("rule", "cutoff"), ("excellent", "60"),
                    ("good", "70"),
                ],
                files: [("values", "values.csv", Data(wrong.utf8))])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("还没有开始"))
            #expect(bad.text.contains("本方案没有单位“zz”") && bad.text.contains("本方案没有指标“gdp”"))
            #expect(bad.text.contains("请填写数字") && bad.text.contains("“优”的分数线应高于“良”"))
            let schemeRow = try #require(try await repo.schemes(zoneID: zone).first { $0.name == "拒绝测试方案" })
            #expect(try await repo.runs(schemeID: schemeRow.id, zoneID: zone).isEmpty)
        }
    }

    @Test func theDemoGradesFoshansParks() async throws {
        try await withApp { client, _ in
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            let list = try await staff.get("/m/statistics/evaluations")
            #expect(list.text.contains("园区综合评价（国家高新区评价体系）"))
            #expect(list.text.contains("创新能力和创业活跃度 20%") && list.text.contains("综合质效和持续创新力 30%"))
            #expect(!list.text.contains("新建评价方案"))
        }
    }
}
