import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The application workflow through the pages: apply with materials, return once with everything
/// missing, re-submit, approve within the cap, pay, and the totals move; every refusal saves nothing.
@Suite struct ApplicationFlowTests {
    @Test func applyReturnResubmitApprovePayMovesTheTotals() async throws {
        try await withApp { client, services in
            let item = try await ApplicationFixtures.item(services)
            let policy = try #require(
                try await PolicyRepository(db: services.database.sql).policy(id: item.policyId, zoneID: item.zoneId))
            #expect(
                try await ApplicationFixtures.staffDepartment(services) == policy.departmentId,
                "staff@foshan works in the issuing department")
            let own = try await PolicyFixtures.enterpriseID(of: "enterprise@foshan", services)
            #expect(
                try await ApplicationRepository(db: services.database.sql).payouts(zoneID: item.zoneId, itemID: item.id)
                    .isEmpty)

            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            let form = try await enterprise.get("/m/policies/items/\(item.id)/apply")
            #expect(form.status == .ok)
            #expect(form.text.contains("营业执照复印件（必需）"))
            #expect(form.text.contains("enctype=\"multipart/form-data\""))
            let itemPage = try await enterprise.get("/m/policies/items/\(item.id)")
            #expect(itemPage.text.contains("/m/policies/items/\(item.id)/apply"), "the item page offers 申报")

            let pdf = Data("%PDF-1.4 申请表".utf8)
            let submitted = try await ApplicationFixtures.multipart(
                &enterprise, "/m/policies/items/\(item.id)/apply/upload",
                fields: [("requested_amount", "15"), ("note", "首次申报")],
                files: [("m0", "申请表.pdf", pdf), ("m1", "执照-旧.pdf", Data("%PDF-old".utf8))])
            #expect(submitted.status == .seeOther)
            let application = try #require(try await ApplicationFixtures.applications(item: item.id, services).first)
            #expect(submitted.location == "/m/policies/applications/\(application.id)")
            #expect(application.applicationState == .submitted)
            #expect(application.requestedAmount == 15)
            #expect(try await ApplicationFixtures.materialCount(item: item.id, services) == 2)
            let mine = try await enterprise.get("/m/policies/applications")
            #expect(mine.text.contains(item.title) && mine.text.contains("已提交"))

            // Staff return it once, listing everything missing.
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            let review = try await staff.get("/m/policies/applications/\(application.id)")
            #expect(review.status == .ok)
            #expect(review.text.contains("申请表.pdf"))
            let queue = try await staff.get("/m/policies/applications?state=submitted")
            #expect(queue.text.contains("/m/policies/applications/\(application.id)"))
            let returned = try await staff.post(
                "/m/policies/applications/\(application.id)/review",
                form: [("decision", "return"), ("missing", "营业执照复印件"), ("missing", "其他证明材料"), ("note", "执照已过期")])
            #expect(returned.status == .seeOther)
            var row = try #require(try await ApplicationFixtures.applications(item: item.id, services).first)
            #expect(row.applicationState == .returned)
            #expect(row.missing == ["营业执照复印件", "其他证明材料"])
            let notices = try await PolicyRepository(db: services.database.sql).notices(enterpriseID: own)
            #expect(notices.contains { $0.policyItemId == item.id && $0.message.contains("一次性补交：营业执照复印件、其他证明材料") })

            // The enterprise sees the one-time list and re-submits; leaving one out is refused.
            let shown = try await enterprise.get("/m/policies/applications/\(application.id)")
            #expect(shown.text.contains("一次性告知") && shown.text.contains("执照已过期"))
            let partial = try await ApplicationFixtures.multipart(
                &enterprise, "/m/policies/applications/\(application.id)/upload",
                fields: [], files: [("m0", "执照.pdf", Data("%PDF-new".utf8))])
            #expect(partial.status == .badRequest)
            #expect(partial.text.contains("缺少需补正的材料“其他证明材料”"))
            #expect(try await ApplicationFixtures.materialCount(item: item.id, services) == 2)
            let resubmitted = try await ApplicationFixtures.multipart(
                &enterprise, "/m/policies/applications/\(application.id)/upload",
                fields: [], files: [("m0", "执照.pdf", Data("%PDF-new".utf8)), ("m1", "证明.pdf", Data("%PDF-proof".utf8))])
            #expect(resubmitted.status == .seeOther)
            row = try #require(try await ApplicationFixtures.applications(item: item.id, services).first)
            #expect(row.applicationState == .submitted)
            #expect(try await ApplicationFixtures.materialCount(item: item.id, services) == 4)

            // A second return is refused (一次性告知); approval is held to the cap.
            let again = try await staff.post(
                "/m/policies/applications/\(application.id)/review", form: [("decision", "return"), ("missing", "申请表")])
            #expect(again.status == .badRequest)
            #expect(again.text.contains("不能再次退回"))
            let over = try await staff.post(
                "/m/policies/applications/\(application.id)/review",
                form: [("decision", "approve"), ("approved_amount", "25")])
            #expect(over.status == .badRequest)
            #expect(over.text.contains("超过本条款上限 20 万元"))
            #expect(
                try await ApplicationFixtures.applications(item: item.id, services).first?.applicationState
                    == .submitted)
            let approved = try await staff.post(
                "/m/policies/applications/\(application.id)/review",
                form: [("decision", "approve"), ("approved_amount", "18")])
            #expect(approved.status == .seeOther)

            // The payout: not more than approved, then recorded and counted.
            let today = Clock.today.description
            let tooMuch = try await staff.post(
                "/m/policies/applications/\(application.id)/payout",
                form: [("amount", "19"), ("paid_on", today), ("voucher_no", "T-1")])
            #expect(tooMuch.status == .badRequest)
            #expect(tooMuch.text.contains("超过核定金额 18 万元"))
            let paid = try await staff.post(
                "/m/policies/applications/\(application.id)/payout",
                form: [("amount", "18"), ("paid_on", today), ("voucher_no", "T-1")])
            #expect(paid.status == .seeOther)
            row = try #require(try await ApplicationFixtures.applications(item: item.id, services).first)
            #expect(row.applicationState == .paid)
            #expect(row.approvedAmount == 18)
            let payouts = try await ApplicationRepository(db: services.database.sql).payouts(
                zoneID: item.zoneId, itemID: item.id)
            #expect(payouts.map(\.amount) == [18])
            #expect(
                payouts.first?.voucherNo == "T-1" && payouts.first?.paidOn == today
                    && payouts.first?.enterpriseId == own)
            // The enterprise's own totals include it (other tests pay this enterprise too, so no exact sum here).
            let totals = try await PayoutTotals.load(
                db: services.database, zoneID: item.zoneId, enterpriseID: own)
            #expect(totals.amount >= 18)
            #expect(totals.byPolicy.contains { $0.key == policy.title })
            let page = try await enterprise.get("/m/policies/payouts")
            #expect(page.status == .ok)
            #expect(page.text.contains(policy.title))
            #expect(page.text.contains("本企业获得的政策兑现"))
            #expect(try await staff.get("/m/policies/items/\(item.id)").text.contains("已兑现 1 件、金额 18 万元"))
            #expect(
                !(try await enterprise.get("/m/policies/items/\(item.id)").text.contains("已兑现 1 件")),
                "only staff see the item's payouts")

            // Every step is in the audit log.
            let actions = try await services.database.sql.select().column("action").from("audit_log").where(
                "entity", .equal, "application"
            )
            .where("entity_id", .equal, String(application.id)).orderBy("id").all(
                decodingColumn: "action", as: String.self)
            #expect(Set(actions) == ["submit", "return", "resubmit", "approve", "pay"])

            // The materials download for the applicant and staff only.
            let materials = try await ApplicationRepository(db: services.database.sql).materials(
                applicationID: application.id)
            let first = try #require(materials.first { $0.fileName == "申请表.pdf" })
            let download = try await enterprise.get("/m/policies/applications/\(application.id)/materials/\(first.id)")
            #expect(download.status == .ok)
            #expect(download.text == "%PDF-1.4 申请表")
            #expect(download.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(
                try await staff.get("/m/policies/applications/\(application.id)/materials/\(first.id)").status == .ok)
            var invest = Browser(client)
            _ = try await invest.login("invest@foshan")
            #expect(
                try await invest.get("/m/policies/applications/\(application.id)/materials/\(first.id)").status
                    == .forbidden)
            var foreign = Browser(client)
            _ = try await foreign.login("enterprise@xiangtan")
            #expect(
                try await foreign.get("/m/policies/applications/\(application.id)/materials/\(first.id)").status
                    == .notFound)
        }
    }

    @Test func refusalsNameTheReasonAndSaveNothing() async throws {
        try await withApp { client, services in
            let open = try await ApplicationFixtures.item(services)
            let closed = try await ApplicationFixtures.item(services, window: (-60, -1))
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            let files: [(String, String, Data)] = [
                ("m0", "a.pdf", Data("%PDF-a".utf8)), ("m1", "b.pdf", Data("%PDF-b".utf8)),
            ]

            let outside = try await ApplicationFixtures.multipart(
                &browser, "/m/policies/items/\(closed.id)/apply/upload",
                fields: [("requested_amount", "10")], files: files)
            #expect(outside.status == .badRequest)
            #expect(outside.text.contains("不在申报期内"))
            #expect(try await browser.get("/m/policies/items/\(closed.id)/apply").text.contains("不在申报期内"))

            let missing = try await ApplicationFixtures.multipart(
                &browser, "/m/policies/items/\(open.id)/apply/upload",
                fields: [("requested_amount", "10")], files: [files[0]])
            #expect(missing.status == .badRequest)
            #expect(missing.text.contains("缺少必需材料“营业执照复印件”"))

            let over = try await ApplicationFixtures.multipart(
                &browser, "/m/policies/items/\(open.id)/apply/upload",
                fields: [("requested_amount", "25")], files: files)
            #expect(over.status == .badRequest)
            #expect(over.text.contains("申请金额 25 万元超过本条款上限 20 万元"))

            let zero = try await ApplicationFixtures.multipart(
                &browser, "/m/policies/items/\(open.id)/apply/upload",
                fields: [("requested_amount", "abc")], files: files)
            #expect(zero.text.contains("申请金额必须是数字"))

            for item in [open, closed] {
                #expect(try await ApplicationFixtures.applications(item: item.id, services).isEmpty)
                #expect(try await ApplicationFixtures.materialCount(item: item.id, services) == 0)
            }
            // A valid one goes through; a second one for the same item is refused.
            #expect(
                try await ApplicationFixtures.multipart(
                    &browser, "/m/policies/items/\(open.id)/apply/upload",
                    fields: [("requested_amount", "20")], files: files
                ).status == .seeOther)
            let twice = try await ApplicationFixtures.multipart(
                &browser, "/m/policies/items/\(open.id)/apply/upload",
                fields: [("requested_amount", "20")], files: files)
            #expect(twice.status == .badRequest)
            #expect(twice.text.contains("不能重复申报"))
            #expect(try await ApplicationFixtures.applications(item: open.id, services).count == 1)
        }
    }

    @Test func aFileOverTenMegabytesIsRefusedByName() async throws {
        try await withApp { client, services in
            let item = try await ApplicationFixtures.item(services)
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            let big = Data(repeating: 0x25, count: 10 * 1024 * 1024 + 1)
            let response = try await ApplicationFixtures.multipart(
                &browser, "/m/policies/items/\(item.id)/apply/upload",
                fields: [("requested_amount", "10")],
                files: [("m0", "a.pdf", big), ("m1", "b.pdf", Data("%PDF-b".utf8))])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("材料“申请表”的文件超过 10 MB"))
            #expect(try await ApplicationFixtures.applications(item: item.id, services).isEmpty)
        }
    }

    @Test func othersApplicationsAreHiddenAndRolesAreChecked() async throws {
        try await withApp { client, services in
            let own = try await PolicyFixtures.enterpriseID(of: "enterprise@foshan", services)
            let zoneID = try await PolicyFixtures.zoneID("foshan", services)
            let all = try await ApplicationRepository(db: services.database.sql).applications(zoneID: zoneID)
            let others = try #require(all.first { $0.enterpriseId != own })
            let mine = try #require(all.first { $0.enterpriseId == own })

            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            #expect(try await enterprise.get("/m/policies/applications/\(others.id)").status == .notFound)
            #expect(try await enterprise.get("/m/policies/applications/\(mine.id)").status == .ok)
            #expect(
                !(try await enterprise.get("/m/policies/applications").text.contains(
                    "/m/policies/applications/\(others.id)\"")))
            // An enterprise can't review its own application.
            #expect(
                try await enterprise.post(
                    "/m/policies/applications/\(mine.id)/review",
                    form: [("decision", "approve"), ("approved_amount", "1")]
                ).status == .forbidden)
            for login in ["invest@foshan", "grid@foshan", "resident@foshan"] {
                var browser = Browser(client)
                _ = try await browser.login(login)
                #expect(try await browser.get("/m/policies/applications/\(others.id)").status == .forbidden, "\(login)")
                #expect(try await browser.get("/m/policies/applications").status == .forbidden, "\(login)")
            }
            var otherZone = Browser(client)
            _ = try await otherZone.login("admin@xiangtan")
            #expect(try await otherZone.get("/m/policies/applications/\(others.id)").status == .notFound)
            // Staff can't apply.
            let item = try await ApplicationFixtures.item(services)
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            #expect(try await staff.get("/m/policies/items/\(item.id)/apply").status == .forbidden)
        }
    }

    @Test func autoGrantConfirmationCreatesPayoutsWithoutApplications() async throws {
        try await withApp { client, services in
            let item = try await ApplicationFixtures.item(services, autoGrant: true)
            // Matched as saving the item would: the fixed 20万元 for each eligible enterprise.
            try await services.database.transaction { db in
                _ = try await PolicyMatching(db: db).run(zoneID: item.zoneId, trigger: "测试", actor: nil)
            }
            let other = try #require(
                try await PolicyRepository(db: services.database.sql).matches(itemID: item.id).first?.enterpriseId)
            var invest = Browser(client)
            _ = try await invest.login("invest@foshan")
            #expect(try await invest.get("/m/policies/items/\(item.id)/auto-grant").status == .forbidden)

            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            let page = try await staff.get("/m/policies/items/\(item.id)/auto-grant")
            #expect(page.status == .ok)
            #expect(page.text.contains("20 万元"))
            let noDate = try await staff.post(
                "/m/policies/items/\(item.id)/auto-grant",
                form: [("enterprise", String(other)), ("voucher_prefix", "MS")])
            #expect(noDate.status == .badRequest)
            #expect(noDate.text.contains("请填写兑现日期"))
            let today = Clock.today.description
            let confirmed = try await staff.post(
                "/m/policies/items/\(item.id)/auto-grant",
                form: [("enterprise", String(other)), ("paid_on", today), ("voucher_prefix", "MS")])
            #expect(confirmed.status == .seeOther)
            let payouts = try await ApplicationRepository(db: services.database.sql).payouts(
                zoneID: item.zoneId, itemID: item.id)
            #expect(payouts.count == 1)
            #expect(payouts.first?.applicationId == nil)
            #expect(payouts.first?.amount == 20)
            #expect(payouts.first?.enterpriseId == other)
            let twice = try await staff.post(
                "/m/policies/items/\(item.id)/auto-grant",
                form: [("enterprise", String(other)), ("paid_on", today), ("voucher_prefix", "MS")])
            #expect(twice.status == .badRequest)
            #expect(twice.text.contains("已兑现过"))
            #expect(
                try await ApplicationRepository(db: services.database.sql).payouts(zoneID: item.zoneId, itemID: item.id)
                    .count == 1)
            // An enterprise can't apply for a 免申即享 item.
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            #expect(try await enterprise.get("/m/policies/items/\(item.id)/apply").text.contains("免申即享"))
        }
    }

    @Test func demoHasEveryStateAndXiangtansSeedTotals() async throws {
        try await withApp { client, services in
            for zone in ["foshan", "xiangtan"] {
                let zoneID = try await PolicyFixtures.zoneID(zone, services)
                let states = Set(
                    try await ApplicationRepository(db: services.database.sql).applications(zoneID: zoneID).map(
                        \.applicationState))
                #expect(states == Set(ApplicationState.allCases), "\(zone)")
            }
            let xiangtan = try await PolicyFixtures.zoneID("xiangtan", services)
            let totals = try await PayoutTotals.load(db: services.database, zoneID: xiangtan, enterpriseID: nil)
            #expect(totals.sentence == "兑现 1790 件、金额 2632.4 万元")
            #expect(totals.byDepartment.count == 2)
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            let page = try await admin.get("/m/policies/payouts")
            #expect(page.status == .ok)
            #expect(page.text.contains("兑现 1790 件、金额 2632.4 万元"))
            let foshan = try await PolicyFixtures.zoneID("foshan", services)
            let ip = try await PolicyFixtures.item("发明专利授权资助", zone: "foshan", services)
            #expect(
                try await ApplicationRepository(db: services.database.sql).payouts(zoneID: foshan, itemID: ip.id).count
                    >= 3)
        }
    }
}
