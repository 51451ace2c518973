import GaoxinCore
import Testing

@testable import App

/// The decisions `Permissions` makes for applications and payouts, role by role (see
/// `PolicyPermissionTests` for the askers and the letters: view, create, update, delete, administer).
@Suite struct ApplicationPermissionTests {
    static func table(_ resource: Resource) -> [String: String] { PolicyPermissionTests.table(resource) }

    @Test func anApplicationIsTheApplicantsAndTheIssuingDepartmentsToReview() {
        // Enterprise 5's application for an item of department 3.
        #expect(
            Self.table(.application(zoneID: 1, departmentID: 3, enterpriseID: 5)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AFAFA", "department_staff": "AFAFF",
                "investment_officer": "FFFFF", "grid_worker": "FFFFF", "enterprise_user": "AAFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        // Another enterprise's application, for another department's item.
        #expect(
            Self.table(.application(zoneID: 1, departmentID: 4, enterpriseID: 6)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AFAFA", "department_staff": "AFFFF",
                "investment_officer": "FFFFF", "grid_worker": "FFFFF", "enterprise_user": "HHHHH",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        // An item's applications as a whole (the review queue).
        #expect(
            Self.table(.application(zoneID: 1, departmentID: 3, enterpriseID: nil)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AFAFA", "department_staff": "AFAFF",
                "investment_officer": "FFFFF", "grid_worker": "FFFFF", "enterprise_user": "FFFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        #expect(
            Self.table(.application(zoneID: 2, departmentID: 3, enterpriseID: 5)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "HHHHH", "department_staff": "HHHHH",
                "investment_officer": "HHHHH", "grid_worker": "HHHHH", "enterprise_user": "HHHHH",
                "resident": "HHHHH", "public": "HHHHH",
            ])
    }

    @Test func payoutTotalsAreReadByTheOfficeAndEnterprises() {
        #expect(
            Self.table(.payouts(zoneID: 1)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AFFFF", "department_staff": "AFFFF",
                "investment_officer": "AFFFF", "grid_worker": "FFFFF", "enterprise_user": "AFFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        #expect(Self.table(.payouts(zoneID: 2))["enterprise_user"] == "HHHHH")
    }

    @Test func payoutLinesAreEveryonesForTheOfficeAndOnesOwnForAnEnterprise() {
        // The zone's every line.
        #expect(
            Self.table(.payoutLines(zoneID: 1, enterpriseID: nil)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AFFFF", "department_staff": "AFFFF",
                "investment_officer": "AFFFF", "grid_worker": "FFFFF", "enterprise_user": "FFFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        // Enterprise 5's own lines, and another enterprise's.
        #expect(
            Self.table(.payoutLines(zoneID: 1, enterpriseID: 5)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AFFFF", "department_staff": "AFFFF",
                "investment_officer": "AFFFF", "grid_worker": "FFFFF", "enterprise_user": "AFFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        #expect(Self.table(.payoutLines(zoneID: 1, enterpriseID: 6))["enterprise_user"] == "HFFFF")
        #expect(Self.table(.payoutLines(zoneID: 2, enterpriseID: nil))["zone_admin"] == "HHHHH")
    }
}
