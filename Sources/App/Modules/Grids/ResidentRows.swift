import Foundation
import GaoxinCore

/// One resident as lists and pages read it: the person (name, 身份证号, phone) with their
/// residence (grid, household, address).
struct ResidentRow: Codable, Sendable {
    var personId: Int64
    var zoneId: Int64
    var name: String
    var idNumber: String
    var phone: String?
    var address: String
    var gridId: Int64?
    var householdId: Int64?
    var isPartyMember: Bool
    var gridName: String?
    var gridCode: String?
    var householdCode: String?

    /// What every page but the resident's own shows: the first 6 and last 4 characters.
    var maskedIDNumber: String {
        (try? ResidentID(idNumber, today: Clock.today).masked)
            ?? String(idNumber.prefix(6)) + String(repeating: "*", count: max(0, idNumber.count - 10))
            + String(idNumber.suffix(4))
    }
}

/// The areas a person is registered in: the 村/社区 of their grid, and for 双登记 a second one.
enum Registration: String, Sendable {
    /// The 村/社区 the resident's grid belongs to.
    case primary
    /// A second 村/社区 (金昌's 村居融合: registered in a village and a community at once).
    case dual
}

struct HouseholdRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var gridId: Int64
    var code: String
    var address: String
}

/// A resident to save: the person's fields and the residence.
struct ResidentDraft: Sendable {
    var name: String
    var idNumber: String?
    var phone: String?
    var address: String
    var gridID: Int64
    var householdCode: String?
    var isPartyMember: Bool
    var primaryAreaID: Int64
    var dualAreaID: Int64?
}

struct ResidentFilter: Sendable {
    var zoneID: Int64
    var gridID: Int64?
    var search: String = ""
}

/// A resident for a batch insert (the demo): the person, the household by code, the residence
/// and the areas registered in.
struct ResidentBatchRow: Sendable {
    var name: String
    var idNumber: String
    var phone: String?
    var householdCode: String
    var address: String
    var gridID: Int64
    var areaID: Int64
    var dualAreaID: Int64?
    var isPartyMember: Bool
}
