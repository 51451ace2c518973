import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// 统计监测: the seeds' figures with their published growth, entering a figure (refused whole when
/// wrong), the export, and who may see and change what.
@Suite struct StatisticsPageTests {
    @Test func theDashboardShowsTheSeedFiguresWithTheirPublishedGrowth() async throws {
        try await withApp { client, _ in
            var admin = Browser(client)
            _ = try await admin.login("admin@foshan")
            let page = try await admin.get("/m/statistics")
            #expect(page.status == .ok)
            #expect(page.text.contains("工业总产值") && page.text.contains("4191.83"))
            #expect(page.text.contains("增长 2.99%") && page.text.contains("公布数"))
            #expect(page.text.contains("<svg") && page.text.contains("各指标最新一期同比增速"))
            #expect(page.text.contains("高新技术企业（有效期内，年末）"))
            let csv = try await admin.get("/m/statistics/figures.csv")
            #expect(csv.status == .ok)
            #expect(csv.text.contains("industrial_output") && csv.text.contains("2020,4191.83,2.99"))
            // Other roles: the enterprise user has no statistics; investment officers read only.
            var firm = Browser(client)
            _ = try await firm.login("enterprise@foshan")
            #expect(try await firm.get("/m/statistics").status == .forbidden)
        }
    }

    @Test func aFigureIsEnteredCheckedAndCorrected() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let made = try await admin.post(
                "/m/statistics/indicators", form: [("code", "patents_test"), ("name", "发明专利授权"), ("unit", "件")])
            #expect(made.status == .seeOther)
            let zone = try await InvestmentFlowTests.zoneID("shenyang", services)
            let indicator = try #require(
                try await StatisticsRepository(db: services.database.sql).indicators(zoneID: zone).first {
                    $0.code == "patents_test"
                })
            let path = "/m/statistics/indicators/\(indicator.id)"
            // A future period, a number with an exponent and a zero target: all named, nothing saved.
            let bad = try await admin.post(
                path, form: [("period", "2099"), ("value", "1e5"), ("growth", ""), ("target", "0"), ("source", "")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("还没有开始") && bad.text.contains("数值：请填写数字") && bad.text.contains("目标："))
            #expect(
                try await StatisticsRepository(db: services.database.sql).figures(
                    indicatorID: indicator.id, zoneID: zone
                ).isEmpty)
            for (period, value) in [("2024", "700"), ("2025", "740"), ("2025", "770")] {
                let ok = try await admin.post(
                    path,
                    form: [("period", period), ("value", value), ("growth", ""), ("target", "800"), ("source", "")])
                #expect(ok.status == .seeOther)
            }
            let shown = try await admin.get(path)
            // 2025 corrected to 770: 10% over 700; 770 of 800 is 96.25%.
            #expect(shown.text.contains("增长 10.00%") && shown.text.contains("96.25%"))
            #expect(
                try await StatisticsRepository(db: services.database.sql).figures(
                    indicatorID: indicator.id, zoneID: zone
                ).count == 2)
            var other = Browser(client)
            _ = try await other.login("admin@foshan")
            #expect(try await other.get(path).status == .notFound)
        }
    }
}
