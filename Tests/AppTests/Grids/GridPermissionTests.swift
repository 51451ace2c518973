import GaoxinCore
import Testing

@testable import App

/// The decisions `Permissions` makes for grids, the grid list, residents and persons: every role
/// (nil is the public without a login) × every action, on one's own row, another's row and a row
/// of another zone, written out as `GovernancePermissionTable` reads them.
@Suite struct GridPermissionTests {
    static func check(
        _ resource: Resource, _ table: [(Role?, String)], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        GovernancePermissionTable.check(resource, table, sourceLocation: sourceLocation)
    }

    static let otherZone = GovernancePermissionTable.otherZone

    @Test func grids() {
        // The grid worker's own grid.
        Self.check(
            .grid(zoneID: 1, gridID: 3),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AAAAA"),
                (.enterpriseUser, "FFFFF"), (.resident, "AFFFF"),
            ])
        // Another grid of the zone: the worker reads it (the map), acts only in their own.
        Self.check(
            .grid(zoneID: 1, gridID: 4),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AFFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "AFFFF"),
            ])
        Self.check(.grid(zoneID: 2, gridID: 3), Self.otherZone)
    }

    @Test func theGridListIsReadInGovernanceAndImportedByTheZoneAdmin() {
        Self.check(
            .gridList(zoneID: 1),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AFFFF"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AFFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "AFFFF"),
            ])
        Self.check(.gridList(zoneID: 2), Self.otherZone)
    }

    @Test func residents() {
        // The list as a whole (and the blank form): office staff and grid workers; a resident has their own page.
        Self.check(
            .resident(zoneID: 1, personID: nil, gridID: nil),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AAFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "FFFFF"),
            ])
        // The resident's own record, in the grid worker's grid.
        Self.check(
            .resident(zoneID: 1, personID: 5, gridID: 3),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AAAFA"),
                (.enterpriseUser, "FFFFF"), (.resident, "AHHHH"),
            ])
        // Someone else in another grid: the worker only reads, the resident does not see it at all.
        Self.check(
            .resident(zoneID: 1, personID: 6, gridID: 4),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AFFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "HHHHH"),
            ])
        // Registering a new resident into the worker's grid, or into another.
        Self.check(
            .resident(zoneID: 1, personID: nil, gridID: 3),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AAAFA"),
                (.enterpriseUser, "FFFFF"), (.resident, "FFFFF"),
            ])
        Self.check(
            .resident(zoneID: 1, personID: nil, gridID: 4),
            [
                (nil, "FFFFF"), (.public, "FFFFF"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "FFFFF"), (.gridWorker, "AFFFF"),
                (.enterpriseUser, "FFFFF"), (.resident, "FFFFF"),
            ])
        Self.check(.resident(zoneID: 2, personID: 5, gridID: 3), Self.otherZone)
    }

    @Test func persons() {
        Self.check(
            .person(zoneID: 1, personID: 5),
            [
                (nil, "FFFFF"), (.public, "HHHHH"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "HHHHH"), (.gridWorker, "AAAFA"),
                (.enterpriseUser, "HHHHH"), (.resident, "AAAHA"),
            ])
        Self.check(
            .person(zoneID: 1, personID: 6),
            [
                (nil, "FFFFF"), (.public, "HHHHH"), (.platformAdmin, "AAAAA"), (.zoneAdmin, "AAAAA"),
                (.departmentStaff, "AAAFA"), (.investmentOfficer, "HHHHH"), (.gridWorker, "AAAFA"),
                (.enterpriseUser, "HHHHH"), (.resident, "HHHHH"),
            ])
        Self.check(.person(zoneID: 2, personID: 5), Self.otherZone)
    }
}
