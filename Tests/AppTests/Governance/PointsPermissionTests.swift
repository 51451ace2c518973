import GaoxinCore
import Testing

@testable import App

/// The decisions `Permissions` makes for the points scheme and deliberation, role by role, without
/// a database: membership of the committee and a grid worker's grids come in with the request.
@Suite struct PointsPermissionTests {
    static func user(_ role: Role, zone: Int64 = 1, person: Int64? = nil, grids: Set<Int64> = []) -> CurrentUser {
        CurrentUser(
            id: 9, username: "u", displayName: "u", role: role, homeZoneID: zone, departmentID: nil, enterpriseID: nil,
            personID: person, gridIDs: grids, zoneID: zone)
    }

    @Test func theCommitteeIsItsMembersAndTheZoneAdminWhoAloneManagesMembers() {
        let member = Resource.pointsCommittee(zoneID: 1, isMember: true)
        let outsider = Resource.pointsCommittee(zoneID: 1, isMember: false)
        #expect(Permissions.decide(Self.user(.resident, person: 5), .view, member) == .allow)
        #expect(Permissions.decide(Self.user(.resident, person: 5), .view, outsider) == .forbidden)
        #expect(Permissions.decide(Self.user(.gridWorker), .update, member) == .allow)
        #expect(Permissions.decide(Self.user(.departmentStaff), .view, outsider) == .forbidden)
        #expect(Permissions.decide(Self.user(.zoneAdmin), .view, outsider) == .allow)
        #expect(Permissions.decide(Self.user(.resident, person: 5), .administer, member) == .forbidden)
        #expect(Permissions.decide(Self.user(.zoneAdmin), .administer, outsider) == .allow)
        #expect(Permissions.decide(Self.user(.zoneAdmin, zone: 2), .view, outsider) == .hidden)
        #expect(Permissions.decide(nil, .view, outsider) == .forbidden)
    }

    @Test func anEntryIsSeenByItsPersonTheCommitteeAndTheGridsOwnWorker() {
        let entry = Resource.pointsEntry(zoneID: 1, subjectPersonIDs: [5, 6], gridID: 3, isCommitteeMember: false)
        #expect(Permissions.decide(Self.user(.resident, person: 6), .view, entry) == .allow)
        #expect(Permissions.decide(Self.user(.resident, person: 6), .create, entry) == .allow)
        #expect(Permissions.decide(Self.user(.resident, person: 6), .update, entry) == .forbidden)
        #expect(Permissions.decide(Self.user(.resident, person: 7), .view, entry) == .hidden)
        #expect(Permissions.decide(Self.user(.gridWorker, grids: [3]), .update, entry) == .allow)
        #expect(Permissions.decide(Self.user(.gridWorker, grids: [4]), .update, entry) == .forbidden)
        #expect(Permissions.decide(Self.user(.gridWorker, grids: [4]), .view, entry) == .forbidden)
        #expect(Permissions.decide(Self.user(.departmentStaff), .view, entry) == .forbidden)
        #expect(Permissions.decide(Self.user(.zoneAdmin), .update, entry) == .allow)
        #expect(Permissions.decide(Self.user(.zoneAdmin), .delete, entry) == .forbidden)
        let asMember = Resource.pointsEntry(zoneID: 1, subjectPersonIDs: [5], gridID: nil, isCommitteeMember: true)
        #expect(Permissions.decide(Self.user(.resident, person: 7), .update, asMember) == .allow)
        #expect(Permissions.decide(Self.user(.resident, zone: 2, person: 5), .view, entry) == .hidden)
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
}
