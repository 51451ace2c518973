import GaoxinCore
import Testing

@Suite struct PointsBoardTests {
    private func marchLedger() throws -> PointsLedger {
        var ledger = try communityLedger()
        let at = moment("2026-03-31 09:00")
        // 张三 and 李四 tie on 6; 王五 has 3 − 5 = −2; 赵六 3 − 2 = 1.
        try ledger.award(
            id: "1", subject: "张三", itemID: "cleanup", points: 6, day: day("2026-03-02"), by: "网格员", at: at)
        try ledger.award(
            id: "2", subject: "李四", itemID: "cleanup", points: 6, day: day("2026-03-03"), by: "网格员", at: at)
        try ledger.award(id: "3", subject: "王五", itemID: "cleanup", day: day("2026-03-04"), by: "网格员", at: at)
        try ledger.award(id: "4", subject: "王五", itemID: "uncivil", day: day("2026-03-05"), by: "网格员", at: at)
        try ledger.award(id: "5", subject: "赵六", itemID: "cleanup", day: day("2026-03-06"), by: "网格员", at: at)
        try ledger.award(id: "6", subject: "赵六", itemID: "litter", day: day("2026-03-07"), by: "网格员", at: at)
        try ledger.declare(id: "7", subject: "孙七", itemID: "cleanup", day: day("2026-03-08"), by: "孙七", at: at)
        return ledger
    }

    @Test func positiveBoardRanksBalancesWithTies() throws {
        let board = try marchLedger().board(for: .month(2026, 3)!, audience: .committee)
        #expect(board.positive.map(\.subject) == ["张三", "李四", "赵六"])
        #expect(board.positive.map(\.rank) == [1, 1, 3])
        #expect(board.positive.map(\.balance) == [6, 6, 1])
        #expect(board.pendingCount == 1)  // 孙七's declaration is not on the board yet
    }

    @Test func negativeBoardListsMostNegativeFirst() throws {
        let board = try marchLedger().board(for: .month(2026, 3)!, audience: .committee)
        #expect(board.negative.map(\.subject) == ["王五", "赵六"])
        #expect(board.negative.map(\.negativePoints) == [-5, -2])
        #expect(board.negative.first?.itemNames == ["不文明行为"])
    }

    @Test func publicBoardNamesNobodyOnTheNegativeSide() throws {
        let board = try marchLedger().board(for: .month(2026, 3)!, audience: .public)
        #expect(board.negative.isEmpty)
        #expect(board.negativeByItem.map(\.itemName) == ["乱扔垃圾", "不文明行为"])
        #expect(board.negativeByItem.map(\.points) == [-2, -5])
        #expect(board.negativeByItem.allSatisfy { $0.subjectCount == 1 })
        #expect(board.positive.count == 3)
        // A public board cannot be widened back.
        #expect(board.view(for: .committee).negative.isEmpty)
    }

    @Test func aWeekBoardCountsTheWeekButBalancesFromTheYearStart() throws {
        var ledger = try marchLedger()
        try ledger.award(
            id: "8", subject: "赵六", itemID: "cleanup", points: 9, day: day("2026-03-17"), by: "网格员",
            at: moment("2026-03-17 09:00"))
        let week = ledger.board(for: Period(.week, containing: day("2026-03-17")), audience: .committee)
        let zhao = try #require(week.positive.first)
        #expect(zhao.subject == "赵六" && zhao.periodPoints == 9 && zhao.balance == 10)
    }
}
