import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The public catalogue: 一件事 found by life event without logging in, every national guide field,
/// the one set of materials with blank forms and samples, 免证办 marks, the 一卡读懂 card, the
/// terminal view, and other zones' visitors kept out.
@Suite struct ServiceCatalogueTests {
    @Test func aVisitorFindsABundleByLifeEventAndReadsTheWholeGuide() async throws {
        try await withApp { client, services in
            var visitor = Browser(client)
            let list = try await visitor.get("/m/services?zone=xiangtan&event=birth&audience=person")
            #expect(list.status == .ok)
            #expect(list.text.contains("出生一件事") && !list.text.contains("企业开办一件事"))
            let firms = try await visitor.get("/m/services?zone=xiangtan&audience=enterprise&online=1")
            #expect(firms.text.contains("企业开办一件事") && !firms.text.contains("出生一件事"))
            let birth = try await ServiceFixtures.bundle("出生一件事", services)
            let page = try await visitor.get("/m/services/bundles/\(birth.id)")
            #expect(page.status == .ok)
            for label in GuideField.allCases.map(\.label) + ["法定办结时限", "承诺办结时限", "是否网办"] {
                #expect(page.text.contains(label), "指南缺少 \(label)")
            }
            #expect(page.text.contains("空白表格") && page.text.contains("示例样表") && page.text.contains("免提交"))
            let materials = try await ServiceFixtures.materials(birth, services)
            let form = try #require(materials.first { $0.blankName != nil })
            let blank = try await visitor.get("/m/services/materials/\(form.id)/blank")
            #expect(blank.status == .ok)
            #expect(blank.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(blank.text.hasPrefix("%PDF-"))
            #expect(try await visitor.get("/m/services/materials/\(form.id)/other").status == .notFound)
            let card = try await visitor.get("/m/services/bundles/\(birth.id)/guide")
            #expect(card.status == .ok && card.text.contains("一卡读懂") && card.text.contains("需要准备的材料"))
        }
    }

    @Test func theTerminalViewIsLargeTilesOfTheSameCatalogue() async throws {
        try await withApp { client, _ in
            var visitor = Browser(client)
            let start = try await visitor.get("/m/services/terminal?zone=xiangtan")
            #expect(start.status == .seeOther)
            let page = try await visitor.get(try #require(start.location))
            #expect(page.status == .ok)
            #expect(page.text.contains("class=\"terminal\"") && page.text.contains("class=\"tile\""))
            #expect(page.text.contains("出生落户") && page.text.contains("企业开办"))
            let events = try await visitor.get("/m/services?zone=xiangtan&event=opening&audience=enterprise&terminal=1")
            #expect(events.text.contains("企业开办一件事") && events.text.contains("terminal=1"))
        }
    }

    @Test func badFiltersAreRefusedAndOtherZonesAreHidden() async throws {
        try await withApp { client, services in
            var visitor = Browser(client)
            #expect(try await visitor.get("/m/services?zone=xiangtan&department=abc").status == .badRequest)
            #expect(try await visitor.get("/m/services?zone=xiangtan&page=0").status == .badRequest)
            let birth = try await ServiceFixtures.bundle("出生一件事", services)
            var other = Browser(client)
            _ = try await other.login("resident@foshan")
            #expect(try await other.get("/m/services/bundles/\(birth.id)").status == .notFound)
            #expect(try await other.get("/m/services/bundles/\(birth.id)/apply").status == .notFound)
            // An investment officer has no 政务服务 pages.
            var officer = Browser(client)
            _ = try await officer.login("invest@xiangtan")
            #expect(try await officer.get("/m/services").status == .forbidden)
        }
    }

    @Test func theZoneAdminSetsLimitsAndAPromiseLongerThanTheLawIsRefused() async throws {
        try await withApp { client, services in
            let retirement = try await ServiceFixtures.bundle("退休一件事", services)
            let repo = ServiceRepository(db: services.database.sql)
            let item = try #require(try await repo.items(bundleID: retirement.id).first)
            let path = "/m/services/items/\(item.id)/limits"
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            let long = try await admin.post(path, form: [("legal_days", "20"), ("promised_days", "30")])
            #expect(long.status == .badRequest && long.text.contains("不能长于法定办结时限（20 个工作日）"))
            let junk = try await admin.post(path, form: [("legal_days", "9999999999999"), ("promised_days", "-1")])
            #expect(junk.status == .badRequest && junk.text.contains("0 到 365"))
            #expect(try await repo.item(id: item.id)?.promisedDays == item.promisedDays)
            #expect(
                try await admin.post(path, form: [("legal_days", "20"), ("promised_days", "8")]).status == .seeOther)
            #expect(try await repo.item(id: item.id)?.promisedDays == 8)
            #expect(try await repo.bundle(id: retirement.id)?.promisedDays == 8)
            var staff = Browser(client)
            _ = try await staff.login("service@xiangtan")
            #expect(
                try await staff.post(path, form: [("legal_days", "20"), ("promised_days", "1")]).status == .forbidden)
            var other = Browser(client)
            _ = try await other.login("admin@foshan")
            #expect(
                try await other.post(path, form: [("legal_days", "20"), ("promised_days", "1")]).status == .notFound)
        }
    }

    @Test func theZoneAdminSetsTheZonesFollowUpLimits() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@baoji")
            let path = "/m/services/follow-up-limits"
            let zero = try await admin.post(path, form: [("callback_days", "0"), ("fix_days", "15")])
            #expect(zero.status == .badRequest && zero.text.contains("回访时限：请填写 1 到 10"))
            let short = try await admin.post(path, form: [("callback_days", "3"), ("fix_days", "2")])
            #expect(short.status == .badRequest && short.text.contains("不能短于回访时限"))
            #expect(try await admin.post(path, form: [("callback_days", "2"), ("fix_days", "10")]).status == .seeOther)
            let zone = try #require(try await ZoneRepository(db: services.database.sql).zone(code: "baoji")).id
            let limits = try await ServiceApplicationRepository(db: services.database.sql).followUpLimits(zoneID: zone)
            #expect(limits?.callback == 2 && limits?.fix == 10)
            #expect(try await admin.get("/m/services/appeals").text.contains("2 个工作日内回访核实"))
            var staff = Browser(client)
            _ = try await staff.login("staff@baoji")
            #expect(try await staff.post(path, form: [("callback_days", "1"), ("fix_days", "5")]).status == .forbidden)
        }
    }
}
