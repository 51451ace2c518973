import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

@Suite struct EnterpriseEditTests {
    @Test func enterpriseReportsItsFiguresAndImpossibleOnesAreRefused() async throws {
        try await withApp { client, services in
            let (own, other, _) = try await PermissionTests.enterpriseIDs(services)
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            #expect(try await browser.get("/m/enterprises/\(own)/facts?year=2025").status == .ok)
            #expect(try await browser.get("/m/enterprises/\(other)/facts").status == .notFound)

            let bad = try await browser.post(
                "/m/enterprises/\(own)/facts",
                form: [
                    ("year", "2020"), ("staff", "50"), ("techStaff", "80"), ("debtRatio", "130"), ("revenue", "abc"),
                ])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("科技人员数（80）不能大于职工总数（50）"))
            #expect(bad.text.contains("资产负债率不能超过 100%"))
            #expect(bad.text.contains("营业收入：不是数字"))
            #expect(
                try await EnterpriseRepository(db: services.database.sql).facts(enterpriseID: own).first {
                    $0.year == 2020
                } == nil)  // nothing written

            let good = try await browser.post(
                "/m/enterprises/\(own)/facts",
                form: [
                    ("year", "2020"), ("revenue", "3,000"), ("staff", "50"), ("techStaff", "12"), ("debtRatio", "40.5"),
                ])
            #expect(good.status == .seeOther)
            let saved = try #require(
                try await EnterpriseRepository(db: services.database.sql).facts(enterpriseID: own).first {
                    $0.year == 2020
                })
            #expect(saved.revenue == 3000)
            #expect(saved.debtRatio == 0.405)
            let page = try await browser.get("/m/enterprises/\(own)")
            #expect(page.text.contains("2020年"))
            #expect(page.text.contains("40.5%"))
        }
    }

    @Test func onlyStaffRecordCertifications() async throws {
        try await withApp { client, services in
            let (own, _, _) = try await PermissionTests.enterpriseIDs(services)
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            #expect(try await enterprise.get("/m/enterprises/\(own)/certifications").status == .forbidden)

            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            let bad = try await staff.post(
                "/m/enterprises/\(own)/certifications", form: [("kind", ""), ("certified_on", "2099-01-01")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("资质：请选择"))
            #expect(bad.text.contains("认定日期：不能晚于今天"))
            let good = try await staff.post(
                "/m/enterprises/\(own)/certifications", form: [("kind", "gazelle"), ("certified_on", "2024-02-29")])
            #expect(good.status == .seeOther)
            let twice = try await staff.post(
                "/m/enterprises/\(own)/certifications", form: [("kind", "gazelle"), ("certified_on", "2024-02-29")])
            #expect(twice.text.contains("已经登记过"))
            let rows = try await EnterpriseRepository(db: services.database.sql).certifications(enterpriseID: own)
                .filter { $0.kind == "gazelle" && $0.certifiedOn == "2024-02-29" }
            #expect(rows.count == 1)
            // 瞪羚 lasts a year by default: a leap-day certification ends the day before 2025-02-28.
            #expect(rows.first?.certification?.effectiveExpiry == Day("2025-02-27"))
        }
    }
}
