import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 积分制 as the village runs it: a resident declares with evidence, the committee confirms in the
/// weekly review, the month is published as a frozen board, rewards are recorded per quarter and
/// balances start again each year. Each test works in a zone of its own (boards are per zone).
@Suite struct PointsFlowTests {
    static func board(_ html: String) -> String {
        guard let start = html.range(of: "<h2>正向激励榜</h2>"), let end = html.range(of: "公示规则") else { return "" }
        return String(html[start.lowerBound..<end.lowerBound])
    }

    @Test func aConfirmedDeclarationIsPublishedAndLaterEditsLeaveThePublishedBoardAlone() async throws {
        try await withApp { client, services in
            // setup
            let world = try await PointsWorld.make(zone: "zhaoqing", services)
            let volunteer = try await world.item("参加志愿服务", points: 2, cap: (10, .month), services)
            var resident = Browser(client)
            var committee = Browser(client)
            _ = try await resident.login(world.residents[0].username)
            _ = try await committee.login(world.committee)

            // MUT: declare with a photo on 10 March 2026
            let declared = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-03-10")) {
                try await resident.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", world.subject(0)), ("item", volunteer), ("day", "2026-03-09"),
                        ("evidence", "3月9日清扫村道，有签到表"),
                    ], photo: ("sign.png", "image/png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00])))
            }
            #expect(declared.status == .seeOther, "\(declared.text.prefix(400))")
            let entry = try #require(try await world.entries(services).first)
            #expect(entry.status == "pending" && entry.points == 2 && entry.photoName == "sign.png")
            let own = try await resident.get("/m/governance/points?year=2026")
            #expect(own.text.contains("待确认"))
            #expect(try await resident.get("/m/governance/points/entries/\(entry.id)/photo").status == .ok)

            // The committee confirms it in the week's queue.
            let queue = try await committee.get("/m/governance/points/review?week=2026-W11")
            #expect(queue.status == .ok)
            #expect(queue.text.contains(world.residents[0].name))
            let decided = try await committee.post(
                "/m/governance/points/review?week=2026-W11",
                form: [("entry", String(entry.id)), ("d_\(entry.id)", "confirm")])
            #expect(decided.status == .seeOther, "\(decided.text.prefix(400))")
            #expect(try await world.entries(services).first?.status == "confirmed")

            // Not before the month ends; then published.
            let early = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-03-20")) {
                try await committee.post("/m/governance/points/publish", form: [("month", "2026-03")])
            }
            #expect(early.status == .badRequest)
            #expect(early.text.contains("尚未结束"))
            let published = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-04-02")) {
                try await committee.post("/m/governance/points/publish", form: [("month", "2026-03")])
            }
            #expect(published.status == .seeOther, "\(published.text.prefix(400))")
            var visitor = Browser(client)
            let before = try await visitor.get("/public/points/zhaoqing/2026-03")
            #expect(before.status == .ok)
            #expect(before.text.contains(world.residents[0].name))
            let frozen = Self.board(before.text)
            #expect(!frozen.isEmpty)
            #expect(try await visitor.get("/public/points/zhaoqing/2026-03/notice").text.contains("积分管理小组"))

            // Later edits: the item is worth more now and another March entry is recorded.
            let itemRow = try #require(
                try await PointsRepository(db: services.database.sql).items(zoneID: world.zoneID).first {
                    $0.code == volunteer
                })
            let edited = try await committee.post(
                "/m/governance/points/items/\(itemRow.id)",
                form: [
                    ("name", itemRow.name), ("category", "测试"), ("points", "5"), ("cap_points", "20"),
                    ("cap_per", "month"), ("is_active", "1"),
                ])
            #expect(edited.status == .seeOther)
            let recorded = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-04-03")) {
                try await committee.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", world.subject(1)), ("item", volunteer), ("day", "2026-03-25"),
                        ("evidence", "补记 3 月 25 日志愿服务"),
                    ])
            }
            #expect(recorded.status == .seeOther, "\(recorded.text.prefix(400))")

            // validate: the published board is unchanged; the live board moved.
            let after = try await visitor.get("/public/points/zhaoqing/2026-03")
            #expect(Self.board(after.text) == frozen)
            #expect(!after.text.contains(world.residents[1].name))
            let live = try await committee.get("/m/governance/points/boards?month=2026-03")
            #expect(live.text.contains(world.residents[1].name))
            // A second publication without a reason is refused; with one it is version 2 and version 1 stays stored.
            let again = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-04-05")) {
                try await committee.post("/m/governance/points/publish", form: [("month", "2026-03")])
            }
            #expect(again.status == .badRequest)
            let versions = try await PointsRepository(db: services.database.sql).publications(zoneID: world.zoneID)
            #expect(versions.count == 1)
            #expect(versions[0].publication.board.positive.map(\.subject) == [world.subject(0)])
        }
    }

    @Test func aDeclarationPastTheCapIsRefusedWithTheReasonAndNothingSaved() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "baoji", services)
            let drill = try await world.item("参加应急演练", points: 2, cap: (4, .month), services)
            var resident = Browser(client)
            _ = try await resident.login(world.residents[0].username)
            try await Clock.$fixedNow.withValue(PointsWorld.at("2026-05-20")) {
                for day in ["2026-05-06", "2026-05-13"] {
                    let r = try await resident.postPointsForm(
                        "/m/governance/points/declare/upload",
                        fields: [
                            ("subject", world.subject(0)), ("item", drill), ("day", day), ("evidence", "参加消防演练"),
                        ])
                    #expect(r.status == .seeOther)
                }
                let count = try await world.entries(services).count
                // MUT: a third in May goes past 4 points a month (pending ones count too).
                let refused = try await resident.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", world.subject(0)), ("item", drill), ("day", "2026-05-19"), ("evidence", "又一次演练"),
                    ])
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("每月最多 4 分"))
                #expect(refused.text.contains("超出上限"))
                #expect(try await world.entries(services).count == count)
                // Other bad input: future day, empty evidence, someone else's record, a photo that isn't an image.
                let bad = try await resident.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", world.subject(1)), ("item", drill), ("day", "2026-06-01"), ("evidence", ""),
                    ], photo: ("a.exe", "application/octet-stream", Data([1, 2, 3])))
                #expect(bad.status == .badRequest)
                #expect(bad.text.contains("只能为本人或本户申报积分"))
                #expect(bad.text.contains("发生日期不能晚于今天"))
                #expect(bad.text.contains("请说明事由和凭据"))
                #expect(bad.text.contains("照片：文件内容不是允许的类型"))
                #expect(try await world.entries(services).count == count)
            }
        }
    }

    @Test func quarterRewardsAreRecordedOnceByThreshold() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "xiangtan", services)
            let rescue = try await world.item("抢险救灾", points: 20, services)
            let help = try await world.item("照顾孤寡老人", points: 3, services)
            var committee = Browser(client)
            _ = try await committee.login(world.committee)
            try await Clock.$fixedNow.withValue(PointsWorld.at("2026-03-30")) {
                for (n, item, day) in [
                    (0, rescue, "2026-02-10"), (1, help, "2026-03-02"), (1, help, "2026-03-09"),
                    (2, help, "2026-01-15"),
                ] {
                    let r = try await committee.postPointsForm(
                        "/m/governance/points/declare/upload",
                        fields: [
                            ("subject", world.subject(n)), ("item", item), ("day", day), ("evidence", "网格员核实"),
                        ])
                    #expect(r.status == .seeOther, "\(r.text.prefix(300))")
                }
            }
            try await Clock.$fixedNow.withValue(PointsWorld.at("2026-04-03")) {
                let badTiers = try await committee.post(
                    "/m/governance/points/rewards?quarter=2026-Q1", form: [("action", "tiers"), ("tiers", "一等奖|很多|油")])
                #expect(badTiers.status == .badRequest)
                #expect(badTiers.text.contains("门槛分为整数"))
                let tiers = try await committee.post(
                    "/m/governance/points/rewards?quarter=2026-Q1",
                    form: [("action", "tiers"), ("tiers", "一等奖|20|食用油一桶\n二等奖|6|毛巾两条")])
                #expect(tiers.status == .seeOther)
                let preview = try await committee.get("/m/governance/points/rewards?quarter=2026-Q1")
                #expect(preview.text.contains("尚未登记"))
                // MUT
                let recorded = try await committee.post(
                    "/m/governance/points/rewards?quarter=2026-Q1", form: [("action", "record")])
                #expect(recorded.status == .seeOther, "\(recorded.text.prefix(300))")
                let twice = try await committee.post(
                    "/m/governance/points/rewards?quarter=2026-Q1", form: [("action", "record")])
                #expect(twice.status == .badRequest)
                #expect(twice.text.contains("已登记"))
            }
            // validate: 20 → 一等奖, 6 → 二等奖, 3 → nothing.
            let stored = try #require(
                try await PointsRepository(db: services.database.sql).rewardRecords(zoneID: world.zoneID).first)
            let bySubject = Dictionary(uniqueKeysWithValues: stored.record.rewards.map { ($0.subject, $0.tier) })
            #expect(bySubject[world.subject(0)] == "一等奖")
            #expect(bySubject[world.subject(1)] == "二等奖")
            #expect(bySubject[world.subject(2)] == nil)
            #expect(stored.prizes["一等奖"] == "食用油一桶")
            #expect(stored.names[world.subject(0)] == world.residents[0].name)
        }
    }

    @Test func theYearResetStartsBalancesAtZeroAndKeepsLastYearsHistory() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "shenyang", services)
            let tidy = try await world.item("美丽庭院", points: 5, services)
            var committee = Browser(client)
            var resident = Browser(client)
            _ = try await committee.login(world.committee)
            _ = try await resident.login(world.residents[0].username)
            try await Clock.$fixedNow.withValue(PointsWorld.at("2025-12-20")) {
                let r = try await committee.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", world.subject(0)), ("item", tidy), ("day", "2025-12-18"), ("evidence", "评为美丽庭院"),
                    ])
                #expect(r.status == .seeOther)
            }
            try await Clock.$fixedNow.withValue(PointsWorld.at("2026-01-05")) {
                // Last year's day can't be declared any more.
                let late = try await resident.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", world.subject(0)), ("item", tidy), ("day", "2025-12-30"), ("evidence", "补报去年"),
                    ])
                #expect(late.status == .badRequest)
                #expect(late.text.contains("一年一清零"))
                let now = try await resident.get("/m/governance/points")
                #expect(now.text.contains("当前余额</dt><dd>0 分"))
                let lastYear = try await resident.get("/m/governance/points?year=2025")
                #expect(lastYear.text.contains("年末余额</dt><dd>5 分"))
                #expect(lastYear.text.contains("评为美丽庭院"))
            }
            let ledger = try await PointsRepository(db: services.database.sql).ledger(zoneID: world.zoneID)
            #expect(ledger.balance(of: world.subject(0), asOf: Day("2026-01-05")!) == 0)
            #expect(ledger.balance(of: world.subject(0), asOf: Day("2025-12-31")!) == 5)
            #expect(ledger.entries(of: world.subject(0)).count == 1)
        }
    }
}
