import Foundation
import GaoxinCore
import Testing

@Suite struct PointsPublicationTests {
    @Test func publishedBoardsStayAsPublished() throws {
        var ledger = try communityLedger()
        let march = Period.month(2026, 3)!
        try ledger.award(
            id: "1", subject: "张三", itemID: "cleanup", day: day("2026-03-02"), by: "网格员", at: moment("2026-03-02 09:00")
        )
        try ledger.declare(
            id: "2", subject: "李四", itemID: "cleanup", day: day("2026-03-30"), by: "李四", at: moment("2026-03-30 20:00"))
        let published = try ledger.publish(month: march, by: "积分管理小组", at: moment("2026-04-01 10:00"))
        #expect(published.version == 1)
        #expect(published.board.positive.map(\.subject) == ["张三"])

        // MUT: a late confirmation and a correction in the published month.
        try ledger.confirm("2", by: "积分管理小组", at: moment("2026-04-02 09:00"))
        try ledger.correct("1", points: 1, by: "积分管理小组", at: moment("2026-04-02 09:05"), reason: "登记有误")

        #expect(ledger.publication(of: march) == published)
        #expect(ledger.publication(of: march)?.board.positive.map(\.balance) == [3])
        #expect(ledger.board(for: march, audience: .committee).positive.map(\.subject) == ["李四", "张三"])

        let again = #expect(throws: PointsError.self) {
            try ledger.publish(month: march, by: "积分管理小组", at: moment("2026-04-02 10:00"))
        }
        #expect(again?.message == "2026年3月积分榜已公布（第 1 版），如需更正请重新发布新版本并说明原因")

        let v2 = try ledger.republish(month: march, by: "积分管理小组", at: moment("2026-04-02 10:00"), reason: "补录李四积分")
        #expect(v2.version == 2 && v2.note == "补录李四积分")
        #expect(v2.board.positive.map(\.balance) == [3, 1])
        #expect(ledger.publications(of: march).map(\.version) == [1, 2])
        #expect(ledger.publications(of: march).first == published)
    }

    @Test func publishingNeedsAMonthAndRepublishingNeedsAFirstEdition() throws {
        var ledger = try communityLedger()
        #expect(throws: PointsError.wrongPeriodKind(expected: .month, got: .quarter(2026, 1)!)) {
            try ledger.publish(month: .quarter(2026, 1)!, by: "积分管理小组", at: moment("2026-04-01 10:00"))
        }
        #expect(throws: PointsError.notYetPublished(.month(2026, 3)!)) {
            try ledger.republish(month: .month(2026, 3)!, by: "积分管理小组", at: moment("2026-04-01 10:00"), reason: "更正")
        }
    }

    @Test func thePublicViewOfAPublicationHidesNames() throws {
        var ledger = try communityLedger()
        try ledger.award(
            id: "1", subject: "王五", itemID: "uncivil", day: day("2026-03-05"), by: "网格员", at: moment("2026-03-05 09:00")
        )
        let published = try ledger.publish(month: .month(2026, 3)!, by: "积分管理小组", at: moment("2026-04-01 10:00"))
        #expect(published.board(for: .committee).negative.map(\.subject) == ["王五"])
        #expect(published.board(for: .public).negative.isEmpty)
        #expect(published.board(for: .public).negativeByItem.first?.entryCount == 1)
    }

    @Test func theLedgerRoundTripsThroughJSON() throws {
        var ledger = try communityLedger()
        try ledger.award(
            id: "1", subject: "张三", itemID: "cleanup", day: day("2026-03-02"), evidence: "清理楼道", attachments: ["a.jpg"],
            by: "网格员", at: moment("2026-03-02 09:07"))
        try ledger.declare(
            id: "2", subject: "李四", itemID: "volunteer", day: day("2026-03-03"), by: "李四",
            at: moment("2026-03-03 21:30"))
        try ledger.reject("2", by: "积分管理小组", at: moment("2026-03-09 09:00"), reason: "无签到记录")
        try ledger.publish(month: .month(2026, 3)!, by: "积分管理小组", at: moment("2026-04-01 10:00"))
        try ledger.recordRewards(
            for: .quarter(2026, 1)!, scheme: RewardScheme(tiers: [RewardTier(name: "三等奖", minimumPoints: 1)]),
            by: "积分管理小组", at: moment("2026-04-05 10:00"))

        let data = try JSONEncoder().encode(ledger)
        let decoded = try JSONDecoder().decode(PointsLedger.self, from: data)
        #expect(decoded == ledger)
        #expect(String(decoding: data, as: UTF8.self).contains(#""enteredAt":"2026-03-03 21:30""#))
    }

    @Test func loadingRefusesEntriesOfUnknownItems() throws {
        let stray = PointsEntry(
            id: "1", subject: "张三", itemID: "gone", points: 1, day: day("2026-03-02"), origin: .award,
            status: .confirmed,
            enteredBy: "网格员", enteredAt: moment("2026-03-02 09:00"))
        #expect(throws: PointsError.unknownItem("gone")) { try PointsLedger(items: [], entries: [stray]) }
    }
}
