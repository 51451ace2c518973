import GaoxinCore

struct UsersPage: Sendable {
    struct Item: Sendable {
        let username: String
        let displayName: String
        let roleLabel: String
        let zone: String
        let boundTo: String
        let active: Bool
    }
    let users: [Item]
    let newHref = SiteURL.adminUserNew.path
    let canCreate: Bool
}

struct NewUserPage: Sendable {
    var username = ""
    var displayName = ""
    var role = ""
    var roles: [SelectOption] = []
    var departments: [SelectOption] = []
    var enterprises: [SelectOption] = []
    var errors = FormErrors()
    var action = SiteURL.adminUserNew.path
    var csrf = ""
}

struct DepartmentsPage: Sendable {
    struct Item: Sendable {
        let name: String
        let kind: String
        let spokesperson: String
        let phone: String
    }
    var departments: [Item]
    var name = ""
    var errors = FormErrors()
    var canEdit: Bool
    var action = SiteURL.adminDepartments.path
    var csrf = ""
}

struct AuditPage: Sendable {
    struct Item: Sendable {
        let at: String
        let actor: String
        let entity: String
        let entityID: String
        let action: String
        let before: String
        let after: String
        let requestID: String
    }
    let items: [Item]
    let entities: [SelectOption]
    let action: String
    let actor: String
    let from: String
    let to: String
    let total: Int
    let page: Int
    let previousHref: String?
    let nextHref: String?
    let filterHref = SiteURL.adminAudit.path
}
