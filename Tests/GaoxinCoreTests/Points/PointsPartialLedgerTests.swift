import GaoxinCore
import Testing

/// The app loads only part of the ledger for each step (the subject's entries of an item in the
/// cap's period, the entries decided, the period's sums): each step must decide as the whole
/// ledger would.
@Suite struct PointsPartialLedgerTests {
    private func busyLedger() throws -> PointsLedger {
        var ledger = try communityLedger()
        let at = moment("2026-03-31 09:00")
        var n = 0
        for (subject, item, d) in [
            ("张三", "volunteer", "2026-02-27"), ("张三", "volunteer", "2026-03-02"), ("张三", "volunteer", "2026-03-09"),
            ("张三", "volunteer", "2026-03-16"), ("李四", "volunteer", "2026-03-03"), ("张三", "cleanup", "2026-03-04"),
            ("王五", "litter", "2026-03-05"), ("张三", "volunteer", "2026-04-01"),
        ] {
            n += 1
            try ledger.award(id: String(n), subject: subject, itemID: item, day: day(d), by: "网格员", at: at)
        }
        try ledger.declare(id: "9", subject: "李四", itemID: "cleanup", day: day("2026-03-20"), by: "李四", at: at)
        return ledger
    }

    /// What the app loads for a declaration: the items, and the subject's entries of the item in the cap's period.
    private func partial(_ whole: PointsLedger, subject: String, itemID: String, on d: Day) throws -> PointsLedger {
        let period = try #require(whole.item(itemID)?.capPeriod(containing: d))
        return try PointsLedger(
            items: whole.items,
            entries: whole.entries.filter { $0.subject == subject && $0.itemID == itemID && period.contains($0.day) })
    }

    @Test func aCapIsCheckedAlikeOnTheSubjectsEntriesOfTheCapPeriodAlone() throws {
        let whole = try busyLedger()
        let at = moment("2026-03-31 10:00")
        // 张三 has 6 of 10 volunteer points in March: 2 more fit, 6 more do not, in both ledgers.
        for (points, fits) in [(2, true), (4, true), (6, false)] {
            var full = whole
            var part = try partial(whole, subject: "张三", itemID: "volunteer", on: day("2026-03-25"))
            let a = Result {
                try full.award(
                    id: "new", subject: "张三", itemID: "volunteer", points: points, day: day("2026-03-25"), by: "网格员",
                    at: at)
            }
            let b = Result {
                try part.award(
                    id: "new", subject: "张三", itemID: "volunteer", points: points, day: day("2026-03-25"), by: "网格员",
                    at: at)
            }
            #expect((try? a.get()) == (try? b.get()), "\(points)")
            #expect(((try? a.get()) != nil) == fits, "\(points)")
        }
        #expect(try #require(whole.item("cleanup")).capPeriod(containing: day("2026-03-25")) == nil)
    }

    @Test func aDecisionNeedsOnlyTheEntryDecided() throws {
        let whole = try busyLedger()
        var part = try PointsLedger(items: whole.items, entries: [try #require(whole.entry("9"))])
        var full = whole
        let at = moment("2026-03-31 11:00")
        #expect(try part.confirm("9", by: "小组", at: at) == (try full.confirm("9", by: "小组", at: at)))
    }

    @Test func boardsAndRewardsFromSumsEqualThoseFromEntries() throws {
        let whole = try busyLedger()
        for period in [Period.month(2026, 3)!, .month(2026, 4)!, .year(2026)] {
            let sums = whole.boardSums(for: period)
            for audience in BoardAudience.allCases {
                #expect(
                    PointsBoard(period: period, audience: audience, items: whole.items, sums: sums)
                        == whole.board(for: period, audience: audience))
            }
        }
        let scheme = try RewardScheme(tiers: [
            .init(name: "一等奖", minimumPoints: 8), .init(name: "二等奖", minimumPoints: 3),
        ])
        let quarter = Period.quarter(2026, 1)!
        #expect(
            try PointsLedger.rewardList(for: quarter, scheme: scheme, totals: ["张三": 11, "李四": 2, "王五": -2])
                == (try whole.rewardList(for: quarter, scheme: scheme)))
    }

    @Test func aBoardDrawnElsewhereIsPublishedAndVersionedAsTheLedgersOwn() throws {
        var whole = try busyLedger()
        var part = try PointsLedger(items: whole.items)
        let march = Period.month(2026, 3)!
        let board = PointsBoard(
            period: march, audience: .committee, items: whole.items, sums: whole.boardSums(for: march))
        let at = moment("2026-04-01 09:00")
        #expect(
            try part.publish(month: march, board: board, by: "小组", at: at)
                == (try whole.publish(month: march, by: "小组", at: at)))
        #expect(throws: PointsError.self) { try part.publish(month: march, board: board, by: "小组", at: at) }
        #expect(try part.republish(month: march, board: board, by: "小组", at: at, reason: "更正").version == 2)
    }
}
