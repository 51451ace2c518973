import Foundation
import GaoxinCore
import Hummingbird

/// The users and residents CSV imports: the whole file is checked, then saved in one transaction
/// or refused with every problem (row, column, reason) and nothing saved.
struct UserImportRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.adminUserImport.pattern) { _, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
            return try await render(.users(csrf: context.csrfToken), context: context)
        }
        router.post(SiteURL.adminUserImport.pattern, use: importUsers)
        router.get(SiteURL.residentImport.pattern) { _, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.create, .residentImport(zoneID: zoneID))
            return try await render(.residents(csrf: context.csrfToken), context: context)
        }
        router.post(SiteURL.residentImport.pattern, use: importResidents)
    }

    private func render(_ page: UserImportPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let users = page.action == SiteURL.adminUserImport.path
        let crumbs: [LayoutModel.Crumb] =
            users
            ? [.init(title: "用户管理", href: SiteURL.adminUsers.path)]
            : [.init(title: "居民", href: SiteURL.governanceResidents.path)]
        return try await services.render(
            "users/import", page: page, context: context, title: page.heading,
            path: users ? SiteURL.adminUsers.path : SiteURL.governanceResidents.path,
            breadcrumbs: crumbs + [.init(title: page.heading, href: nil)], status: status)
    }

    /// The uploaded file, or nil with the page saying a file is needed.
    private func file(_ request: Request, _ context: AppRequestContext) async throws -> Data? {
        guard let form = try await MultipartForm.from(request, context: context), let data = form.files["file"]?.data,
            !data.isEmpty
        else { return nil }
        return Data(data)
    }

    @Sendable func importUsers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, zoneID) = try context.requireZone()
        try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
        var page = UserImportPage.users(csrf: context.csrfToken)
        guard let data = try await file(request, context) else {
            page.fileError = "文件：请选择要上传的 CSV 文件"
            return try await render(page, context: context, status: .badRequest)
        }
        let checked: Result<[UserImport.Draft], ProblemList>
        switch UserCSV.read(data, columns: UserImport.columns) {
        case .failure(let list): checked = .failure(list)
        case .success(let csv): checked = try await UserImport(database: services.database, zoneID: zoneID).check(csv)
        }
        switch checked {
        case .failure(let list):
            page.refuse(list.problems)
            return try await render(page, context: context, status: .unprocessableContent)
        case .success(let drafts):
            page.issued = try await UserService(services: services).createUsers(drafts, zoneID: zoneID, actor: actor)
            page.summary = "导入完成：新建 \(drafts.count) 个账号。下面的激活码只显示这一次，请现在转交本人（或打印本页）。"
            return try await render(page, context: context)
        }
    }

    @Sendable func importResidents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, zoneID) = try context.requireZone()
        try context.authorize(.create, .residentImport(zoneID: zoneID))
        var page = UserImportPage.residents(csrf: context.csrfToken)
        guard let data = try await file(request, context) else {
            page.fileError = "文件：请选择要上传的 CSV 文件"
            return try await render(page, context: context, status: .badRequest)
        }
        let residents = ResidentImport(database: services.database, zoneID: zoneID)
        let checked: Result<[(line: Int, draft: ResidentDraft)], ProblemList>
        switch UserCSV.read(data, columns: ResidentImport.columns) {
        case .failure(let list): checked = .failure(list)
        case .success(let csv): checked = try await residents.check(csv)
        }
        switch checked {
        case .failure(let list):
            page.refuse(list.problems)
            return try await render(page, context: context, status: .unprocessableContent)
        case .success(let rows):
            let count = try await residents.write(rows.map(\.draft), actor: actor)
            return .redirect(
                to: SiteURL.governanceResidents, flash: Flash(kind: .success, message: "导入完成：新登记 \(count) 位居民。"))
        }
    }
}
