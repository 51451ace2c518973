import GaoxinCore

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
    let previousHref: String?
    let nextHref: String?
    let searchHref = SiteURL.governanceResidents.path
    let newHref: String?
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
}
