import Foundation
import GaoxinCore
import SQLKit

/// The platform admin's zones and the zone admin's own setup: parks (一区多园) and departments
/// with their 惠企政策发言人. Every field is checked first (a `Refusal` names each problem in
/// Chinese), then the row and its audit row are written in one transaction.
extension ZoneService {
    /// The zone form (create or edit). On edit the code and the admin fields are not used.
    struct ZoneInput: Sendable {
        var code = ""
        var name = ""
        var fullName = ""
        var province = ""
        var city = ""
        var parks = ""
        var adminUsername = ""
        var adminPassword = ""

        init() {}

        init(_ form: FormData) {
            code = form["zone_code"].lowercased()
            name = form["zone_name"]
            fullName = form["zone_full_name"]
            province = form["province"]
            city = form["city"]
            parks = form["parks"]
            adminUsername = form["zone_admin"].lowercased()
            adminPassword = form.raw("zone_admin_password")
        }

        /// One park a line (or separated by 、，,), blanks dropped.
        var parkNames: [String] {
            parks.split(whereSeparator: { "\n\r、，,".contains($0) }).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        }

        var newZone: NewZone {
            NewZone(
                code: code, name: name, fullName: fullName, province: province, city: city,
                adminUsername: adminUsername, adminPassword: adminPassword)
        }
    }

    /// A new zone with its parks and its first admin, by the platform admin.
    func createZone(_ input: ZoneInput, actor: CurrentUser) async throws -> Int64 {
        var errors = FormErrors()
        try await check(input.newZone, into: &errors)
        checkParkNames(input.parkNames, into: &errors)
        try Refusal.check(errors)
        let now = Clock.nowSeconds()
        let hash = try await services.hasher.hash(input.adminPassword)
        return try await services.database.transaction { db in
            let zoneID = try await insert(input.newZone, adminHash: hash, at: now, db: db, actor: actor)
            for (index, name) in input.parkNames.enumerated() {
                let id = try await ZoneRepository(db: db).insertPark(zoneID: zoneID, code: "p\(index + 1)", name: name)
                try await AuditLog.record(
                    zoneID: zoneID, actor: actor, entity: "park", id: id, action: "create", after: ["name": name],
                    on: db)
            }
            return zoneID
        }
    }

    /// The zone's names and region, by the platform admin (the code never changes: addresses use it).
    func updateZone(id: Int64, _ input: ZoneInput, actor: CurrentUser) async throws {
        let repo = ZoneRepository(db: services.database.sql)
        guard let before = try await repo.zone(id: id) else { throw PageError.notFound }
        var errors = FormErrors()
        checkNames(input.newZone, into: &errors)
        try Refusal.check(errors)
        let fullName = input.fullName.isEmpty ? input.name : input.fullName
        try await services.database.transaction { db in
            try await ZoneRepository(db: db).updateZone(
                id: id, name: input.name, fullName: fullName, province: input.province, city: input.city)
            try await AuditLog.record(
                zoneID: id, actor: actor, entity: "zone", id: id, action: "update",
                before: [
                    "name": before.name, "full_name": before.fullName, "province": before.province, "city": before.city,
                ],
                after: ["name": input.name, "full_name": fullName, "province": input.province, "city": input.city],
                on: db)
        }
    }

    private func checkParkNames(_ names: [String], into errors: inout FormErrors) {
        if names.count > 50 { errors.add("parks", "园区：一次最多 50 个") }
        if let long = names.first(where: { $0.count > 40 }) { errors.add("parks", "园区：“\(long.prefix(40))…”超过 40 个字") }
        if Set(names).count < names.count { errors.add("parks", "园区：名称有重复") }
    }

    // MARK: Parks (一区多园)

    func addPark(name: String, zoneID: Int64, actor: CurrentUser) async throws -> ParkRow {
        let repo = ZoneRepository(db: services.database.sql)
        let parks = try await repo.parks(zoneID: zoneID)
        try checkParkName(name, parks: parks, except: nil)
        var code = parks.count + 1
        while parks.contains(where: { $0.code == "p\(code)" }) { code += 1 }
        var row = ParkRow(id: 0, zoneId: zoneID, code: "p\(code)", name: name)
        row.id = try await services.database.transaction { [row] db in
            let id = try await ZoneRepository(db: db).insertPark(zoneID: zoneID, code: row.code, name: row.name)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "park", id: id, action: "create", after: row, on: db)
            return id
        }
        return row
    }

    /// Renames a park or turns it off or on (never deleted: enterprises keep pointing at it).
    func updatePark(id: Int64, name: String, isActive: Bool, zoneID: Int64, actor: CurrentUser) async throws -> ParkRow
    {
        let repo = ZoneRepository(db: services.database.sql)
        guard let before = try await repo.park(id: id, zoneID: zoneID) else { throw PageError.notFound }
        try checkParkName(name, parks: try await repo.parks(zoneID: zoneID), except: id)
        var after = before
        after.name = name
        after.isActive = isActive
        try await services.database.transaction { [after] db in
            try await ZoneRepository(db: db).updatePark(id: id, name: name, isActive: isActive)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "park", id: id,
                action: before.isActive == isActive ? "update" : (isActive ? "activate" : "deactivate"),
                before: before, after: after, on: db)
        }
        return after
    }

    private func checkParkName(_ name: String, parks: [ParkRow], except: Int64?) throws {
        if name.isEmpty { throw Refusal("name", "园区名称：请填写") }
        if name.count > 40 { throw Refusal("name", "园区名称：不能超过 40 个字") }
        if parks.contains(where: { $0.name == name && $0.id != except }) {
            throw Refusal("name", "园区名称：本园区已有“\(name)”")
        }
    }

    // MARK: Departments and their 惠企政策发言人

    /// The department form as submitted.
    struct DepartmentInput: Sendable {
        var name = ""
        var kind = "other"
        var spokespersonName = ""
        var spokespersonTitle = ""
        var spokespersonPhone = ""
        var spokespersonShown = true

        init() {}

        init(_ form: FormData) {
            name = form["name"]
            kind = form["kind"].isEmpty ? "other" : form["kind"]
            spokespersonName = form["spokesperson_name"]
            spokespersonTitle = form["spokesperson_title"]
            spokespersonPhone = form["spokesperson_phone"]
            spokespersonShown = form["spokesperson_shown"] == "1"
        }

        init(_ row: DepartmentRow) {
            name = row.name
            kind = row.kind
            spokespersonName = row.spokespersonName ?? ""
            spokespersonTitle = row.spokespersonTitle ?? ""
            spokespersonPhone = row.spokespersonPhone ?? ""
            spokespersonShown = row.spokespersonShown
        }
    }

    /// A new department (`id` nil) or changes to one, with its spokesperson.
    @discardableResult
    func saveDepartment(id: Int64?, _ input: DepartmentInput, zoneID: Int64, actor: CurrentUser) async throws
        -> DepartmentRow
    {
        let repo = ZoneRepository(db: services.database.sql)
        let existing = try await repo.departments(scope: .zone(zoneID))
        let before = id.flatMap { id in existing.first { $0.id == id } }
        if id != nil, before == nil { throw PageError.notFound }
        var errors = FormErrors()
        if input.name.isEmpty { errors.add("name", "部门名称：请填写") }
        if input.name.count > 40 { errors.add("name", "部门名称：不能超过 40 个字") }
        if existing.contains(where: { $0.name == input.name && $0.id != id }) {
            errors.add("name", "部门名称：本园区已有“\(input.name)”")
        }
        if !DepartmentKind.codes.contains(input.kind) { errors.add("kind", "类别：请从列表中选择") }
        let person = input.spokespersonName
        if person.count > 20 { errors.add("spokesperson_name", "发言人姓名：不能超过 20 个字") }
        if person.isEmpty, !input.spokespersonTitle.isEmpty || !input.spokespersonPhone.isEmpty {
            errors.add("spokesperson_name", "发言人姓名：填写了职务或电话时请填写姓名")
        }
        if input.spokespersonTitle.count > 40 { errors.add("spokesperson_title", "发言人职务：不能超过 40 个字") }
        let phone = input.spokespersonPhone
        if phone.count > 20 || !phone.allSatisfy({ $0.isASCII && ($0.isNumber || "-+ ()".contains($0)) }) {
            errors.add("spokesperson_phone", "公开电话：只能包含数字和 - + ( ) 空格，不超过 20 个字符")
        }
        try Refusal.check(errors)
        var row =
            before
            ?? DepartmentRow(
                id: 0, zoneId: zoneID, code: "d\(existing.count + 1)-\(Clock.nowSeconds())", name: "", kind: "other")
        row.name = input.name
        row.kind = input.kind
        row.spokespersonName = person.isEmpty ? nil : person
        row.spokespersonTitle = person.isEmpty || input.spokespersonTitle.isEmpty ? nil : input.spokespersonTitle
        row.spokespersonPhone = person.isEmpty || phone.isEmpty ? nil : phone
        row.spokespersonShown = input.spokespersonShown
        row.id = try await services.database.transaction { [row] db in
            let repo = ZoneRepository(db: db)
            let id = before == nil ? try await repo.insertDepartment(row) : row.id
            if before != nil { try await repo.updateDepartment(row) }
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "department", id: id, action: before == nil ? "create" : "update",
                before: before, after: row, on: db)
            return id
        }
        return row
    }
}

extension DepartmentKind {
    /// The stored kinds, in the order the form offers them.
    static let codes = [
        "science", "service_center", "investment", "economy", "finance", "market", "social", "grid", "other",
    ]
}
