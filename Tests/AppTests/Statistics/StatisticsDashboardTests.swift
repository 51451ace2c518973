import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
import ZIPFoundation

@testable import App

/// 管委会总览: the seed figures' trend as line charts, the funnel, payouts, consultations and events,
/// each with its table, saying what is computed; the CSV per table and the `.xlsx` workbook of all.
@Suite struct StatisticsDashboardTests {
    @Test func theDashboardDrawsEachSectionWithItsTableAndSource() async throws {
        try await withApp { client, _ in
            var admin = Browser(client)
            _ = try await admin.login("admin@zhaoqing")
            let page = try await admin.get("/m/statistics/dashboard")
            #expect(page.status == .ok)
            for title in ["招商项目漏斗", "惠企政策兑现", "服务效率：政策咨询", "基层治理：网格事件", "技术合同成交额", "系统计算的指标"] {
                #expect(page.text.contains(title), "\(title)")
            }
            #expect(page.text.contains("系统计算（来自招商项目库）") && page.text.contains("data-table=\"funnel\""))
            // 肇庆's 57 projects in talks: the funnel's first rows count them all.
            #expect(page.text.contains("累计达到") && page.text.contains("在谈"))
            #expect(page.text.contains("<polyline") || page.text.contains("<rect"))
            // Without JavaScript and printable: no script, figures in tables with captions.
            #expect(!page.text.contains("<script") && page.text.contains("<caption>"))
            var firm = Browser(client)
            _ = try await firm.login("enterprise@zhaoqing")
            #expect(try await firm.get("/m/statistics/dashboard").status == .forbidden)
        }
    }

    @Test func anIndicatorWithSeveralYearsIsALineWithItsGrowth() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@jingdezhen")
            _ = try await admin.post(
                "/m/statistics/indicators", form: [("code", "dash_line"), ("name", "走势测试指标"), ("unit", "亿元")])
            let zone = try await InvestmentFlowTests.zoneID("jingdezhen", services)
            let indicator = try #require(
                try await StatisticsRepository(db: services.database.sql).indicators(zoneID: zone).first {
                    $0.code == "dash_line"
                })
            for (period, value) in [("2023", "100"), ("2024", "110"), ("2025", "99")] {
                let ok = try await admin.post(
                    "/m/statistics/indicators/\(indicator.id)",
                    form: [("period", period), ("value", value), ("growth", ""), ("target", ""), ("source", "")])
                #expect(ok.status == .seeOther)
            }
            let page = try await admin.get("/m/statistics/dashboard")
            #expect(page.text.contains("走势测试指标走势") && page.text.contains("<polyline"))
            #expect(page.text.contains("增长 10.00%") && page.text.contains("下降 10.00%"))
            let csv = try await admin.get("/m/statistics/dashboard.csv?table=indicator_dash_line")
            #expect(csv.status == .ok)
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.text.contains("2024年,110,10,增长 10.00%"))
            #expect(try await admin.get("/m/statistics/dashboard.csv?table=nope").status == .notFound)
        }
    }

    @Test func theWorkbookHoldsEveryTableWithNumbersAsNumbers() async throws {
        try await withApp { client, _ in
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let response = try await admin.get("/m/statistics/dashboard.xlsx")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.contains("spreadsheetml") == true)
            let data = Data(response.body.readableBytesView)
            let archive = try Archive(data: data, accessMode: .read)
            let names = Set(archive.map(\.path))
            #expect(
                names.isSuperset(of: [
                    "[Content_Types].xml", "xl/workbook.xml", "_rels/.rels", "xl/worksheets/sheet1.xml",
                ]))
            func read(_ path: String) throws -> String {
                var out = Data()
                _ = try archive.extract(archive[path]!) { out.append($0) }
                return String(decoding: out, as: UTF8.self)
            }
            let workbook = try read("xl/workbook.xml")
            #expect(workbook.contains("技术合同登记（按登记年度）"))
            // 沈阳's register: 2025 holds five demo contracts; the count is a number cell.
            let sheets = try (1...names.filter { $0.hasPrefix("xl/worksheets/") }.count).map {
                try read("xl/worksheets/sheet\($0).xml")
            }
            #expect(sheets.contains { $0.contains("<t>2025</t>") && $0.contains("<v>5</v>") })
        }
    }
}
