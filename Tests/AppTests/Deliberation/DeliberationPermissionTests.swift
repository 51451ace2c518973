import GaoxinCore
import Testing

@testable import App

/// The decisions `Permissions` makes for 协商议事: everyone in governance reads it; residents, grid
/// workers and staff raise issues; only residents support; the party organisation (zone admin,
/// department staff) runs topics, meetings and actions.
@Suite struct DeliberationPermissionTests {
    static func user(_ role: Role, zone: Int64 = 1, person: Int64? = nil, grids: Set<Int64> = []) -> CurrentUser {
        CurrentUser(
            id: 9, username: "u", displayName: "u", role: role, homeZoneID: zone, departmentID: nil, enterpriseID: nil,
            personID: person, gridIDs: grids, zoneID: zone)
    }

    @Test func deliberationIsReadByGovernanceRolesAndRunByThePartyOrganisation() {
        let d = Resource.deliberation(zoneID: 1)
        for role in [Role.resident, .gridWorker] {
            #expect(Permissions.decide(Self.user(role), .view, d) == .allow)
            #expect(Permissions.decide(Self.user(role), .create, d) == .allow)
            #expect(Permissions.decide(Self.user(role), .update, d) == .forbidden)
        }
        #expect(Permissions.decide(Self.user(.departmentStaff), .update, d) == .allow)
        #expect(Permissions.decide(Self.user(.departmentStaff), .delete, d) == .forbidden)
        #expect(Permissions.decide(Self.user(.zoneAdmin), .update, d) == .allow)
        #expect(Permissions.decide(Self.user(.enterpriseUser), .view, d) == .forbidden)
        #expect(Permissions.decide(Self.user(.investmentOfficer), .view, d) == .forbidden)
        #expect(Permissions.decide(Self.user(.resident, zone: 2), .view, d) == .hidden)
    }

    // MARK: The matrices (`GovernancePermissionTable`: view, create, update, delete, administer)

    @Test func theDeliberationMatrix() {
        GovernancePermissionTable.check(
            .deliberation(zoneID: 1),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AAFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "AAFFF"),
            ])
        GovernancePermissionTable.check(.deliberation(zoneID: 2), GovernancePermissionTable.otherZone)
    }

    @Test func issuesAreTakenInByTheOfficeAndGridWorkersResidentsRaiseTheirOwn() {
        GovernancePermissionTable.check(
            .deliberationIntake(zoneID: 1),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "FAFFF"),
                (.departmentStaff, "FAFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "FAFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "FFFFF"),
            ])
        GovernancePermissionTable.check(.deliberationIntake(zoneID: 2), GovernancePermissionTable.otherZone)
    }

    @Test func onlyResidentsSupport() {
        GovernancePermissionTable.check(
            .deliberationSupport(zoneID: 1),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "FFFFF"),
                (.departmentStaff, "FFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "FFFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "FAFFF"),
            ])
        GovernancePermissionTable.check(.deliberationSupport(zoneID: 2), GovernancePermissionTable.otherZone)
    }
}
