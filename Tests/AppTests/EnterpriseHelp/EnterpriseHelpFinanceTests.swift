import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 现场办公会, 上市培育 and 知识产权质押融资 on the 沈阳 demo.
@Suite struct EnterpriseHelpFinanceTests {
    @Test func aPledgeWithANegativeAmountOrDatesOutOfOrderIsRefusedAndAGoodOneMovesTheTotal() async throws {
        try await withApp { client, services in
            let zoneID = try await PolicyFixtures.zoneID("shenyang", services)
            let repo = EnterpriseHelpFinanceRepository(db: services.database.sql)
            let enterprise = try await EnterpriseHelpRepository(db: services.database.sql).enterpriseNames(
                zoneID: zoneID
            )
            .keys.sorted().last!
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let page = try await admin.get("/m/enterprise-help/pledges")
            #expect(page.status == .ok)
            #expect(page.text.contains("合计 4150 万元") || page.text.contains("万元"))
            let before = try await PolicyFixtures.count("help_pledges", services, where: "enterprise_id", enterprise)
            func post(amount: String, start: String, end: String) async throws -> TestResponse {
                try await admin.post(
                    "/m/enterprise-help/pledges",
                    form: [
                        ("enterprise", String(enterprise)), ("collateral", "发明专利 1 件"), ("bank", "测试银行"),
                        ("amount", amount), ("rate", "3.85"), ("term", "12"), ("start_on", start), ("end_on", end),
                    ])
            }
            let negative = try await post(amount: "-100", start: "2026-01-10", end: "2027-01-10")
            #expect(negative.status == .badRequest)
            #expect(negative.text.contains("融资金额：须大于 0 万元"))
            let backwards = try await post(amount: "100", start: "2026-05-10", end: "2026-01-10")
            #expect(backwards.status == .badRequest)
            #expect(backwards.text.contains("到期日：须晚于放款日"))
            let huge = try await post(amount: "99999999999999999999", start: "2026-01-10", end: "2027-01-10")
            #expect(huge.status == .badRequest)
            #expect(
                try await PolicyFixtures.count("help_pledges", services, where: "enterprise_id", enterprise) == before)
            let total = try await repo.pledgeTotal(zoneID: zoneID).amount
            let good = try await post(amount: "250", start: "2026-01-10", end: "2027-01-10")
            #expect(good.status == .seeOther)
            #expect(try await repo.pledgeTotal(zoneID: zoneID).amount >= total + 250)
            var staff = Browser(client)
            _ = try await staff.login("staff@shenyang")
            #expect(try await staff.get("/m/enterprise-help/pledges").status == .ok)
            #expect(
                try await staff.post("/m/enterprise-help/pledges", form: [("amount", "1")]).status == .forbidden)
        }
    }

    @Test func aMeetingProblemIsADemandWithAnOwnerAndTheListingPipelineMoves() async throws {
        try await withApp { client, services in
            let zoneID = try await PolicyFixtures.zoneID("shenyang", services)
            let finance = EnterpriseHelpFinanceRepository(db: services.database.sql)
            let meeting = try await finance.meetings(zoneID: zoneID).first!
            #expect(meeting.notice != nil)
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let page = try await admin.get("/m/enterprise-help/meetings/\(meeting.id)")
            #expect(page.text.contains("问题清单") && page.text.contains("结果通报"))
            let staff = try await UserRepository(db: services.database.sql).find(username: "staff@shenyang")!
            let enterprise = try await EnterpriseHelpRepository(db: services.database.sql).enterpriseNames(
                zoneID: zoneID
            )
            .keys.sorted().first!
            let added = try await admin.post(
                "/m/enterprise-help/meetings/\(meeting.id)/problems",
                form: [
                    ("enterprise", String(enterprise)), ("category", "policy"), ("demand_text", "测试：政策兑现进度需要通报"),
                    ("department", String(staff.departmentId!)),
                ])
            #expect(added.status == .seeOther)
            let ids = try await finance.problems(meetingID: meeting.id)
            let d = try await EnterpriseHelpDemandRepository(db: services.database.sql).find(
                caseID: ids.max()!, zoneID: zoneID)!
            #expect(d.caseRow.state == "handling" && d.details.departmentId == staff.departmentId)
            #expect(d.details.channel == "meeting")

            let listing = try await finance.listings(zoneID: zoneID)
            #expect(listing.count >= 2)
            let candidate = listing.first { $0.stage == ListingStage.restructuring.rawValue }!
            let moved = try await admin.post(
                "/m/enterprise-help/listing/\(candidate.id)/events",
                form: [("kind", "定期研判"), ("held_on", Clock.today.description), ("notes", "辅导备案材料齐备"), ("advance", "1")])
            #expect(moved.status == .seeOther)
            #expect(
                try await finance.listing(id: candidate.id, zoneID: zoneID)?.stage == ListingStage.tutoring.rawValue)
            var foreign = Browser(client)
            _ = try await foreign.login("admin@jinan")
            #expect(try await foreign.get("/m/enterprise-help/meetings/\(meeting.id)").status == .notFound)
        }
    }
}
