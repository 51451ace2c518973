import Foundation
import GaoxinCore

/// The users CSV (and the API's new user, which is one such row): username, name, role and the
/// role's binding — a department (code or name) for department staff, an enterprise (统一社会信用代码)
/// for enterprise users, one or more grids (codes) with 专职/兼职 and a party branch for grid workers.
/// No passwords: each new account gets a one-time activation code, shown once.
struct UserImport: Sendable {
    static let columns: [UserCSV.Column] = [
        .init(header: "用户名", alias: "username", required: true),
        .init(header: "姓名", alias: "display_name", required: true),
        .init(header: "角色", alias: "role", required: true),
        .init(header: "部门", alias: "department", required: false),
        .init(header: "企业信用代码", alias: "enterprise_credit_code", required: false),
        .init(header: "网格编号", alias: "grid_codes", required: false),
        .init(header: "专职兼职", alias: "employment", required: false),
        .init(header: "党支部", alias: "party_branch", required: false),
    ]

    /// The roles a zone admin gives here (residents get their login from their record's activation code).
    static let roles: [Role] = [.zoneAdmin, .departmentStaff, .investmentOfficer, .gridWorker, .enterpriseUser]

    /// A checked account to create.
    struct Draft: Sendable {
        let line: Int
        let username: String
        let displayName: String
        let role: Role
        let departmentID: Int64?
        let enterpriseID: Int64?
        let grids: [GridAssignment]
    }

    let database: Database
    let zoneID: Int64

    /// Checks every row against the file and the zone; every draft, or every problem.
    func check(_ csv: UserCSV) async throws -> Result<[Draft], ProblemList> {
        let sql = database.sql
        let departments = try await ZoneRepository(db: sql).departments(scope: .zone(zoneID))
        let grids = Dictionary(
            try await GridRepository(db: sql).grids(zoneID: zoneID).map { ($0.code, $0.id) },
            uniquingKeysWith: { a, _ in a })
        let names = csv.rows.map { $0["用户名"].lowercased() }
        let taken = try await UserAdminRepository(db: sql).takenUsernames(names)
        var problems: [UserCSV.Problem] = []
        var drafts: [Draft] = []
        var seen: [String: Int] = [:]
        for row in csv.rows {
            func fail(_ column: String, _ message: String) {
                problems.append(.init(line: row.line, column: column, message: message))
            }
            let username = row["用户名"].lowercased()
            if let problem = Username.problem(username) {
                fail("用户名", problem)
            } else if let earlier = seen[username] {
                fail("用户名", "“\(username)”在第 \(earlier) 行已出现（文件内重复）")
            } else if taken.contains(username) {
                fail("用户名", "“\(username)”已被使用")
            }
            if !username.isEmpty, seen[username] == nil { seen[username] = row.line }
            let displayName = row["姓名"]
            if displayName.isEmpty { fail("姓名", "请填写") } else if displayName.count > 40 { fail("姓名", "不能超过 40 个字") }
            let roleText = row["角色"]
            let role = Self.roles.first { $0.rawValue == roleText || $0.label == roleText }
            if role == nil {
                fail(
                    "角色",
                    roleText == Role.resident.label || roleText == Role.resident.rawValue
                        ? "居民账号不在此导入：请导入居民后在居民记录上发放激活码"
                        : "“\(roleText)”不是可分配的角色（可选：\(Self.roles.map(\.label).joined(separator: "、"))）")
            }
            var departmentID: Int64?
            let department = row["部门"]
            if !department.isEmpty {
                if let d = departments.first(where: { $0.code == department || $0.name == department }) {
                    departmentID = d.id
                } else {
                    fail("部门", "本园区没有部门“\(department)”（填写部门编码或名称）")
                }
            } else if role == .departmentStaff {
                fail("部门", "部门工作人员必须填写所属部门")
            }
            var enterpriseID: Int64?
            let uscc = row["企业信用代码"].uppercased()
            if !uscc.isEmpty {
                do {
                    let code = try CreditCode(uscc).value
                    enterpriseID = try await EnterpriseRepository(db: sql).find(uscc: code, zoneID: zoneID)?.id
                    if enterpriseID == nil { fail("企业信用代码", "本园区没有信用代码为 \(code) 的企业（请先导入企业）") }
                } catch let error as IdentifierError {
                    fail("企业信用代码", error.message)
                }
            } else if role == .enterpriseUser {
                fail("企业信用代码", "企业用户必须填写所属企业的统一社会信用代码")
            }
            if role != .enterpriseUser, !uscc.isEmpty { fail("企业信用代码", "只有企业用户绑定企业") }
            if role != .departmentStaff, !department.isEmpty { fail("部门", "只有部门工作人员绑定部门") }
            var assignments: [GridAssignment] = []
            let codes = row["网格编号"].split(whereSeparator: { ";；、 |".contains($0) }).map(String.init)
            let kindText = row["专职兼职"]
            let kind = GridWorkerKind(rawValue: kindText) ?? GridWorkerKind.allCases.first { $0.label == kindText }
            let branch = row["党支部"]
            if role == .gridWorker {
                if codes.isEmpty { fail("网格编号", "网格员至少要分配一个本园区的网格") }
                if kind == nil { fail("专职兼职", "网格员请填写“专职”或“兼职”") }
                if branch.count > 60 { fail("党支部", "不能超过 60 个字") }
                for code in codes {
                    if let id = grids[code] {
                        if let kind, !assignments.contains(where: { $0.gridID == id }) {
                            assignments.append(.init(gridID: id, kind: kind, partyBranch: branch.nilIfEmpty))
                        }
                    } else {
                        fail("网格编号", "本园区没有编号为“\(code)”的网格（其他园区的网格不能分配）")
                    }
                }
            } else if !codes.isEmpty || !kindText.isEmpty || !branch.isEmpty {
                fail("网格编号", "只有网格员分配网格、填写专职兼职和党支部")
            }
            if let role {
                drafts.append(
                    Draft(
                        line: row.line, username: username, displayName: displayName, role: role,
                        departmentID: role == .departmentStaff ? departmentID : nil,
                        enterpriseID: role == .enterpriseUser ? enterpriseID : nil, grids: assignments))
            }
        }
        return problems.isEmpty ? .success(drafts) : .failure(ProblemList(problems))
    }
}

/// A created account and its activation code (shown once).
struct IssuedCode: Sendable {
    let username: String
    let displayName: String
    let roleLabel: String
    let code: String
    let expires: String
}

extension UserService {
    /// Creates every checked account in one transaction, each with its grid assignments, an audit
    /// row and a one-time activation code; until it is used the account has no usable password.
    func createUsers(_ drafts: [UserImport.Draft], zoneID: Int64, actor: CurrentUser) async throws -> [IssuedCode] {
        // One bcrypt hash of a random secret nobody keeps: the accounts can't sign in until activated.
        let unusable = try await services.hasher.hash(APITokens.newSecret(prefix: ""))
        let now = Clock.nowSeconds()
        let expires = now + ActivationCode.days * 86_400
        return try await database.transaction { db in
            let users = UserRepository(db: db)
            let repo = UserAdminRepository(db: db)
            var issued: [IssuedCode] = []
            for d in drafts {
                var row = UserRow(
                    id: 0, zoneId: zoneID, username: d.username, displayName: d.displayName, role: d.role.rawValue,
                    passwordHash: unusable, departmentId: d.departmentID, enterpriseId: d.enterpriseID, personId: nil,
                    isActive: true, createdAt: now, passwordChangedAt: now)
                row.id = try await users.insert(row)
                for a in d.grids { try await repo.assign(a, zoneID: zoneID, userID: row.id, name: d.displayName) }
                let code = ActivationCode.make()
                _ = try await repo.insertCode(
                    ActivationCodeRow(
                        id: 0, zoneId: zoneID, personId: nil, userId: row.id, codeHash: ActivationCode.hash(code),
                        issuedBy: actor.id, createdAt: now, expiresAt: expires, failedAttempts: 0))
                var audit = UserAuditView(row)
                audit.isActive = true
                try await AuditLog.record(
                    zoneID: zoneID, actor: actor, entity: "user", id: row.id, action: "import_create",
                    after: ImportedUserAudit(user: audit, grids: d.grids.map { String($0.gridID) }), on: db)
                issued.append(
                    IssuedCode(
                        username: d.username, displayName: d.displayName, roleLabel: d.role.label, code: code,
                        expires: DisplayTime.format(expires)))
            }
            return issued
        }
    }
}

/// What the audit log keeps about an imported account.
struct ImportedUserAudit: Encodable {
    let user: UserAuditView
    let grids: [String]
}
