import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Boards, ranks and totals come from SQL aggregates, a page at a time: they must be the engine's
/// boards (`PointsLedger.board`) row for row, on the demo and on a world of one's own.
@Suite struct PointsScaleTests {
    typealias Line = (rank: Int, subject: String, periodPoints: Int, balance: Int)

    static func pages(_ repo: PointsRepository, zoneID: Int64, period: Period, size: Int) async throws -> (
        positive: [Line], negative: [(rank: Int, subject: String, points: Int, count: Int)]
    ) {
        var positive: [Line] = []
        var negative: [(rank: Int, subject: String, points: Int, count: Int)] = []
        var page = 1
        while page < 1000 {
            let pager = try Pager(page: page, size: size)
            let p = try await repo.positiveBoard(zoneID: zoneID, period: period, pager)
            let n = try await repo.negativeBoard(zoneID: zoneID, period: period, pager)
            positive += p.rows.map { ($0.rank, $0.subject, $0.periodPoints, $0.balance) }
            negative += n.rows.map { ($0.rank, $0.subject, $0.points, $0.count) }
            if p.rows.isEmpty && n.rows.isEmpty { break }
            if !p.rows.isEmpty { #expect(p.total >= positive.count) }
            page += 1
        }
        return (positive, negative)
    }

    @Test func theDatabasesBoardsAreTheEnginesOnTheDemo() async throws {
        try await withApp { _, services in
            let zoneID = try await PolicyFixtures.zoneID("jinan", services)
            let repo = PointsRepository(db: services.database.sql)
            let ledger = try await repo.ledger(zoneID: zoneID)
            let items = try await repo.items(zoneID: zoneID).map(\.item)
            var compared = 0
            // Periods before this month: other tests declare and decide in the demo zone today.
            for period in [Period.month(2026, 9)!, .month(2026, 10)!, .month(2026, 11)!, .year(2025)] {
                let engine = ledger.board(for: period, audience: .committee)
                let sums = try await repo.boardSums(zoneID: zoneID, period: period)
                #expect(PointsBoard(period: period, audience: .committee, items: items, sums: sums) == engine)
                // Seven rows a page, so ties and page ends meet.
                let (positive, negative) = try await Self.pages(repo, zoneID: zoneID, period: period, size: 7)
                #expect(positive.map(\.subject) == engine.positive.map(\.subject), "\(period)")
                #expect(positive.map(\.rank) == engine.positive.map(\.rank), "\(period)")
                #expect(positive.map(\.balance) == engine.positive.map(\.balance), "\(period)")
                #expect(positive.map(\.periodPoints) == engine.positive.map(\.periodPoints), "\(period)")
                #expect(negative.map(\.subject) == engine.negative.map(\.subject), "\(period)")
                #expect(negative.map(\.rank) == engine.negative.map(\.rank), "\(period)")
                #expect(negative.map(\.points) == engine.negative.map(\.negativePoints), "\(period)")
                #expect(negative.map(\.count) == engine.negative.map(\.entryCount), "\(period)")
                #expect(try await repo.pendingCount(zoneID: zoneID, period: period) == engine.pendingCount)
                for row in engine.positive.prefix(5) where period.kind == .year {
                    let r = try await repo.rank(zoneID: zoneID, year: period, balance: row.balance)
                    #expect(r.rank == row.rank && r.of == engine.positive.count)
                    #expect(
                        try await repo.points(zoneID: zoneID, subject: row.subject, from: period.start, to: period.end)
                            == ledger.balance(of: row.subject, asOf: period.end))
                }
                compared += engine.positive.count
            }
            #expect(compared > 0)
        }
    }

    @Test func boardsAndRanksComeAPageAtATimeWithTiesShared() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "xiangtan", services)
            // A year of its own, so no other test's entries share this board.
            let year = 2001 + Int(world.tag)! % 20
            let sweep = try await world.item("清扫楼道", points: 2, services)
            var committee = Browser(client)
            _ = try await committee.login(world.committee)
            try await Clock.$fixedNow.withValue(PointsWorld.at("\(year)-03-20")) {
                for (n, times) in [(0, 3), (1, 2), (2, 2)] {
                    for k in 0..<times {
                        let r = try await committee.postPointsForm(
                            "/m/governance/points/declare/upload",
                            fields: [
                                ("subject", world.subject(n)), ("item", sweep), ("day", "\(year)-03-1\(k)"),
                                ("evidence", "清扫楼道第 \(k + 1) 次"),
                            ])
                        #expect(r.status == .seeOther, "\(r.text.prefix(300))")
                    }
                }
            }
            let repo = PointsRepository(db: services.database.sql)
            let twins = [world.subject(1), world.subject(2)].sorted()
            for period in [Period.year(year), .month(year, 3)!] {
                var rows: [PointsRepository.PositiveRow] = []
                for page in 1...4 {
                    let paged = try await repo.positiveBoard(
                        zoneID: world.zoneID, period: period, try Pager(page: page, size: 1))
                    #expect(paged.rows.count == (page <= 3 ? 1 : 0))
                    #expect(paged.hasNext == (page < 3))
                    rows += paged.rows
                }
                #expect(rows.map(\.subject) == [world.subject(0)] + twins)
                #expect(rows.map(\.rank) == [1, 2, 2])
                #expect(rows.map(\.balance) == [6, 4, 4])
                #expect(rows.map(\.periodPoints) == [6, 4, 4])
                #expect(rows.allSatisfy { $0.total == 3 })
            }
            let ledger = try await repo.ledger(zoneID: world.zoneID)
            let engine = ledger.board(for: .year(year), audience: .committee)
            #expect(engine.positive.map(\.subject) == [world.subject(0)] + twins)

            // What a resident and the committee see of it. The residents log in on today's clock: a
            // session begun on a clock pinned in a past year has long expired, and another test's
            // sweep of expired sessions may remove it at any moment.
            var second = Browser(client)
            _ = try await second.login(world.residents[1].username)
            var third = Browser(client)
            _ = try await third.login(world.residents[2].username)
            try await Clock.$fixedNow.withValue(PointsWorld.at("\(year)-04-02")) {
                let own = try await second.get("/m/governance/points?year=\(year)")
                #expect(own.text.contains("第 2 名（共 3 名上榜）"), "\(own.text.prefix(300))")
                #expect(own.text.contains("当前余额</dt><dd>4 分"))
                let boards = try await committee.get("/m/governance/points/boards?month=\(year)-03")
                #expect(boards.status == .ok)
                for n in 0..<3 { #expect(boards.text.contains(world.residents[n].name)) }
                // Three rows fit one page: no page links.
                #expect(!boards.text.contains("正向激励榜分页"))

                // A declaration counts toward the rank once confirmed in the weekly review (the year
                // totals move with the decision): the third resident then ties the first.
                let declared = try await third.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", world.subject(2)), ("item", sweep), ("day", "\(year)-04-01"), ("evidence", "清扫楼道"),
                    ])
                #expect(declared.status == .seeOther, "\(declared.text.prefix(300))")
                #expect(try await third.get("/m/governance/points?year=\(year)").text.contains("第 2 名（共 3 名上榜）"))
                let pending = try #require(try await world.entries(services).first { $0.status == "pending" })
                let week = Period(.week, containing: Day("\(year)-04-01")!).key
                // The committee's review counts the week's declarations from the stored day counts,
                // which move with the decision too.
                let waiting = try await committee.get("/m/governance/points/review?week=\(week)")
                #expect(waiting.text.contains("的申报（待确认 1 条）"), "\(waiting.text.prefix(300))")
                let decided = try await committee.post(
                    "/m/governance/points/review?week=\(week)",
                    form: [("entry", String(pending.id)), ("d_\(pending.id)", "confirm")])
                #expect(decided.status == .seeOther, "\(decided.text.prefix(300))")
                let reviewed = try await committee.get("/m/governance/points/review?week=\(week)")
                #expect(reviewed.text.contains("的申报（待确认 0 条）"))
                #expect(try await third.get("/m/governance/points?year=\(year)").text.contains("第 1 名（共 3 名上榜）"))
            }
        }
    }
}
