import Foundation
import GaoxinCore
import SQLKit

/// The submitted resident form; `draft` checks it, each problem naming its field in Chinese.
struct ResidentForm: Sendable {
    var name: String
    var idNumberText: String
    var phoneText: String
    var address: String
    var gridText: String
    var householdCode: String
    var partyMember: Bool
    var dualAreaText: String

    init(_ form: FormData) {
        name = form["name"]
        idNumberText = form["id_number"]
        phoneText = form["phone"]
        address = form["address"]
        gridText = form["grid_id"]
        householdCode = form["household_code"]
        partyMember = form["party_member"] == "on"
        dualAreaText = form["dual_area_id"]
    }

    /// The draft to save; a `Refusal` naming every wrong field otherwise. `existing` is the record
    /// being edited (its 身份证号 may be left blank).
    /// The other person already registered in the zone with the typed 身份证号, if any (nil also when
    /// the number is blank or not valid).
    func duplicate(zoneID: Int64, existing: ResidentRow?, db: any SQLDatabase) async throws -> Int64? {
        guard let id = try? ResidentID(idNumberText, today: Clock.today),
            let other = try await ResidentRepository(db: db).personID(idNumber: id.value, zoneID: zoneID),
            other != existing?.personId
        else { return nil }
        return other
    }

    func draft(zoneID: Int64, existing: ResidentRow?, user: CurrentUser, db: any SQLDatabase) async throws
        -> ResidentDraft
    {
        let residents = ResidentRepository(db: db)
        let grids = GridRepository(db: db)
        var errors = FormErrors()
        if name.isEmpty { errors.add("name", "姓名：请填写") } else if name.count > 40 { errors.add("name", "姓名：不能超过 40 个字") }
        var idNumber: String?
        if idNumberText.isEmpty, existing != nil {
            idNumber = nil
        } else {
            switch Result(catching: { () throws(IdentifierError) -> ResidentID in
                try ResidentID(idNumberText, today: Clock.today)
            }) {
            case .success(let id):
                idNumber = id.value
                if let other = try await duplicate(zoneID: zoneID, existing: existing, db: db) {
                    // Confirm the number only to someone who may see that person's record anyway;
                    // anyone else gets a refusal that neither echoes the number nor says whose it is.
                    let row = try await residents.find(personID: other, zoneID: zoneID)
                    let resource = Resource.residentIdentity(zoneID: zoneID, personID: other, gridID: row?.gridId)
                    if Permissions.decide(user, .view, resource) == .allow {
                        errors.add("id_number", "身份证号：本园区已登记过身份证号为 \(id.masked) 的人员")
                    } else {
                        errors.add("id_number", "身份证号：该号码无法用于登记新居民，请核对后再试，或联系所在网格的网格员")
                    }
                }
            case .failure(let error):
                errors.add("id_number", error.message)
            }
        }
        var phone: String?
        if !phoneText.isEmpty {
            do { phone = try MobileNumber(phoneText).value } catch { errors.add("phone", error.message) }
        }
        if address.isEmpty {
            errors.add("address", "住址：请填写")
        } else if address.count > 100 {
            errors.add("address", "住址：不能超过 100 个字")
        }
        let grid = try await Int64(gridText).asyncMap { try await grids.grid(id: $0, zoneID: zoneID) } ?? nil
        if grid == nil { errors.add("grid_id", "所在网格：请选择") }
        if householdCode.count > 40 { errors.add("household_code", "户编号：不能超过 40 个字符") }
        if !householdCode.isEmpty, let grid,
            let household = try await residents.household(code: householdCode, zoneID: zoneID),
            household.gridId != grid.id
        {
            let other = try await grids.grid(id: household.gridId, zoneID: zoneID)?.name ?? "其他网格"
            errors.add("household_code", "户编号：\(householdCode) 是\(other)的家庭户，与所选网格不同")
        }
        var dualArea: Int64?
        if !dualAreaText.isEmpty {
            if let id = Int64(dualAreaText), let area = try await grids.area(id: id, zoneID: zoneID),
                area.areaLevel?.holdsGrids == true
            {
                if area.id == grid?.areaId {
                    errors.add("dual_area_id", "双登记：所选村/社区与网格所在的村/社区相同")
                } else {
                    dualArea = area.id
                }
            } else {
                errors.add("dual_area_id", "双登记：请从列表中选择村或社区")
            }
        }
        try Refusal.check(errors)
        guard let grid else { throw Refusal("grid_id", "所在网格：请选择") }
        return ResidentDraft(
            name: name, idNumber: idNumber, phone: phone, address: address, gridID: grid.id,
            householdCode: householdCode.nilIfEmpty, isPartyMember: partyMember, primaryAreaID: grid.areaId,
            dualAreaID: dualArea)
    }
}
