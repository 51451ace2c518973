import GaoxinCore

/// The zone's users, one page at a time (every zone's for the platform admin).
struct UsersPage: Sendable {
    struct Item: Sendable {
        let username: String
        let displayName: String
        let roleLabel: String
        let zone: String
        let boundTo: String
        let active: Bool
        var href = ""
    }
    let users: [Item]
    let total: Int
    let paging: PageLinks
    let newHref = SiteURL.adminUserNew.path
    let importHref = SiteURL.adminUserImport.path
    let residentImportHref = SiteURL.residentImport.path
    let canCreate: Bool
    var exportHref = ""

    static func load(user: CurrentUser, pager: Pager, services: AppServices) async throws -> UsersPage {
        let scope = ZoneScope(user)
        let db = services.database.sql
        let zones = Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: db).zones(scope: scope).map { ($0.id, $0.name) })
        let paged = try await UserRepository(db: db).list(scope: scope, pager: pager)
        return UsersPage(
            users: paged.rows.map {
                let bound =
                    $0.enterpriseId.map { "企业 #\($0)" } ?? $0.personId.map { "居民 #\($0)" }
                    ?? $0.departmentId.map { "部门 #\($0)" } ?? "—"
                return .init(
                    username: $0.username, displayName: $0.displayName,
                    roleLabel: Role(rawValue: $0.role)?.label ?? $0.role,
                    zone: $0.zoneId.flatMap { zones[$0] } ?? "平台", boundTo: bound, active: $0.isActive,
                    href: $0.zoneId == nil ? "" : SiteURL.adminUser($0.id).path)
            },
            total: paged.total, paging: paged.links(.adminUsers), canCreate: user.zoneID != nil)
    }
}

/// The new-user form: the roles a zone admin may give, the zone's departments and enterprises to
/// bind to, and what was entered with its errors when it comes back.
struct NewUserPage: Sendable {
    var username = ""
    var displayName = ""
    var role = ""
    var roles: [SelectOption] = []
    var departments: [SelectOption] = []
    var enterprises: [SelectOption] = []
    var errors = FormErrors()
    var action = SiteURL.adminUserNew.path
    var csrf = ""

    static func load(
        zoneID: Int64, input: AdminService.NewUser?, errors: FormErrors = FormErrors(), csrf: String,
        services: AppServices
    ) async throws -> NewUserPage {
        let db = services.database.sql
        let assignable = Role.allCases.filter { $0 != .platformAdmin && $0 != .public }
        var page = NewUserPage(
            username: input?.username ?? "", displayName: input?.displayName ?? "", role: input?.role ?? "",
            errors: errors, csrf: csrf)
        page.roles = assignable.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == page.role) }
        page.departments = try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map {
            .init(value: String($0.id), label: $0.name, selected: String($0.id) == input?.departmentID)
        }
        page.enterprises = try await EnterpriseRepository(db: db).list(zoneID: zoneID, limit: 500, offset: 0).map {
            .init(value: String($0.id), label: $0.name, selected: String($0.id) == input?.enterpriseID)
        }
        return page
    }
}

/// The zone's departments with their spokespersons (each with its edit page), and the add form
/// for the zone admin.
struct DepartmentsPage: Sendable {
    struct Item: Sendable {
        let name: String
        let kind: String
        let spokesperson: String
        let phone: String
        let shown: Bool
        let editHref: String
    }
    var departments: [Item]
    var form: DepartmentFormPage
    var canEdit: Bool
    var directoryHref = SiteURL.policySpokespersons.path

    static func load(
        zoneID: Int64, user: CurrentUser?, input: ZoneService.DepartmentInput = .init(),
        errors: FormErrors = FormErrors(), csrf: String, services: AppServices
    ) async throws -> DepartmentsPage {
        let rows = try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID))
        return DepartmentsPage(
            departments: rows.map {
                .init(
                    name: $0.name, kind: DepartmentKind.label($0.kind),
                    spokesperson: ($0.spokespersonName ?? "—") + ($0.spokespersonTitle.map { "（\($0)）" } ?? ""),
                    phone: $0.spokespersonPhone ?? "—", shown: $0.spokespersonName != nil && $0.spokespersonShown,
                    editHref: SiteURL.adminDepartment($0.id).path)
            },
            form: DepartmentFormPage(
                isNew: true, input: input, errors: errors, action: SiteURL.adminDepartments.path, csrf: csrf),
            canEdit: Permissions.decide(user, .create, .department(zoneID: zoneID)) == .allow)
    }
}

/// The audit log with its filters, one page at a time.
struct AuditPage: Sendable {
    struct Item: Sendable {
        let at: String
        let actor: String
        let entity: String
        let entityID: String
        let action: String
        let before: String
        let after: String
        let requestID: String
    }
    /// The filter as typed (kept in the form and the page links).
    struct Query: Sendable {
        var entity = ""
        var action = ""
        var actor = ""
        var from = ""
        var to = ""

        var items: [(String, String)] {
            [("entity", entity), ("action", action), ("actor", actor), ("from", from), ("to", to)]
        }

        var filter: AuditFilter {
            AuditFilter(
                entity: String(entity.prefix(60)), action: String(action.prefix(60)), actor: String(actor.prefix(60)),
                from: Day(from).map { LocalMoment(day: $0, minuteOfDay: 0).unixSeconds() },
                to: Day(to).map { LocalMoment(day: $0.adding(days: 1), minuteOfDay: 0).unixSeconds() })
        }
    }
    let items: [Item]
    let entities: [SelectOption]
    let action: String
    let actor: String
    let from: String
    let to: String
    let total: Int
    let paging: PageLinks
    let filterHref = SiteURL.adminAudit.path
    var exportHref = ""

    static func load(user: CurrentUser, query: Query, pager: Pager, services: AppServices) async throws -> AuditPage {
        let scope = ZoneScope(user)
        let repo = AuditRepository(db: services.database.sql)
        let paged = try await repo.page(scope: scope, filter: query.filter, pager: pager)
        return AuditPage(
            items: paged.rows.map {
                .init(
                    at: DisplayTime.format($0.at), actor: $0.actorName, entity: $0.entity, entityID: $0.entityId,
                    action: $0.action, before: $0.beforeJson ?? "", after: $0.afterJson ?? "",
                    requestID: $0.requestId ?? "")
            },
            entities: try await repo.entities(scope: scope).map {
                .init(value: $0, label: $0, selected: $0 == query.entity)
            },
            action: query.action, actor: query.actor, from: query.from, to: query.to, total: paged.total,
            paging: paged.links(.adminAudit, query: query.items))
    }
}
