import Hummingbird

/// The platform admin creates zones (with parks and the first zone admin) and edits them.
struct ZoneManageRoutes {
    let services: AppServices
    var service: ZoneService { ZoneService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.zoneNew.pattern) { _, context -> Response in
            try context.authorize(.create, .allZones)
            return try await form(context, isNew: true, input: .init(), action: SiteURL.zoneNew.path)
        }
        router.post(SiteURL.zoneNew.pattern) { request, context -> Response in
            try context.authorize(.create, .allZones)
            let actor = try context.requireUser()
            let input = ZoneService.ZoneInput(try await FormData.from(request, context: context))
            return try await services.submit {
                _ = try await service.createZone(input, actor: actor)
                return .redirect(
                    to: SiteURL.zones,
                    flash: Flash(
                        kind: .success, message: "已创建园区“\(input.name)”及其管理员 \(input.adminUsername)，请用该账号登录完成园区设置。"))
            } refused: { errors in
                try await form(context, isNew: true, input: input, errors: errors, action: SiteURL.zoneNew.path)
            }
        }
        router.get(SiteURL.zoneEdit(0).pattern) { request, context -> Response in
            try context.authorize(.update, .allZones)
            let id = try request.id(context)
            guard let zone = try await ZoneRepository(db: services.database.sql).zone(id: id) else {
                throw PageError.notFound
            }
            var input = ZoneService.ZoneInput()
            (input.code, input.name, input.fullName) = (zone.code, zone.name, zone.fullName)
            (input.province, input.city) = (zone.province, zone.city)
            return try await form(context, isNew: false, input: input, action: SiteURL.zoneEdit(id).path)
        }
        router.post(SiteURL.zoneEdit(0).pattern) { request, context -> Response in
            try context.authorize(.update, .allZones)
            let actor = try context.requireUser()
            let id = try request.id(context)
            let input = ZoneService.ZoneInput(try await FormData.from(request, context: context))
            return try await services.submit {
                try await service.updateZone(id: id, input, actor: actor)
                return .redirect(to: SiteURL.zones, flash: Flash(kind: .success, message: "已保存园区“\(input.name)”。"))
            } refused: { errors in
                try await form(context, isNew: false, input: input, errors: errors, action: SiteURL.zoneEdit(id).path)
            }
        }
    }

    private func form(
        _ context: AppRequestContext, isNew: Bool, input: ZoneService.ZoneInput, errors: FormErrors = FormErrors(),
        action: String
    ) async throws -> Response {
        let page = ZoneFormPage(isNew: isNew, input: input, errors: errors, action: action, csrf: context.csrfToken)
        let title = isNew ? "新建园区" : "编辑园区"
        return try await services.render(
            "zones/form", page: page, context: context, title: title, path: SiteURL.zones.path,
            breadcrumbs: [.init(title: "全部园区", href: SiteURL.zones.path), .init(title: title, href: nil)],
            status: errors.isEmpty ? .ok : .badRequest)
    }
}

/// The zone admin's setup pages: parks (一区多园), one department with its spokesperson, and the
/// go-live checklist.
struct ZoneSetupRoutes {
    let services: AppServices
    var service: ZoneService { ZoneService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.adminParks.pattern) { _, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.view, .zoneSettings(zoneID: zoneID))
            return try await parks(context, zoneID: zoneID)
        }
        router.post(SiteURL.adminParks.pattern) { request, context -> Response in
            let (actor, zoneID) = try context.requireZone()
            try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
            let name = try await FormData.from(request, context: context)["name"]
            return try await services.submit {
                let park = try await service.addPark(name: name, zoneID: zoneID, actor: actor)
                return .redirect(to: SiteURL.adminParks, flash: Flash(kind: .success, message: "已添加园区“\(park.name)”。"))
            } refused: { errors in
                try await parks(context, zoneID: zoneID, name: name, errors: errors)
            }
        }
        router.post(SiteURL.adminPark(0).pattern) { request, context -> Response in
            let (actor, zoneID) = try context.requireZone()
            try context.authorize(.administer, .zoneSettings(zoneID: zoneID))
            let id = try request.id(context)
            let form = try await FormData.from(request, context: context)
            return try await services.submit {
                let park = try await service.updatePark(
                    id: id, name: form["name"], isActive: form["active"] == "1", zoneID: zoneID, actor: actor)
                let message = "已保存园区“\(park.name)”" + (park.isActive ? "。" : "（已停用，新导入的企业不能再选它）。")
                return .redirect(to: SiteURL.adminParks, flash: Flash(kind: .success, message: message))
            } refused: { errors in
                try await parks(context, zoneID: zoneID, errors: errors, failedID: id)
            }
        }
        router.get(SiteURL.adminDepartment(0).pattern) { request, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.update, .department(zoneID: zoneID))
            let id = try request.id(context)
            guard let row = try await ZoneRepository(db: services.database.sql).department(id: id, zoneID: zoneID)
            else {
                throw PageError.notFound
            }
            return try await department(context, id: id, input: .init(row))
        }
        router.post(SiteURL.adminDepartment(0).pattern) { request, context -> Response in
            let (actor, zoneID) = try context.requireZone()
            try context.authorize(.update, .department(zoneID: zoneID))
            let id = try request.id(context)
            let input = ZoneService.DepartmentInput(try await FormData.from(request, context: context))
            return try await services.submit {
                let row = try await service.saveDepartment(id: id, input, zoneID: zoneID, actor: actor)
                return .redirect(
                    to: SiteURL.adminDepartments, flash: Flash(kind: .success, message: "已保存部门“\(row.name)”。"))
            } refused: { errors in
                try await department(context, id: id, input: input, errors: errors)
            }
        }
        router.get(SiteURL.adminChecklist.pattern) { _, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.view, .zoneSettings(zoneID: zoneID))
            let page = try await ChecklistPage.load(zoneID: zoneID, services: services)
            return try await services.render(
                "zones/checklist", page: page, context: context, title: "上线检查", path: SiteURL.adminChecklist.path,
                breadcrumbs: [.init(title: "上线检查", href: nil)])
        }
    }

    private func parks(
        _ context: AppRequestContext, zoneID: Int64, name: String = "", errors: FormErrors = FormErrors(),
        failedID: Int64? = nil
    ) async throws -> Response {
        let page = try await ParksPage.load(
            zoneID: zoneID, name: name, errors: errors, failedID: failedID, csrf: context.csrfToken, services: services)
        return try await services.render(
            "zones/parks", page: page, context: context, title: "园区（一区多园）", path: SiteURL.adminParks.path,
            breadcrumbs: [.init(title: "园区", href: nil)], status: errors.isEmpty ? .ok : .badRequest)
    }

    private func department(
        _ context: AppRequestContext, id: Int64, input: ZoneService.DepartmentInput, errors: FormErrors = FormErrors()
    ) async throws -> Response {
        let page = DepartmentFormPage(
            isNew: false, input: input, errors: errors, action: SiteURL.adminDepartment(id).path,
            csrf: context.csrfToken)
        return try await services.render(
            "zones/department", page: page, context: context, title: "编辑部门", path: SiteURL.adminDepartments.path,
            breadcrumbs: [.init(title: "部门", href: SiteURL.adminDepartments.path), .init(title: "编辑部门", href: nil)],
            status: errors.isEmpty ? .ok : .badRequest)
    }
}
