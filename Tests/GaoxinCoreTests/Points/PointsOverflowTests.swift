import GaoxinCore
import Testing

/// Issue #11: entries stored before values were bounded (an item worth `Int.max`) must not trap
/// any later total; the sums hold at the bounds instead.
@Suite struct PointsOverflowTests {
    @Test func totalsHoldAtTheBoundsInsteadOfTrapping() throws {
        let items = [
            PointsItem(id: "huge", name: "巨额", category: "测试", points: Int.max),
            PointsItem(id: "abyss", name: "巨额扣分", category: "测试", points: Int.min),
        ]
        let entries = (1...3).flatMap { n in
            ["huge", "abyss"].map { item in
                PointsEntry(
                    id: "\(item)\(n)", subject: item == "huge" ? "张三" : "李四", itemID: item,
                    points: item == "huge" ? Int.max : Int.min, day: day("2026-03-0\(n)"), origin: .award,
                    status: .confirmed, enteredBy: "网格员", enteredAt: moment("2026-03-0\(n) 09:00"))
            }
        }
        let ledger = try PointsLedger(items: items, entries: entries)
        let march = try #require(Period.month(2026, 3))
        let board = ledger.board(for: march, audience: .committee)
        #expect(board.positive.first?.balance == Int.max)
        #expect(board.negative.first?.negativePoints == -Int.max)  // the negative total, held near the bound
        #expect(ledger.balance(of: "李四", asOf: day("2026-03-31")) == Int.min)
        #expect(ledger.points(of: "张三", in: march) == Int.max)
        #expect(Int.max.adding(clamped: 1) == Int.max && Int.min.adding(clamped: -1) == Int.min)
        #expect(Int.min.clampedNegation == Int.max && Int.min.clampedMagnitude == Int.max)
        #expect(3.adding(clamped: -5) == -2)
    }
}
