import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 重点项目调度: the office lists a project with its responsible department; the department reports
/// its monthly progress (only its own, only growing, never for a future month); the bulletin ranks the
/// departments; the zone admin escalates a late project with a 约谈, never an on-pace one.
@Suite struct InvestmentDispatchTests {
    @Test func aDepartmentReportsTheBulletinRanksItAndALateProjectIsEscalated() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let shenyang = try await InvestmentFlowTests.zoneID("shenyang", services)
            let staffUser = try #require(try await UserRepository(db: db).find(username: "staff@shenyang"))
            let own = try #require(staffUser.departmentId)
            let departments = try await ZoneRepository(db: db).departments(scope: .zone(shenyang))
            let other = try #require(departments.first { $0.id != own })
            let foshanDepartment = try #require(
                try await ZoneRepository(db: db).departments(
                    scope: .zone(try await InvestmentFlowTests.zoneID("foshan", services))
                ).first
            ).id
            let month = DispatchMonth(Clock.today)
            let tag = String(UUID().uuidString.prefix(6))
            var officer = Browser(client)
            _ = try await officer.login("invest@shenyang")

            // Bad input is refused on its fields and nothing is listed.
            let bad = try await officer.post(
                "/m/investment/dispatch",
                form: [
                    ("year", String(month.year)), ("kind", "key_project"), ("name", " "),
                    ("department", String(foshanDepartment)), ("annual_plan", "0"), ("month", month.description),
                ])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("请填写项目名称") && bad.text.contains("请选择本区的责任单位"))
            #expect(bad.text.contains("年度计划投资（万元）须大于 0"))

            func add(_ name: String, _ department: Int64) async throws {
                let r = try await officer.post(
                    "/m/investment/dispatch",
                    form: [
                        ("year", String(month.year)), ("kind", "livelihood"), ("name", name),
                        ("department", String(department)), ("annual_plan", "5000"), ("month", month.description),
                    ])
                #expect(r.status == .seeOther)
            }
            try await add("调度测试\(tag)甲", own)
            try await add("调度测试\(tag)乙", other.id)
            let twice = try await officer.post(
                "/m/investment/dispatch",
                form: [
                    ("year", String(month.year)), ("kind", "livelihood"), ("name", "调度测试\(tag)甲"),
                    ("department", String(own)), ("annual_plan", "5000"),
                ])
            #expect(twice.status == .badRequest && twice.text.contains("已有同名项目"))
            let items = try await InvestmentDispatchRepository(db: db).allItems(zoneID: shenyang, year: month.year)
            let mine = try #require(items.first { $0.name == "调度测试\(tag)甲" })
            let theirs = try #require(items.first { $0.name == "调度测试\(tag)乙" })

            var staff = Browser(client)
            _ = try await staff.login("staff@shenyang")
            func report(_ item: DispatchItemRow, _ m: String, _ progress: String) async throws -> TestResponse {
                try await staff.post(
                    "/m/investment/dispatch/\(item.id)/report",
                    form: [("month", m), ("progress", progress), ("invested", "1000"), ("note", "主体施工")])
            }
            #expect(try await report(theirs, month.description, "50").status == .forbidden)
            let wrong = try await report(mine, month.description, "120")
            #expect(wrong.status == .badRequest && wrong.text.contains("累计形象进度须是 0–100 的整数"))
            let future = DispatchMonth(year: month.year + 1, month: 1)!.description
            #expect(try await report(mine, future, "10").text.contains("只能报送 \(month.year) 年的月份"))
            if month.month > 1 {
                let first = DispatchMonth(year: month.year, month: 1)!.description
                #expect(try await report(mine, first, "10").status == .seeOther)
                let lower = try await report(mine, month.description, "5")
                #expect(lower.status == .badRequest && lower.text.contains("不能低于此前报送的 10%"))
            }
            #expect(try await report(mine, month.description, "100").status == .seeOther)

            // Their department said nothing this month: late, and the bulletin ranks it below.
            let bulletin = try await staff.get("/m/investment/dispatch/bulletin?month=\(month.description)")
            #expect(bulletin.status == .ok)
            #expect(bulletin.text.contains("重点项目调度通报（\(month.label)）") && bulletin.text.contains("调度测试\(tag)乙"))
            let ownName = try #require(departments.first { $0.id == own }).name
            #expect(bulletin.text.contains(ownName) && bulletin.text.contains("未报送"))

            // 督办: only the zone admin; never for a project on pace; the late one with its 约谈.
            let escalation: [(String, String)] = [
                ("month", month.description), ("reason", "当月未报送进度"), ("interview_on", Clock.today.description),
                ("interviewee", "社会事务局分管负责人"), ("outcome", "限期一周补报并赶工"),
            ]
            #expect(
                try await officer.post(
                    "/m/investment/dispatch/escalations", form: [("item", String(theirs.id))] + escalation
                ).status == .forbidden)
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let onPace = try await admin.post(
                "/m/investment/dispatch/escalations", form: [("item", String(mine.id))] + escalation)
            #expect(onPace.status == .badRequest && onPace.text.contains("无需督办"))
            let missing = try await admin.post(
                "/m/investment/dispatch/escalations",
                form: [
                    ("item", String(theirs.id)), ("month", month.description), ("reason", ""), ("interview_on", "x"),
                ])
            #expect(missing.status == .badRequest && missing.text.contains("请填写督办事由"))
            #expect(missing.text.contains("约谈日期格式应为 YYYY-MM-DD") && missing.text.contains("请填写约谈对象"))
            let done = try await admin.post(
                "/m/investment/dispatch/escalations", form: [("item", String(theirs.id))] + escalation)
            #expect(done.status == .seeOther)
            let printed = try await admin.get("/m/investment/dispatch/bulletin?month=\(month.description)")
            #expect(printed.text.contains("社会事务局分管负责人") && printed.text.contains("限期一周补报并赶工"))

            // Another zone's admin can't see or touch the item.
            var foshan = Browser(client)
            _ = try await foshan.login("admin@foshan")
            let probe = try await foshan.post(
                "/m/investment/dispatch/\(mine.id)/report",
                form: [("month", month.description), ("progress", "1"), ("invested", "1")])
            #expect(probe.status == .notFound)
            #expect(try await staff.get("/m/investment/dispatch?month=2026-13").status == .badRequest)
        }
    }

    @Test func eventsCountTheirContactsAndSignedProjectsAndIdeasBecomeLeads() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let baoji = try await InvestmentFlowTests.zoneID("baoji", services)
            let repo = InvestmentDispatchRepository(db: db)
            var officer = Browser(client)
            _ = try await officer.login("invest@baoji")
            let before = try await repo.eventTotals(zoneID: baoji, year: Clock.today.year)
            let bad = try await officer.post(
                "/m/investment/events",
                form: [("kind", "team"), ("title", ""), ("held_on", "2999-01-01"), ("place", "宁波"), ("contacts", "-1")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("请填写活动名称") && bad.text.contains("活动日期不能晚于今天"))
            #expect(bad.text.contains("对接企业数须是 0–100000 的整数"))
            let made = try await officer.post(
                "/m/investment/events",
                form: [
                    ("kind", "team"), ("title", "招商小分队赴成都上门对接"), ("held_on", Clock.today.description), ("place", "成都"),
                    ("team", "招商局"), ("contacts", "6"), ("visits", "2"), ("notes", "对接钛材企业"),
                ])
            let eventID = try #require(InvestmentFlowTests.id(made))
            let after = try await repo.eventTotals(zoneID: baoji, year: Clock.today.year)
            #expect(after.events == before.events + 1 && after.contacts == before.contacts + 6)

            // Only a signed project of the zone may be recorded as signed at the event.
            let lead = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", "未签约的线索项目"), ("investor", "某企业"), ("origin_province", "四川省"), ("origin_city", "成都市"),
                    ("planned_investment", "8000"), ("stage", "lead"), ("on", Clock.today.description),
                ])
            let leadID = try #require(InvestmentFlowTests.id(lead))
            let refused = try await officer.post(
                "/m/investment/events/\(eventID)/projects", form: [("project", String(leadID))])
            #expect(refused.status == .badRequest && refused.text.contains("尚未签约"))
            let signed = try #require(try await repo.signedProjects(zoneID: baoji, limit: 1).first)
            #expect(
                try await officer.post(
                    "/m/investment/events/\(eventID)/projects", form: [("project", String(signed.0))]
                )
                .status == .seeOther)
            let page = try await officer.get("/m/investment/events/\(eventID)")
            #expect(page.text.contains(signed.1))

            // A department proposes; it can't screen; the office adopts and turns it into a lead.
            var staff = Browser(client)
            _ = try await staff.login("staff@baoji")
            let empty = try await staff.post("/m/investment/ideas", form: [("title", ""), ("detail", "")])
            #expect(empty.status == .badRequest && empty.text.contains("请填写建议标题"))
            let tag = String(UUID().uuidString.prefix(6))
            #expect(
                try await staff.post(
                    "/m/investment/ideas", form: [("title", "引进钛材回收企业\(tag)"), ("detail", "补齐钛产业链回收环节")]
                ).status == .seeOther)
            let idea = try #require(
                try await repo.ideas(zoneID: baoji, status: .submitted, try Pager(page: 1, size: 5)).rows.first {
                    $0.title.hasSuffix(tag)
                })
            #expect(
                try await staff.post("/m/investment/ideas/\(idea.id)/screen", form: [("decision", "adopted")]).status
                    == .forbidden)
            let noNote = try await officer.post(
                "/m/investment/ideas/\(idea.id)/screen", form: [("decision", "declined")])
            #expect(noNote.status == .badRequest && noNote.text.contains("请填写筛选意见"))
            #expect(
                try await officer.post("/m/investment/ideas/\(idea.id)/screen", form: [("decision", "adopted")]).status
                    == .seeOther)
            let form = try await officer.get("/m/investment/projects/new?idea=\(idea.id)")
            #expect(form.text.contains("由头脑风暴建议转为招商线索") && form.text.contains("引进钛材回收企业\(tag)"))
            let project = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", "钛材回收项目\(tag)"), ("investor", "某回收企业"), ("origin_province", "陕西省"),
                    ("origin_city", "西安市"), ("planned_investment", "6000"), ("stage", "lead"),
                    ("on", Clock.today.description), ("idea", String(idea.id)),
                ])
            let projectID = try #require(InvestmentFlowTests.id(project))
            let turned = try #require(try await repo.idea(id: idea.id, zoneID: baoji))
            #expect(turned.statusValue == .lead && turned.projectId == projectID)
            // The same idea can't become a second lead; the refused project is not written.
            let again = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", "重复线索\(tag)"), ("investor", "某回收企业"), ("origin_province", "陕西省"), ("origin_city", "西安市"),
                    ("planned_investment", "6000"), ("stage", "lead"), ("on", Clock.today.description),
                    ("idea", String(idea.id)),
                ])
            #expect(again.status == .badRequest && again.text.contains("不能转为线索"))
            let pipeline = try await InvestmentRepository(db: db).projects(
                zoneID: baoji, filter: ProjectFilter(stage: .lead), try Pager(page: 1, size: 200))
            #expect(!pipeline.rows.contains { $0.name == "重复线索\(tag)" })
        }
    }

    @Test func theDemoShowsTheSeedsFigures() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@zhaoqing")
            let ideas = try await admin.get("/m/investment/ideas")
            #expect(ideas.text.contains("共收集建议 <strong>62"))  // 620 and any a test added
            var baoji = Browser(client)
            _ = try await baoji.login("invest@baoji")
            let events = try await baoji.get("/m/investment/events")
            #expect(events.text.contains("招商小分队赴宁波上门对接（第 1 批次）"))
            let month = DispatchMonthReport.defaultMonth()
            let bulletin = try await baoji.get("/m/investment/dispatch/bulletin?month=\(month.description)")
            #expect(bulletin.text.contains("民生工程 6 个") && bulletin.text.contains("责任单位分管负责人"))
        }
    }

    @Test func aChainKeepsOneMonthlyReviewAMonth() async throws {
        try await withApp { client, services in
            let shenyang = try await InvestmentFlowTests.zoneID("shenyang", services)
            let chain = try #require(
                try await InvestmentRepository(db: services.database.sql).chains(zoneID: shenyang).last)
            let path = "/m/investment/chains/\(chain.id)"
            let month = DispatchMonth(Clock.today)
            var staff = Browser(client)
            _ = try await staff.login("staff@shenyang")
            let form = [
                ("review_month", month.description), ("held_on", Clock.today.description), ("attendees", "链长、专家"),
                ("minutes", "研究短板缺项"),
            ]
            #expect(try await staff.post("\(path)/reviews", form: form).status == .forbidden)
            var officer = Browser(client)
            _ = try await officer.login("invest@shenyang")
            let outside = try await officer.post(
                "\(path)/reviews",
                form: [
                    ("review_month", month.previous.description), ("held_on", Clock.today.description), ("minutes", ""),
                ])
            #expect(outside.status == .badRequest && outside.text.contains("会议日期须在 \(month.previous.label)内"))
            #expect(outside.text.contains("请填写会议纪要") && outside.text.contains("请填写参会人员"))
            let reviews = InvestmentDispatchRepository(db: services.database.sql)
            let had = try await reviews.reviewExists(chainID: chain.id, month: month.description)
            let first = try await officer.post("\(path)/reviews", form: form)
            if !had {
                #expect(first.status == .seeOther)
                #expect(try await officer.get(path).text.contains("研究短板缺项"))
            }
            let second = try await officer.post("\(path)/reviews", form: form)
            #expect(second.status == .badRequest && second.text.contains("已有“一月一链”会议纪要"))
        }
    }
}
