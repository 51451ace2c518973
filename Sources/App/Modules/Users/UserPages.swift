import Foundation
import GaoxinCore
import SQLKit

/// One user of the zone for the zone admin: role and binding, the grids a grid worker works in
/// (with the form to add one), turning the account off and on, and a one-time code shown once.
struct UserShowPage: Sendable {
    struct Assignment: Sendable {
        let grid: String
        let gridHref: String
        let kind: String
        let partyBranch: String
        let removeAction: String
    }
    let id: Int64
    let username: String
    let displayName: String
    let roleLabel: String
    let boundTo: String
    let active: Bool
    let isGridWorker: Bool
    let assignments: [Assignment]
    let grids: [SelectOption]
    let kinds: [SelectOption]
    var partyBranch = ""
    var errors = FormErrors()
    var code: String?
    var codeExpires: String?
    let gridsAction: String
    let activeAction: String
    let codeAction: String
    let eventsHref = SiteURL.events.path
    var canToggle: Bool
    var csrf = ""

    static func load(_ row: UserRow, viewer: CurrentUser, csrf: String, services: AppServices) async throws
        -> UserShowPage
    {
        let db = services.database.sql
        let zoneID = row.zoneId ?? -1
        var bound = "—"
        if let id = row.departmentId, let d = try await ZoneRepository(db: db).department(id: id, zoneID: zoneID) {
            bound = "部门：\(d.name)"
        } else if let id = row.enterpriseId, let e = try await EnterpriseRepository(db: db).find(id: id, zoneID: zoneID)
        {
            bound = "企业：\(e.name)"
        } else if let id = row.personId, let name = try await ResidentDirectory(db: db).name(personID: id) {
            bound = "居民：\(name)"
        }
        let assignments = try await UserAdminRepository(db: db).assignments(userID: row.id)
        let isWorker = row.role == Role.gridWorker.rawValue
        return UserShowPage(
            id: row.id, username: row.username, displayName: row.displayName,
            roleLabel: Role(rawValue: row.role)?.label ?? row.role, boundTo: bound, active: row.isActive,
            isGridWorker: isWorker,
            assignments: assignments.map {
                .init(
                    grid: "\($0.gridName)（\($0.gridCode)）", gridHref: SiteURL.governanceGrid($0.gridId).path,
                    kind: GridWorkerKind(rawValue: $0.kind)?.label ?? $0.kind, partyBranch: $0.partyBranch ?? "—",
                    removeAction: SiteURL.adminUserGridRemove(row.id, gridID: $0.gridId).path)
            },
            grids: isWorker
                ? try await GridRepository(db: db).grids(zoneID: zoneID).map {
                    .init(value: String($0.id), label: "\($0.name)（\($0.code)）", selected: false)
                } : [],
            kinds: GridWorkerKind.allCases.map {
                .init(value: $0.rawValue, label: $0.label, selected: $0 == .fullTime)
            },
            gridsAction: SiteURL.adminUserGrids(row.id).path, activeAction: SiteURL.adminUserActive(row.id).path,
            codeAction: SiteURL.adminUserCode(row.id).path, canToggle: row.id != viewer.id, csrf: csrf)
    }
}

/// A CSV import page (users or residents): what the columns are, every problem of a refused file,
/// and after a users import the activation codes, shown this once.
struct UserImportPage: Sendable {
    struct Problem: Sendable {
        let line: String
        let column: String
        let message: String
    }
    let heading: String
    let intro: String
    let columns: String
    let example: String
    let action: String
    var problems: [Problem] = []
    var fileError: String?
    var issued: [IssuedCode] = []
    var summary: String?
    var csrf = ""

    static func users(csrf: String) -> UserImportPage {
        UserImportPage(
            heading: "从 CSV 导入用户",
            intro:
                "每行一个账号。先检查整个文件：全部正确才一次性创建；有任何问题则不创建任何账号，并列出每一处问题（行、列、原因）。文件中不填写密码：每个新账号得到一个一次性激活码（有效期 7 天），只在导入成功后显示这一次，请转交本人，本人在“账号激活”页面设置密码。",
            columns: UserCSV.describe(UserImport.columns),
            example: "用户名,姓名,角色,部门,企业信用代码,网格编号,专职兼职,党支部\nwang.grid,王网格,网格员,,,G001；G002,专职,第一网格党支部",
            action: SiteURL.adminUserImport.path, csrf: csrf)
    }

    static func residents(csrf: String) -> UserImportPage {
        UserImportPage(
            heading: "从 CSV 导入居民",
            intro:
                "每行一位居民，按居民登记表的规则检查（身份证号校验、手机号、网格、户编号、双登记）。全部正确才一次性导入；有任何问题则不写入任何数据，并列出每一处问题。户编号相同的居民为同一家庭户（新户以第一位居民的住址建户）。",
            columns: UserCSV.describe(ResidentImport.columns),
            example: "姓名,身份证号,手机号,住址,网格编号,户编号,党员,双登记村社区编号\n张三,11010519491231002X,13800138000,幸福路1号,G001,H001,否,",
            action: SiteURL.residentImport.path, csrf: csrf)
    }

    mutating func refuse(_ problems: [UserCSV.Problem]) {
        self.problems = problems.prefix(500).map {
            .init(line: $0.line == 0 ? "—" : "第 \($0.line) 行", column: $0.column, message: $0.message)
        }
        fileError =
            "文件未导入：发现 \(problems.count) 处问题\(problems.count > 500 ? "（仅列出前 500 处）" : "")，请全部改正后重新上传。没有写入任何数据。"
    }
}

/// A resident record's activation code: whether the resident already has a login, the latest code's
/// state, the button for a new code, and a new code shown once.
struct ResidentActivationPage: Sendable {
    let name: String
    let residentHref: String
    let hasLogin: Bool
    let latest: String?
    var code: String?
    var codeExpires: String?
    let action: String
    let activateHref = SiteURL.activate.path
    var csrf = ""

    static func load(_ row: ResidentRow, csrf: String, db: any SQLDatabase) async throws -> Self {
        let repo = UserAdminRepository(db: db)
        let login = try await repo.user(personID: row.personId)
        let latest = try await repo.latestCode(personID: row.personId).map { code -> String in
            let state =
                code.usedAt != nil
                ? "已使用" : code.revokedAt != nil ? "已失效" : code.expiresAt <= Clock.nowSeconds() ? "已过期" : "有效"
            return "最近一次发放于 \(DisplayTime.format(code.createdAt))，有效期至 \(DisplayTime.format(code.expiresAt))：\(state)"
        }
        return ResidentActivationPage(
            name: row.name, residentHref: SiteURL.governanceResident(row.personId).path, hasLogin: login != nil,
            latest: latest, action: SiteURL.residentActivation(row.personId).path, csrf: csrf)
    }
}

/// The public activation form (no login): code, username, 身份证号 last 6 (residents), new password.
struct ActivatePage: Sendable {
    var code = ""
    var username = ""
    var errors = FormErrors()
    let action = SiteURL.activate.path
    let loginHref = SiteURL.login.path
    var csrf = ""
}
