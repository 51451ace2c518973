import GaoxinCore
import Testing

@testable import App

/// Who may see and move a grid event, decided in `Permissions` alone.
@Suite struct EventPermissionTests {
    static func user(_ role: Role, id: Int64 = 99, department: Int64? = nil, grids: Set<Int64> = []) -> CurrentUser {
        CurrentUser(
            id: id, username: "u", displayName: "U", role: role, homeZoneID: 1, departmentID: department,
            enterpriseID: nil, personID: nil, gridIDs: grids, zoneID: 1)
    }

    static func event(grid: Int64 = 10, department: Int64? = nil, reporter: Int64? = 7) -> Resource {
        .event(zoneID: 1, gridID: grid, departmentID: department, reporterUserID: reporter)
    }

    @Test func gridWorkersActInTheirGridsDepartmentsOnWhatIsTheirsReportersOnlyRead() {
        let worker = Self.user(.gridWorker, grids: [10])
        #expect(Permissions.decide(worker, .update, Self.event()) == .allow)
        #expect(Permissions.decide(worker, .update, Self.event(grid: 11)) == .forbidden)
        #expect(Permissions.decide(worker, .view, Self.event(grid: 11)) == .forbidden)
        // What they reported elsewhere they may read, not move.
        #expect(Permissions.decide(worker, .view, Self.event(grid: 11, reporter: 99)) == .allow)
        #expect(Permissions.decide(worker, .update, Self.event(grid: 11, reporter: 99)) == .forbidden)

        let staff = Self.user(.departmentStaff, department: 3)
        #expect(Permissions.decide(staff, .view, Self.event()) == .allow)
        #expect(Permissions.decide(staff, .update, Self.event()) == .forbidden)
        #expect(Permissions.decide(staff, .update, Self.event(department: 4)) == .forbidden)
        #expect(Permissions.decide(staff, .update, Self.event(department: 3)) == .allow)

        let reporter = Self.user(.resident, id: 7)
        #expect(Permissions.decide(reporter, .view, Self.event()) == .allow)
        #expect(Permissions.decide(reporter, .update, Self.event()) == .forbidden)
        #expect(Permissions.decide(Self.user(.resident, id: 8), .view, Self.event()) == .hidden)

        #expect(Permissions.decide(Self.user(.zoneAdmin), .update, Self.event(grid: 55)) == .allow)
        #expect(Permissions.decide(Self.user(.zoneAdmin), .delete, Self.event()) == .forbidden)
        for role in [Role.investmentOfficer, .enterpriseUser] {
            #expect(Permissions.decide(Self.user(role), .view, Self.event()) == .hidden, "\(role)")
            #expect(Permissions.decide(Self.user(role), .create, .eventList(zoneID: 1)) == .forbidden, "\(role)")
        }
        // Another zone's event does not exist for anyone in this zone.
        #expect(
            Permissions.decide(worker, .view, .event(zoneID: 2, gridID: 10, departmentID: nil, reporterUserID: 99))
                == .hidden)
        #expect(Permissions.decide(Self.user(.resident), .view, .eventStatistics(zoneID: 1)) == .forbidden)
        #expect(Permissions.decide(nil, .view, .eventList(zoneID: 1)) == .forbidden)
    }

    // The whole table, viewer by viewer: nobody, platform_admin, zone_admin, department_staff,
    // investment_officer, grid_worker, enterprise_user, resident, public; each view/create/update/delete.

    @Test func anEventIsMovedByItsGridsWorkersAndTheDepartmentItWasDispatchedTo() {
        let own = Resource.event(zoneID: 1, gridID: 10, departmentID: 3, reporterUserID: 9)
        let other = Resource.event(zoneID: 1, gridID: 11, departmentID: 4, reporterUserID: 8)
        CasePermissionMatrix.expect(own, "FFFF AAAA AAAF AAAF HHHF AAAF HHHF AFFF HHHF", "own event")
        CasePermissionMatrix.expect(other, "FFFF AAAA AAAF AFFF HHHF FFFF HHHF HHHF HHHF", "other event")
        CasePermissionMatrix.expectHiddenFromOtherZones(own, "event")
    }

    @Test func theListsStatisticsAndTheLoopAreForTheirRoles() {
        CasePermissionMatrix.expect(
            .eventList(zoneID: 1), "FFFF AAAA AAFF AAFF FFFF AAFF FFFF AAFF FFFF", "eventList")
        CasePermissionMatrix.expect(
            .eventStatistics(zoneID: 1), "FFFF AAAA AFFF AFFF FFFF AFFF FFFF FFFF FFFF", "eventStatistics")
        CasePermissionMatrix.expect(
            .zoneEvents(zoneID: 1), "FFFF AAAA AFAF AFFF FFFF FFFF FFFF FFFF FFFF", "zoneEvents")
        CasePermissionMatrix.expect(
            .eventLoop(zoneID: 1), "FFFF AAAA AFAF AFAF FFFF AFAF FFFF FFFF FFFF", "eventLoop")
        for resource in [
            Resource.eventList(zoneID: 1), .eventStatistics(zoneID: 1), .zoneEvents(zoneID: 1), .eventLoop(zoneID: 1),
        ] {
            CasePermissionMatrix.expectHiddenFromOtherZones(resource, "\(resource)")
        }
    }

    @Test func handlingIsForWhoeverTheEventWasDispatchedTo() {
        CasePermissionMatrix.expect(
            .eventHandling(zoneID: 1, departmentID: 3, assigneeUserID: nil),
            "FFFF AAAA FFAF FFAF FFFF FFFF FFFF FFFF FFFF", "dispatched to department 3")
        CasePermissionMatrix.expect(
            .eventHandling(zoneID: 1, departmentID: nil, assigneeUserID: 9),
            "FFFF AAAA FFAF FFAF FFAF FFAF FFAF FFAF FFAF", "dispatched to user 9")
        CasePermissionMatrix.expect(
            .eventHandling(zoneID: 1, departmentID: 4, assigneeUserID: nil),
            "FFFF AAAA FFAF FFFF FFFF FFFF FFFF FFFF FFFF", "dispatched elsewhere")
        CasePermissionMatrix.expectHiddenFromOtherZones(
            .eventHandling(zoneID: 1, departmentID: 3, assigneeUserID: 9), "eventHandling")
    }

    @Test func aCaseIsRatedOnlyByItsRequesterAndAFollowUpWorkedByItsAssignee() {
        CasePermissionMatrix.expect(
            .ownCase(zoneID: 1, requesterUserID: 9), "FFFF FFFF AFAF AFAF AFAF AFAF AFAF AFAF AFAF", "own case")
        CasePermissionMatrix.expect(
            .ownCase(zoneID: 1, requesterUserID: 8), "FFFF FFFF FFFF FFFF FFFF FFFF FFFF FFFF FFFF", "another's case")
        CasePermissionMatrix.expect(
            .followUp(zoneID: 1, assigneeID: "department:3"), "FFFF AAAA AAAF AAAF FFFF FFFF FFFF FFFF FFFF",
            "follow-up with department 3")
        CasePermissionMatrix.expect(
            .followUp(zoneID: 1, assigneeID: "user:9"), "FFFF AAAA AAAF AAAF FFFF AAAF FFFF FFFF FFFF",
            "follow-up with user 9 (who handles rated cases: department staff, grid workers)")
        CasePermissionMatrix.expect(
            .followUp(zoneID: 1, assigneeID: "grid:10"), "FFFF AAAA AAAF FFFF FFFF AAAF FFFF FFFF FFFF",
            "follow-up with grid 10")
        CasePermissionMatrix.expect(
            .followUp(zoneID: 1, assigneeID: "department:4"), "FFFF AAAA AAAF FFFF FFFF FFFF FFFF FFFF FFFF",
            "follow-up elsewhere")
        CasePermissionMatrix.expectHiddenFromOtherZones(.ownCase(zoneID: 1, requesterUserID: 9), "ownCase")
        CasePermissionMatrix.expectHiddenFromOtherZones(.followUp(zoneID: 1, assigneeID: "user:9"), "followUp")
    }
}
