import App
import Foundation
import GaoxinCore
import Logging

/// `gaoxin bench rematch`: a province-size zone (by default 100 000 enterprises with three years of
/// figures and 300 policy items) in an empty database, then the runs a zone lives with, each timed
/// through the same `PolicyMatching` the pages call (database reads and writes included):
/// the first match, a re-match after one item's rule changed, and a re-match with nothing changed.
struct RematchBenchmark: Sendable {
    struct Run: Sendable {
        let name: String
        let total: Duration
        /// Where the run spent its time.
        let parts: (read: Duration, evaluate: Duration, write: Duration)
        /// A matching run's eligible pairs and rewritten enterprises (nil for the rankings).
        let matched: (eligible: Int, changed: Int)?

        /// A run that took `total`, of which `timings` read and evaluated; the rest wrote.
        init(_ name: String, total: Duration, timings: TimingsBox, matched: (eligible: Int, changed: Int)? = nil) {
            self.name = name
            self.total = total
            let (read, evaluate) = (timings.value.read, timings.value.evaluate)
            self.parts = (read, evaluate, total - read - evaluate)
            self.matched = matched
        }
    }

    let enterprises: Int
    let items: Int
    let threads: Int
    let rankings: Bool

    init(enterprises: Int, items: Int, rankings: Bool = true) {
        self.enterprises = enterprises
        self.items = items
        self.rankings = rankings
        threads = ProcessInfo.processInfo.activeProcessorCount
    }

    /// Fills the database (which must hold no zone yet) and times the runs. `progress` gets a
    /// fraction of the loading done.
    func run(config: AppConfig, logger: Logger, progress: @Sendable (Double) -> Void = { _ in }) async throws
        -> (load: Duration, runs: [Run])
    {
        let database = try await Database.open(config.database, logger: logger)
        do {
            try await MigrationRunner(database: database, logger: logger).run()
            guard try await ZoneRepository(db: database.sql).count() == 0 else {
                throw ConfigError("基准测试需要一个空数据库（其中已有园区数据，不会写入）：请指定新的 GAOXIN_SQLITE_PATH 或空的 PostgreSQL 数据库")
            }
            let clock = ContinuousClock()
            let loadStart = clock.now
            let (zoneID, itemIDs) = try await load(database, progress: progress)
            let load = clock.now - loadStart
            var runs: [Run] = []
            runs.append(try await timed("首次全量匹配", zoneID: zoneID, database: database))
            // One policy change: the first item's threshold moves, as a department editing it would.
            try await database.transaction { db in
                try await PolicyRepository(db: db).setRule(itemID: itemIDs[0], ruleJSON: Self.rule(kind: 0, step: 7))
            }
            runs.append(try await timed("修改一个条款后重新匹配", zoneID: zoneID, database: database))
            runs.append(try await timed("无变化时重新匹配", zoneID: zoneID, database: database))
            if rankings {
                // The stored rankings a page reads: five criteria and innovation points. The first run
                // evaluates every enterprise; later runs only those whose record changed: new figures,
                // or on a new day an age the criteria still read or a certification that lapsed.
                let store = AssessmentStore(database: database)
                func ranked(_ name: String, today: Day = Clock.today) async throws {
                    let timings = TimingsBox()
                    let start = clock.now
                    try await store.recompute(zoneID: zoneID, today: today, timings: timings)
                    runs.append(Run(name, total: clock.now - start, timings: timings))
                }
                try await ranked("首次计算认定条件后备排名与创新积分（全部企业）")
                try await database.transaction { db in
                    let repo = EnterpriseRepository(db: db)
                    let ids = try await repo.ids(zoneID: zoneID)
                    // 100 enterprises report this year's figures, as a busy day of updates would.
                    for k in 0..<min(100, ids.count) {
                        var facts = YearFacts(year: Clock.today.year - 1)
                        facts.revenue = Double(1000 + k * 37)
                        facts.rdExpense = Double(60 + k)
                        facts.staff = Double(50 + k)
                        facts.techStaff = Double(10 + k % 30)
                        try await repo.upsertFacts(
                            enterpriseID: ids[k * ids.count / min(100, ids.count)], zoneID: zoneID, facts: facts,
                            at: Clock.nowSeconds())
                    }
                    try await AssessmentStore.markStale(zoneID: zoneID, db: db)
                }
                try await ranked("100 家企业更新数据后重算")
                try await ranked("无变化时重算")
                try await ranked("次日重算（成立未满一年或证书起止的企业）", today: Clock.today.adding(days: 1))
            }
            try await database.shutdown()
            return (load, runs)
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    private func timed(_ name: String, zoneID: Int64, database: Database) async throws -> Run {
        let timings = TimingsBox()
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try await database.transaction { db in
            try await PolicyMatching(db: db).run(zoneID: zoneID, trigger: "基准测试", actor: nil, timings: timings)
        }
        return Run(name, total: clock.now - start, timings: timings, matched: (summary.eligible, summary.changed))
    }

    // MARK: - The zone

    private func load(_ database: Database, progress: @Sendable (Double) -> Void) async throws -> (Int64, [Int64]) {
        let now = Clock.nowSeconds()
        var random = SplitMix64(seed: 20_261_125)
        let (zoneID, policyIDs) = try await database.transaction { db -> (Int64, [Int64]) in
            let zones = ZoneRepository(db: db)
            let zoneID = try await zones.insertZone(
                code: "bench", name: "基准测试园区", fullName: "基准测试高新技术产业开发区",
                province: "测试省", city: "测试市", at: now)
            let departmentID = try await zones.insertDepartment(
                zoneID: zoneID, code: "science", name: "科技创新局", kind: "science")
            let policies = PolicyRepository(db: db)
            var policyIDs: [Int64] = []
            for p in 0..<max(1, items / 10) {
                policyIDs.append(
                    try await policies.insertDocument(
                        zoneID: zoneID, departmentID: departmentID, title: "基准测试政策 \(p + 1)",
                        effectiveOn: "2025-01-01", at: now))
            }
            return (zoneID, policyIDs)
        }
        let steps = (0..<items).map { _ in Int(random.next() % 10) }
        let itemIDs = try await database.transaction { db -> [Int64] in
            let policies = PolicyRepository(db: db)
            var ids: [Int64] = []
            for i in 0..<items {
                let fixed = i % 3 != 0
                ids.append(
                    try await policies.insertItem(
                        zoneID: zoneID, policyID: policyIDs[i % policyIDs.count], position: i,
                        title: "基准条款 \(i + 1)", fixedAmount: fixed ? Double(10 + i % 50) : nil,
                        formula: fixed ? nil : #"{"*":[{"var":"rdExpense"},0.1]}"#, cap: fixed ? nil : 200.0,
                        ruleJSON: Self.rule(kind: i % Self.ruleKinds, step: steps[i]), at: now))
            }
            return ids
        }
        // Enterprises in batches of 1000, each batch in its own transaction with its figures.
        let batch = 1000
        for start in stride(from: 0, to: enterprises, by: batch) {
            let count = min(batch, enterprises - start)
            var rows: [EnterpriseBulkRow] = []
            for k in start..<(start + count) {
                let revenue = Double(500 + random.next() % 50_000)
                let growth = 0.8 + Double(random.next() % 80) / 100
                let rdShare = Double(random.next() % 90) / 1000
                let staff = Double(10 + random.next() % 800)
                let years = (0..<3).map { y -> (year: Int, factsJSON: String) in
                    let r = (revenue * pow(growth, Double(y - 2))).rounded()
                    return (
                        2023 + y,
                        #"{"year":\#(2023 + y),"revenue":\#(r),"mainRevenue":\#((r * 0.9).rounded()),"rdExpense":\#((r * rdShare).rounded()),"#
                            + #""staff":\#(staff),"techStaff":\#((staff * 0.2).rounded()),"rdStaff":\#((staff * 0.1).rounded()),"ipClass1":\#(random.next() % 12),"#
                            + #""totalAssets":\#((r * 1.5).rounded()),"debtRatio":\#(Double(random.next() % 90) / 100)}"#
                    )
                }
                // Founded over the last sixteen years: about one in eight less than two years ago.
                let founded = Clock.today.adding(days: -90 - Int(random.next() % 5800))
                rows.append(
                    EnterpriseBulkRow(
                        name: "基准企业 \(k + 1)", uscc: String(format: "BENCH%013d", k), foundedOn: founded.description,
                        profileJSON: k % 4 == 0 ? #"{"stage":"growth","inSupportedField":true}"# : nil, years: years,
                        certifications: k % 5 == 0 ? [("high_tech", "2024-12-0\(1 + k % 8)", "2027-11-30")] : []))
            }
            let snapshot = rows
            try await database.transaction { db in
                try await EnterpriseRepository(db: db).insertBulk(snapshot, zoneID: zoneID, at: now)
            }
            progress(Double(start + count) / Double(enterprises))
        }
        return (zoneID, itemIDs)
    }

    static let ruleKinds = 6

    /// Eligibility rules of the shapes the demo ledger uses (R&D intensity and size, certification
    /// plus revenue, growth, patents and age, stage, either-or); `step` moves the thresholds so
    /// the 300 items differ and each fits a few percent of the zone.
    static func rule(kind: Int, step: Int) -> String {
        let s = Double(step)
        switch kind {
        case 0:
            return
                #"{"and":[{">=":[{"var":"rdRatio"},\#(0.05 + s * 0.002)]},{"<=":[{"var":"staff"},\#(300 + step * 20)]}]}"#
        case 1:
            return
                #"{"and":[{"in":["high_tech",{"var":"certifications"}]},{">=":[{"var":"revenue"},\#(30_000 + step * 1000)]}]}"#
        case 2:
            return
                #"{"and":[{">":[{"var":"revenueGrowth"},\#(0.45 + s * 0.02)]},{">=":[{"var":"revenue"},\#(5000 + step * 500)]}]}"#
        case 3:
            return
                #"{"and":[{">=":[{"var":"ipClass1"},\#(10 + step % 2)]},{">=":[{"var":"registeredDays"},\#(3000 + step * 100)]}]}"#
        case 4:
            return #"{"and":[{"==":[{"var":"stage"},"growth"]},{">=":[{"var":"rdExpense"},\#(1500 + step * 100)]}]}"#
        default:
            return
                #"{"or":[{">=":[{"var":"techStaffRatio"},\#(0.5 + s)]},{"and":[{"<=":[{"var":"debtRatio"},\#(0.02 + s * 0.002)]},{">=":[{"var":"totalAssets"},\#(40_000 + step * 1000)]}]}]}"#
        }
    }
}

/// A small seeded generator, so every benchmark run builds the same zone.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
