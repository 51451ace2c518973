import GaoxinCore
import Testing

@testable import App

/// The decisions `Permissions` makes for the points scheme, role by role, without a database:
/// membership of the committee and a grid worker's grids come in with the request.
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

    // MARK: The matrices (`GovernancePermissionTable`: view, create, update, delete, administer)

    static let otherZone = GovernancePermissionTable.otherZone

    @Test func theCommitteeMatrix() {
        // Asked by someone who is not a member: only the zone admin runs the scheme.
        GovernancePermissionTable.check(
            .pointsCommittee(zoneID: 1, isMember: false),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAFA"),
                (.departmentStaff, "FFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "FFFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "FFFFF"),
            ])
        // Asked by a member (membership is a table, not a role): all the work but managing members.
        GovernancePermissionTable.check(
            .pointsCommittee(zoneID: 1, isMember: true),
            [
                (nil, "FFFFF"), (.public, "AAAFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAFA"),
                (.departmentStaff, "AAAFF"), (.investmentOfficer, "AAAFF"), (.gridWorker, "AAAFF"),
                (.enterpriseUser, "AAAFF"), (.resident, "AAAFF"),
            ])
        GovernancePermissionTable.check(.pointsCommittee(zoneID: 2, isMember: true), Self.otherZone)
    }

    @Test func theEntryMatrix() {
        // The resident's (person 5) household record in the grid worker's grid 3.
        GovernancePermissionTable.check(
            .pointsEntry(zoneID: 1, subjectPersonIDs: [5, 6], gridID: 3, isCommitteeMember: false),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAFA"),
                (.departmentStaff, "FFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AFAFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "AAFFF"),
            ])
        // Someone else's record in another grid: it does not exist for the resident.
        GovernancePermissionTable.check(
            .pointsEntry(zoneID: 1, subjectPersonIDs: [6], gridID: 4, isCommitteeMember: false),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAFA"),
                (.departmentStaff, "FFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "FFFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "HHHFH"),
            ])
        // Asked by a committee member: every record, never deleted.
        GovernancePermissionTable.check(
            .pointsEntry(zoneID: 1, subjectPersonIDs: [6], gridID: 4, isCommitteeMember: true),
            [
                (nil, "FFFFF"), (.public, "AAAFA"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAFA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "AAAFA"), (.gridWorker, "AAAFA"),
                (.enterpriseUser, "AAAFA"), (.resident, "AAAFA"),
            ])
        GovernancePermissionTable.check(
            .pointsEntry(zoneID: 2, subjectPersonIDs: [5], gridID: 3, isCommitteeMember: false), Self.otherZone)
    }

    @Test func theReviewMatrix() {
        GovernancePermissionTable.check(
            .pointsReview(zoneID: 1, isMember: false),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AFAFF"),
                (.departmentStaff, "FFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AFAFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "FFFFF"),
            ])
        GovernancePermissionTable.check(
            .pointsReview(zoneID: 1, isMember: true),
            [
                (nil, "FFFFF"), (.public, "AFAFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AFAFF"),
                (.departmentStaff, "AFAFF"), (.investmentOfficer, "AFAFF"), (.gridWorker, "AFAFF"),
                (.enterpriseUser, "AFAFF"), (.resident, "AFAFF"),
            ])
        GovernancePermissionTable.check(.pointsReview(zoneID: 2, isMember: true), Self.otherZone)
        // A grid worker without grids has no queue.
        let idle = CurrentUser(
            id: 9, username: "u", displayName: "u", role: .gridWorker, homeZoneID: 1, departmentID: nil,
            enterpriseID: nil, personID: nil, gridIDs: [], zoneID: 1)
        #expect(Permissions.decide(idle, .view, .pointsReview(zoneID: 1, isMember: false)) == .forbidden)
    }

    @Test func aSeatOnTheCommitteeIsForResidentsAndGridWorkers() {
        // Asked about the account that would take the seat.
        GovernancePermissionTable.check(
            .pointsCommitteeSeat(zoneID: 1),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "FFFFF"),
                (.departmentStaff, "FFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "FAFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "FAFFF"),
            ])
        GovernancePermissionTable.check(.pointsCommitteeSeat(zoneID: 2), Self.otherZone)
    }

    @Test func theRecordingMatrix() {
        // For a resident of the grid worker's grid 3.
        GovernancePermissionTable.check(
            .pointsRecording(zoneID: 1, gridID: 3),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAFFF"),
                (.departmentStaff, "FFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AAFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "FFFFF"),
            ])
        // For a resident of another grid, or of none: the worker has the form but may not record.
        for grid in [Int64(4), nil] {
            GovernancePermissionTable.check(
                .pointsRecording(zoneID: 1, gridID: grid),
                [
                    (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAFFF"),
                    (.departmentStaff, "FFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AFFFF"),
                    (.enterpriseUser, "FFFFF"), (.resident, "FFFFF"),
                ])
        }
        GovernancePermissionTable.check(.pointsRecording(zoneID: 2, gridID: 3), Self.otherZone)
    }
}
