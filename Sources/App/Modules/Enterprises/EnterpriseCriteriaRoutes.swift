import Foundation
import GaoxinCore
import Hummingbird

/// The zone admin edits the official criteria as data: the shipped JSON definition is the
/// starting point; a saved version replaces it for this zone only, after it compiles. The pages
/// keep their place under /admin/criteria.
struct EnterpriseCriteriaRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.adminCriteria.pattern, use: list)
        router.get(SiteURL.adminCriterion("").pattern, use: edit)
        router.post(SiteURL.adminCriterion("").pattern, use: save)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .criteria(zoneID: zoneID))
        return try await services.render(
            "enterprises/criteria", page: try await CriteriaAdminPage.load(zoneID: zoneID, db: db), context: context,
            title: "认定条件", path: SiteURL.adminCriteria.path, breadcrumbs: [.init(title: "认定条件", href: nil)])
    }

    private func render(_ page: CriterionEditPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await services.render(
            "enterprises/criterion", page: page, context: context, title: page.name, path: SiteURL.adminCriteria.path,
            breadcrumbs: [.init(title: "认定条件", href: SiteURL.adminCriteria.path), .init(title: page.name, href: nil)],
            status: status)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.administer, .criteria(zoneID: zoneID))
        guard
            let page = try await CriterionEditPage.load(
                code: context.parameters.get("code") ?? "", zoneID: zoneID, csrf: context.csrfToken, db: db)
        else { throw PageError.notFound }
        return try await render(page, context: context)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.administer, .criteria(zoneID: zoneID))
        let code = context.parameters.get("code") ?? ""
        guard let current = try await CriteriaStore(db: db.sql).library(zoneID: zoneID)[code] else {
            throw PageError.notFound
        }
        let form = try await FormData.from(request, context: context)
        let service = EnterpriseService(database: db, user: user)
        if form["action"] == "reset" {
            try await service.resetCriterion(code: code, zoneID: zoneID)
            return .redirect(
                to: SiteURL.adminCriteria,
                flash: Flash(kind: .success, message: "“\(current.definition.name)”已恢复为平台内置版本。"))
        }
        let json = form.raw("definition")
        return try await services.submit {
            let saved = try await service.saveCriterion(code: code, json: json, zoneID: zoneID)
            return .redirect(
                to: SiteURL.adminCriteria, flash: Flash(kind: .success, message: "已保存本园区的“\(saved.definition.name)”。"))
        } refused: { errors in
            guard
                var page = try await CriterionEditPage.load(
                    code: code, zoneID: zoneID, typed: json, csrf: context.csrfToken, db: db)
            else { throw PageError.notFound }
            page.error = errors["definition"]
            return try await render(page, context: context)
        }
    }
}
