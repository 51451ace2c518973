import Foundation
import GaoxinCore
import Logging
import SQLKit

/// `gaoxin bench points`: a zone with `residents` residents in households and grids and `entries`
/// points entries over `years` years, in an empty database; then every points page's model built
/// `repeats` times as its route builds it (queries and page model), and the batch sums behind a
/// publication and a quarter's rewards, with the median and slowest time.
public struct PointsBenchmark: Sendable {
    public struct Timing: Sendable {
        public let name: String
        public let median: Duration
        public let slowest: Duration
    }

    let residents: Int
    let entries: Int
    let years: Int
    let repeats: Int

    public init(residents: Int, entries: Int, years: Int, repeats: Int = 7) {
        self.residents = max(10, residents)
        self.entries = max(100, entries)
        self.years = min(10, max(1, years))
        self.repeats = repeats
    }

    public func run(config: AppConfig, logger: Logger) async throws -> (load: Duration, timings: [Timing]) {
        let database = try await Database.open(config.database, logger: logger)
        do {
            try await MigrationRunner(database: database, logger: logger).run()
            guard try await ZoneRepository(db: database.sql).count() == 0 else {
                throw ConfigError("基准测试需要一个空数据库（其中已有园区数据，不会写入）：请指定新的 GAOXIN_SQLITE_PATH 或空的 PostgreSQL 数据库")
            }
            let clock = ContinuousClock()
            let start = clock.now
            let zone = try await load(database)
            try await database.maintenance { try await StatisticsBenchmarkRepository(db: $0).analyze() }
            let loaded = clock.now - start
            let timings = try await time(zone, db: database.sql)
            try await database.shutdown()
            return (loaded, timings)
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    private struct Zone {
        let id: Int64
        let firstPerson: Int64
        let grids: [Int64]
    }

    private func load(_ database: Database) async throws -> Zone {
        let now = Clock.nowSeconds()
        let today = Clock.today
        let households = max(1, residents * 2 / 5)
        return try await database.transaction { db in
            let zoneID = try await ZoneRepository(db: db).insertZone(
                code: "bench", name: "基准园区", fullName: "基准高新区", province: "广东省", city: "佛山市", at: now)
            let statistics = StatisticsBenchmarkRepository(db: db)
            let grids = try await statistics.grids(
                zoneID: zoneID, areaID: try await statistics.area(zoneID: zoneID), count: 300, at: now)
            let repo = PointsBenchmarkRepository(db: db)
            let firstHousehold = try await repo.households(
                zoneID: zoneID, count: households, firstGrid: grids[0], grids: grids.count)
            let firstPerson = try await repo.residents(
                zoneID: zoneID, count: residents, firstHousehold: firstHousehold, households: households,
                firstGrid: grids[0], grids: grids.count, at: now)
            // 16 positive items (the first four capped) and 4 deductions, as a community's list runs.
            let points = PointsRepository(db: db)
            for k in 1...20 {
                let cap: PointsCap? = k <= 4 ? PointsCap(maxPoints: 20, per: .month) : nil
                try await points.insertItem(
                    zoneID: zoneID,
                    PointsItem(
                        id: "P\(k)", name: k <= 16 ? "基准加分事项\(k)" : "基准扣分事项\(k)", category: "基准",
                        points: k <= 16 ? 1 + k % 5 : -5, cap: cap),
                    position: k)
            }
            try await repo.entries(
                zoneID: zoneID, count: entries, days: years * 365, today: today, firstPerson: firstPerson,
                persons: residents, firstHousehold: firstHousehold, households: households, firstGrid: grids[0],
                grids: grids.count, positives: 16, negatives: 4, at: now)
            try await points.rebuildBalances(zoneID: zoneID)
            try await points.rebuildDeclarationDays(zoneID: zoneID)
            try await points.replaceRewardTiers(
                zoneID: zoneID, [("一等奖", 30, "米油礼包"), ("二等奖", 20, "洗衣液"), ("三等奖", 12, "毛巾")])
            return Zone(id: zoneID, firstPerson: firstPerson, grids: grids)
        }
    }

    private func time(_ zone: Zone, db: any SQLDatabase) async throws -> [Timing] {
        let clock = ContinuousClock()
        let today = Clock.today
        func user(_ role: Role, person: Int64? = nil, grids: Set<Int64> = []) -> CurrentUser {
            CurrentUser(
                id: 1, username: "bench", displayName: "基准", role: role, homeZoneID: zone.id, departmentID: nil,
                enterpriseID: nil, personID: person, gridIDs: grids, zoneID: zone.id)
        }
        let committee = PointsAccess(user: user(.zoneAdmin), zoneID: zone.id, isMember: false)
        // Person 1 is in household 1, which holds entries of its own.
        let resident = PointsAccess(
            user: user(.resident, person: zone.firstPerson + 1), zoneID: zone.id, isMember: false)
        let gridWorker = PointsAccess(
            user: user(.gridWorker, grids: Set(zone.grids.prefix(3))), zoneID: zone.id, isMember: false)
        let first = try Pager(page: 1, size: 50)
        var timings: [Timing] = []
        func time(_ name: String, _ body: () async throws -> Void) async throws {
            var runs: [Duration] = []
            for _ in 0..<repeats {
                let t = clock.now
                try await body()
                runs.append(clock.now - t)
            }
            runs.sort()
            timings.append(Timing(name: name, median: runs[runs.count / 2], slowest: runs.last!))
        }
        let lastMonth = Period(.month, containing: today).previous
        try await time("积分榜与公布（上月，第 1 页）") {
            _ = try await PointsBoardsPage.load(
                committee, monthKey: lastMonth.key, pager: first, zoneCode: "bench", csrf: "", db: db)
        }
        try await time("积分榜与公布（上月，第 100 页）") {
            _ = try await PointsBoardsPage.load(
                committee, monthKey: lastMonth.key, pager: try Pager(page: 100, size: 50), zoneCode: "bench", csrf: "",
                db: db)
        }
        try await time("我的积分（居民：本人和本户，余额、排名、记录）") {
            _ = try await PointsHomePage.load(
                resident, yearNumber: today.year, pager: first, zoneCode: "bench", db: db)
        }
        try await time("我的积分（管委会管理员：待审核数）") {
            _ = try await PointsHomePage.load(
                committee, yearNumber: today.year, pager: first, zoneCode: "bench", db: db)
        }
        try await time("每周审核（积分管理小组，全部网格）") {
            _ = try await PointsReviewPage.load(
                committee, weekKey: nil, pager: try Pager(page: 1, size: Pager.maxSize), csrf: "", db: db)
        }
        try await time("每周审核（网格员，3 个网格）") {
            _ = try await PointsReviewPage.load(
                gridWorker, weekKey: nil, pager: try Pager(page: 1, size: Pager.maxSize), csrf: "", db: db)
        }
        try await time("积分事项清单") {
            _ = try await PointsItemsPage.load(committee, pager: first, csrf: "", db: db)
        }
        try await time("积分管理小组") {
            _ = try await PointsCommitteePage.load(committee, pager: first, csrf: "", db: db)
        }
        try await time("季度奖励（上季度，按档次计算名单）") {
            _ = try await PointsRewardsPage.load(
                committee, quarterKey: Period(.quarter, containing: today).previous.key, csrf: "", db: db)
        }
        try await time("API 我的积分（余额、排名、全年记录）") {
            _ = try await PointsAPIRecords.load(
                personID: zone.firstPerson + 1, zoneID: zone.id, yearNumber: today.year, db: db)
        }
        try await time("申报表单（居民）") {
            _ = try await PointsDeclarePage.load(resident, subject: "", item: "", csrf: "", db: db)
        }
        try await time("记录积分表单（网格员，3 个网格的居民）") {
            _ = try await PointsDeclarePage.load(gridWorker, subject: "", item: "", csrf: "", db: db)
        }
        try await time("记录积分表单（管委会管理员：全部居民可选）") {
            _ = try await PointsDeclarePage.load(committee, subject: "", item: "", csrf: "", db: db)
        }
        // Batch steps, not pages: what publishing a month and recording a quarter read.
        let repo = PointsRepository(db: db)
        try await time("批处理：公布上月积分榜所需的合计（全部居民）") {
            _ = try await repo.boardSums(zoneID: zone.id, period: lastMonth)
        }
        return timings
    }
}
