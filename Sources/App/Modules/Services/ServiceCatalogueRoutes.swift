import Foundation
import GaoxinCore
import Hummingbird

/// Keeping the catalogue: the zone admin (and a department for its own items) adds and edits items
/// with the whole national guide; the zone admin composes 一件事 from items and keeps their material
/// lists (with blank forms and samples, checked by content and served inert by `materialFile`).
/// Every form posts once and comes back with its messages inline on a refusal, nothing saved.
struct ServiceCatalogueRoutes {
    let services: AppServices
    var service: ServiceService { ServiceService(services: services) }
    var pages: ServiceRoutes { ServiceRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.serviceItemNew.pattern, use: newItem)
        router.post(SiteURL.serviceItemNew.pattern, use: createItem)
        router.get(SiteURL.serviceItemEdit(0).pattern, use: editItem)
        router.post(SiteURL.serviceItemEdit(0).pattern, use: updateItem)
        router.get(SiteURL.serviceBundleNew.pattern, use: newBundle)
        router.post(SiteURL.serviceBundleNew.pattern, use: createBundle)
        router.get(SiteURL.serviceBundleEdit(0).pattern, use: editBundle)
        router.post(SiteURL.serviceBundleEdit(0).pattern, use: updateBundle)
        router.get(SiteURL.serviceMaterialNew(0).pattern, use: newMaterial)
        router.post(SiteURL.serviceMaterialCreate(0).pattern, use: createMaterial)
        router.get(SiteURL.serviceMaterialEdit(0).pattern, use: editMaterial)
        router.post(SiteURL.serviceMaterialUpdate(0).pattern, use: updateMaterial)
        router.post(SiteURL.serviceMaterialRemove(0).pattern, use: removeMaterial)
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await pages.render(
            template, page: page, context: context, title: title, crumbs: [.init(title: title, href: nil)],
            status: status)
    }

    // MARK: - Items

    /// The item of the viewer's zone named by `:id` (404 otherwise), with `action` decided for its department.
    func item(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        CurrentUser, ServiceItemRow
    ) {
        let (user, zoneID) = try context.requireZone()
        guard let i = try await ServiceRepository(db: services.database.sql).item(id: try request.id(context)),
            i.zoneId == zoneID
        else { throw PageError.notFound }
        try context.authorize(action, .serviceCatalogue(zoneID: zoneID, departmentID: i.departmentId))
        return (user, i)
    }

    /// The department a form chose, for `Permissions`: a department keeps only its own items.
    static func chosenDepartment(_ text: String, user: CurrentUser) -> Int64? {
        text.count <= 18 ? Int64(text) ?? user.departmentID : user.departmentID
    }

    func itemForm(
        _ input: ServiceItemInput, existing: ServiceItemRow?, zoneID: Int64, context: AppRequestContext,
        errors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = ServiceItemFormPage(
            heading: existing.map { "编辑事项：\($0.name)" } ?? "新增事项",
            action: existing.map { SiteURL.serviceItemEdit($0.id).path } ?? SiteURL.serviceItemNew.path,
            csrf: context.csrfToken, input: input, departments: try await pages.departmentNames(zoneID),
            cancelHref: existing.map { SiteURL.serviceItem($0.id).path } ?? SiteURL.module(.services).path,
            errors: errors)
        return try await render("services/item-form", page: page, context: context, title: page.heading, status: status)
    }

    @Sendable func newItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .serviceCatalogue(zoneID: zoneID, departmentID: user.departmentID))
        var input = ServiceItemInput { _ in "" }
        input.department = user.departmentID.map(String.init) ?? ""
        return try await itemForm(input, existing: nil, zoneID: zoneID, context: context)
    }

    @Sendable func createItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        let form = try await FormData.from(request, context: context)
        let input = ServiceItemInput { form[$0] }
        try context.authorize(
            .create,
            .serviceCatalogue(zoneID: zoneID, departmentID: Self.chosenDepartment(input.department, user: user)))
        return try await services.submit(
            {
                let id = try await service.saveItem(input, existing: nil, zoneID: zoneID, user: user)
                return .redirect(to: .serviceItem(id), flash: Flash(kind: .success, message: "已新增事项。"))
            },
            refused: { errors in
                try await itemForm(input, existing: nil, zoneID: zoneID, context: context, errors: errors)
            })
    }

    @Sendable func editItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, i) = try await item(request, context, .update)
        return try await itemForm(ServiceItemInput(i), existing: i, zoneID: i.zoneId, context: context)
    }

    @Sendable func updateItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, i) = try await item(request, context, .update)
        let form = try await FormData.from(request, context: context)
        let input = ServiceItemInput { form[$0] }
        try context.authorize(
            .update,
            .serviceCatalogue(zoneID: i.zoneId, departmentID: Self.chosenDepartment(input.department, user: user)))
        return try await services.submit(
            {
                _ = try await service.saveItem(input, existing: i, zoneID: i.zoneId, user: user)
                return .redirect(to: .serviceItem(i.id), flash: Flash(kind: .success, message: "已保存办事指南。"))
            },
            refused: { errors in
                try await itemForm(input, existing: i, zoneID: i.zoneId, context: context, errors: errors)
            })
    }
}
