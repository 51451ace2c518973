import GaoxinCore
import Testing

@testable import App

/// A role × action table of `Permissions` decisions for the case modules' permission tests: one
/// viewer of each role (and nobody signed in) in zone 1, with id 9, department 3, grid 10,
/// enterprise 5, person 7, asked `view`, `create`, `update`, `delete` in that order.
enum CasePermissionMatrix {
    /// The viewers in the order of a row: nobody signed in, then every `Role`.
    static let viewers: [(name: String, user: CurrentUser?)] =
        [("nobody", nil)] + Role.allCases.map { ($0.rawValue, user($0)) }

    static func user(_ role: Role, zone: Int64 = 1) -> CurrentUser {
        CurrentUser(
            id: 9, username: "u", displayName: "U", role: role, homeZoneID: role == .platformAdmin ? nil : zone,
            departmentID: role == .departmentStaff ? 3 : nil, enterpriseID: role == .enterpriseUser ? 5 : nil,
            personID: role == .resident ? 7 : nil, gridIDs: role == .gridWorker ? [10] : [], zoneID: zone)
    }

    static let actions: [Action] = [.view, .create, .update, .delete]

    /// `row` holds one group of four letters per viewer (A allow, F forbidden, H hidden), in the
    /// order of `viewers`, e.g. "FFFF AAAA AAAF …".
    static func expect(
        _ resource: Resource, _ row: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let groups = row.split(separator: " ").map(String.init)
        #expect(groups.count == viewers.count, "\(name): one group per viewer", sourceLocation: sourceLocation)
        for (viewer, group) in zip(viewers, groups) {
            let got = actions.map { action -> String in
                switch Permissions.decide(viewer.user, action, resource) {
                case .allow: "A"
                case .forbidden: "F"
                case .hidden: "H"
                }
            }.joined()
            #expect(got == group, "\(name), \(viewer.name)", sourceLocation: sourceLocation)
        }
    }

    /// Everyone of zone 2 (but the platform admin) is told zone 1's rows do not exist.
    static func expectHiddenFromOtherZones(
        _ resource: Resource, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for role in Role.allCases where role != .platformAdmin {
            for action in actions {
                #expect(
                    Permissions.decide(user(role, zone: 2), action, resource) == .hidden, "\(name), \(role) \(action)",
                    sourceLocation: sourceLocation)
            }
        }
    }
}
