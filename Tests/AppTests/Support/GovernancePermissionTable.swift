import GaoxinCore
import Testing

@testable import App

/// The permission matrices of the governance modules (grids, points, deliberation): each row is a
/// role (nil: the public without a login) and the decisions for view, create, update, delete and
/// administer, in that order — A allow, F forbidden (403), H hidden (404). The tables are literal,
/// so a changed rule shows up as a changed line.
enum GovernancePermissionTable {
    static let actions: [Action] = [.view, .create, .update, .delete, .administer]
    static let roles: [Role?] = [
        nil, .public, .platformAdmin, .zoneAdmin, .departmentStaff, .investmentOfficer, .gridWorker, .enterpriseUser,
        .resident,
    ]

    /// Users of zone 1: the grid worker serves grid 3, the resident is person 5 (living in grid 3).
    static func user(_ role: Role?) -> CurrentUser? {
        guard let role else { return nil }
        let zone: Int64? = role == .platformAdmin ? nil : 1
        return CurrentUser(
            id: 9, username: "u", displayName: "u", role: role, homeZoneID: zone,
            departmentID: role == .departmentStaff ? 2 : nil, enterpriseID: role == .enterpriseUser ? 4 : nil,
            personID: role == .resident ? 5 : nil, gridIDs: role == .gridWorker ? [3] : [], zoneID: 1)
    }

    static func decision(_ letter: Character) -> Decision {
        switch letter {
        case "A": .allow
        case "F": .forbidden
        default: .hidden
        }
    }

    static func check(
        _ resource: Resource, _ table: [(Role?, String)], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(table.map(\.0) == roles, "every role, in order", sourceLocation: sourceLocation)
        for (role, row) in table {
            #expect(row.count == actions.count, sourceLocation: sourceLocation)
            for (action, letter) in zip(actions, row) {
                #expect(
                    Permissions.decide(user(role), action, resource) == decision(letter),
                    "\(role.map(\.rawValue) ?? "nil") \(action) \(resource)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Another zone's row: none of this zone's business, whoever asks.
    static let otherZone: [(Role?, String)] = [
        (nil, "FFFFF"), (.public, "HHHHH"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "HHHHH"),
        (.departmentStaff, "HHHHH"), (.investmentOfficer, "HHHHH"), (.gridWorker, "HHHHH"),
        (.enterpriseUser, "HHHHH"), (.resident, "HHHHH"),
    ]
}
