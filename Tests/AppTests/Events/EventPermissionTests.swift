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
}
