import GaoxinCore
import Testing

@Suite struct PointsRewardAndResetTests {
    private let scheme = try! RewardScheme(tiers: [
        RewardTier(name: "三等奖", minimumPoints: 20), RewardTier(name: "一等奖", minimumPoints: 50),
        RewardTier(name: "二等奖", minimumPoints: 30),
    ])

    @Test func quarterPointsPickTheHighestTierReached() throws {
        var ledger = try communityLedger()
        let at = moment("2026-03-31 09:00")
        try ledger.award(
            id: "1", subject: "张三", itemID: "cleanup", points: 50, day: day("2026-01-05"), by: "网格员", at: at)
        try ledger.award(
            id: "2", subject: "李四", itemID: "cleanup", points: 35, day: day("2026-02-05"), by: "网格员", at: at)
        try ledger.award(
            id: "3", subject: "李四", itemID: "uncivil", points: -6, day: day("2026-03-05"), by: "网格员", at: at)
        try ledger.award(
            id: "4", subject: "王五", itemID: "cleanup", points: 19, day: day("2026-03-05"), by: "网格员", at: at)
        try ledger.award(
            id: "5", subject: "赵六", itemID: "cleanup", points: 60, day: day("2026-04-01"), by: "网格员", at: at)  // Q2

        let q1 = Period.quarter(2026, 1)!
        let list = try ledger.rewardList(for: q1, scheme: scheme)
        #expect(list.map(\.subject) == ["张三", "李四"])
        #expect(list.map(\.tier) == ["一等奖", "三等奖"])  // 35 − 6 = 29 falls short of 二等奖
        #expect(list.map(\.points) == [50, 29])

        let record = try ledger.recordRewards(for: q1, scheme: scheme, by: "积分管理小组", at: moment("2026-04-03 10:00"))
        #expect(record.rewards == list)
        #expect(throws: PointsError.rewardsAlreadyRecorded(q1)) {
            try ledger.recordRewards(for: q1, scheme: scheme, by: "积分管理小组", at: moment("2026-04-04 10:00"))
        }
        #expect(throws: PointsError.wrongPeriodKind(expected: .quarter, got: .month(2026, 3)!)) {
            try ledger.rewardList(for: .month(2026, 3)!, scheme: scheme)
        }
    }

    @Test func rewardSchemesAreChecked() {
        #expect(throws: PointsError.invalidRewardScheme("两个档次的门槛分相同")) {
            try RewardScheme(tiers: [
                RewardTier(name: "一等奖", minimumPoints: 50), RewardTier(name: "二等奖", minimumPoints: 50),
            ])
        }
        #expect(throws: PointsError.invalidRewardScheme("「参与奖」的门槛必须大于 0 分")) {
            try RewardScheme(tiers: [RewardTier(name: "参与奖", minimumPoints: 0)])
        }
    }

    @Test func balancesStartAgainOnTheFirstOfJanuary() throws {
        var ledger = try communityLedger()
        try ledger.award(
            id: "old", subject: "张三", itemID: "cleanup", points: 10, day: day("2025-12-31"), by: "网格员",
            at: moment("2025-12-31 16:00"))
        try ledger.award(
            id: "new", subject: "张三", itemID: "cleanup", points: 3, day: day("2026-01-01"), by: "网格员",
            at: moment("2026-01-01 09:00"))

        #expect(ledger.balance(of: "张三", asOf: day("2025-12-31")) == 10)
        #expect(ledger.balance(of: "张三", asOf: day("2026-01-01")) == 3)
        #expect(ledger.board(for: .month(2026, 1)!, audience: .committee).positive.first?.balance == 3)
        #expect(ledger.board(for: .month(2025, 12)!, audience: .committee).positive.first?.balance == 10)
        // History is kept: last year's entry is still there to look at.
        #expect(ledger.entries(of: "张三", in: .year(2025)).map(\.id) == ["old"])
        #expect(ledger.entries(of: "张三").map(\.id) == ["old", "new"])
        #expect(ledger.points(of: "张三", in: .year(2025)) == 10)
    }

    @Test func aWeekAcrossNewYearCountsBothDaysButTheBalanceOnlyTheNewYear() throws {
        var ledger = try communityLedger()
        try ledger.award(
            id: "old", subject: "张三", itemID: "cleanup", points: 10, day: day("2025-12-31"), by: "网格员",
            at: moment("2025-12-31 16:00"))
        try ledger.award(
            id: "new", subject: "张三", itemID: "cleanup", points: 3, day: day("2026-01-01"), by: "网格员",
            at: moment("2026-01-01 09:00"))
        let week = Period(.week, containing: day("2026-01-01"))
        #expect(week.label == "2026年第1周")
        let row = try #require(ledger.board(for: week, audience: .committee).positive.first)
        #expect(row.periodPoints == 13)
        #expect(row.balance == 3)
    }
}
