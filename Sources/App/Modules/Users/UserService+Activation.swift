import Foundation
import GaoxinCore
import Hummingbird

/// Redeeming a code on the public activation page: a resident makes the login of their record
/// (checked against the last 6 characters of the registered 身份证号), an imported account sets its
/// first password (checked against its username). Wrong attempts count like failed logins (per
/// address) and against the code (the fifth ends it).
extension UserService {
    /// The activation form as typed.
    struct Activation: Sendable {
        var code: String
        var username: String
        var idSuffix: String
        var password: String
        var confirm: String

        init(_ form: FormData) {
            code = String(form["code"].prefix(40))
            username = String(form["username"].lowercased().prefix(80))
            idSuffix = String(form["id_suffix"].uppercased().prefix(20))
            password = form.raw("password")
            confirm = form.raw("confirm_password")
        }

        init(code: String, username: String, idSuffix: String, password: String) {
            self.code = code
            self.username = username
            self.idSuffix = idSuffix.uppercased()
            self.password = password
            confirm = password
        }
    }

    static let throttle = LoginThrottle(maxFailuresPerAccount: 5, maxFailuresPerAddress: 20)
    static let throttleKey = "activation"

    /// Checks and redeems a code; returns the username that can now sign in.
    func activate(_ input: Activation, address: String) async throws -> String {
        let sql = database.sql
        if let wait = try await Self.throttle.waitSeconds(username: Self.throttleKey, address: address, db: sql) {
            throw Refusal("code", "激活码：尝试次数过多，请在 \((wait + 59) / 60) 分钟后再试", status: .tooManyRequests)
        }
        var errors = FormErrors()
        if ActivationCode.normalized(input.code).isEmpty { errors.add("code", "激活码：请填写") }
        if input.password != input.confirm { errors.add("confirm_password", "确认密码：与新密码不一致") }
        for problem in PasswordHasher.problems(with: input.password, username: input.username) {
            errors.add("password", "新密码：\(problem)")
        }
        try Refusal.check(errors)

        let repo = UserAdminRepository(db: sql)
        let now = Clock.nowSeconds()
        guard let code = try await repo.code(hash: ActivationCode.hash(input.code)) else {
            try await fail(code: nil, address: address)
            throw Refusal("code", "激活码：无效，请核对后重新输入（不区分大小写，可不输入短横线）")
        }
        if code.usedAt != nil { throw Refusal("code", "激活码：已经使用过，不能再次使用。如需重新激活，请联系网格员或管委会重新发放") }
        if code.revokedAt != nil {
            throw Refusal("code", "激活码：已失效（已重新发放新的激活码，或核对错误次数过多），请联系网格员或管委会重新发放")
        }
        if code.expiresAt <= now { throw Refusal("code", "激活码：已过期（有效期 \(ActivationCode.days) 天），请联系网格员或管委会重新发放") }

        if let personID = code.personId {
            return try await activateResident(input, code: code, personID: personID, address: address)
        }
        guard let userID = code.userId, let target = try await UserRepository(db: sql).find(id: userID) else {
            throw Refusal("code", "激活码：无效，请核对后重新输入")
        }
        guard target.username == input.username else {
            try await fail(code: code, address: address)
            throw Refusal("username", "用户名：与激活码对应的账号不符（用户名由管理员告知）")
        }
        guard target.isActive else { throw Refusal("username", "用户名：该账号已停用，请联系管理员") }
        let hash = try await services.hasher.hash(input.password)
        try await database.transaction { db in
            try await UserAdminRepository(db: db).setPassword(userID: target.id, hash: hash, at: now)
            try await UserAdminRepository(db: db).useCode(id: code.id, userID: target.id, at: now)
            try await AuditLog.record(
                zoneID: code.zoneId, actor: target.currentUser(), entity: "user", id: target.id, action: "activate",
                after: ["password": "（已设置）"], on: db)
        }
        return target.username
    }

    private func activateResident(_ input: Activation, code: ActivationCodeRow, personID: Int64, address: String)
        async throws -> String
    {
        let sql = database.sql
        guard let resident = try await ResidentRepository(db: sql).find(personID: personID, zoneID: code.zoneId)
        else { throw Refusal("code", "激活码：对应的居民记录已不存在，请联系网格员") }
        let suffix = input.idSuffix.trimmingCharacters(in: .whitespaces)
        guard suffix.count == 6, resident.idNumber.count >= 6, resident.idNumber.uppercased().hasSuffix(suffix) else {
            try await fail(code: code, address: address)
            throw Refusal("id_suffix", "身份证号后 6 位：与登记信息不符（连续 \(ActivationCode.maxFailures) 次不符，激活码将失效）")
        }
        if try await UserAdminRepository(db: sql).user(personID: personID) != nil {
            throw Refusal("code", "激活码：该居民已有登录账号，请直接登录", status: .conflict)
        }
        if let problem = Username.problem(input.username) { throw Refusal("username", "用户名：\(problem)") }
        if try await UserRepository(db: sql).find(username: input.username) != nil {
            throw Refusal("username", "用户名：“\(input.username)”已被使用，请换一个")
        }
        let now = Clock.nowSeconds()
        let row = UserRow(
            id: 0, zoneId: code.zoneId, username: input.username, displayName: resident.name,
            role: Role.resident.rawValue, passwordHash: try await services.hasher.hash(input.password),
            departmentId: nil, enterpriseId: nil, personId: personID, isActive: true, createdAt: now,
            passwordChangedAt: now)
        try await database.transaction { db in
            let id = try await UserRepository(db: db).insert(row)
            try await UserAdminRepository(db: db).useCode(id: code.id, userID: id, at: now)
            var created = row
            created.id = id
            try await AuditLog.record(
                zoneID: code.zoneId, actor: created.currentUser(), entity: "user", id: id, action: "activate",
                before: String?.none, after: UserAuditView(created), on: db)
        }
        return row.username
    }

    /// Counts a wrong attempt against the address (like a failed login) and against the code.
    private func fail(code: ActivationCodeRow?, address: String) async throws {
        try await database.transaction { db in
            try await Self.throttle.record(username: Self.throttleKey, address: address, succeeded: false, db: db)
            if let code {
                try await UserAdminRepository(db: db).failCode(
                    id: code.id, at: Clock.nowSeconds(), limit: ActivationCode.maxFailures)
            }
        }
    }
}
