import Foundation
import GaoxinCore
import Hummingbird

/// 企业情况: the facts the criteria read beyond the yearly figures (居民企业, 失信, 中小企业,
/// 重点支持领域, awards …), entered by the enterprise or staff so that an enterprise can qualify.
struct EnterpriseProfileRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.enterpriseProfile(0).pattern) { request, context -> Response in
            let (enterprise, _) = try await load(request, context)
            let page = EnterpriseProfilePage.load(
                enterprise, cells: EnterpriseProfileColumns.write(enterprise.profile), csrf: context.csrfToken)
            return try await render(page, enterprise, context)
        }
        router.post(SiteURL.enterpriseProfile(0).pattern) { request, context -> Response in
            let (enterprise, user) = try await load(request, context)
            let form = try await FormData.from(request, context: context)
            let cells = EnterpriseProfileColumns.headers.indices.map { form[EnterpriseProfilePage.field(at: $0)] }
            return try await services.submit {
                try await EnterpriseService(database: services.database, user: user).saveProfile(cells, of: enterprise)
                return .redirect(
                    to: .enterprise(enterprise.id), flash: Flash(kind: .success, message: "已保存企业情况，认定结果随之更新。"))
            } refused: { errors in
                var page = EnterpriseProfilePage.load(enterprise, cells: cells, csrf: context.csrfToken)
                page.errors = errors
                return try await render(page, enterprise, context)
            }
        }
    }

    private func load(_ request: Request, _ context: AppRequestContext) async throws -> (EnterpriseRow, CurrentUser) {
        let (user, zoneID) = try context.requireZone()
        let id = try request.id(context)
        guard let row = try await EnterpriseRepository(db: services.database.sql).find(id: id, zoneID: zoneID) else {
            throw PageError.notFound
        }
        try context.authorize(.update, .enterprise(zoneID: zoneID, enterpriseID: id))
        return (row, user)
    }

    private func render(_ page: EnterpriseProfilePage, _ e: EnterpriseRow, _ context: AppRequestContext) async throws
        -> Response
    {
        try await services.render(
            "enterprises/profile", page: page, context: context, title: "企业情况", path: SiteURL.module(.enterprises).path,
            breadcrumbs: [.init(title: e.name, href: SiteURL.enterprise(e.id).path), .init(title: "企业情况", href: nil)])
    }
}

/// The profile form: a 是/否/未填 choice per yes-or-no fact, a text box for the rest.
struct EnterpriseProfilePage: Sendable {
    struct Field: Sendable {
        let name: String
        let label: String
        let value: String
        let isFlag: Bool
        let options: [SelectOption]
        let hint: String
        var error: String?
    }
    let enterprise: String
    var fields: [Field]
    var errors = FormErrors() {
        didSet { for i in fields.indices { fields[i].error = errors[fields[i].name] } }
    }
    let action: String
    let backHref: String
    let csrf: String

    static func field(at index: Int) -> String { "p\(index)" }
    static func field(_ header: String) -> String {
        field(at: EnterpriseProfileColumns.headers.firstIndex(of: header) ?? 0)
    }

    static let hints: [String: String] = [
        EnterpriseProfileColumns.awards: "如“国家级2024第2名；省级2023第1名”",
        EnterpriseProfileColumns.standards: "每个标准一个年份，如“2021；2024”",
        EnterpriseProfileColumns.stage: "初创期、成长期或稳定期",
        EnterpriseProfileColumns.rdLevel: "未建立、市级以下、市级、省级或国家级",
    ]

    static func load(_ e: EnterpriseRow, cells: [String], csrf: String) -> EnterpriseProfilePage {
        let flags = Set(EnterpriseProfileColumns.flagHeaders)
        let fields = zip(EnterpriseProfileColumns.headers, cells).enumerated().map { index, pair in
            let (header, value) = pair
            return Field(
                name: field(at: index), label: header, value: value, isFlag: flags.contains(header),
                options: ["", "是", "否"].map {
                    SelectOption(value: $0, label: $0.isEmpty ? "未填" : $0, selected: $0 == value)
                },
                hint: hints[header] ?? "")
        }
        return EnterpriseProfilePage(
            enterprise: e.name, fields: fields, action: SiteURL.enterpriseProfile(e.id).path,
            backHref: SiteURL.enterprise(e.id).path, csrf: csrf)
    }
}
