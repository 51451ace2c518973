import GaoxinCore
import Testing

@testable import App

/// The decisions `Permissions` makes for the enterprise registry and the official criteria, role
/// by role (see `PolicyPermissionTests` for the askers and the letters: view, create, update,
/// delete, administer).
@Suite struct EnterprisePermissionTests {
    static func table(_ resource: Resource) -> [String: String] { PolicyPermissionTests.table(resource) }

    @Test func anEnterpriseIsItsOwnUsersAndTheOffices() {
        #expect(
            Self.table(.enterprise(zoneID: 1, enterpriseID: 5)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AAAAA", "department_staff": "AAAFA",
                "investment_officer": "AAAFA", "grid_worker": "AFFFF", "enterprise_user": "AFAFF",
                "resident": "HHHHH", "public": "HHHHH",
            ])
        // Another enterprise than the user's own does not exist for them.
        #expect(
            Self.table(.enterprise(zoneID: 1, enterpriseID: 6)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AAAAA", "department_staff": "AAAFA",
                "investment_officer": "AAAFA", "grid_worker": "AFFFF", "enterprise_user": "HHHHH",
                "resident": "HHHHH", "public": "HHHHH",
            ])
        #expect(
            Self.table(.enterprise(zoneID: 2, enterpriseID: 5)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "HHHHH", "department_staff": "HHHHH",
                "investment_officer": "HHHHH", "grid_worker": "HHHHH", "enterprise_user": "HHHHH",
                "resident": "HHHHH", "public": "HHHHH",
            ])
    }

    @Test func theRegistryIsTheOfficesAndOnlyTheZoneAdminRemovesFromIt() {
        #expect(
            Self.table(.enterpriseList(zoneID: 1)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AAAAA", "department_staff": "AAAFA",
                "investment_officer": "AAAFA", "grid_worker": "FFFFF", "enterprise_user": "FFFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        #expect(Self.table(.enterpriseList(zoneID: 2))["department_staff"] == "HHHHH")
    }

    @Test func theCriteriaAreReadByStaffAndChangedByTheZoneAdmin() {
        #expect(
            Self.table(.criteria(zoneID: 1)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AAAAA", "department_staff": "AFFFF",
                "investment_officer": "AFFFF", "grid_worker": "AFFFF", "enterprise_user": "FFFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        #expect(Self.table(.criteria(zoneID: 2))["zone_admin"] == "HHHHH")
    }
}
