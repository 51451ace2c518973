import Foundation
import GaoxinCore
import Logging

/// `gaoxin bench dashboard`: a zone with `years` of monthly indicators, `projects` projects and
/// `cases` cases across the case types, in an empty database; then the committee dashboard and the
/// to-do lists of the zone admin, a department and a grid worker, each built `repeats` times as the
/// pages build them (queries and page models), with the median and slowest time.
public struct StatisticsBenchmark: Sendable {
    public struct Timing: Sendable {
        public let name: String
        public let median: Duration
        public let slowest: Duration
    }

    let cases: Int
    let projects: Int
    let years: Int
    let repeats: Int

    public init(cases: Int, projects: Int, years: Int, repeats: Int = 7) {
        self.cases = cases
        self.projects = projects
        self.years = years
        self.repeats = repeats
    }

    public func run(config: AppConfig, logger: Logger) async throws -> (load: Duration, timings: [Timing]) {
        let database = try await Database.open(config.database, logger: logger)
        do {
            try await MigrationRunner(database: database, logger: logger).run()
            let reused = try await StatisticsBenchmarkRepository(db: database.sql).generated()
            let empty = try await ZoneRepository(db: database.sql).count() == 0
            guard reused != nil || empty else {
                throw ConfigError("基准测试需要一个空数据库（其中已有园区数据，不会写入）：请指定新的 GAOXIN_SQLITE_PATH 或空的 PostgreSQL 数据库")
            }
            let clock = ContinuousClock()
            let start = clock.now
            let now = Clock.nowSeconds()
            let today = Clock.today
            var generated = reused
            if generated == nil {
                generated = try await database.transaction { db in
                    let zones = ZoneRepository(db: db)
                    let zoneID = try await zones.insertZone(
                        code: "bench", name: "基准园区", fullName: "基准高新区", province: "广东省", city: "佛山市", at: now)
                    let departmentID = try await zones.insertDepartment(
                        zoneID: zoneID, code: "D1", name: "科技创新局", kind: "bureau")
                    let repo = StatisticsBenchmarkRepository(db: db)
                    let areaID = try await repo.area(zoneID: zoneID)
                    let grids = try await repo.grids(zoneID: zoneID, areaID: areaID, count: 300, at: now)
                    try await repo.cases(
                        zoneID: zoneID, count: cases, firstGrid: grids[0], grids: grids.count,
                        departmentID: departmentID,
                        today: today, at: now)
                    try await repo.projects(zoneID: zoneID, count: projects, on: today, at: now)
                    try await repo.monthlyFigures(
                        zoneID: zoneID, indicators: 20, months: years * 12, last: today, at: now)
                    return (zoneID, departmentID, grids)
                }
            }
            guard let (zoneID, departmentID, gridIDs) = generated else { return (.zero, []) }
            if reused == nil {
                try await database.maintenance { try await StatisticsBenchmarkRepository(db: $0).analyze() }
            }
            let load = clock.now - start
            let calendar = try WorkCalendar.official(directory: nil)
            func user(_ role: Role, department: Int64? = nil, grids: Set<Int64> = []) -> CurrentUser {
                CurrentUser(
                    id: 1, username: "bench", displayName: "基准", role: role, homeZoneID: zoneID,
                    departmentID: department, enterpriseID: nil, personID: nil, gridIDs: grids, zoneID: zoneID)
            }
            let db = database.sql
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
            try await time("管委会总览（全部图表与表格）") {
                _ = try await StatisticsDashboardPage.load(zoneID: zoneID, db: db)
            }
            // Where the overview's time goes, part by part.
            let r = StatisticsDashboardRepository(db: db)
            try await time("  其中 项目漏斗") { _ = try await r.projectsByStage(zoneID: zoneID) }
            try await time("  其中 政策兑现") { _ = try await r.payoutsByYear(zoneID: zoneID) }
            try await time("  其中 政策咨询") {
                _ = try await r.consultations(zoneID: zoneID, typeCode: ConsultationCaseTypes.consultation.code)
            }
            try await time("  其中 网格事件按状态") {
                _ = try await r.eventsByState(zoneID: zoneID, typeCodes: EventCaseTypes.categories.map(\.caseTypeCode))
            }
            try await time("  其中 好差评") { _ = try await StatisticsDashboardPage.ratingSection(zoneID: zoneID, repo: r) }
            try await time("  其中 系统计算指标") {
                _ = try await StatisticsHomePage.computedLines(zoneID: zoneID, repo: StatisticsRepository(db: db))
            }
            try await time("  其中 录入指标与同比") {
                _ = try await StatisticsDashboardPage.indicatorSections(zoneID: zoneID, db: db)
            }
            try await time("待办：管委会管理员") {
                _ = try await ToDoList.load(user: user(.zoneAdmin), zoneID: zoneID, db: db, calendar: calendar)
            }
            try await time("待办：部门工作人员") {
                _ = try await ToDoList.load(
                    user: user(.departmentStaff, department: departmentID), zoneID: zoneID, db: db, calendar: calendar)
            }
            try await time("待办：网格员（3 个网格）") {
                _ = try await ToDoList.load(
                    user: user(.gridWorker, grids: Set(gridIDs.prefix(3))), zoneID: zoneID, db: db, calendar: calendar)
            }
            try await database.shutdown()
            return (load, timings)
        } catch {
            try? await database.shutdown()
            throw error
        }
    }
}
