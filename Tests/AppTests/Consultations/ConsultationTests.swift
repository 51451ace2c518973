import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 政策咨询 as people use it: ask on an item, the department answers within 2 working days
/// (次日起算), late ones are marked and escalated, the asker rates once, a 差评 goes back to the
/// department, and answers can be published as Q&A on the item page.
@Suite struct ConsultationTests {
    func withdraw(_ browser: inout Browser, _ id: Int64) async throws -> TestResponse {
        try await browser.post("/m/policies/consultations/\(id)/withdraw", form: [])
    }

    @Test func theDeadlineIsTwoWorkingDaysAfterReceiptAcrossSpringFestivalAndLateStaysLate() async throws {
        try await withApp { client, services in
            let item = try await ConsultationFixtures.item(zone: "baoji", services)
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@baoji")
            // Friday 13 February 2026, 15:00: day 1 is the 调休 Saturday 14th, day 2 is the 24th after 春节.
            let id = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-02-13", 15)) {
                try await ConsultationFixtures.ask(&enterprise, itemID: item.id)
            }
            var row = try await ConsultationFixtures.caseRow(id, services)
            #expect(row.deadlineDay == "2026-02-24")
            #expect(!row.deadlineUncertain)

            var staff = Browser(client)
            _ = try await staff.login("staff@baoji")
            let onTime = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-02-24", 23, 59)) {
                try await staff.get("/m/policies/consultations")
            }
            #expect(onTime.status == .ok)
            #expect(onTime.text.contains(CaseRow.number(id)))
            #expect(onTime.text.contains("2026-02-24下班前"))
            #expect(try await ConsultationFixtures.caseRow(id, services).overdue == false)

            // One minute into the 25th the list's sweep marks it and escalates it to the zone admin.
            _ = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-02-25", 0, 1)) {
                try await staff.get("/m/policies/consultations")
            }
            row = try await ConsultationFixtures.caseRow(id, services)
            #expect(row.overdue && row.everOverdue)
            #expect(row.escalatedTo == Role.zoneAdmin.rawValue)
            var admin = Browser(client)
            _ = try await admin.login("admin@baoji")
            let late = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-02-25", 9)) {
                try await admin.get("/m/policies/consultations/late")
            }
            #expect(late.text.contains(CaseRow.number(id)))
            #expect(late.text.contains("已升级督办"))

            // Answered late: closed, and still shown as late with its history.
            let answered = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-02-26", 10)) {
                try await staff.post("/m/policies/consultations/\(id)/answer", form: [("answer", "复印件加盖公章即可，原件备查。")])
            }
            #expect(answered.status == .seeOther)
            row = try await ConsultationFixtures.caseRow(id, services)
            #expect(row.state == "answered" && row.closedAt != nil && row.deadlineDay == nil)
            #expect(row.everOverdue && row.escalatedTo == Role.zoneAdmin.rawValue)
            let page = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-02-26", 11)) {
                try await enterprise.get("/m/policies/consultations/\(id)")
            }
            #expect(page.text.contains("超时"))
            #expect(page.text.contains("升级至管委会管理员督办"))
            #expect(page.text.contains("复印件加盖公章即可"))
            let history = try await services.database.sql.select().column("kind").from("case_history").where(
                "case_id", .equal, id
            )
            .orderBy("seq").all(decodingColumn: "kind", as: String.self)
            #expect(history == ["opened", "overdue", "escalated", "transition"])
        }
    }

    @Test func wrongRolesCannotAnswerAndOtherAskersSeeNothing() async throws {
        try await withApp { client, services in
            let item = try await ConsultationFixtures.item(zone: "jinan", services)
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@jinan")
            let id = try await ConsultationFixtures.ask(&enterprise, itemID: item.id)
            // The asker may not answer their own question.
            let own = try await enterprise.post("/m/policies/consultations/\(id)/answer", form: [("answer", "自问自答")])
            #expect(own.status == .forbidden)
            // Another asker, another zone and roles outside the case see nothing.
            for login in ["resident@jinan", "invest@jinan", "staff@xian", "enterprise@xian"] {
                var other = Browser(client)
                _ = try await other.login(login)
                #expect(try await other.get("/m/policies/consultations/\(id)").status == .notFound, "\(login)")
            }
            // Staff of another department may read but not answer.
            let zoneID = try await PolicyFixtures.zoneID("jinan", services)
            let staff = try await UserRepository(db: services.database.sql).find(username: "staff@jinan")!
            let otherDepartment = try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID))
                .first { $0.id != staff.departmentId }!
            let hash = try await services.hasher.hash(DemoLoader.password)
            let now = Clock.nowSeconds()
            _ = try await services.database.transaction { db in
                try await UserRepository(db: db).insert(
                    UserRow(
                        id: 0, zoneId: zoneID, username: "staff2@jinan-consult", displayName: "其他部门",
                        role: Role.departmentStaff.rawValue, passwordHash: hash, departmentId: otherDepartment.id,
                        isActive: true, createdAt: now, passwordChangedAt: now))
            }
            var stranger = Browser(client)
            _ = try await stranger.login("staff2@jinan-consult")
            #expect(try await stranger.get("/m/policies/consultations/\(id)").status == .ok)
            #expect(
                try await stranger.post("/m/policies/consultations/\(id)/answer", form: [("answer", "越权答复")]).status
                    == .forbidden)
            #expect(try await ConsultationFixtures.caseRow(id, services).state == "submitted")
            // The asker may withdraw an unanswered question; then nobody can answer it.
            let second = try await ConsultationFixtures.ask(&enterprise, itemID: item.id, "撤回前的问题：申报需要几份材料？")
            #expect(try await withdraw(&enterprise, second).status == .seeOther)
            #expect(try await ConsultationFixtures.caseRow(second, services).state == "withdrawn")
            var answerer = Browser(client)
            _ = try await answerer.login("staff@jinan")
            let late = try await answerer.post(
                "/m/policies/consultations/\(second)/answer", form: [("answer", "撤回后答复")])
            #expect(late.status == .badRequest)
            #expect(late.text.contains("案件已办结（已撤回）"))
            // Staff can't ask.
            var own2 = Browser(client)
            _ = try await own2.login("staff@jinan")
            #expect(
                try await own2.post("/m/policies/items/\(item.id)/ask", form: [("question", "工作人员提问试试")]).status
                    == .forbidden)
        }
    }

    @Test func theAskerRatesOnceAndABadRatingOpensAFollowUpForTheDepartment() async throws {
        try await withApp { client, services in
            let item = try await ConsultationFixtures.item(zone: "jingdezhen", services)
            var enterprise = Browser(client)
            var staff = Browser(client)
            _ = try await enterprise.login("enterprise@jingdezhen")
            _ = try await staff.login("staff@jingdezhen")
            let id = try await ConsultationFixtures.ask(&enterprise, itemID: item.id)
            // Not rateable before the answer.
            let early = try await enterprise.post(
                "/m/policies/consultations/\(id)/rate", form: [("level", "satisfied")])
            #expect(early.status == .badRequest)
            #expect(early.text.contains("尚未办结"))
            // A blank answer is refused, naming the field.
            let blank = try await staff.post("/m/policies/consultations/\(id)/answer", form: [("answer", "  ")])
            #expect(blank.status == .badRequest)
            #expect(blank.text.contains("答复内容：请填写"))
            #expect(
                try await staff.post("/m/policies/consultations/\(id)/answer", form: [("answer", "请见第三条。")]).status
                    == .seeOther)
            // 不满意 needs a reason; nothing is saved without one.
            let noReason = try await enterprise.post(
                "/m/policies/consultations/\(id)/rate", form: [("level", "dissatisfied")])
            #expect(noReason.status == .badRequest)
            #expect(noReason.text.contains("评价意见：选择不满意时请写明原因"))
            #expect(try await ConsultationFixtures.caseRow(id, services).ratingLevel == nil)
            let badLevel = try await enterprise.post("/m/policies/consultations/\(id)/rate", form: [("level", "great")])
            #expect(badLevel.text.contains("评价等级：请在非常满意"))
            // Only the asker rates.
            #expect(
                try await staff.post("/m/policies/consultations/\(id)/rate", form: [("level", "satisfied")]).status
                    == .forbidden)
            let rated = try await enterprise.post(
                "/m/policies/consultations/\(id)/rate", form: [("level", "dissatisfied"), ("comment", "答复太简单")])
            #expect(rated.status == .seeOther)
            #expect(try await ConsultationFixtures.caseRow(id, services).ratingLevel == "dissatisfied")
            let followUps = try await CaseRepository(db: services.database.sql).children(of: [id])
            #expect(followUps.count == 1)
            let staffRow = try await UserRepository(db: services.database.sql).find(username: "staff@jingdezhen")!
            #expect(followUps.first?.typeCode == "rating_followup")
            #expect(followUps.first?.assigneeId == "department:\(staffRow.departmentId!)")
            #expect(followUps.first?.deadlineDay != nil)
            // Once only.
            let again = try await enterprise.post(
                "/m/policies/consultations/\(id)/rate", form: [("level", "very_satisfied")])
            #expect(again.status == .badRequest)
            #expect(again.text.contains("每件只能评价一次"))
            #expect(try await CaseRepository(db: services.database.sql).children(of: [id]).count == 1)
            let page = try await staff.get("/m/policies/consultations/\(id)")
            #expect(page.text.contains("差评回访整改"))
            #expect(page.text.contains("回访核实"))
            let followUp = try #require(followUps.first)
            let inbox = try await staff.get("/m/policies/consultations")
            #expect(inbox.text.contains(CaseRow.number(followUp.id, prefix: "HF")))
            // The department works the follow-up: a note is required, the asker can't act on it.
            let stepPath = "/m/policies/consultations/\(id)/follow-ups/\(followUp.id)"
            #expect(
                try await enterprise.post(stepPath, form: [("transition", "call_back"), ("note", "自己回访")]).status
                    == .forbidden)
            let noNote = try await staff.post(stepPath, form: [("transition", "call_back"), ("note", "")])
            #expect(noNote.status == .seeOther)
            #expect(try await ConsultationFixtures.caseRow(followUp.id, services).state == "callback")
            #expect(
                try await staff.post(stepPath, form: [("transition", "call_back"), ("note", "已电话回访，企业希望补充适用情形说明")])
                    .status == .seeOther)
            #expect(try await ConsultationFixtures.caseRow(followUp.id, services).state == "fixing")
            #expect(
                try await staff.post(stepPath, form: [("transition", "finish"), ("note", "已在政策问答中补充说明")]).status
                    == .seeOther)
            let done = try await ConsultationFixtures.caseRow(followUp.id, services)
            #expect(done.state == "done" && done.closedAt != nil)
            #expect(try await staff.get("/m/policies/consultations").text.contains("件未办结") == false)
            let audits = try await services.database.sql.select().column("action").from("audit_log").where(
                "entity", .equal, "case"
            )
            .where("entity_id", .equal, String(id)).orderBy("id").all(decodingColumn: "action", as: String.self)
            #expect(audits == ["open:consultation", "answer", "rate:dissatisfied"])
        }
    }

    /// The follow-up step goes through the shared case path, which asks `FollowUps.mayAct`: staff of
    /// the consultation's department may answer it, but not step a follow-up handed to another unit.
    @Test func aFollowUpStepBySomeoneWhoMayNotActIsRefused() async throws {
        try await withApp { client, services in
            let item = try await ConsultationFixtures.item(zone: "zhaoqing", services)
            var resident = Browser(client)
            var staff = Browser(client)
            _ = try await resident.login("resident@zhaoqing")
            _ = try await staff.login("staff@zhaoqing")
            let id = try await ConsultationFixtures.ask(&resident, itemID: item.id, "回访测试：补贴按季度还是按年度拨付？")
            _ = try await staff.post("/m/policies/consultations/\(id)/answer", form: [("answer", "按年度拨付。")])
            let rated = try await resident.post(
                "/m/policies/consultations/\(id)/rate", form: [("level", "very_dissatisfied"), ("comment", "没说清楚时间")])
            #expect(rated.status == .seeOther)
            let followUp = try #require(try await CaseRepository(db: services.database.sql).children(of: [id]).first)
            // The zone hands the follow-up to another department.
            let zoneID = try await PolicyFixtures.zoneID("zhaoqing", services)
            let staffRow = try await UserRepository(db: services.database.sql).find(username: "staff@zhaoqing")!
            let otherDepartment = try #require(
                try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID))
                    .first { $0.id != staffRow.departmentId })
            try await services.database.transaction { db in
                try await db.update("cases").set("assignee_id", to: "department:\(otherDepartment.id)")
                    .where("id", .equal, followUp.id).run()
            }
            let stepPath = "/m/policies/consultations/\(id)/follow-ups/\(followUp.id)"
            let form: [(String, String)] = [("transition", "call_back"), ("note", "已电话回访")]
            // The consultation's own department may still update the consultation, not this follow-up.
            #expect(
                Permissions.decide(
                    try await UserRepository(db: services.database.sql).signedIn(username: "staff@zhaoqing"), .update,
                    .consultation(
                        zoneID: zoneID, departmentID: staffRow.departmentId!, askerUserID: followUp.requesterUserId))
                    == .allow)
            #expect(try await staff.post(stepPath, form: form).status == .forbidden)
            #expect(try await resident.post(stepPath, form: form).status == .forbidden)
            #expect(try await ConsultationFixtures.caseRow(followUp.id, services).state == "callback")
            // Its page shows the follow-up without steps.
            #expect(!(try await staff.get("/m/policies/consultations/\(id)").text.contains("回访核实")))
            // The department it was handed to acts on it.
            let hash = try await services.hasher.hash(DemoLoader.password)
            let now = Clock.nowSeconds()
            _ = try await services.database.transaction { db in
                try await UserRepository(db: db).insert(
                    UserRow(
                        id: 0, zoneId: zoneID, username: "staff2@zhaoqing-followup", displayName: "接手部门",
                        role: Role.departmentStaff.rawValue, passwordHash: hash, departmentId: otherDepartment.id,
                        isActive: true, createdAt: now, passwordChangedAt: now))
            }
            var handler = Browser(client)
            _ = try await handler.login("staff2@zhaoqing-followup")
            #expect(try await handler.post(stepPath, form: form).status == .seeOther)
            #expect(try await ConsultationFixtures.caseRow(followUp.id, services).state == "fixing")
        }
    }

    @Test func aPublishedAnswerAppearsOnTheItemPageAndTheQAList() async throws {
        try await withApp { client, services in
            let item = try await ConsultationFixtures.item(zone: "zhaoqing", services)
            var resident = Browser(client)
            var staff = Browser(client)
            var visitor = Browser(client)
            _ = try await resident.login("resident@zhaoqing")
            _ = try await staff.login("staff@zhaoqing")
            let question = "个体工商户能否参照本条款申请？"
            let id = try await ConsultationFixtures.ask(&resident, itemID: item.id, question)
            // Unanswered questions can't be published.
            _ = try await staff.post("/m/policies/consultations/\(id)/publish", form: [("published", "1")])
            #expect(try await visitor.get("/m/policies/items/\(item.id)").text.contains(question) == false)
            _ = try await staff.post(
                "/m/policies/consultations/\(id)/answer", form: [("answer", "本条款限于企业法人，个体工商户不适用。")])
            #expect(
                try await resident.post("/m/policies/consultations/\(id)/publish", form: [("published", "1")]).status
                    == .forbidden)
            #expect(
                try await staff.post("/m/policies/consultations/\(id)/publish", form: [("published", "1")]).status
                    == .seeOther)
            let page = try await visitor.get("/m/policies/items/\(item.id)")
            #expect(page.text.contains("政策问答"))
            #expect(page.text.contains(question))
            #expect(page.text.contains("个体工商户不适用"))
            #expect(try await visitor.get("/m/policies/qa?zone=zhaoqing").text.contains(question))
            #expect(try await visitor.get("/m/policies/qa?zone=jinan").text.contains(question) == false)
            _ = try await staff.post("/m/policies/consultations/\(id)/publish", form: [("published", "0")])
            #expect(try await visitor.get("/m/policies/items/\(item.id)").text.contains(question) == false)
        }
    }

    @Test func thePublicAskWithNameAndMobileAndErrorsSaveNothing() async throws {
        try await withApp { client, services in
            let item = try await ConsultationFixtures.item(zone: "yongchuan", services)
            var visitor = Browser(client)
            let itemPage = try await visitor.get("/m/policies/items/\(item.id)")
            #expect(itemPage.text.contains("咨询此政策"))
            #expect(try await visitor.get("/m/policies/items/\(item.id)/ask").status == .ok)
            let before = try await ConsultationFixtures.consultationCount(itemID: item.id, services)
            let bad = try await visitor.post(
                "/m/policies/items/\(item.id)/ask", form: [("name", ""), ("mobile", "12345"), ("question", "问")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("姓名：请填写"))
            #expect(bad.text.contains("手机号"))
            #expect(bad.text.contains("咨询问题：请至少写 5 个字"))
            #expect(bad.text.contains("尚未保存任何内容"))
            #expect(try await ConsultationFixtures.consultationCount(itemID: item.id, services) == before)
            let good = try await visitor.post(
                "/m/policies/items/\(item.id)/ask",
                form: [("name", "李女士"), ("mobile", "+86 139-0000-1234"), ("question", "申报需要提供近三年的审计报告吗？")])
            #expect(good.status == .ok)
            #expect(good.text.contains("咨询已提交"))
            #expect(good.text.contains("ZX-"))
            #expect(try await ConsultationFixtures.consultationCount(itemID: item.id, services) == before + 1)
            let stored = try await services.database.sql.select().column("*").from("consultations").where(
                "policy_item_id", .equal, item.id
            )
            .orderBy("case_id", .descending).row(ConsultationRow.self)
            #expect(stored?.askerMobile == "13900001234")
            #expect(stored?.askerName == "李女士")
            // Staff see the masked number in the inbox's case page.
            var staff = Browser(client)
            _ = try await staff.login("staff@yongchuan")
            let page = try await staff.get("/m/policies/consultations/\(stored!.caseId)")
            #expect(page.text.contains("139****1234"))
        }
    }

    @Test func aPublicAskerLooksUpTheAnswerByNumberAndMobile() async throws {
        try await withApp { client, services in
            let item = try await ConsultationFixtures.item(zone: "xian", services)
            var visitor = Browser(client)
            let question = "研发费用加计扣除的台账需要单独报送吗？"
            let asked = try await visitor.post(
                "/m/policies/items/\(item.id)/ask",
                form: [("name", "赵先生"), ("mobile", "13700001111"), ("question", question)])
            #expect(asked.text.contains("咨询进度查询"))
            let stored = try #require(
                try await services.database.sql.select().column("*").from("consultations").where(
                    "policy_item_id", .equal, item.id
                )
                .orderBy("case_id", .descending).row(ConsultationRow.self))
            let number = CaseRow.number(stored.caseId)
            #expect(try await visitor.get("/m/policies/consultation-lookup").status == .ok)
            // The wrong mobile finds nothing, and says so the same way as a wrong number.
            var other = Browser(client)
            let wrong = try await other.post(
                "/m/policies/consultation-lookup", form: [("number", number), ("mobile", "13700002222")])
            #expect(wrong.status == .notFound)
            #expect(wrong.text.contains("没有找到与该编号和手机号对应的咨询"))
            #expect(!wrong.text.contains(question))
            let bad = try await other.post(
                "/m/policies/consultation-lookup", form: [("number", "咨询"), ("mobile", "12")])
            #expect(bad.status == .badRequest && bad.text.contains("咨询编号：") && bad.text.contains("手机号："))
            let pending = try await visitor.post(
                "/m/policies/consultation-lookup", form: [("number", number), ("mobile", "137 0000 1111")])
            #expect(pending.status == .ok)
            #expect(pending.text.contains(question) && pending.text.contains("尚未答复"))
            var staff = Browser(client)
            _ = try await staff.login("staff@xian")
            _ = try await staff.post(
                "/m/policies/consultations/\(stored.caseId)/answer", form: [("answer", "不需要单独报送，留存备查即可。")])
            let answered = try await visitor.post(
                "/m/policies/consultation-lookup", form: [("number", number.lowercased()), ("mobile", "13700001111")])
            #expect(answered.text.contains("留存备查即可"))
            // The asker rates it from the same page; a 差评 needs its reason and opens the follow-up.
            #expect(answered.text.contains("提交评价"))
            let rate: [(String, String)] = [("number", number), ("mobile", "13700001111")]
            let noReason = try await visitor.post(
                "/m/policies/consultation-lookup/rate", form: rate + [("level", "dissatisfied"), ("comment", "")])
            #expect(noReason.status == .badRequest && noReason.text.contains("评价意见"))
            var stranger = Browser(client)
            let wrongMobile = try await stranger.post(
                "/m/policies/consultation-lookup/rate",
                form: [("number", number), ("mobile", "13700002222"), ("level", "satisfied")])
            #expect(wrongMobile.status == .notFound)
            let rated = try await visitor.post(
                "/m/policies/consultation-lookup/rate", form: rate + [("level", "dissatisfied"), ("comment", "答复太简略")])
            #expect(rated.status == .ok && rated.text.contains("已转发布部门回访整改") && rated.text.contains("答复太简略"))
            #expect(!rated.text.contains("提交评价"))
            let followUps = try await CaseRepository(db: services.database.sql).children(of: [stored.caseId])
            #expect(followUps.count == 1)
        }
    }

    @Test func theDemoHasLateEscalatedAndPublishedConsultations() async throws {
        try await withApp { client, _ in
            var admin = Browser(client)
            _ = try await admin.login("admin@xian")
            let late = try await admin.get("/m/policies/consultations/late")
            #expect(late.status == .ok)
            #expect(late.text.contains("研发费用补助的研发费用口径"))  // answered late
            #expect(late.text.contains("外地迁入的企业"))  // still unanswered
            #expect(late.text.contains("已升级督办"))
            var visitor = Browser(client)
            #expect(try await visitor.get("/m/policies/qa?zone=xian").text.contains("奖励需要企业申报吗"))
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            let mine = try await enterprise.get("/m/policies/consultations/mine")
            #expect(mine.text.contains("非常满意"))
            #expect(mine.text.contains("不满意"))
        }
    }
}
