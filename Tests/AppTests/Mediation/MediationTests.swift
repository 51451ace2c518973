import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 共享法庭 on the 济南 demo: a dispute goes from filing to an agreement confirmed by both parties
/// within its working-day target and prints; parties see only their own cases.
@Suite struct MediationTests {
    static func file(_ browser: inout Browser, respondentCode: String, claim: String) async throws -> TestResponse {
        try await browser.post(
            "/m/mediation/cases/new",
            form: [
                ("kind", "consumer"), ("claim", claim), ("amount", "899"), ("respondent", "被申请企业"),
                ("respondent_code", respondentCode),
            ])
    }

    static func ownEnterpriseCode(_ services: AppServices) async throws -> String {
        let user = try await UserRepository(db: services.database.sql).find(username: "enterprise@jinan")!
        let zoneID = try await PolicyFixtures.zoneID("jinan", services)
        return try await EnterpriseRepository(db: services.database.sql).list(zoneID: zoneID, limit: 500, offset: 0)
            .first { $0.id == user.enterpriseId }!.uscc
    }

    @Test func aDisputeGoesFromFilingToAConfirmedPrintedAgreementWithinItsWorkingDay() async throws {
        try await withApp { client, services in
            var resident = Browser(client)
            _ = try await resident.login("resident@jinan")
            let filed = try await Self.file(
                &resident, respondentCode: try await Self.ownEnterpriseCode(services), claim: "测试：买到的电饭煲漏电，请求退款 899 元")
            #expect(filed.status == .seeOther)
            let id = Int64(filed.location!.split(separator: "/").last!)!
            let path = "/m/mediation/cases/\(id)"

            var office = Browser(client)
            _ = try await office.login("staff@jinan")
            #expect(try await office.post("\(path)/step", form: [("transition", "accept")]).status == .seeOther)
            let badLink = try await office.post(
                "\(path)/step",
                form: [
                    ("transition", "schedule"), ("session_at", "2026-12-01T10:00"), ("session_link", "javascript:x"),
                    ("participants", "双方"),
                ])
            #expect(badLink.status == .badRequest)
            #expect(badLink.text.contains("https://"))
            #expect(
                try await office.post(
                    "\(path)/step",
                    form: [
                        ("transition", "schedule"), ("session_at", "2026-12-01T10:00"),
                        ("session_link", "https://court.example.cn/room/1"), ("participants", "双方当事人、庭务主任"),
                    ]
                ).status == .seeOther)
            #expect(
                try await office.post(
                    "\(path)/step",
                    form: [
                        ("transition", "agree"), ("agreement", "被申请人三日内退款 899 元。"), ("agreement_amount", "899"),
                        ("agreement_deadline", "2026-12-10"),
                    ]
                ).status == .seeOther)

            // Someone who is not a party sees nothing and can confirm nothing.
            var stranger = Browser(client)
            _ = try await stranger.login("enterprise@xian")
            #expect(try await stranger.get(path).status == .notFound)
            let m = try await MediationRepository(db: services.database.sql).find(
                caseID: id, zoneID: try await PolicyFixtures.zoneID("jinan", services))!
            // The office naming a party of another case is refused.
            let otherParty =
                try await MediationRepository(db: services.database.sql).parties(caseIDs: [id - 1]).first?.id ?? 999_999
            let wrong = try await office.post("\(path)/confirm", form: [("party", String(otherParty))])
            #expect(wrong.status == .seeOther)
            #expect(
                try await MediationRepository(db: services.database.sql).parties(caseIDs: [id]).allSatisfy {
                    $0.confirmedAt == nil
                })

            #expect(try await resident.post("\(path)/confirm", form: []).status == .seeOther)
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@jinan")
            #expect(try await enterprise.get(path).status == .ok)
            #expect(try await enterprise.post("\(path)/confirm", form: []).status == .seeOther)
            let done = try await MediationRepository(db: services.database.sql).find(
                caseID: id, zoneID: m.caseRow.zoneId)!
            #expect(done.caseRow.state == "settled")
            #expect(done.details.onTarget == true)
            let print = try await resident.get("\(path)/agreement")
            #expect(print.status == .ok)
            #expect(print.text.contains("人民调解协议书") && print.text.contains("被申请人三日内退款 899 元"))
            #expect(print.text.contains("已在 1 个工作日目标内办结"))
        }
    }

    @Test func partiesListOnlyTheirOwnCasesAndBadFilingsSaveNothing() async throws {
        try await withApp { client, services in
            var resident = Browser(client)
            _ = try await resident.login("resident@jinan")
            let list = try await resident.get("/m/mediation/cases")
            #expect(list.status == .ok)
            #expect(!list.text.contains("张师傅"))  // the labour case is not theirs
            let zoneID = try await PolicyFixtures.zoneID("jinan", services)
            // Every field wrong but the claim: the claim is how we look for a half-saved case.
            let claim = "不该保存的调解申请（坏输入测试）"
            let bad = try await resident.post(
                "/m/mediation/cases/new",
                form: [
                    ("kind", "other"), ("claim", claim), ("amount", "-5"), ("respondent", ""),
                    ("respondent_code", "123"),
                ])
            #expect(bad.status == .badRequest)
            for message in ["纠纷类型", "请求金额", "被申请人：请填写", "应为 18 位"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            let saved = try await MediationRepository(db: services.database.sql).page(
                zoneID: zoneID, partyUserID: nil, partyEnterpriseID: nil, try Pager(page: 1, size: 100)
            ).rows.filter { $0.details.claim == claim }
            #expect(saved.isEmpty)
            let empty = try await resident.post("/m/mediation/cases/new", form: [("kind", "consumer"), ("claim", "")])
            #expect(empty.text.contains("请求事项：请填写"))
            // The office sees the referred case and the target count.
            var office = Browser(client)
            _ = try await office.login("staff@jinan")
            let docket = try await office.get("/m/mediation/cases")
            #expect(docket.text.contains("调解不成，引导诉讼"))
            #expect(docket.text.contains("1 个工作日目标内办结"))
            #expect(try await office.get("/m/mediation/letters").text.contains("司法建议"))
            // A grid worker hands a dispute over (an event number that is no grid event is refused).
            var grid = Browser(client)
            _ = try await grid.login("grid@jinan")
            let unknownEvent = try await grid.post(
                "/m/mediation/cases/new",
                form: [
                    ("kind", "consumer"), ("claim", "邻里装修噪音引发的赔偿纠纷"), ("applicant", "李大爷"), ("respondent", "装修公司"),
                    ("event", "999999999"),
                ])
            #expect(unknownEvent.status == .badRequest)
            #expect(unknownEvent.text.contains("本区没有这个事件编号"))
            let handed = try await grid.post(
                "/m/mediation/cases/new",
                form: [("kind", "consumer"), ("claim", "邻里装修噪音引发的赔偿纠纷"), ("applicant", "李大爷"), ("respondent", "装修公司")])
            #expect(handed.status == .seeOther)
            #expect(handed.location == "/m/mediation/cases/new")
            #expect(try await grid.get("/m/mediation/cases").status == .forbidden)
            // A 调解矛盾纠纷 event's page offers mediation, and the case keeps the link to the event.
            let dispute = try await services.database.sql.select().column("case_id").from("events")
                .where("zone_id", .equal, zoneID).where("category_code", .equal, "dispute").orderBy("case_id")
                .first(decodingColumn: "case_id", as: Int64.self)
            if let dispute {
                var admin = Browser(client)
                _ = try await admin.login("admin@jinan")
                let eventPage = try await admin.get("/m/governance/events/\(dispute)")
                #expect(eventPage.text.contains("转入共享法庭在线调解"))
                let linked = try await admin.post(
                    "/m/mediation/cases/new",
                    form: [
                        ("kind", "consumer"), ("claim", "网格事件转入的纠纷"), ("applicant", "王大姐"), ("respondent", "物业公司"),
                        ("event", String(dispute)),
                    ])
                #expect(linked.status == .seeOther)
                let id = Int64(linked.location!.split(separator: "/").last!)!
                let m = try await MediationRepository(db: services.database.sql).find(caseID: id, zoneID: zoneID)!
                #expect(m.details.eventCaseId == dispute)
            }
        }
    }
}
