import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The "Done when" path on the routes: apply (refused whole when materials are missing or wrong),
/// one complete 一次性告知, 补正, acceptance with the promised limit, 办结 with delivery, the
/// applicant's one rating, the 差评 follow-up closed with a report to the rater, and the unit's
/// appeal decided by the zone admin.
@Suite struct ServiceFlowTests {
    @Test func aCitizenAppliesIsToldOnceCompletesAndRates() async throws {
        try await withApp { client, services in
            let birth = try await ServiceFixtures.bundle("出生一件事", services)
            let materials = try await ServiceFixtures.materials(birth, services)
            let form = try #require(materials.first { $0.name.contains("申请表") })
            let certificate = try #require(materials.first { $0.name.contains("出生医学证明") })
            let id = try #require(materials.first { $0.filledFrom != nil })
            let me = try await ServiceFixtures.userID("resident@xiangtan", services)
            let before = try await ServiceFixtures.applications(birth, userID: me, services).filter {
                $0.details.applicantName == "湘潭居民"
            }.count
            var citizen = Browser(client)
            _ = try await citizen.login("resident@xiangtan")
            let path = "/m/services/bundles/\(birth.id)/apply"
            #expect(try await citizen.get(path).text.contains("免提交"))
            let fields = [("channel", "online"), ("applicant_name", "湘潭居民"), ("applicant_phone", "13907310001")]
            // Nothing uploaded: every missing material is named at once, nothing saved.
            let missing = try await ApplicationFixtures.multipart(&citizen, path, fields: fields, files: [])
            #expect(missing.status == .badRequest)
            #expect(missing.text.contains(form.name) && missing.text.contains(certificate.name))
            #expect(!missing.text.contains("\(id.name)：必须提交"))
            // A text file under a PDF name, and a bad phone number: refused by content.
            let wrong = try await ApplicationFixtures.multipart(
                &citizen, path,
                fields: [("channel", "online"), ("applicant_name", "湘潭居民"), ("applicant_phone", "123")],
                files: [
                    ("material_\(form.id)", "表.pdf", Data("just text".utf8)),
                    ("material_\(certificate.id)", "证.pdf", ServiceFixtures.pdf),
                ])
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("文件内容不是允许的类型") && wrong.text.contains("手机号"))
            #expect(
                try await ServiceFixtures.applications(birth, userID: me, services).filter {
                    $0.details.applicantName == "湘潭居民"
                }.count == before)
            let made = try await ApplicationFixtures.multipart(
                &citizen, path, fields: fields,
                files: [
                    ("material_\(form.id)", "表.pdf", ServiceFixtures.pdf),
                    ("material_\(certificate.id)", "证.pdf", ServiceFixtures.pdf),
                ])
            #expect(made.status == .seeOther)
            let caseID = try ServiceFixtures.caseID(made)
            let page = "/m/services/applications/\(caseID)"
            let shown = try await citizen.get(page)
            #expect(shown.text.contains("待预审") && shown.text.contains("居民信息"))

            // The window sends ONE notice naming both; a later notice may not add anything.
            var window = Browser(client)
            _ = try await window.login("service@xiangtan")
            let step = "\(page)/step"
            let empty = try await window.post(step, form: [("action", "notify"), ("note", "")])
            #expect(empty.status == .badRequest && empty.text.contains("一次告知"))
            let notified = try await window.post(
                step,
                form: [
                    ("action", "notify"), ("materials", String(form.id)), ("materials", String(certificate.id)),
                    ("note", "申请表未签字；出生医学证明扫描不清"),
                ])
            #expect(notified.status == .seeOther)
            let told = try await citizen.get(page)
            #expect(told.text.contains("一次性告知") && told.text.contains("待补正"))
            // 补正 must cover everything the notice named.
            let half = try await ApplicationFixtures.multipart(
                &citizen, "\(page)/supplement", fields: [],
                files: [("material_\(form.id)", "表.pdf", ServiceFixtures.pdf)])
            #expect(half.status == .badRequest && half.text.contains(certificate.name))
            let full = try await ApplicationFixtures.multipart(
                &citizen, "\(page)/supplement", fields: [],
                files: [
                    ("material_\(form.id)", "表.pdf", ServiceFixtures.pdf),
                    ("material_\(certificate.id)", "证.pdf", ServiceFixtures.pdf),
                ])
            #expect(full.status == .seeOther)
            let again = try await window.post(
                step, form: [("action", "notify"), ("materials", String(id.id)), ("note", "")])
            #expect(again.status == .badRequest && again.text.contains("在第一次告知时没有列出"))

            // Accepted: the deadline comes from the promised limit; not yet rateable.
            #expect(try await window.post(step, form: [("action", "accept")]).status == .seeOther)
            let c = try #require(
                try await ServiceApplicationRepository(db: services.database.sql).find(
                    caseID: caseID, zoneID: birth.zoneId))
            let expected = try services.cases.engine.calendar.deadline(
                workingDays: birth.promisedDays, after: Clock.today)
            #expect(c.caseRow.deadlineDay == expected.day.description)
            let early = try await citizen.post("\(page)/rate", form: [("level", "satisfied"), ("comment", "")])
            #expect(early.status == .badRequest && early.text.contains("评价未保存"))
            // 办结: mail needs a tracking number.
            let noTracking = try await window.post(
                step,
                form: [("action", "finish"), ("result_no", "XT-2026-1"), ("delivery", "mail"), ("tracking_no", "")])
            #expect(noTracking.status == .badRequest && noTracking.text.contains("邮件单号"))
            let finished = try await window.post(
                step,
                form: [
                    ("action", "finish"), ("result_no", "XT-2026-1"), ("delivery", "mail"),
                    ("tracking_no", "1180123456789"),
                ])
            #expect(finished.status == .seeOther)
            let done = try await citizen.get(page)
            #expect(done.text.contains("已办结") && done.text.contains("1180123456789"))

            // Rated once, by the applicant only; a 差评 opens the follow-up for the unit.
            var firm = Browser(client)
            _ = try await firm.login("enterprise@xiangtan")
            #expect(try await firm.post("\(page)/rate", form: [("level", "satisfied")]).status == .notFound)
            let rated = try await citizen.post(
                "\(page)/rate",
                form: [
                    ("level", "dissatisfied"), ("comment", "补正来回两次"), ("facet_efficiency", "2"),
                    ("facet_usability", "3"),
                ])
            #expect(rated.status == .seeOther)
            let second = try await citizen.post("\(page)/rate", form: [("level", "very_satisfied")])
            #expect(second.status == .badRequest)
            let ratedPage = try await window.get(page)
            #expect(ratedPage.text.contains("办事效率 2 分") && ratedPage.text.contains("差评回访整改"))
            let followUp = try #require(
                try await CaseRepository(db: services.database.sql).children(of: [caseID]).first)
            let followPath = "\(page)/follow-ups/\(followUp.id)"
            // Someone outside the unit can neither work the follow-up nor appeal.
            var science = Browser(client)
            _ = try await science.login("staff@xiangtan")
            #expect(try await science.get(page).status == .notFound)
            #expect(try await science.post("\(page)/appeal", form: [("reason", "误评误评误评误评误评误评")]).status == .notFound)
            #expect(
                try await window.post(followPath, form: [("transition", "call_back"), ("note", "已回访")]).status
                    == .seeOther)
            #expect(
                try await window.post(followPath, form: [("transition", "finish"), ("note", "已整改，优化预审流程")]).status
                    == .seeOther)
            let notices = try await citizen.get("/profile/notices")
            #expect(notices.text.contains("差评整改结果"))

            // The unit appeals; only the zone admin decides.
            let short = try await window.post("\(page)/appeal", form: [("reason", "误评")])
            #expect(short.status == .badRequest && short.text.contains("至少写 10 个字"))
            #expect(
                try await window.post("\(page)/appeal", form: [("reason", "申请人回访时确认系误选不满意，请求不计入统计")]).status
                    == .seeOther)
            let appeal = try #require(
                try await ServiceApplicationRepository(db: services.database.sql).appeal(caseID: caseID))
            #expect(
                try await window.post(
                    "/m/services/appeals/\(appeal.id)/decide", form: [("decision", "upheld"), ("note", "x")]
                )
                .status == .forbidden)
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            let noNote = try await admin.post(
                "/m/services/appeals/\(appeal.id)/decide", form: [("decision", "upheld"), ("note", "")])
            #expect(noNote.status == .badRequest)
            #expect(
                try await admin.post(
                    "/m/services/appeals/\(appeal.id)/decide", form: [("decision", "upheld"), ("note", "经核实属误评")]
                ).status == .seeOther)
            #expect(try await admin.get(page).text.contains("申诉成立"))
        }
    }

    @Test func theWindowEntersAnApplicationWithPaperAndInstantItemsFinishOnTheSpot() async throws {
        try await withApp { client, services in
            let fund = try await ServiceFixtures.bundle("住房公积金提取一件事", services)
            #expect(fund.isInstant)
            let materials = try await ServiceFixtures.materials(fund, services)
            var window = Browser(client)
            _ = try await window.login("service@xiangtan")
            let path = "/m/services/bundles/\(fund.id)/apply"
            let online = try await ApplicationFixtures.multipart(
                &window, path,
                fields: [("channel", "online"), ("applicant_name", "王五"), ("applicant_phone", "13907310002")],
                files: [])
            #expect(online.status == .badRequest && online.text.contains("只能是窗口办理"))
            let made = try await ApplicationFixtures.multipart(
                &window, path,
                fields: [("channel", "window"), ("applicant_name", "王五"), ("applicant_phone", "13907310002")]
                    + materials.map { ("paper_material_\($0.id)", "1") },
                files: [])
            #expect(made.status == .seeOther)
            let caseID = try ServiceFixtures.caseID(made)
            let page = "/m/services/applications/\(caseID)"
            let noResult = try await window.post("\(page)/step", form: [("action", "accept")])
            #expect(noResult.status == .badRequest && noResult.text.contains("证照/批文编号"))
            let done = try await window.post(
                "\(page)/step", form: [("action", "accept"), ("result_no", "GJJ-1"), ("delivery", "pickup")])
            #expect(done.status == .seeOther)
            let c = try #require(
                try await ServiceApplicationRepository(db: services.database.sql).find(
                    caseID: caseID, zoneID: fund.zoneId))
            #expect(c.caseRow.state == "finished" && c.details.workingDays == 0 && c.details.channel == "window")
            // 一次一评: the window records what the applicant pressed on the evaluator, once.
            let finishedPage = try await window.get(page)
            #expect(finishedPage.text.contains("窗口评价（一次一评）"))
            let none = try await window.post("\(page)/counter-rating", form: [("level", "")])
            #expect(none.status == .badRequest && none.text.contains("请选择申请人在评价器上的评价"))
            #expect(
                try await window.post("\(page)/counter-rating", form: [("level", "very_satisfied")]).status
                    == .seeOther)
            let rated = try #require(
                try await ServiceApplicationRepository(db: services.database.sql).find(
                    caseID: caseID, zoneID: fund.zoneId))
            #expect(rated.caseRow.ratingLevel == "very_satisfied")
            #expect(try rated.caseRow.record().history.last?.note?.contains("一次一评") == true)
            let twice = try await window.post("\(page)/counter-rating", form: [("level", "dissatisfied")])
            #expect(twice.status != .seeOther)
            #expect(!(try await window.get(page)).text.contains("记录评价"))
            // A resident sees nobody else's applications.
            var citizen = Browser(client)
            _ = try await citizen.login("resident@xiangtan")
            #expect(try await citizen.get(page).status == .notFound)
        }
    }

    @Test func statisticsShowTheSeedFiguresAndExportCSV() async throws {
        try await withApp { client, _ in
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            let year = Clock.today.year
            let page = try await admin.get("/m/services/statistics?year=\(year)")
            #expect(page.status == .ok)
            for word in ["即办率", "网办率", "1个工作日内办结", "好评率", "满意率", "差评整改率", "按一件事", "按事项", "按承办部门", "按办理渠道", "按月份"] {
                #expect(page.text.contains(word))
            }
            #expect(page.text.contains("出生登记（户口）"))  // a row of the by-item table
            let csv = try await admin.get("/m/services/statistics.csv?year=\(year)")
            #expect(csv.status == .ok)
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.text.contains("差评整改率") && csv.text.contains("出生一件事"))
            #expect(try await admin.get("/m/services/statistics?year=abcd").status == .badRequest)
            var firm = Browser(client)
            _ = try await firm.login("enterprise@xiangtan")
            #expect(try await firm.get("/m/services/statistics").status == .forbidden)
            var other = Browser(client)
            _ = try await other.login("admin@foshan")
            let empty = try await other.get("/m/services/statistics")
            #expect(empty.status == .ok && empty.text.contains("该年度没有办件"))
        }
    }
}
