import Foundation
import GaoxinCore

/// The zone admin's writes: users (departments and parks are `ZoneService`'s). Every field is
/// checked first and a `Refusal` lists what is wrong; only then is the row written, with its audit row, in one transaction.
struct AdminService: Sendable {
    let services: AppServices

    /// The new-user form as submitted.
    struct NewUser: Sendable {
        var username: String
        var displayName: String
        var role: String
        var password: String
        var departmentID: String
        var enterpriseID: String

        init(_ form: FormData) {
            username = form["username"].lowercased()
            displayName = form["display_name"]
            role = form["role"]
            password = form.raw("password")
            departmentID = form["department_id"]
            enterpriseID = form["enterprise_id"]
        }
    }

    func createUser(_ input: NewUser, zoneID: Int64, actor: CurrentUser) async throws -> UserRow {
        let db = services.database.sql
        var errors = FormErrors()
        let username = input.username
        if username.isEmpty {
            errors.add("username", "用户名：请填写")
        } else if username.count > 60
            || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._@-".contains($0)) })
        {
            errors.add("username", "用户名：只能包含英文字母、数字和 . _ @ -，不超过 60 个字符")
        } else if try await UserRepository(db: db).find(username: username) != nil {
            errors.add("username", "用户名：“\(username)”已被使用")
        }
        if input.displayName.isEmpty { errors.add("display_name", "姓名：请填写") }
        if input.displayName.textLength > 40 { errors.add("display_name", "姓名：不能超过 40 个字") }
        let role = Role(rawValue: input.role)
        if role == nil || role == .platformAdmin || role == .public { errors.add("role", "角色：请选择一个有效角色") }
        for problem in PasswordHasher.problems(with: input.password, username: username) {
            errors.add("password", "初始密码：\(problem)")
        }
        var departmentID: Int64?
        var enterpriseID: Int64?
        if role == .departmentStaff {
            if let id = Int64(input.departmentID),
                try await ZoneRepository(db: db).department(id: id, zoneID: zoneID) != nil
            {
                departmentID = id
            } else {
                errors.add("binding", "所属部门：部门工作人员必须选择本园区的一个部门")
            }
        }
        if role == .enterpriseUser {
            if let id = Int64(input.enterpriseID),
                try await EnterpriseRepository(db: db).find(id: id, zoneID: zoneID) != nil
            {
                enterpriseID = id
            } else {
                errors.add("binding", "所属企业：企业用户必须绑定本园区的一家企业")
            }
        }
        if role == .resident { errors.add("role", "角色：居民账号不在此新建：在居民记录上发放激活码，由居民本人激活") }
        try Refusal.check(errors)
        guard let role else { throw Refusal("role", "角色：请选择一个有效角色") }

        let now = Clock.nowSeconds()
        var row = UserRow(
            id: 0, zoneId: zoneID, username: username, displayName: input.displayName, role: role.rawValue,
            passwordHash: try await services.hasher.hash(input.password), departmentId: departmentID,
            enterpriseId: enterpriseID, personId: nil, isActive: true, createdAt: now, passwordChangedAt: now)
        row.id = try await services.database.transaction { [row] db in
            let id = try await UserRepository(db: db).insert(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "user", id: id, action: "create",
                before: String?.none, after: UserAuditView(row), on: db)
            return id
        }
        return row
    }
}
