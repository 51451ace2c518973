import GaoxinCore

/// The platform admin's zone form: a new zone with its parks and first admin, or an existing
/// zone's names and region (`isNew` false: the code and admin are not asked again).
struct ZoneFormPage: Sendable {
    let isNew: Bool
    let code: String
    let name: String
    let fullName: String
    let province: String
    let city: String
    let parks: String
    let adminUsername: String
    var errors = FormErrors()
    let action: String
    let backHref = SiteURL.zones.path
    let csrf: String

    init(isNew: Bool, input: ZoneService.ZoneInput, errors: FormErrors = FormErrors(), action: String, csrf: String) {
        self.isNew = isNew
        code = input.code
        name = input.name
        fullName = input.fullName
        province = input.province
        city = input.city
        parks = input.parks
        adminUsername = input.adminUsername
        self.errors = errors
        self.action = action
        self.csrf = csrf
    }
}

/// The zone's parks (一区多园): each can be renamed and turned off or on; the add form below.
struct ParksPage: Sendable {
    struct Item: Sendable {
        let id: Int64
        let name: String
        let active: Bool
        let action: String
        let error: String?
    }
    let parks: [Item]
    let name: String
    let errors: FormErrors
    let action = SiteURL.adminParks.path
    let checklistHref = SiteURL.adminChecklist.path
    let csrf: String

    static func load(
        zoneID: Int64, name: String = "", errors: FormErrors = FormErrors(), failedID: Int64? = nil, csrf: String,
        services: AppServices
    ) async throws -> ParksPage {
        let rows = try await ZoneRepository(db: services.database.sql).parks(zoneID: zoneID)
        return ParksPage(
            parks: rows.map {
                .init(
                    id: $0.id, name: $0.name, active: $0.isActive, action: SiteURL.adminPark($0.id).path,
                    error: $0.id == failedID ? errors["name"] : nil)
            },
            name: failedID == nil ? name : "", errors: failedID == nil ? errors : FormErrors(), csrf: csrf)
    }
}

/// One department and its 惠企政策发言人 (the add form when `isNew`).
struct DepartmentFormPage: Sendable {
    let isNew: Bool
    let name: String
    let kinds: [SelectOption]
    let spokespersonName: String
    let spokespersonTitle: String
    let spokespersonPhone: String
    let spokespersonShown: Bool
    var errors = FormErrors()
    let action: String
    let csrf: String

    init(isNew: Bool, input: ZoneService.DepartmentInput, errors: FormErrors, action: String, csrf: String) {
        self.isNew = isNew
        name = input.name
        kinds = DepartmentKind.codes.map {
            SelectOption(value: $0, label: DepartmentKind.label($0), selected: $0 == input.kind)
        }
        spokespersonName = input.spokespersonName
        spokespersonTitle = input.spokespersonTitle
        spokespersonPhone = input.spokespersonPhone
        spokespersonShown = input.spokespersonShown
        self.errors = errors
        self.action = action
        self.csrf = csrf
    }
}

/// The go-live checklist (上线检查): each line done or missing, with the page that fixes it.
struct ChecklistPage: Sendable {
    struct Item: Sendable {
        let title: String
        let done: Bool
        let detail: String
        let href: String
        let linkText: String
    }
    let zone: String
    let items: [Item]
    let done: Int
    let total: Int
    let complete: Bool

    static func load(zoneID: Int64, services: AppServices) async throws -> ChecklistPage {
        let lines = GoLiveChecklist.lines(try await counts(zoneID: zoneID, services: services))
        let zone = try await ZoneRepository(db: services.database.sql).zone(id: zoneID)
        let progress = GoLiveChecklist.progress(lines)
        return ChecklistPage(
            zone: zone?.name ?? "",
            items: lines.map {
                let (url, text) = link($0.item)
                return Item(title: $0.title, done: $0.done, detail: $0.detail, href: url.path, linkText: text)
            },
            done: progress.done, total: progress.total, complete: progress.done == progress.total)
    }

    static func counts(zoneID: Int64, services: AppServices) async throws -> GoLiveChecklist.Counts {
        let db = services.database.sql
        let raw = try await ZoneRepository(db: db).setupCounts(zoneID: zoneID)
        var c = GoLiveChecklist.Counts()
        c.parks = raw["parks"] ?? 0
        c.departments = raw["departments"] ?? 0
        c.spokespersons = raw["spokespersons"] ?? 0
        c.criteriaOverrides = raw["criteria_overrides"] ?? 0
        c.grids = raw["grids"] ?? 0
        c.gridsWithWorkers = raw["grids_with_workers"] ?? 0
        c.open311Keys = raw["open311_keys"] ?? 0
        c.enterprises = raw["enterprises"] ?? 0
        for role in Role.allCases { c.users[role] = raw["role:" + role.rawValue] ?? 0 }
        c.policiesInForce = try await PolicyRepository(db: db).inForce(
            scope: .zone(zoneID), today: Clock.today, pager: try Pager(page: 1, size: 1)
        ).total
        return c
    }

    /// Where each line is fixed.
    static func link(_ item: GoLiveChecklist.Item) -> (SiteURL, String) {
        switch item {
        case .parks: (.adminParks, "管理园区")
        case .departments, .spokespersons: (.adminDepartments, "管理部门和发言人")
        case .criteria: (.adminCriteria, "查看认定条件")
        case .policies: (.policyLedger, "政策台账")
        case .grids: (.governanceGridImport, "导入网格")
        case .gridWorkers: (.governanceGrids, "网格和网格员")
        case .open311Keys: (.open311Keys, "管理 Open311 密钥")
        case .enterprises: (.enterpriseImport, "导入企业")
        default: (.adminUsers, "用户管理")
        }
    }
}
