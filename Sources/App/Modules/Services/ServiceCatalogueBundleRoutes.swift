import Foundation
import GaoxinCore
import Hummingbird

/// 一件事 composed from items, and its material list (add, edit, remove).
extension ServiceCatalogueRoutes {
    /// The 一件事 of the viewer's zone named by `:id` (404 otherwise), with `action` decided for its
    /// lead department. An item's own form (`itemForms`) only for its material list: it is edited
    /// with the item.
    func bundle(_ request: Request, _ context: AppRequestContext, _ action: Action, itemForms: Bool = false)
        async throws -> (CurrentUser, ServiceBundleRow)
    {
        let (user, zoneID) = try context.requireZone()
        guard let b = try await ServiceRepository(db: services.database.sql).bundle(id: try request.id(context)),
            b.zoneId == zoneID, itemForms || b.itemId == nil
        else { throw PageError.notFound }
        try context.authorize(action, .serviceCatalogue(zoneID: zoneID, departmentID: b.departmentId))
        return (user, b)
    }

    static func bundleInput(_ form: FormData) -> ServiceBundleInput {
        ServiceBundleInput(
            code: form["code"], name: form["name"], summary: form["summary"], department: form["department_id"],
            audience: form["audience"], lifeEvent: form["life_event"], online: form["online"] == "1",
            items: form.all("items"))
    }

    static func bundleInput(_ b: ServiceBundleRow, items: [ServiceItemRow]) -> ServiceBundleInput {
        ServiceBundleInput(
            code: b.code, name: b.name, summary: b.summary, department: String(b.departmentId), audience: b.audience,
            lifeEvent: b.lifeEvent, online: b.online, items: items.map { String($0.id) })
    }

    func bundleForm(
        _ input: ServiceBundleInput, existing: ServiceBundleRow?, zoneID: Int64, context: AppRequestContext,
        errors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let repo = ServiceRepository(db: services.database.sql)
        let chosen = Set(input.items)
        let materials = try await existing.asyncMap { try await repo.materials(bundleID: $0.id) } ?? []
        let heading = existing.map { "编辑“一件事”：\($0.name)" } ?? "新增“一件事”"
        let page = ServiceBundleFormPage(
            heading: heading,
            action: existing.map { SiteURL.serviceBundleEdit($0.id).path } ?? SiteURL.serviceBundleNew.path,
            csrf: context.csrfToken, code: input.code, name: input.name, summary: input.summary,
            departments: ServiceCatalogueOptions.departments(
                try await pages.departmentNames(zoneID), selected: input.department),
            audiences: ServiceCatalogueOptions.audiences(selected: input.audience),
            events: ServiceCatalogueOptions.events(selected: input.lifeEvent), online: input.online,
            items: try await repo.items(zoneID: zoneID).map {
                ItemChoice(
                    value: String($0.id), label: "\($0.name)（\($0.code)）", checked: chosen.contains(String($0.id)))
            },
            materials: materials.map(CatalogueMaterialLine.init),
            newMaterialHref: existing.map { SiteURL.serviceMaterialNew($0.id).path },
            cancelHref: existing.map { SiteURL.serviceBundle($0.id).path } ?? SiteURL.module(.services).path,
            errors: errors)
        return try await render("services/bundle-form", page: page, context: context, title: heading, status: status)
    }

    @Sendable func newBundle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.create, .serviceCatalogue(zoneID: zoneID, departmentID: nil))
        return try await bundleForm(
            ServiceBundleInput(audience: "person"), existing: nil, zoneID: zoneID, context: context)
    }

    @Sendable func createBundle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .serviceCatalogue(zoneID: zoneID, departmentID: nil))
        let input = Self.bundleInput(try await FormData.from(request, context: context))
        return try await services.submit(
            {
                let id = try await service.saveBundle(input, existing: nil, zoneID: zoneID, user: user)
                return .redirect(
                    to: .serviceBundleEdit(id), flash: Flash(kind: .success, message: "已新增“一件事”，请添加材料清单。"))
            },
            refused: { errors in
                try await bundleForm(input, existing: nil, zoneID: zoneID, context: context, errors: errors)
            })
    }

    @Sendable func editBundle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, b) = try await bundle(request, context, .update)
        let items = try await ServiceRepository(db: services.database.sql).items(bundleID: b.id)
        return try await bundleForm(
            Self.bundleInput(b, items: items), existing: b, zoneID: b.zoneId, context: context)
    }

    @Sendable func updateBundle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, b) = try await bundle(request, context, .update)
        let input = Self.bundleInput(try await FormData.from(request, context: context))
        // The lead department moves only by the zone admin's hand.
        if input.department != String(b.departmentId) {
            try context.authorize(.create, .serviceCatalogue(zoneID: b.zoneId, departmentID: nil))
        }
        return try await services.submit(
            {
                _ = try await service.saveBundle(input, existing: b, zoneID: b.zoneId, user: user)
                return .redirect(to: .serviceBundle(b.id), flash: Flash(kind: .success, message: "已保存“一件事”。"))
            },
            refused: { errors in
                try await bundleForm(input, existing: b, zoneID: b.zoneId, context: context, errors: errors)
            })
    }

    // MARK: - Materials

    func material(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, ServiceMaterialRow, ServiceBundleRow
    ) {
        let (user, zoneID) = try context.requireZone()
        let repo = ServiceRepository(db: services.database.sql)
        guard let m = try await repo.material(id: try request.id(context)), m.zoneId == zoneID,
            let b = try await repo.bundle(id: m.bundleId)
        else { throw PageError.notFound }
        try context.authorize(.update, .serviceCatalogue(zoneID: zoneID, departmentID: b.departmentId))
        return (user, m, b)
    }

    func materialForm(
        _ input: ServiceMaterialInput, bundle b: ServiceBundleRow, existing: ServiceMaterialRow?,
        context: AppRequestContext, errors: FormErrors = FormErrors()
    ) async throws -> Response {
        let page = ServiceMaterialFormPage(
            heading: existing.map { "编辑材料：\($0.name)" } ?? "添加材料", bundle: b,
            action: existing.map { SiteURL.serviceMaterialUpdate($0.id).path }
                ?? SiteURL.serviceMaterialCreate(b.id).path,
            csrf: context.csrfToken, input: input, existing: existing, errors: errors)
        return try await render(
            "services/material-form", page: page, context: context, title: page.heading,
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func newMaterial(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, b) = try await bundle(request, context, .update, itemForms: true)
        return try await materialForm(
            ServiceMaterialInput(form: "电子或纸质", copies: "1", source: "申请人自备"), bundle: b, existing: nil,
            context: context)
    }

    @Sendable func createMaterial(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, b) = try await bundle(request, context, .update, itemForms: true)
        let form = try await MultipartForm.from(request, context: context) ?? MultipartForm()
        let input = ServiceMaterialInput(form)
        return try await services.submit(
            {
                _ = try await service.saveMaterial(
                    input, blank: form.files["blank"], sample: form.files["sample"], bundle: b, existing: nil,
                    user: user)
                return .redirect(
                    to: b.materialsPage, flash: Flash(kind: .success, message: "已添加材料“\(input.name)”。"))
            },
            refused: { errors in
                try await materialForm(input, bundle: b, existing: nil, context: context, errors: errors)
            })
    }

    @Sendable func editMaterial(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, m, b) = try await material(request, context)
        return try await materialForm(ServiceMaterialInput(m), bundle: b, existing: m, context: context)
    }

    @Sendable func updateMaterial(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m, b) = try await material(request, context)
        let form = try await MultipartForm.from(request, context: context) ?? MultipartForm()
        let input = ServiceMaterialInput(form)
        return try await services.submit(
            {
                _ = try await service.saveMaterial(
                    input, blank: form.files["blank"], sample: form.files["sample"], bundle: b, existing: m, user: user)
                return .redirect(
                    to: b.materialsPage, flash: Flash(kind: .success, message: "已保存材料“\(input.name)”。"))
            },
            refused: { errors in try await materialForm(input, bundle: b, existing: m, context: context, errors: errors)
            })
    }

    @Sendable func removeMaterial(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m, b) = try await material(request, context)
        return try await services.act(returningTo: b.materialsPage) {
            try await service.removeMaterial(m, user: user)
            return "已从材料清单删除“\(m.name)”。"
        }
    }
}
