import Foundation
import GaoxinCore
import HTTPTypes

/// What the item form sends: every field of the national guide, the department, the limits as
/// typed, 可网办, and where the item sits in the catalogue (个人/企业 and the life event).
struct ServiceItemInput: Sendable {
    var guide: [GuideField: String] = [:]
    var department = ""
    var legalDays = ""
    var promisedDays = ""
    var online = false
    var audience = ""
    var lifeEvent = ""

    init(_ value: (String) -> String) {
        for field in GuideField.allCases { guide[field] = value(field.rawValue).trimmed }
        department = value("department_id").trimmed
        legalDays = value("legal_days").trimmed
        promisedDays = value("promised_days").trimmed
        online = value("online") == "1"
        audience = value("audience").trimmed
        lifeEvent = value("life_event").trimmed
    }

    init(_ i: ServiceItemRow) {
        guide = i.guide
        department = String(i.departmentId)
        legalDays = String(i.legalDays)
        promisedDays = String(i.promisedDays)
        online = i.online
        audience = i.audience
        lifeEvent = i.lifeEvent
    }
}

/// What the 一件事 form sends.
struct ServiceBundleInput: Sendable {
    var code = ""
    var name = ""
    var summary = ""
    var department = ""
    var audience = ""
    var lifeEvent = ""
    var online = false
    var items: [String] = []
}

/// What the material form sends; the blank form and the sample come as files beside it.
struct ServiceMaterialInput: Sendable {
    var name = ""
    var required = true
    var form = ""
    var copies = ""
    var source = ""
    var standard = ""
    var filledFrom = ""
}

extension ServiceService {
    /// A whole number of 0–365 working days as typed, or a message on `field`.
    static func days(_ text: String, _ field: String, _ label: String, into errors: inout FormErrors) -> Int? {
        guard text.count <= 3, let n = Int(text), (0...ServiceLimits.maxDays).contains(n) else {
            errors.add(field, "\(label)：请填写 0 到 \(ServiceLimits.maxDays) 之间的工作日数")
            return nil
        }
        return n
    }

    /// A department of the zone chosen on a form, or a message on `department_id`.
    func department(_ text: String, zoneID: Int64, into errors: inout FormErrors) async throws -> Int64? {
        guard text.count <= 18, let id = Int64(text),
            try await ServiceRoutes(services: services).departmentNames(zoneID)[id] != nil
        else {
            errors.add("department_id", "实施部门：请在本园区的部门中选择")
            return nil
        }
        return id
    }

    /// Creates (`existing` nil) or edits an item: every guide field filled and bounded, codes
    /// well-formed and the 实施编码 unused in the zone, the promise no longer than the law, the life
    /// event of the chosen side. The item and its 一件事's limits are written in one transaction
    /// with the audit row. Returns the item's id.
    func saveItem(_ input: ServiceItemInput, existing: ServiceItemRow?, zoneID: Int64, user: CurrentUser)
        async throws -> Int64
    {
        var errors = FormErrors()
        for p in GuideField.problems(input.guide) { errors.add(p.field, p.message) }
        for (field, label) in [(GuideField.code, "实施编码"), (.basicCode, "基本编码")] where errors[field.rawValue] == nil {
            if let p = CatalogueCheck.codeProblem(input.guide[field] ?? "", field: field.rawValue, label: label) {
                errors.add(p.field, p.message)
            }
        }
        let departmentID = try await department(input.department, zoneID: zoneID, into: &errors)
        let legal = Self.days(input.legalDays, "legal_days", "法定办结时限", into: &errors)
        let promised = Self.days(input.promisedDays, "promised_days", "承诺办结时限", into: &errors)
        if let legal, let promised {
            for p in ServiceLimits(legalDays: legal, promisedDays: promised).problems { errors.add(p.field, p.message) }
        }
        let audience = ServiceAudience(rawValue: input.audience)
        let event = LifeEvent(rawValue: input.lifeEvent)
        if audience == nil { errors.add("audience", "服务对象类别：请选择个人或企业") }
        if event == nil {
            errors.add("life_event", "主题：请选择")
        } else if let event, let audience, event.audience != audience {
            errors.add("life_event", "主题：“\(event.label)”不属于\(audience.label)的主题")
        }
        let code = input.guide[.code] ?? ""
        let repo = ServiceRepository(db: services.database.sql)
        if errors["code"] == nil, try await repo.itemCodeTaken(zoneID: zoneID, code: code, except: existing?.id) {
            errors.add("code", "实施编码：本园区已有事项使用“\(code)”")
        }
        try Refusal.check(errors)
        guard let departmentID, let legal, let promised, let audience, let event else { return 0 }
        let g = input.guide
        let row = ServiceItemRow(
            id: existing?.id ?? 0, zoneId: zoneID, departmentId: departmentID, code: code,
            basicCode: g[.basicCode] ?? "", name: g[.name] ?? "", kind: g[.kind] ?? "", basis: g[.basis] ?? "",
            authority: g[.authority] ?? "", audienceText: g[.audienceText] ?? "", conditions: g[.conditions] ?? "",
            legalDays: legal, promisedDays: promised, fee: g[.fee] ?? "", process: g[.process] ?? "",
            forms: g[.forms] ?? "", visits: g[.visits] ?? "", place: g[.place] ?? "", hours: g[.hours] ?? "",
            consult: g[.consult] ?? "", supervise: g[.supervise] ?? "", online: input.online, scope: g[.scope] ?? "",
            resultName: g[.resultName] ?? "", resultType: g[.resultType] ?? "", audience: audience.rawValue,
            lifeEvent: event.rawValue, createdAt: existing?.createdAt ?? Clock.nowSeconds())
        return try await services.database.transaction { db -> Int64 in
            let repo = ServiceRepository(db: db)
            let id: Int64
            if existing != nil {
                try await repo.updateItem(row)
                id = row.id
            } else {
                id = try await repo.insertItem(row)
            }
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "service_item", id: id,
                action: existing == nil ? "create" : "edit",
                before: existing.map { ["code": $0.code, "name": $0.name, "promised_days": String($0.promisedDays)] },
                after: ["code": row.code, "name": row.name, "promised_days": String(row.promisedDays)], on: db)
            return id
        }
    }

    /// Creates or edits a 一件事 composed of the zone's items (one to 20, each once); its limits are
    /// the longest of its items'. Returns its id.
    func saveBundle(_ input: ServiceBundleInput, existing: ServiceBundleRow?, zoneID: Int64, user: CurrentUser)
        async throws -> Int64
    {
        var errors = FormErrors()
        let audience = ServiceAudience(rawValue: input.audience)
        let event = LifeEvent(rawValue: input.lifeEvent)
        let zoneItems = Dictionary(
            uniqueKeysWithValues: try await ServiceRepository(db: services.database.sql).items(zoneID: zoneID).map {
                ($0.id, $0)
            })
        var chosen: [ServiceItemRow] = []
        for text in input.items.prefix(CatalogueCheck.maxBundleItems + 1) {
            if let id = text.count <= 18 ? Int64(text) : nil, let item = zoneItems[id] {
                chosen.append(item)
            } else {
                errors.add("items", "包含事项：所选事项不在本园区的事项目录中")
            }
        }
        for p in CatalogueCheck.bundleProblems(
            name: input.name, summary: input.summary, audience: audience, lifeEvent: event,
            itemCount: input.items.count,
            distinctItems: Set(chosen.map(\.id)).count + (input.items.count - chosen.count))
        {
            errors.add(p.field, p.message)
        }
        if let p = CatalogueCheck.codeProblem(input.code, field: "code", label: "“一件事”编码") {
            errors.add(p.field, p.message)
        }
        let departmentID = try await department(input.department, zoneID: zoneID, into: &errors)
        let repo = ServiceRepository(db: services.database.sql)
        if errors["code"] == nil,
            try await repo.bundleCodeTaken(zoneID: zoneID, code: input.code, except: existing?.id)
        {
            errors.add("code", "“一件事”编码：本园区已有“一件事”使用“\(input.code)”")
        }
        try Refusal.check(errors)
        guard let departmentID, let audience, let event else { return 0 }
        let limits = CatalogueCheck.bundleLimits(chosen.map(\.limits))
        let row = ServiceBundleRow(
            id: existing?.id ?? 0, zoneId: zoneID, departmentId: departmentID, code: input.code, name: input.name,
            summary: input.summary, audience: audience.rawValue, lifeEvent: event.rawValue,
            legalDays: limits.legalDays, promisedDays: limits.promisedDays, online: input.online,
            createdAt: existing?.createdAt ?? Clock.nowSeconds())
        let itemIDs = chosen.map(\.id)
        return try await services.database.transaction { db -> Int64 in
            let repo = ServiceRepository(db: db)
            let id: Int64
            if existing != nil {
                try await repo.updateBundle(row, itemIDs: itemIDs)
                id = row.id
            } else {
                id = try await repo.insertBundle(row, itemIDs: itemIDs)
            }
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "service_bundle", id: id,
                action: existing == nil ? "create" : "edit",
                before: existing.map { ["code": $0.code, "name": $0.name] },
                after: ["code": row.code, "name": row.name, "items": itemIDs.map(String.init).joined(separator: ",")],
                on: db)
            return id
        }
    }
}

extension ServiceService {
    /// Checks a blank form or sample upload: a document by its content, within the size limit.
    static func checkCatalogueFile(
        _ file: MultipartForm.File?, field: String, label: String, into errors: inout FormErrors
    ) -> MultipartForm.File? {
        guard let file, !file.data.isEmpty else { return nil }
        if file.data.count > MaterialFileLimits.maxBytes {
            errors.add(field, "\(label)：文件超过 \(MaterialFileLimits.maxBytesText)，请压缩后重新上传")
            return nil
        }
        do {
            _ = try FileKind.check(file.data, allowed: FileKind.documents, field: field, label: label)
        } catch {
            for (f, m) in error.errors.entries { errors.add(f, m) }
            return nil
        }
        if file.fileName.textLength > 100 {
            errors.add(field, "\(label)：文件名不能超过 100 个字")
            return nil
        }
        return file
    }

    /// Adds a material to the 一件事's list (`existing` nil) or edits one: 名称, 必要性, 形式, 份数,
    /// 来源渠道, 受理标准, 免证办 source, and a blank form and a sample checked by content. Returns its id.
    func saveMaterial(
        _ input: ServiceMaterialInput, blank: MultipartForm.File?, sample: MultipartForm.File?,
        bundle: ServiceBundleRow, existing: ServiceMaterialRow?, user: CurrentUser
    ) async throws -> Int64 {
        let copies = input.copies.count <= 3 ? Int(input.copies) : nil
        var errors = FormErrors()
        for p in CatalogueCheck.materialProblems(
            name: input.name, form: input.form, copies: copies, source: input.source, standard: input.standard)
        {
            errors.add(p.field, p.message)
        }
        let filled = input.filledFrom.isEmpty ? nil : MaterialSource(rawValue: input.filledFrom)
        if !input.filledFrom.isEmpty && filled == nil { errors.add("filled_from", "免证办数据来源：请在列表中选择") }
        let blankFile = Self.checkCatalogueFile(blank, field: "blank", label: "空白表格", into: &errors)
        let sampleFile = Self.checkCatalogueFile(sample, field: "sample", label: "示例样表", into: &errors)
        try Refusal.check(errors)
        var position = existing?.position ?? 0
        if existing == nil {
            position = try await ServiceRepository(db: services.database.sql).nextMaterialPosition(bundleID: bundle.id)
        }
        let row = ServiceMaterialRow(
            id: existing?.id ?? 0, zoneId: bundle.zoneId, bundleId: bundle.id, position: position, name: input.name,
            required: input.required, form: input.form, copies: copies ?? 1, source: input.source,
            standard: input.standard, filledFrom: filled?.rawValue,
            blankName: blankFile?.fileName ?? existing?.blankName,
            sampleName: sampleFile?.fileName ?? existing?.sampleName)
        return try await services.database.transaction { db -> Int64 in
            let repo = ServiceRepository(db: db)
            let id: Int64
            if existing != nil {
                try await repo.updateMaterial(row, blank: blankFile?.data, sample: sampleFile?.data)
                id = row.id
            } else {
                id = try await repo.insertMaterial(row, blank: blankFile?.data, sample: sampleFile?.data)
            }
            try await AuditLog.record(
                zoneID: bundle.zoneId, actor: user, entity: "service_material", id: id,
                action: existing == nil ? "create" : "edit", before: existing.map { ["name": $0.name] },
                after: ["bundle": String(bundle.id), "name": row.name, "required": row.required ? "1" : "0"], on: db)
            return id
        }
    }

    /// Takes a material off the list; one an application handed in stays (its file refers to it).
    func removeMaterial(_ m: ServiceMaterialRow, user: CurrentUser) async throws {
        if try await ServiceRepository(db: services.database.sql).materialInUse(id: m.id) {
            throw Refusal("material", "“\(m.name)”已有办件提交，不能删除；可以改为非必要材料。", status: .conflict)
        }
        try await services.database.transaction { db in
            try await ServiceRepository(db: db).deleteMaterial(id: m.id, zoneID: m.zoneId)
            try await AuditLog.record(
                zoneID: m.zoneId, actor: user, entity: "service_material", id: m.id, action: "remove",
                before: ["bundle": String(m.bundleId), "name": m.name], on: db)
        }
    }
}
