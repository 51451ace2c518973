import Foundation
import GaoxinCore
import Hummingbird

/// The zone admin edits the official criteria as data: the shipped JSON definition is the
/// starting point; a saved version replaces it for this zone only, after it compiles.
struct CriteriaAdminRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.adminCriteria.pattern) { _, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.view, .zoneSettings(zoneID: zoneID))
            let store = CriteriaStore(db: db.sql)
            let overridden = Set(try await store.overrides(zoneID: zoneID).map(\.code))
            let library = try await store.library(zoneID: zoneID)
            let page = CriteriaAdminPage(
                items: library.criteria.map {
                    .init(
                        code: $0.code, name: $0.definition.name, basis: $0.definition.basis,
                        overridden: overridden.contains($0.code),
                        href: SiteURL.adminCriterion($0.code).path)
                })
            return try await services.render(
                "admin/criteria", page: page, context: context, title: "认定条件", path: SiteURL.adminCriteria.path,
                breadcrumbs: [.init(title: "认定条件", href: nil)])
        }
        router.get(SiteURL.adminCriterion("").pattern) { request, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
            let code = context.parameters.get("code") ?? ""
            let store = CriteriaStore(db: db.sql)
            guard let criterion = try await store.library(zoneID: zoneID)[code] else { throw PageError.notFound }
            let overridden = try await store.overrides(zoneID: zoneID).contains { $0.code == code }
            return try await edit(
                CriterionEditPage(
                    code: code, name: criterion.definition.name, json: CriteriaStore.json(of: criterion),
                    overridden: overridden, action: SiteURL.adminCriterion(code).path, csrf: context.csrfToken),
                context: context)
        }
        router.post(SiteURL.adminCriterion("").pattern, use: save)
    }

    private func edit(_ page: CriterionEditPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await services.render(
            "admin/criterion", page: page, context: context, title: page.name, path: SiteURL.adminCriteria.path,
            breadcrumbs: [.init(title: "认定条件", href: SiteURL.adminCriteria.path), .init(title: page.name, href: nil)],
            status: status)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
        let code = context.parameters.get("code") ?? ""
        let store = CriteriaStore(db: db.sql)
        guard let current = try await store.library(zoneID: zoneID)[code] else { throw PageError.notFound }
        let form = try await FormData.from(request, context: context)
        let before = try await store.overrides(zoneID: zoneID).first { $0.code == code }?.json

        if form["action"] == "reset" {
            try await db.transaction { db in
                try await CriteriaStore(db: db).remove(zoneID: zoneID, code: code)
                try await AuditLog.record(
                    zoneID: zoneID, actor: user, entity: "criterion", id: code, action: "reset", before: before,
                    after: String?.none, on: db)
            }
            return .redirect(
                to: SiteURL.adminCriteria,
                flash: Flash(kind: .success, message: "“\(current.definition.name)”已恢复为平台内置版本。"))
        }
        let json = form.raw("definition")
        var page = CriterionEditPage(
            code: code, name: current.definition.name, json: json, overridden: before != nil,
            action: SiteURL.adminCriterion(code).path, csrf: context.csrfToken)
        let compiled: Criterion
        do {
            compiled = try Criterion(json: Data(json.utf8), source: code)
        } catch {
            page.error = "认定条件有误，未保存：\(error.message)"
            return try await edit(page, context: context, status: .unprocessableContent)
        }
        guard compiled.code == code else {
            page.error = "认定条件有误，未保存：code 必须保持为“\(code)”（新增条件请联系平台管理员）"
            return try await edit(page, context: context, status: .unprocessableContent)
        }
        let saved = CriteriaStore.json(of: compiled)
        try await db.transaction { db in
            try await CriteriaStore(db: db).save(zoneID: zoneID, code: code, json: saved, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "criterion", id: code, action: "update", before: before,
                after: saved, on: db)
        }
        return .redirect(
            to: SiteURL.adminCriteria, flash: Flash(kind: .success, message: "已保存本园区的“\(compiled.definition.name)”。"))
    }
}
