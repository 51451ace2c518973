import Foundation
import GaoxinCore
import Logging
import SQLKit

/// Loads the demo zones (from `Resources/Demo/zones.json`, which the seed articles gave) with a
/// login for every role in each zone and a platform admin, their enterprises and policy ledgers.
/// Runs only on an empty database.
struct DemoLoader {
    let services: AppServices

    /// Every demo account shares this password, so the README can list the logins.
    static let password = "Gaoxin@2026"

    struct DemoZone: Decodable {
        struct Park: Decodable {
            let code: String
            let name: String
        }
        struct Department: Decodable {
            struct Spokesperson: Decodable {
                let name: String
                let title: String?
                let phone: String?
            }
            let code: String
            let name: String
            let kind: String
            let spokesperson: Spokesperson?
        }
        let code: String
        let name: String
        let fullName: String
        let province: String
        let city: String
        let parks: [Park]
        let departments: [Department]
    }

    /// The demo accounts of one zone: username prefix, role, display name.
    static let roleLogins: [(prefix: String, role: Role, name: String)] = [
        ("admin", .zoneAdmin, "管委会管理员"),
        ("staff", .departmentStaff, "科技局工作人员"),
        ("invest", .investmentOfficer, "招商专员"),
        ("grid", .gridWorker, "网格员"),
        ("enterprise", .enterpriseUser, "企业用户"),
        ("resident", .resident, "居民"),
    ]

    static func zones() throws -> [DemoZone] {
        try JSONDecoder().decode([DemoZone].self, from: Data(contentsOf: AppResources.url("Resources/Demo/zones.json")))
    }

    /// Loads the demo when there are no zones yet; returns whether it loaded.
    @discardableResult
    func loadIfEmpty() async throws -> Bool {
        guard try await ZoneRepository(db: services.database.sql).count() == 0 else { return false }
        let zones = try Self.zones()
        let hash = try await services.hasher.hash(Self.password)  // one hash: the same password for every demo login
        let now = Clock.nowSeconds()
        let seeded = try await services.database.transaction {
            db -> [(zoneID: Int64, parks: [Int64], existing: [(String, String)])] in
            var seeded: [(Int64, [Int64], [(String, String)])] = []
            let zoneRepo = ZoneRepository(db: db)
            let users = UserRepository(db: db)
            _ = try await users.insert(
                UserRow(
                    id: 0, zoneId: nil, username: "platform", displayName: "平台管理员", role: Role.platformAdmin.rawValue,
                    passwordHash: hash, isActive: true, createdAt: now, passwordChangedAt: now))
            for (index, zone) in zones.enumerated() {
                let zoneID = try await zoneRepo.insertZone(
                    code: zone.code, name: zone.name, fullName: zone.fullName,
                    province: zone.province, city: zone.city, at: now)
                var parkIDs: [Int64] = []
                for park in zone.parks {
                    parkIDs.append(try await zoneRepo.insertPark(zoneID: zoneID, code: park.code, name: park.name))
                }
                var scienceDepartment: Int64?
                for d in zone.departments {
                    let id = try await zoneRepo.insertDepartment(
                        DepartmentRow(
                            id: 0, zoneId: zoneID, code: d.code, name: d.name, kind: d.kind,
                            spokespersonName: d.spokesperson?.name,
                            spokespersonTitle: d.spokesperson?.title, spokespersonPhone: d.spokesperson?.phone))
                    if d.kind == "science", scienceDepartment == nil { scienceDepartment = id }
                }
                let enterprises = try await demoEnterprises(
                    zone: zone, zoneIndex: index, zoneID: zoneID, parkIDs: parkIDs, at: now, db: db)
                let personID = try await demoResident(zone: zone, zoneIndex: index, zoneID: zoneID, at: now, db: db)
                for login in Self.roleLogins {
                    _ = try await users.insert(
                        UserRow(
                            id: 0, zoneId: zoneID, username: "\(login.prefix)@\(zone.code)",
                            displayName: "\(zone.name)\(login.name)",
                            role: login.role.rawValue, passwordHash: hash,
                            departmentId: login.role == .departmentStaff ? scienceDepartment : nil,
                            enterpriseId: login.role == .enterpriseUser ? enterprises.first : nil,
                            personId: login.role == .resident ? personID : nil,
                            isActive: true, createdAt: now, passwordChangedAt: now))
                }
                try await AuditLog.record(
                    zoneID: zoneID, actor: nil, entity: "zone", id: zoneID, action: "create_demo",
                    before: String?.none, after: ["name": zone.name, "source": "演示数据"], on: db)
                let existing = try await EnterpriseRepository(db: db).list(zoneID: zoneID, limit: 10, offset: 0)
                seeded.append(
                    (
                        zoneID, parkIDs,
                        enterprises.compactMap { id in existing.first { $0.id == id }.map { ($0.uscc, $0.name) } }
                    ))
            }
            return seeded
        }
        // The registry through the same import path a zone uses, then the certifications.
        let today = LocalMoment(unixSeconds: now).day
        for (index, (zone, seed)) in zip(zones, seeded).enumerated() {
            let demo = DemoEnterprises.make(
                zoneIndex: index, city: zone.city, count: zone.code == "foshan" ? 240 : 40,
                parkIDs: seed.parks, existing: seed.existing, today: today)
            _ = try await EnterpriseImport(database: services.database).run(
                rows: demo.rows, zoneID: seed.zoneID, actor: nil)
            try await services.database.transaction { db in
                let repo = EnterpriseRepository(db: db)
                for (uscc, certification) in demo.certifications {
                    guard let enterprise = try await repo.find(uscc: uscc, zoneID: seed.zoneID) else { continue }
                    _ = try await repo.insertCertification(
                        zoneID: seed.zoneID, enterpriseID: enterprise.id, certification: certification, number: nil,
                        at: now)
                }
            }
            // The zone's policy ledger, then every enterprise matched against it.
            try await services.database.transaction { db in
                _ = try await DemoPolicies.load(
                    zoneCode: zone.code, zoneName: zone.name, zoneID: seed.zoneID, today: today, db: db)
                try await PolicyMatching(db: db).run(zoneID: seed.zoneID, trigger: "演示数据", actor: nil, today: today)
            }
            let engine = services.cases.engine
            try await services.database.transaction { db in
                try await DemoConsultations.load(zoneCode: zone.code, zoneID: seed.zoneID, engine: engine, db: db)
            }
            // Questions left unanswered past their deadline are marked and escalated as the server would.
            try await services.cases.checkOverdue(zoneID: seed.zoneID, now: .now, database: services.database)
            // Applications in every state and payouts (兑现), read from the matches just stored.
            try await services.database.transaction { db in
                try await DemoApplications.load(zoneCode: zone.code, zoneID: seed.zoneID, today: today, db: db)
            }
            // Grids, grid workers and residents (基层治理).
            try await services.database.transaction { db in
                try await DemoGrids.load(zoneCode: zone.code, zoneID: seed.zoneID, db: db)
            }
            // Grid events in every state (only where the zone has grids).
            try await DemoEvents.load(zoneCode: zone.code, zoneID: seed.zoneID, services: services)
            try await services.database.transaction { db in
                try await DemoResidentPoints.load(zoneCode: zone.code, zoneID: seed.zoneID, today: today, db: db)
            }
            try await services.database.transaction { db in
                try await DemoDeliberation.load(zoneCode: zone.code, zoneID: seed.zoneID, today: today, db: db)
            }
            try await services.database.transaction { db in  // investment
                try await DemoInvestment.load(zoneCode: zone.code, zoneID: seed.zoneID, today: today, db: db)
                try await DemoInvestmentDispatch.load(zoneCode: zone.code, zoneID: seed.zoneID, today: today, db: db)
            }
            // 难点堵点 on 肇庆's projects, then the sweep marks the late one as the server would.
            try await services.database.transaction { db in
                try await DemoInvestmentBlockers.load(zoneCode: zone.code, zoneID: seed.zoneID, engine: engine, db: db)
            }
            try await services.cases.checkOverdue(zoneID: seed.zoneID, now: .now, database: services.database)
            try await services.database.transaction { db in  // enterprise help
                try await DemoEnterpriseHelp.load(zoneCode: zone.code, zoneID: seed.zoneID, engine: engine, db: db)
            }
            try await services.database.transaction { db in  // mediation
                try await DemoMediation.load(zoneCode: zone.code, zoneID: seed.zoneID, engine: engine, db: db)
            }
            try await services.cases.checkOverdue(zoneID: seed.zoneID, now: .now, database: services.database)
            try await services.database.transaction { db in  // statistics
                try await DemoStatistics.load(
                    zoneCode: zone.code, zoneName: zone.name, zoneID: seed.zoneID, now: now, db: db)
                try await DemoEvaluation.load(zoneCode: zone.code, zoneID: seed.zoneID, now: now, db: db)
            }
            try await services.database.transaction { db in  // services
                try await DemoServiceCases.load(
                    zoneCode: zone.code, zoneID: seed.zoneID, engine: engine, today: today, db: db)
            }
            // services: the sweep marks the demo's late open applications as the server would.
            try await services.cases.checkOverdue(zoneID: seed.zoneID, now: .now, database: services.database)
        }
        services.logger.info("已载入演示数据：\(zones.count) 个园区")
        return true
    }

    /// Three enterprises per zone, with valid 统一社会信用代码 (the check character is found by
    /// asking the validator, so the demo never disagrees with it).
    private func demoEnterprises(
        zone: DemoZone, zoneIndex: Int, zoneID: Int64, parkIDs: [Int64], at: Int64, db: any SQLDatabase
    ) async throws -> [Int64] {
        let names = [
            "\(zone.city.replacingOccurrences(of: "市", with: ""))智能装备有限公司",
            "\(zone.city.replacingOccurrences(of: "市", with: ""))新材料科技股份有限公司",
            "\(zone.city.replacingOccurrences(of: "市", with: ""))生物医药研究有限公司",
        ]
        var ids: [Int64] = []
        for (i, name) in names.enumerated() {
            let uscc = Self.creditCode(
                body: String(format: "91%06d%09d", 100_000 + zoneIndex * 1111, 300_000_000 + zoneIndex * 100 + i))
            ids.append(
                try await EnterpriseRepository(db: db).insert(
                    zoneID: zoneID, parkID: parkIDs.isEmpty ? nil : parkIDs[i % parkIDs.count],
                    name: name, uscc: uscc, at: at))
        }
        return ids
    }

    private func demoResident(zone: DemoZone, zoneIndex: Int, zoneID: Int64, at: Int64, db: any SQLDatabase)
        async throws -> Int64
    {
        let idNumber = Self.residentID(body: String(format: "%06d19860412%03d", 110_101 + zoneIndex, 101 + zoneIndex))
        return try await ResidentRepository(db: db).insertPerson(
            zoneID: zoneID, name: "王秀兰", idNumber: idNumber, phone: "13800138000", at: at)
    }

    static func creditCode(body: String) -> String {
        for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" {
            if let code = try? CreditCode(body + String(c)) { return code.value }
        }
        preconditionFailure("no check character completes \(body)")
    }

    static func residentID(body: String) -> String {
        for c in "0123456789X" {
            if let id = try? ResidentID(body + String(c), today: Day(year: 2026, month: 1, day: 1)!) { return id.value }
        }
        preconditionFailure("no check character completes \(body)")
    }

    /// The lines `gaoxin serve` prints so a new user can sign in at once.
    static func loginSummary(zoneCodes: [(code: String, name: String)]) -> [String] {
        var lines = ["演示账号（密码均为 \(password)）：", "  平台管理员            platform"]
        for zone in zoneCodes {
            let logins = roleLogins.map { "\($0.prefix)@\(zone.code)" }.joined(separator: "  ")
            lines.append("  \(zone.name)：\(logins)")
        }
        lines.append("  角色：admin=管委会管理员 staff=部门工作人员 invest=招商专员/链长 grid=网格员 enterprise=企业用户 resident=居民")
        return lines
    }
}
