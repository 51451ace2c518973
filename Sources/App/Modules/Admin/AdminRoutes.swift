import Foundation
import GaoxinCore
import Hummingbird

/// The zone admin's pages: users, departments and the audit log. Each handler checks
/// `Permissions`, loads its page model and renders; writes go through `AdminService`.
struct AdminRoutes {
    let services: AppServices
    var service: AdminService { AdminService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.adminUsers.pattern, use: users)
        router.get(SiteURL.adminUserNew.pattern, use: newUser)
        router.post(SiteURL.adminUserNew.pattern, use: createUser)
        router.get(SiteURL.adminDepartments.pattern, use: departments)
        router.post(SiteURL.adminDepartments.pattern, use: createDepartment)
        router.get(SiteURL.adminAudit.pattern, use: audit)
    }

    /// The platform admin without a chosen zone sees every zone; anyone else, their own.
    private func authorizeZoneOrAll(
        _ context: AppRequestContext, _ action: Action, _ resource: (Int64) -> Resource
    ) throws -> CurrentUser {
        let user = try context.requireUser()
        if case .zone(let id) = ZoneScope(user) {
            try context.authorize(action, resource(id))
        } else {
            try context.authorize(.view, .allZones)
        }
        return user
    }

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try authorizeZoneOrAll(context, .administer) { .zoneSettings(zoneID: $0) }
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "users", title: "用户", headers: ["用户名", "姓名", "角色", "园区", "绑定", "状态"],
                load: {
                    let m = try await UsersPage.load(user: user, pager: $0, services: services)
                    return (m.users, m.total)
                },
                cells: { [$0.username, $0.displayName, $0.roleLabel, $0.zone, $0.boundTo, $0.active ? "启用" : "停用"] })
        }
        let pager = try Pager(query: request.uri.queryParameters.get("page"), size: 50)
        var page = try await UsersPage.load(user: user, pager: pager, services: services)
        page.exportHref = ListExport.href(request)
        return try await services.render(
            "admin/users", page: page, context: context, title: "用户管理", path: SiteURL.adminUsers.path,
            breadcrumbs: [.init(title: "用户管理", href: nil)])
    }

    private func newUserForm(
        _ context: AppRequestContext, zoneID: Int64, input: AdminService.NewUser?, errors: FormErrors = FormErrors()
    ) async throws -> Response {
        let page = try await NewUserPage.load(
            zoneID: zoneID, input: input, errors: errors, csrf: context.csrfToken, services: services)
        return try await services.render(
            "admin/user-new", page: page, context: context, title: "新建用户", path: SiteURL.adminUsers.path,
            breadcrumbs: [.init(title: "用户管理", href: SiteURL.adminUsers.path), .init(title: "新建用户", href: nil)])
    }

    @Sendable func newUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
        return try await newUserForm(context, zoneID: zoneID, input: nil)
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, zoneID) = try context.requireZone()
        try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
        let input = AdminService.NewUser(try await FormData.from(request, context: context))
        return try await services.submit {
            let row = try await service.createUser(input, zoneID: zoneID, actor: actor)
            return .redirect(
                to: SiteURL.adminUser(row.id), flash: Flash(kind: .success, message: "已创建用户 \(row.username)。"))
        } refused: { errors in
            try await newUserForm(context, zoneID: zoneID, input: input, errors: errors)
        }
    }

    private func departmentsPage(
        _ context: AppRequestContext, zoneID: Int64, input: ZoneService.DepartmentInput = .init(),
        errors: FormErrors = FormErrors()
    ) async throws -> Response {
        let page = try await DepartmentsPage.load(
            zoneID: zoneID, user: context.identity, input: input, errors: errors, csrf: context.csrfToken,
            services: services)
        return try await services.render(
            "admin/departments", page: page, context: context, title: "部门", path: SiteURL.adminDepartments.path,
            breadcrumbs: [.init(title: "部门", href: nil)], status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func departments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .department(zoneID: zoneID))
        return try await departmentsPage(context, zoneID: zoneID)
    }

    @Sendable func createDepartment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, zoneID) = try context.requireZone()
        try context.authorize(.create, .department(zoneID: zoneID))
        let input = ZoneService.DepartmentInput(try await FormData.from(request, context: context))
        return try await services.submit {
            let row = try await ZoneService(services: services).saveDepartment(
                id: nil, input, zoneID: zoneID, actor: actor)
            return .redirect(to: SiteURL.adminDepartments, flash: Flash(kind: .success, message: "已添加部门“\(row.name)”。"))
        } refused: { errors in
            try await departmentsPage(context, zoneID: zoneID, input: input, errors: errors)
        }
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try authorizeZoneOrAll(context, .view) { .auditLog(zoneID: $0) }
        let q = request.uri.queryParameters
        let query = AuditPage.Query(
            entity: q.get("entity") ?? "", action: q.get("action") ?? "", actor: q.get("actor") ?? "",
            from: q.get("from") ?? "", to: q.get("to") ?? "")
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "audit-log", title: "审计日志",
                headers: ["时间", "操作人", "对象", "编号", "操作", "变更前", "变更后", "请求编号"],
                load: {
                    let m = try await AuditPage.load(user: user, query: query, pager: $0, services: services)
                    return (m.items, m.total)
                },
                cells: { [$0.at, $0.actor, $0.entity, $0.entityID, $0.action, $0.before, $0.after, $0.requestID] })
        }
        let pager = try Pager(query: q.get("page"), size: 50)
        var page = try await AuditPage.load(user: user, query: query, pager: pager, services: services)
        page.exportHref = ListExport.href(request)
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
