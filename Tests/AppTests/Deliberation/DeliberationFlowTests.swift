import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 协商议事 end to end: a resident raises an issue online, others support it (once each), the
/// village party organisation makes it a topic, the 阳光议事会 votes a decision, the action is
/// carried out and published on the public page. Wrong roles are refused.
@Suite struct DeliberationFlowTests {
    /// A bodiless API post (support takes no body).
    static func post(_ client: any TestClientProtocol, _ path: String, token: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer \(token)"], body: nil)
    }

    static func id(_ response: TestResponse) -> Int64? {
        response.location.flatMap { Int64($0.split(separator: "/").last ?? "") }
    }

    @Test func aMeetingTurnsAnIssueIntoAPublishedDecision() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "xian", services)
            var raiser = Browser(client)
            var supporter = Browser(client)
            var staff = Browser(client)
            _ = try await raiser.login(world.residents[0].username)
            _ = try await supporter.login(world.residents[1].username)
            _ = try await staff.login("staff@xian")

            // Raise online; bad input first.
            let blank = try await raiser.post(
                "/m/governance/deliberation/issues/new", form: [("title", ""), ("description", "")])
            #expect(blank.status == .badRequest)
            #expect(blank.text.contains("请用一句话概括问题"))
            let raised = try await raiser.post(
                "/m/governance/deliberation/issues/new",
                form: [
                    ("title", "广场缺少健身器材\(world.tag)"), ("description", "老人孩子晚上活动没有器材"), ("channel", "visit"),
                ])
            #expect(raised.status == .seeOther)
            let issueID = try #require(Self.id(raised))
            let issue = try #require(
                try await DeliberationRepository(db: services.database.sql).issue(id: issueID, zoneID: world.zoneID))
            #expect(issue.channel == "online" && issue.raisedByPersonId == world.residents[0].personID)

            // Support: once per resident, not one's own.
            #expect(
                try await supporter.post("/m/governance/deliberation/issues/\(issueID)/support", form: []).status
                    == .seeOther)
            let twice = try await supporter.post("/m/governance/deliberation/issues/\(issueID)/support", form: [])
            #expect(twice.status == .badRequest)
            #expect(twice.text.contains("每人一次"))
            #expect(
                try await raiser.post("/m/governance/deliberation/issues/\(issueID)/support", form: []).text.contains(
                    "不能附议自己"))
            #expect(
                try await DeliberationRepository(db: services.database.sql).supporters(issueID: issueID) == [
                    world.residents[1].personID
                ])
            // Staff record one from the 书记信箱 too.
            let mailbox = try await staff.post(
                "/m/governance/deliberation/issues/new",
                form: [
                    ("channel", "mailbox"), ("raised_by", "来信群众"), ("raised_on", "2026-11-01"),
                    ("title", "健身器材选址\(world.tag)"), ("description", "希望放在广场北侧"),
                ])
            #expect(mailbox.status == .seeOther)
            let mailboxID = try #require(Self.id(mailbox))

            // Topic with research notes; the second issue joins it.
            #expect(
                try await raiser.post(
                    "/m/governance/deliberation/issues/\(issueID)/topic", form: [("title", "x"), ("notes", "y")]
                ).status == .forbidden)
            let made = try await staff.post(
                "/m/governance/deliberation/issues/\(issueID)/topic",
                form: [
                    ("topic", ""), ("title", "广场引进健身器材\(world.tag)"), ("notes", "走访 40 户，36 户赞成，约 6 万元"),
                ])
            #expect(made.status == .seeOther)
            let topicID = try #require(Self.id(made))
            #expect(
                try await staff.post(
                    "/m/governance/deliberation/issues/\(mailboxID)/topic", form: [("topic", String(topicID))]
                ).status == .seeOther)

            // The meeting: agenda, participants, attendance, minutes.
            let meeting = try await staff.post(
                "/m/governance/deliberation/meetings/new",
                form: [
                    ("title", "阳光议事会（测试\(world.tag)）"), ("held_on", "2026-11-15"), ("place", "议事室"),
                    ("topic", String(topicID)),
                    ("participants", "两委成员|张书记\n两委成员|李主任\n集体经济组织理事会成员|陈理事长\n党员群众代表|吴代表\n利益相关方|高长青"),
                ])
            #expect(meeting.status == .seeOther, "\(meeting.text.prefix(400))")
            let meetingID = try #require(Self.id(meeting))
            let repo = DeliberationRepository(db: services.database.sql)
            let people = try await repo.participants(meetingID: meetingID)
            #expect(people.count == 5)
            // No decision before attendance.
            let early = try await staff.post(
                "/m/governance/deliberation/meetings/\(meetingID)/decisions",
                form: [
                    ("topic", String(topicID)), ("kind", "project"), ("text", "安装"), ("action_title", "安装器材"),
                    ("owner", "李主任"), ("due_on", "2026-12-31"),
                ])
            #expect(early.status == .badRequest)
            #expect(early.text.contains("请先登记到会情况"))
            let present = people.prefix(4).map { ("attended", String($0.id)) }
            #expect(
                try await staff.post("/m/governance/deliberation/meetings/\(meetingID)/attendance", form: present)
                    .status == .seeOther)
            #expect(
                try await staff.post(
                    "/m/governance/deliberation/meetings/\(meetingID)/minutes",
                    form: [("minutes", "与会人员同意安装，建议增加老年器材。")]
                ).status == .seeOther)
            // Votes over the number present are refused; nothing saved.
            let tooMany = try await staff.post(
                "/m/governance/deliberation/meetings/\(meetingID)/decisions",
                form: [
                    ("topic", String(topicID)), ("kind", "project"), ("text", "安装器材"), ("voted", "1"),
                    ("votes_for", "5"), ("votes_against", "0"),
                    ("votes_abstain", "0"), ("action_title", "安装器材"), ("owner", "李主任"), ("due_on", "2026-12-31"),
                ])
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.text.contains("超过到会人数 4"))
            #expect(try await repo.decisions(zoneID: world.zoneID, meetingID: meetingID).isEmpty)
            // MUT: 3 of 4 for → passed, with an action.
            let decided = try await staff.post(
                "/m/governance/deliberation/meetings/\(meetingID)/decisions",
                form: [
                    ("topic", String(topicID)), ("kind", "project"), ("text", "在广场北侧安装健身器材 12 件\(world.tag)"),
                    ("voted", "1"), ("votes_for", "3"),
                    ("votes_against", "1"), ("votes_abstain", "0"), ("action_title", "广场健身器材安装\(world.tag)"),
                    ("owner", "村委会 李主任"), ("due_on", "2026-12-31"),
                ])
            #expect(decided.status == .seeOther, "\(decided.text.prefix(400))")
            let decision = try #require(try await repo.decisions(zoneID: world.zoneID, meetingID: meetingID).first)
            #expect(decision.passed && decision.votesFor == 3)
            #expect(try await repo.topic(id: topicID, zoneID: world.zoneID)?.status == "decided")
            let action = try #require(
                try await repo.actions(decisionIDs: [decision.id], zoneID: world.zoneID)[decision.id])

            // Not published before it's done; progress to 100; then published.
            var visitor = Browser(client)
            #expect(!(try await visitor.get("/public/deliberation/xian").text.contains("广场健身器材安装\(world.tag)")))
            let notDone = try await staff.post(
                "/m/governance/deliberation/actions/\(action.id)/publish", form: [("summary", "已安装")])
            #expect(notDone.status == .badRequest)
            #expect(notDone.text.contains("完成（进度 100%）后才能公示"))
            #expect(
                try await staff.post(
                    "/m/governance/deliberation/actions/\(action.id)/progress",
                    form: [("progress", "60"), ("note", "器材到货")]
                ).status == .seeOther)
            let backwards = try await staff.post(
                "/m/governance/deliberation/actions/\(action.id)/progress", form: [("progress", "30"), ("note", "倒退")])
            #expect(backwards.text.contains("不能低于已登记的 60%"))
            #expect(
                try await staff.post(
                    "/m/governance/deliberation/actions/\(action.id)/progress",
                    form: [("progress", "100"), ("note", "安装验收完毕")]
                ).status == .seeOther)
            #expect(
                try await staff.post(
                    "/m/governance/deliberation/actions/\(action.id)/publish",
                    form: [("summary", "12 件器材已安装验收\(world.tag)")]
                ).status == .seeOther)

            // validate: the public page shows the decision, its votes, the result and the timeline.
            let published = try await visitor.get("/public/deliberation/xian")
            #expect(published.status == .ok)
            #expect(published.text.contains("广场健身器材安装\(world.tag)"))
            #expect(published.text.contains("赞成 3、反对 1、弃权 0，通过"))
            #expect(published.text.contains("12 件器材已安装验收\(world.tag)"))
            #expect(published.text.contains("器材到货"))
            let timeline = try await repo.updates(actionID: action.id)
            #expect(timeline.map(\.progress) == [0, 60, 100])
            // Residents read the meeting; the API lists the decision with its action.
            #expect(
                try await supporter.get("/m/governance/deliberation/meetings/\(meetingID)").text.contains("与会人员同意安装"))
            let token = try await APITests.token(world.residents[1].username, services)
            let decisions = try await APITests.get(client, "/api/v1/deliberation/decisions?per_page=100", token: token)
            #expect(decisions.status == .ok)
            #expect(decisions.text.contains("广场健身器材安装\(world.tag)"))
        }
    }

    @Test func wrongRolesAndOtherZonesAreRefused() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "foshan", services)
            var resident = Browser(client)
            var grid = Browser(client)
            var enterprise = Browser(client)
            var foreign = Browser(client)
            var staff = Browser(client)
            _ = try await resident.login(world.residents[0].username)
            _ = try await grid.login(world.gridWorker)
            _ = try await enterprise.login("enterprise@foshan")
            _ = try await foreign.login("staff@jinan")
            _ = try await staff.login("staff@foshan")
            let raised = try await grid.post(
                "/m/governance/deliberation/issues/new",
                form: [
                    ("channel", "forum"), ("raised_by", "恳谈会群众"), ("raised_on", "2026-11-02"),
                    ("title", "路灯不亮\(world.tag)"), ("description", "北段"),
                ])
            #expect(raised.status == .seeOther)
            let issueID = try #require(Self.id(raised))
            #expect(try await resident.get("/m/governance/deliberation/meetings/new").status == .forbidden)
            #expect(
                try await grid.post(
                    "/m/governance/deliberation/issues/\(issueID)/topic", form: [("title", "t"), ("notes", "n")]
                ).status == .forbidden)
            #expect(
                try await grid.post("/m/governance/deliberation/issues/\(issueID)/support", form: []).status
                    == .forbidden)
            #expect(try await enterprise.get("/m/governance/deliberation").status == .forbidden)
            #expect(try await foreign.get("/m/governance/deliberation/issues/\(issueID)").status == .notFound)
            // Bad input on a meeting: unknown participant category, no topics.
            let bad = try await staff.post(
                "/m/governance/deliberation/meetings/new",
                form: [
                    ("title", "会"), ("held_on", "2026-13-01"), ("place", "室"), ("participants", "路人|某某"),
                ])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("会议日期格式应为"))
            #expect(bad.text.contains("请至少选择一个议题"))
            #expect(bad.text.contains("第 1 行应写成"))
            // The API: residents support, staff can't; unknown channel is a 400.
            let token = try await APITests.token(world.residents[1].username, services)
            #expect(
                try await Self.post(client, "/api/v1/deliberation/issues/\(issueID)/support", token: token).status
                    == .ok)
            let staffToken = try await APITests.token("staff@foshan", services)
            #expect(
                try await Self.post(client, "/api/v1/deliberation/issues/\(issueID)/support", token: staffToken).status
                    == .forbidden)
            #expect(
                try await APITests.get(client, "/api/v1/deliberation/issues?channel=wechat", token: token).status
                    == .badRequest)
            let created = try await ConsultationAPITests.send(
                client, "/api/v1/deliberation/issues", token: token,
                json: #"{"title":"停车难\#(world.tag)","description":"租户车辆多"}"#)
            #expect(created.status == .created)
            #expect(try APITests.json(created)["channel"] as? String == "online")
        }
    }
}
