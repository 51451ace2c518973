import Foundation
import GaoxinCore
import SQLKit

/// The platform's first run and its zones: the platform admin, a zone with its first admin.
/// Everything is checked first (a `Refusal` lists each problem) and written in one transaction.
struct ZoneService: Sendable {
    let services: AppServices

    /// A new zone and the account of its first admin.
    struct NewZone: Sendable {
        var code: String
        var name: String
        var fullName: String
        var province: String
        var city: String
        var adminUsername: String
        var adminPassword: String
    }

    /// Whether the platform has been set up (a platform admin exists).
    func isSetUp() async throws -> Bool {
        try await UserRepository(db: services.database.sql).count(role: .platformAdmin) > 0
    }

    /// The first run: the platform admin, and optionally the first zone with its admin.
    func setUp(username: String, password: String, zone: NewZone?) async throws {
        var errors = FormErrors()
        if try await isSetUp() { errors.add("platform", "平台已完成初始设置（已有平台管理员），请直接登录") }
        checkAccount(username: username, password: password, field: "username", label: "平台管理员", into: &errors)
        if let zone { try await check(zone, into: &errors) }
        if let zone, zone.adminUsername.lowercased() == username.lowercased() {
            errors.add("zone_admin", "园区管理员：用户名不能与平台管理员相同")
        }
        try Refusal.check(errors)
        let now = Clock.nowSeconds()
        let hash = try await services.hasher.hash(password)
        let zoneHash = try await zone.asyncMap { try await services.hasher.hash($0.adminPassword) }
        try await services.database.transaction { db in
            let users = UserRepository(db: db)
            let admin = UserRow(
                id: 0, zoneId: nil, username: username.lowercased(), displayName: "平台管理员",
                role: Role.platformAdmin.rawValue,
                passwordHash: hash, departmentId: nil, enterpriseId: nil, personId: nil, isActive: true, createdAt: now,
                passwordChangedAt: now)
            let id = try await users.insert(admin)
            try await AuditLog.record(
                zoneID: nil, actor: nil, entity: "user", id: id, action: "setup", after: UserAuditView(admin), on: db)
            if let zone, let zoneHash {
                try await insert(zone, adminHash: zoneHash, at: now, db: db)
            }
        }
    }

    private func checkAccount(
        username: String, password: String, field: String, label: String, into errors: inout FormErrors
    ) {
        let name = username.lowercased()
        if name.isEmpty || name.count > 60
            || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._@-".contains($0)) })
        {
            errors.add(field, "\(label)用户名：只能包含英文字母、数字和 . _ @ -，1 到 60 个字符")
        }
        for problem in PasswordHasher.problems(with: password, username: name) {
            errors.add(field == "username" ? "password" : "\(field)_password", "\(label)密码：\(problem)")
        }
    }

    func check(_ zone: NewZone, into errors: inout FormErrors) async throws {
        let code = zone.code
        if code.isEmpty || code.count > 30
            || !code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        {
            errors.add("zone_code", "园区代码：只能包含小写英文字母、数字和 -，1 到 30 个字符（如 foshan）")
        } else if try await ZoneRepository(db: services.database.sql).zone(code: code) != nil {
            errors.add("zone_code", "园区代码：“\(code)”已被使用")
        }
        checkNames(zone, into: &errors)
        checkAccount(
            username: zone.adminUsername, password: zone.adminPassword, field: "zone_admin", label: "园区管理员",
            into: &errors)
        if try await UserRepository(db: services.database.sql).find(username: zone.adminUsername.lowercased()) != nil {
            errors.add("zone_admin", "园区管理员：用户名“\(zone.adminUsername)”已被使用")
        }
    }

    func checkNames(_ zone: NewZone, into errors: inout FormErrors) {
        if zone.name.isEmpty || zone.name.count > 40 { errors.add("zone_name", "园区简称：请填写，不超过 40 个字") }
        if zone.fullName.count > 80 { errors.add("zone_full_name", "园区全称：不超过 80 个字") }
        if zone.province.count > 20 || zone.city.count > 20 { errors.add("zone_region", "所在省市：各不超过 20 个字") }
    }

    /// Writes the zone and its admin (inside the caller's transaction).
    @discardableResult
    func insert(
        _ zone: NewZone, adminHash: String, at now: Int64, db: any SQLDatabase, actor: CurrentUser? = nil
    ) async throws -> Int64 {
        let zoneID = try await ZoneRepository(db: db).insertZone(
            code: zone.code, name: zone.name, fullName: zone.fullName.isEmpty ? zone.name : zone.fullName,
            province: zone.province, city: zone.city, at: now)
        let admin = UserRow(
            id: 0, zoneId: zoneID, username: zone.adminUsername.lowercased(), displayName: "\(zone.name)管理员",
            role: Role.zoneAdmin.rawValue, passwordHash: adminHash, departmentId: nil, enterpriseId: nil, personId: nil,
            isActive: true, createdAt: now, passwordChangedAt: now)
        let adminID = try await UserRepository(db: db).insert(admin)
        try await AuditLog.record(
            zoneID: zoneID, actor: actor, entity: "zone", id: zoneID, action: "create",
            after: ["code": zone.code, "name": zone.name], on: db)
        try await AuditLog.record(
            zoneID: zoneID, actor: actor, entity: "user", id: adminID, action: "create", after: UserAuditView(admin),
            on: db)
        return zoneID
    }
}
