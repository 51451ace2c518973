import Foundation
import GaoxinCore
import SQLKit

/// What the public catalogue is searched by: 个人/企业, life event, department, 可网办, and words.
struct ServiceCatalogueFilter: Sendable {
    var audience: ServiceAudience?
    var event: LifeEvent?
    var departmentID: Int64?
    var onlineOnly = false
    var search = ""
    /// 一件事 only, single items only, or (nil) both: 一件事 first.
    var kind: ServiceCatalogueKind?
}

/// What the catalogue lists: 一件事 bundles and the single items applied for on their own.
enum ServiceCatalogueKind: String, CaseIterable, Sendable {
    case bundle, item

    var label: String { self == .bundle ? "一件事" : "单项事项" }
}

/// Every query of the service catalogue: items, 一件事 bundles, their one set of materials and the
/// materials' blank forms and samples. Zone-owned rows are read with their zone.
struct ServiceRepository: Sendable {
    let db: any SQLDatabase

    private static let materialColumns = [
        "id", "zone_id", "bundle_id", "position", "name", "required", "form", "copies", "source", "standard",
        "filled_from", "blank_name", "sample_name",
    ]

    func bundles(zoneID: Int64, filter: ServiceCatalogueFilter, _ pager: Pager) async throws -> Paged<ServiceBundleRow>
    {
        let total = try await filtered(db.select(), zoneID: zoneID, filter).countRows()
        let rows = try await filtered(db.select().column("*"), zoneID: zoneID, filter)
            .orderBy(SQLRaw("item_id IS NOT NULL")).orderBy("code").page(pager)
            .rows(ServiceBundleRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    private func filtered(_ q: SQLSelectBuilder, zoneID: Int64, _ f: ServiceCatalogueFilter) -> SQLSelectBuilder {
        var q = q.from("svc_bundles").where("zone_id", .equal, zoneID)
        if let audience = f.audience { q = q.where("audience", .equal, audience.rawValue) }
        if let event = f.event { q = q.where("life_event", .equal, event.rawValue) }
        if let department = f.departmentID { q = q.where("department_id", .equal, department) }
        if f.onlineOnly { q = q.where("online", .equal, true) }
        switch f.kind {
        case .bundle: q = q.where("item_id", .is, SQLLiteral.null)
        case .item: q = q.where("item_id", .isNot, SQLLiteral.null)
        case nil: break
        }
        if !f.search.isEmpty {
            let pattern =
                "%" + f.search.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
                + "%"
            q = q.where(group: { $0.where("name", .like, pattern).orWhere("summary", .like, pattern) })
        }
        return q
    }

    func bundle(id: Int64) async throws -> ServiceBundleRow? {
        try await db.select().column("*").from("svc_bundles").where("id", .equal, id)
            .row(ServiceBundleRow.self)
    }

    func bundles(zoneID: Int64) async throws -> [ServiceBundleRow] {
        try await db.select().column("*").from("svc_bundles").where("zone_id", .equal, zoneID).orderBy("code")
            .rows(ServiceBundleRow.self)
    }

    func item(id: Int64) async throws -> ServiceItemRow? {
        try await db.select().column("*").from("svc_items").where("id", .equal, id)
            .row(ServiceItemRow.self)
    }

    func items(zoneID: Int64) async throws -> [ServiceItemRow] {
        try await db.select().column("*").from("svc_items").where("zone_id", .equal, zoneID).orderBy("code")
            .rows(ServiceItemRow.self)
    }

    /// Every 一件事 of the zone with the names of the items behind it (for figures by item).
    func itemNamesByBundle(zoneID: Int64) async throws -> [Int64: [String]] {
        struct Row: Decodable {
            var bundleId: Int64
            var name: String
        }
        let rows = try await db.select().column(SQLColumn("bundle_id", table: "bi")).column(
            SQLColumn("name", table: "i")
        )
        .from(SQLAlias(SQLIdentifier("svc_bundle_items"), as: SQLIdentifier("bi")))
        .join(
            SQLAlias(SQLIdentifier("svc_items"), as: SQLIdentifier("i")), method: SQLJoinMethod.inner,
            on: SQLColumn("id", table: "i"), .equal, SQLColumn("item_id", table: "bi")
        )
        .where(SQLColumn("zone_id", table: "i"), .equal, SQLBind(zoneID))
        .rows(Row.self)
        return Dictionary(grouping: rows, by: \.bundleId).mapValues { $0.map(\.name) }
    }

    /// The items behind a 一件事, in the order they are done.
    func items(bundleID: Int64) async throws -> [ServiceItemRow] {
        let ids = try await db.select().column("item_id").from("svc_bundle_items").where("bundle_id", .equal, bundleID)
            .orderBy("position").all(decodingColumn: "item_id", as: Int64.self)
        guard !ids.isEmpty else { return [] }
        let rows = try await db.select().column("*").from("svc_items").where("id", .in, ids)
            .rows(ServiceItemRow.self)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// The 一件事 an item belongs to (`own`: and the item's own form).
    func bundles(itemID: Int64, own: Bool = false) async throws -> [ServiceBundleRow] {
        let ids = try await db.select().column("bundle_id").from("svc_bundle_items").where("item_id", .equal, itemID)
            .all(decodingColumn: "bundle_id", as: Int64.self)
        guard !ids.isEmpty else { return [] }
        let q = db.select().column("*").from("svc_bundles").where("id", .in, ids)
        return try await (own ? q : q.where("item_id", .is, SQLLiteral.null)).orderBy("code")
            .rows(ServiceBundleRow.self)
    }

    /// The item's own form (单项办理), made with the item.
    func form(itemID: Int64) async throws -> ServiceBundleRow? {
        try await db.select().column("*").from("svc_bundles").where("item_id", .equal, itemID)
            .row(ServiceBundleRow.self)
    }

    func materials(bundleID: Int64) async throws -> [ServiceMaterialRow] {
        try await db.select().columns(Self.materialColumns).from("svc_materials").where("bundle_id", .equal, bundleID)
            .orderBy("position").orderBy("id")
            .rows(ServiceMaterialRow.self)
    }

    func material(id: Int64) async throws -> ServiceMaterialRow? {
        try await db.select().columns(Self.materialColumns).from("svc_materials").where("id", .equal, id)
            .row(ServiceMaterialRow.self)
    }

    private struct FileColumns: Decodable {
        var name: String?
        var data: Data?
    }

    /// A material's blank form (`blank`) or sample (`sample`).
    func materialFile(id: Int64, sample: Bool) async throws -> ServiceMaterialFile? {
        let prefix = sample ? "sample" : "blank"
        let row = try await db.select().column("\(prefix)_name", as: "name").column("\(prefix)_data", as: "data")
            .from("svc_materials").where("id", .equal, id).first(decoding: FileColumns.self)
        guard let name = row?.name, let data = row?.data else { return nil }
        return ServiceMaterialFile(name: name, data: data)
    }

    // MARK: - Writes (the demo and the catalogue service)

    /// New time limits for an item, and for every 一件事 it belongs to (its own form included) the
    /// longest of its items'.
    func setLimits(itemID: Int64, legal: Int, promised: Int) async throws {
        try await db.update("svc_items").set("legal_days", to: legal).set("promised_days", to: promised)
            .where("id", .equal, itemID).run()
        for bundle in try await bundles(itemID: itemID, own: true) {
            let items = try await items(bundleID: bundle.id)
            try await db.update("svc_bundles").set("legal_days", to: items.map(\.legalDays).max() ?? legal)
                .set("promised_days", to: items.map(\.promisedDays).max() ?? promised)
                .where("id", .equal, bundle.id).run()
        }
    }

    /// A new item and its own form (单项办理), in the caller's transaction.
    func insertItem(_ r: ServiceItemRow) async throws -> Int64 {
        let id =
            try await db.insert(into: "svc_items")
            .columns(
                "zone_id", "department_id", "code", "basic_code", "name", "kind", "basis", "authority",
                "audience_text", "conditions", "legal_days", "promised_days", "fee", "process", "forms", "visits",
                "place", "hours", "consult", "supervise", "online", "scope", "result_name", "result_type",
                "audience", "life_event", "created_at"
            )
            .values(
                SQLBind(r.zoneId), SQLBind(r.departmentId), SQLBind(r.code), SQLBind(r.basicCode), SQLBind(r.name),
                SQLBind(r.kind), SQLBind(r.basis), SQLBind(r.authority), SQLBind(r.audienceText),
                SQLBind(r.conditions), SQLBind(r.legalDays), SQLBind(r.promisedDays), SQLBind(r.fee),
                SQLBind(r.process), SQLBind(r.forms), SQLBind(r.visits), SQLBind(r.place), SQLBind(r.hours),
                SQLBind(r.consult), SQLBind(r.supervise), SQLBind(r.online), SQLBind(r.scope),
                SQLBind(r.resultName), SQLBind(r.resultType), SQLBind(r.audience), SQLBind(r.lifeEvent),
                SQLBind(r.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        _ = try await insertBundle(Self.form(of: r, id: id), itemIDs: [id])
        return id
    }

    /// The item's own form as its fields make it (code `item:` + its code: never a typed code; its
    /// summary the start of the item's 受理条件).
    static func form(of r: ServiceItemRow, id: Int64) -> ServiceBundleRow {
        ServiceBundleRow(
            id: 0, zoneId: r.zoneId, departmentId: r.departmentId, code: "item:" + r.code, name: r.name,
            summary: String(r.conditions.prefix(200)), audience: r.audience, lifeEvent: r.lifeEvent,
            legalDays: r.legalDays,
            promisedDays: r.promisedDays, online: r.online, createdAt: r.createdAt, itemId: id)
    }

    func insertBundle(_ r: ServiceBundleRow, itemIDs: [Int64]) async throws -> Int64 {
        let id =
            try await db.insert(into: "svc_bundles")
            .columns(
                "zone_id", "department_id", "code", "name", "summary", "audience", "life_event", "legal_days",
                "promised_days", "online", "created_at", "item_id"
            )
            .values(
                SQLBind(r.zoneId), SQLBind(r.departmentId), SQLBind(r.code), SQLBind(r.name), SQLBind(r.summary),
                SQLBind(r.audience), SQLBind(r.lifeEvent), SQLBind(r.legalDays), SQLBind(r.promisedDays),
                SQLBind(r.online), SQLBind(r.createdAt), SQLBind(r.itemId)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        for (position, item) in itemIDs.enumerated() {
            try await db.insert(into: "svc_bundle_items").columns("bundle_id", "item_id", "position")
                .values(SQLBind(id), SQLBind(item), SQLBind(position)).run()
        }
        return id
    }

    func insertMaterial(_ m: ServiceMaterialRow, blank: Data?, sample: Data?) async throws -> Int64 {
        try await db.insert(into: "svc_materials")
            .columns(
                "zone_id", "bundle_id", "position", "name", "required", "form", "copies", "source", "standard",
                "filled_from", "blank_name", "blank_data", "sample_name", "sample_data"
            )
            .values(
                SQLBind(m.zoneId), SQLBind(m.bundleId), SQLBind(m.position), SQLBind(m.name), SQLBind(m.required),
                SQLBind(m.form), SQLBind(m.copies), SQLBind(m.source), SQLBind(m.standard), SQLBind(m.filledFrom),
                SQLBind(m.blankName), SQLBind(blank), SQLBind(m.sampleName), SQLBind(sample)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    // MARK: - Catalogue editing

    /// Whether the zone has another item (`except` left out) with this 实施编码.
    func itemCodeTaken(zoneID: Int64, code: String, except: Int64?) async throws -> Bool {
        let q = db.select().from("svc_items").where("zone_id", .equal, zoneID).where("code", .equal, code)
        return try await (except.map { q.where("id", .notEqual, $0) } ?? q).countRows() > 0
    }

    func bundleCodeTaken(zoneID: Int64, code: String, except: Int64?) async throws -> Bool {
        let q = db.select().from("svc_bundles").where("zone_id", .equal, zoneID).where("code", .equal, code)
        return try await (except.map { q.where("id", .notEqual, $0) } ?? q).countRows() > 0
    }

    func updateItem(_ r: ServiceItemRow) async throws {
        try await db.update("svc_items").set("department_id", to: r.departmentId).set("code", to: r.code)
            .set("basic_code", to: r.basicCode).set("name", to: r.name).set("kind", to: r.kind)
            .set("basis", to: r.basis).set("authority", to: r.authority).set("audience_text", to: r.audienceText)
            .set("conditions", to: r.conditions).set("fee", to: r.fee).set("process", to: r.process)
            .set("forms", to: r.forms).set("visits", to: r.visits).set("place", to: r.place)
            .set("hours", to: r.hours).set("consult", to: r.consult).set("supervise", to: r.supervise)
            .set("online", to: r.online).set("scope", to: r.scope).set("result_name", to: r.resultName)
            .set("result_type", to: r.resultType).set("audience", to: r.audience).set("life_event", to: r.lifeEvent)
            .where("id", .equal, r.id).where("zone_id", .equal, r.zoneId).run()
        let own = Self.form(of: r, id: r.id)
        try await db.update("svc_bundles").set("department_id", to: own.departmentId).set("code", to: own.code)
            .set("name", to: own.name).set("summary", to: own.summary).set("audience", to: own.audience)
            .set("life_event", to: own.lifeEvent).set("online", to: own.online)
            .where("item_id", .equal, r.id).where("zone_id", .equal, r.zoneId).run()
        try await setLimits(itemID: r.id, legal: r.legalDays, promised: r.promisedDays)
    }

    /// The 一件事's fields and its items (in the order given); its limits follow its items'.
    func updateBundle(_ r: ServiceBundleRow, itemIDs: [Int64]) async throws {
        try await db.update("svc_bundles").set("department_id", to: r.departmentId).set("code", to: r.code)
            .set("name", to: r.name).set("summary", to: r.summary).set("audience", to: r.audience)
            .set("life_event", to: r.lifeEvent).set("legal_days", to: r.legalDays)
            .set("promised_days", to: r.promisedDays).set("online", to: r.online)
            .where("id", .equal, r.id).where("zone_id", .equal, r.zoneId).run()
        try await db.delete(from: "svc_bundle_items").where("bundle_id", .equal, r.id).run()
        for (position, item) in itemIDs.enumerated() {
            try await db.insert(into: "svc_bundle_items").columns("bundle_id", "item_id", "position")
                .values(SQLBind(r.id), SQLBind(item), SQLBind(position)).run()
        }
    }

    /// The material's fields; a blank form or sample only when a new one was uploaded.
    func updateMaterial(_ m: ServiceMaterialRow, blank: Data?, sample: Data?) async throws {
        var q = db.update("svc_materials").set("name", to: m.name).set("required", to: m.required)
            .set("form", to: m.form).set("copies", to: m.copies).set("source", to: m.source)
            .set("standard", to: m.standard).set("filled_from", to: m.filledFrom)
        if let blank { q = q.set("blank_name", to: m.blankName).set("blank_data", to: blank) }
        if let sample { q = q.set("sample_name", to: m.sampleName).set("sample_data", to: sample) }
        try await q.where("id", .equal, m.id).where("zone_id", .equal, m.zoneId).run()
    }

    /// Whether an application handed this material in (it then stays on the list).
    func materialInUse(id: Int64) async throws -> Bool {
        try await db.select().from("svc_application_files").where("material_id", .equal, id).countRows() > 0
    }

    func deleteMaterial(id: Int64, zoneID: Int64) async throws {
        try await db.delete(from: "svc_materials").where("id", .equal, id).where("zone_id", .equal, zoneID).run()
    }

    func nextMaterialPosition(bundleID: Int64) async throws -> Int {
        (try await materials(bundleID: bundleID).map(\.position).max() ?? -1) + 1
    }
}
