import GaoxinCore
import SQLKit

/// The residents list with its grid filter and name search; 身份证号 masked.
struct ResidentListPage: Sendable {
    struct Item: Sendable {
        let name: String
        let idNumber: String
        let phone: String
        let address: String
        let grid: String
        let household: String
        let dual: Bool
        let href: String
    }
    let items: [Item]
    let total: Int
    let search: String
    let grids: [SelectOption]
    let paging: PageLinks
    let searchHref = SiteURL.governanceResidents.path
    let newHref: String?
    var exportHref = ""

    static func load(
        user: CurrentUser, zoneID: Int64, gridFilter: Int64?, search: String, pager: Pager, db: any SQLDatabase
    ) async throws -> ResidentListPage {
        let repo = ResidentRepository(db: db)
        let paged = try await repo.list(ResidentFilter(zoneID: zoneID, gridID: gridFilter, search: search), pager)
        let dual = try await repo.dualRegistered(personIDs: paged.rows.map(\.personId))
        return ResidentListPage(
            items: paged.rows.map { r in
                .init(
                    name: r.name, idNumber: r.maskedIDNumber,
                    phone: r.phone.flatMap { try? MobileNumber($0).masked } ?? "—", address: r.address,
                    grid: r.gridName ?? "—", household: r.householdCode ?? "—", dual: dual.contains(r.personId),
                    href: SiteURL.governanceResident(r.personId).path)
            },
            total: paged.total, search: search,
            grids: try await GridRepository(db: db).gridNames(zoneID: zoneID).map {
                SelectOption(value: String($0.id), label: "\($0.code) \($0.name)", selected: $0.id == gridFilter)
            },
            paging: paged.links(
                .governanceResidents, query: [("grid", gridFilter.map(String.init) ?? ""), ("q", search)]),
            newHref: Permissions.decide(user, .create, .resident(zoneID: zoneID, personID: nil, gridID: nil)) == .allow
                ? SiteURL.governanceResidentNew.path : nil)
    }
}

/// One resident. `idNumber` is the full number only on the resident's own page.
struct ResidentShowPage: Sendable {
    struct Registration: Sendable {
        let area: String
        let kind: String
    }
    let name: String
    let idNumber: String
    let idNumberMasked: Bool
    let sex: String
    let phone: String
    let address: String
    let grid: String
    let gridHref: String?
    let household: String
    let partyMember: Bool
    let registrations: [Registration]
    let dual: Bool
    let editHref: String?
    var activationHref: String? = nil

    static func load(_ row: ResidentRow, user: CurrentUser, zoneID: Int64, db: any SQLDatabase) async throws
        -> ResidentShowPage
    {
        let own = user.personID == row.personId
        let registrations = try await ResidentRepository(db: db).registrations(personID: row.personId)
        let id = try? ResidentID(row.idNumber, today: Clock.today)
        return ResidentShowPage(
            name: row.name, idNumber: own ? row.idNumber : row.maskedIDNumber, idNumberMasked: !own,
            sex: id?.sex.label ?? "—",
            phone: Permissions.decide(
                user, .view, .residentIdentity(zoneID: zoneID, personID: row.personId, gridID: row.gridId)) == .allow
                ? (row.phone ?? "—") : (row.phone.map { (try? MobileNumber($0).masked) ?? "***" } ?? "—"),
            address: row.address,
            grid: row.gridName.map { "\($0)（\(row.gridCode ?? "")）" } ?? "—",
            gridHref: row.gridId.map { SiteURL.governanceGrid($0).path }, household: row.householdCode ?? "—",
            partyMember: row.isPartyMember,
            registrations: registrations.map {
                .init(
                    area: "\($0.area.name)（\($0.area.areaLevel?.label ?? $0.area.level)）",
                    kind: $0.registration == App.Registration.dual.rawValue ? "双登记" : "网格所在")
            },
            dual: registrations.count > 1,
            editHref: Permissions.decide(
                user, .update, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId)) == .allow
                ? SiteURL.governanceResidentEdit(row.personId).path : nil,
            activationHref: Permissions.decide(user, .create, .residentActivation(zoneID: zoneID, gridID: row.gridId))
                == .allow ? SiteURL.residentActivation(row.personId).path : nil)
    }
}

/// The add / edit resident form; on edit the 身份证号 field starts empty (the number is never
/// sent back to the browser) and is changed only when something is typed.
struct ResidentFormPage: Sendable {
    var heading: String
    var action: String
    var csrf: String
    var name = ""
    var idNumber = ""
    var idNumberHint: String?
    var phone = ""
    var address = ""
    var householdCode = ""
    var partyMember = false
    var grids: [SelectOption] = []
    var areas: [SelectOption] = []
    var errors = FormErrors()
    var cancelHref: String

    /// The blank form for a new resident (`existing` nil) or the form of one, with its select
    /// lists: the grids this user may register residents in, and every 村/社区 for 双登记.
    static func load(
        existing: ResidentRow?, user: CurrentUser, zoneID: Int64, grid: Int64?, dualArea: Int64?, csrf: String,
        db: any SQLDatabase
    ) async throws -> ResidentFormPage {
        var page =
            if let row = existing {
                ResidentFormPage(
                    heading: "修改居民信息", action: SiteURL.governanceResidentEdit(row.personId).path, csrf: csrf,
                    idNumberHint: "当前为 \(row.maskedIDNumber)；不修改请留空。",
                    cancelHref: SiteURL.governanceResident(row.personId).path)
            } else {
                ResidentFormPage(
                    heading: "登记居民", action: SiteURL.governanceResidentNew.path, csrf: csrf,
                    cancelHref: SiteURL.governanceResidents.path)
            }
        let repo = GridRepository(db: db)
        page.grids = try await repo.gridNames(zoneID: zoneID)
            .filter {
                Permissions.decide(user, .create, .resident(zoneID: zoneID, personID: nil, gridID: $0.id)) == .allow
            }
            .map { SelectOption(value: String($0.id), label: "\($0.code) \($0.name)", selected: $0.id == grid) }
        page.areas = try await repo.areas(zoneID: zoneID).filter { $0.areaLevel?.holdsGrids == true }
            .map {
                SelectOption(
                    value: String($0.id), label: "\($0.name)（\($0.areaLevel?.label ?? "")）", selected: $0.id == dualArea
                )
            }
        return page
    }

    /// What was typed, shown again with the errors.
    mutating func keep(_ form: ResidentForm) {
        name = form.name
        idNumber = form.idNumberText
        phone = form.phoneText
        address = form.address
        householdCode = form.householdCode
        partyMember = form.partyMember
    }

    /// The stored record's values (the 身份证号 stays empty).
    mutating func fill(_ row: ResidentRow) {
        name = row.name
        phone = row.phone ?? ""
        address = row.address
        householdCode = row.householdCode ?? ""
        partyMember = row.isPartyMember
    }
}
