import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// The zone admin's pages: users, departments and the audit log.
struct AdminRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.adminUsers.pattern, use: users)
        router.get(SiteURL.adminUserNew.pattern) { _, context -> Response in
            let (user, zoneID) = try context.requireZone()
            try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
            return try await newUserPage(
                NewUserPage(csrf: context.csrfToken), user: user, zoneID: zoneID, context: context, status: .ok)
        }
        router.post(SiteURL.adminUserNew.pattern, use: createUser)
        router.get(SiteURL.adminDepartments.pattern) { _, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.view, .department(zoneID: zoneID))
            return try await departmentsPage(
                DepartmentsPage(departments: [], canEdit: false, csrf: context.csrfToken), zoneID: zoneID,
                context: context)
        }
        router.post(SiteURL.adminDepartments.pattern, use: createDepartment)
        router.get(SiteURL.adminAudit.pattern, use: audit)
    }

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let scope = ZoneScope(user)
        if case .zone(let id) = scope {
            try context.authorize(.administer, .zoneSettings(zoneID: id))
        } else {
            try context.authorize(.view, .allZones)
        }
        let zones = Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: services.database.sql).zones(scope: scope).map {
                ($0.id, $0.name)
            })
        let rows = try await UserRepository(db: services.database.sql).list(scope: scope)
        let page = UsersPage(
            users: rows.map {
                let bound =
                    $0.enterpriseId.map { "企业 #\($0)" } ?? $0.personId.map { "居民 #\($0)" } ?? $0.departmentId.map {
                        "部门 #\($0)"
                    } ?? "—"
                return .init(
                    username: $0.username, displayName: $0.displayName,
                    roleLabel: Role(rawValue: $0.role)?.label ?? $0.role,
                    zone: $0.zoneId.flatMap { zones[$0] } ?? "平台", boundTo: bound, active: $0.isActive)
            },
            canCreate: user.zoneID != nil)
        return try await services.render(
            "admin/users", page: page, context: context, title: "用户管理", path: SiteURL.adminUsers.path,
            breadcrumbs: [.init(title: "用户管理", href: nil)])
    }

    private func newUserPage(
        _ page: NewUserPage, user: CurrentUser, zoneID: Int64, context: AppRequestContext, status: HTTPResponse.Status
    ) async throws -> Response {
        var page = page
        let assignable = Role.allCases.filter { $0 != .platformAdmin && $0 != .public }
        page.roles = assignable.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == page.role) }
        let selectedDepartment = page.departments.first(where: \.selected)?.value
        page.departments = try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID)).map {
            .init(value: String($0.id), label: $0.name, selected: String($0.id) == selectedDepartment)
        }
        let selectedEnterprise = page.enterprises.first(where: \.selected)?.value
        page.enterprises = try await EnterpriseRepository(db: services.database.sql).list(
            zoneID: zoneID, limit: 500, offset: 0
        ).map {
            .init(value: String($0.id), label: $0.name, selected: String($0.id) == selectedEnterprise)
        }
        return try await services.render(
            "admin/user-new", page: page, context: context, title: "新建用户", path: SiteURL.adminUsers.path,
            breadcrumbs: [.init(title: "用户管理", href: SiteURL.adminUsers.path), .init(title: "新建用户", href: nil)],
            status: status)
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, zoneID) = try context.requireZone()
        try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
        let form = try await FormData.from(request, context: context)
        var page = NewUserPage(
            username: form["username"], displayName: form["display_name"], role: form["role"], csrf: context.csrfToken)
        page.departments = [.init(value: form["department_id"], label: "", selected: true)]
        page.enterprises = [.init(value: form["enterprise_id"], label: "", selected: true)]

        // Validate everything first; write nothing unless all of it is right.
        let username = page.username.lowercased()
        if username.isEmpty {
            page.errors.add("username", "用户名：请填写")
        } else if username.count > 60
            || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._@-".contains($0)) })
        {
            page.errors.add("username", "用户名：只能包含英文字母、数字和 . _ @ -，不超过 60 个字符")
        } else if try await UserRepository(db: services.database.sql).find(username: username) != nil {
            page.errors.add("username", "用户名：“\(username)”已被使用")
        }
        if page.displayName.isEmpty { page.errors.add("display_name", "姓名：请填写") }
        if page.displayName.count > 40 { page.errors.add("display_name", "姓名：不能超过 40 个字") }
        let role = Role(rawValue: page.role)
        if role == nil || role == .platformAdmin || role == .public { page.errors.add("role", "角色：请选择一个有效角色") }
        for problem in PasswordHasher.problems(with: form.raw("password"), username: username) {
            page.errors.add("password", "初始密码：\(problem)")
        }
        var departmentID: Int64?
        var enterpriseID: Int64?
        if role == .departmentStaff {
            if let id = Int64(form["department_id"]),
                try await ZoneRepository(db: services.database.sql).department(id: id, zoneID: zoneID) != nil
            {
                departmentID = id
            } else {
                page.errors.add("binding", "所属部门：部门工作人员必须选择本园区的一个部门")
            }
        }
        if role == .enterpriseUser {
            if let id = Int64(form["enterprise_id"]),
                try await EnterpriseRepository(db: services.database.sql).find(id: id, zoneID: zoneID) != nil
            {
                enterpriseID = id
            } else {
                page.errors.add("binding", "所属企业：企业用户必须绑定本园区的一家企业")
            }
        }
        if role == .resident { page.errors.add("role", "角色：居民账号由居民登记时创建，此处不能直接新建") }
        guard page.errors.isEmpty, let role else {
            return try await newUserPage(page, user: actor, zoneID: zoneID, context: context, status: .badRequest)
        }

        let now = Clock.nowSeconds()
        let row = UserRow(
            id: 0, zoneId: zoneID, username: username, displayName: page.displayName, role: role.rawValue,
            passwordHash: try await services.hasher.hash(form.raw("password")), departmentId: departmentID,
            enterpriseId: enterpriseID, personId: nil, isActive: true, createdAt: now, passwordChangedAt: now)
        try await services.database.transaction { db in
            let id = try await UserRepository(db: db).insert(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "user", id: id, action: "create",
                before: String?.none, after: UserAuditView(row), on: db)
        }
        return .redirect(to: SiteURL.adminUsers, flash: Flash(kind: .success, message: "已创建用户 \(username)。"))
    }

    private func departmentsPage(
        _ page: DepartmentsPage, zoneID: Int64, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var page = page
        page.canEdit = Permissions.decide(context.identity, .create, .department(zoneID: zoneID)) == .allow
        page.departments = try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID)).map {
            .init(
                name: $0.name, kind: DepartmentKind.label($0.kind), spokesperson: $0.spokespersonName ?? "—",
                phone: $0.spokespersonPhone ?? "—")
        }
        return try await services.render(
            "admin/departments", page: page, context: context, title: "部门", path: SiteURL.adminDepartments.path,
            breadcrumbs: [.init(title: "部门", href: nil)], status: status)
    }

    @Sendable func createDepartment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, zoneID) = try context.requireZone()
        try context.authorize(.create, .department(zoneID: zoneID))
        let form = try await FormData.from(request, context: context)
        var page = DepartmentsPage(departments: [], name: form["name"], canEdit: true, csrf: context.csrfToken)
        let existing = try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID))
        if page.name.isEmpty {
            page.errors.add("name", "部门名称：请填写")
        } else if page.name.count > 40 {
            page.errors.add("name", "部门名称：不能超过 40 个字")
        } else if existing.contains(where: { $0.name == page.name }) {
            page.errors.add("name", "部门名称：本园区已有“\(page.name)”")
        }
        guard page.errors.isEmpty else {
            return try await departmentsPage(page, zoneID: zoneID, context: context, status: .badRequest)
        }
        let row = DepartmentRow(
            id: 0, zoneId: zoneID, code: "d\(existing.count + 1)-\(Clock.nowSeconds())", name: page.name, kind: "other")
        try await services.database.transaction { db in
            let id = try await ZoneRepository(db: db).insertDepartment(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "department", id: id, action: "create",
                before: String?.none, after: row, on: db)
        }
        return .redirect(to: SiteURL.adminDepartments, flash: Flash(kind: .success, message: "已添加部门“\(row.name)”。"))
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let scope = ZoneScope(user)
        if case .zone(let id) = scope {
            try context.authorize(.view, .auditLog(zoneID: id))
        } else {
            try context.authorize(.view, .allZones)
        }
        let q = request.uri.queryParameters
        let entity = q.get("entity") ?? ""
        let action = q.get("action") ?? ""
        let actor = q.get("actor") ?? ""
        let from = q.get("from") ?? ""
        let to = q.get("to") ?? ""
        let pageNumber = max(1, Int(q.get("page") ?? "") ?? 1)
        let perPage = 50
        let filter = AuditFilter(
            entity: entity, action: action, actor: actor,
            from: Day(from).map { LocalMoment(day: $0, minuteOfDay: 0).unixSeconds() },
            to: Day(to).map { LocalMoment(day: $0.adding(days: 1), minuteOfDay: 0).unixSeconds() })
        let repo = AuditRepository(db: services.database.sql)
        let (rows, total) = try await repo.page(scope: scope, filter: filter, page: pageNumber, perPage: perPage)
        let base: [(String, String)] = [
            ("entity", entity), ("action", action), ("actor", actor), ("from", from), ("to", to),
        ]
        let page = AuditPage(
            items: rows.map {
                .init(
                    at: DisplayTime.format($0.at), actor: $0.actorName, entity: $0.entity, entityID: $0.entityId,
                    action: $0.action,
                    before: $0.beforeJson ?? "", after: $0.afterJson ?? "", requestID: $0.requestId ?? "")
            },
            entities: try await repo.entities(scope: scope).map { .init(value: $0, label: $0, selected: $0 == entity) },
            action: action, actor: actor, from: from, to: to, total: total, page: pageNumber,
            previousHref: pageNumber > 1
                ? SiteURL.adminAudit.with(query: base + [("page", String(pageNumber - 1))]) : nil,
            nextHref: pageNumber * perPage < total
                ? SiteURL.adminAudit.with(query: base + [("page", String(pageNumber + 1))]) : nil)
        return try await services.render(
            "admin/audit", page: page, context: context, title: "审计日志", path: SiteURL.adminAudit.path,
            breadcrumbs: [.init(title: "审计日志", href: nil)])
    }
}

/// Department kinds as stored, and their Chinese names.
enum DepartmentKind {
    static func label(_ kind: String) -> String {
        switch kind {
        case "science": "科技创新"
        case "service_center": "政务服务"
        case "investment": "投资促进"
        case "economy": "经济发展"
        case "finance": "财政金融"
        case "market": "市场监管"
        case "social": "社会事务"
        case "grid": "基层治理"
        default: "其他"
        }
    }
}
