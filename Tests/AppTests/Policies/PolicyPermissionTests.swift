import GaoxinCore
import Testing

@testable import App

/// The decisions `Permissions` makes for the policy module (the ledger's rule decided there like
/// every other), role by role and action by action, without a database. Each line of a table reads view, create, update, delete, administer:
/// A = allow, F = forbidden (403), H = hidden (404).
@Suite struct PolicyPermissionTests {
    /// Everyone who can ask: nobody signed in, then a user of each role (a department's staff of
    /// department 3, the enterprise user of enterprise 5, the resident person 7, the grid worker of grid 3).
    static let askers: [(String, CurrentUser?)] =
        [("nobody", nil)]
        + Role.allCases.map { role in
            (
                role.rawValue,
                CurrentUser(
                    id: 9, username: "u", displayName: "U", role: role,
                    homeZoneID: role == .platformAdmin ? nil : 1, departmentID: role == .departmentStaff ? 3 : nil,
                    enterpriseID: role == .enterpriseUser ? 5 : nil, personID: role == .resident ? 7 : nil,
                    gridIDs: role == .gridWorker ? [3] : [], zoneID: 1)
            )
        }

    static let actions: [Action] = [.view, .create, .update, .delete, .administer]

    /// The decisions for `resource`, one string per asker, letters in the order of `actions`.
    static func table(_ resource: Resource) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: askers.map { name, user in
                (
                    name,
                    String(
                        actions.map { action -> Character in
                            switch Permissions.decide(user, action, resource) {
                            case .allow: "A"
                            case .forbidden: "F"
                            case .hidden: "H"
                            }
                        })
                )
            })
    }

    @Test func theLedgerIsReadByTheOfficeAndWrittenByTheIssuingDepartment() {
        // The policy of department 3 (the staff member's own).
        #expect(
            Self.table(.policy(zoneID: 1, departmentID: 3)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AAAAA", "department_staff": "AAAFA",
                "investment_officer": "AFFFF", "grid_worker": "FFFFF", "enterprise_user": "FFFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        // Another department's policy, and the ledger as a whole.
        for other in [Resource.policy(zoneID: 1, departmentID: 4), .policy(zoneID: 1, departmentID: nil)] {
            #expect(
                Self.table(other) == [
                    "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AAAAA", "department_staff": "AFFFF",
                    "investment_officer": "AFFFF", "grid_worker": "FFFFF", "enterprise_user": "FFFFF",
                    "resident": "FFFFF", "public": "FFFFF",
                ])
        }
        // Another zone's ledger does not exist for anyone but the platform admin.
        #expect(
            Self.table(.policy(zoneID: 2, departmentID: 3)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "HHHHH", "department_staff": "HHHHH",
                "investment_officer": "HHHHH", "grid_worker": "HHHHH", "enterprise_user": "HHHHH",
                "resident": "HHHHH", "public": "HHHHH",
            ])
    }

    @Test func anEnterprisesDeskIsItsOwnUsersAlone() {
        #expect(
            Self.table(.enterpriseDesk(zoneID: 1, enterpriseID: 5)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "FFFFF", "department_staff": "FFFFF",
                "investment_officer": "FFFFF", "grid_worker": "FFFFF", "enterprise_user": "AAAFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        // Another enterprise's desk looks like it doesn't exist to an enterprise user.
        #expect(Self.table(.enterpriseDesk(zoneID: 1, enterpriseID: 6))["enterprise_user"] == "HHHHH")
        #expect(Self.table(.enterpriseDesk(zoneID: 2, enterpriseID: 5))["enterprise_user"] == "HHHHH")
        // The platform admin passes the rule but has no enterprise: no desk of their own.
        let admin = Self.askers.first { $0.0 == "platform_admin" }?.1
        #expect(EnterpriseDesk.enterprise(of: admin, zoneID: 1) == nil)
        #expect(EnterpriseDesk.enterprise(of: Self.askers.first { $0.0 == "enterprise_user" }?.1, zoneID: 1) == 5)
        #expect(EnterpriseDesk.enterprise(of: Self.askers.first { $0.0 == "enterprise_user" }?.1, zoneID: 2) == nil)
        #expect(EnterpriseDesk.enterprise(of: nil, zoneID: 1) == nil)
    }

    @Test func onlyTheZoneAdminSupervisesLateConsultations() {
        #expect(
            Self.table(.consultationSupervision(zoneID: 1)) == [
                "nobody": "FFFFF", "platform_admin": "AAAAA", "zone_admin": "AFFFF", "department_staff": "FFFFF",
                "investment_officer": "FFFFF", "grid_worker": "FFFFF", "enterprise_user": "FFFFF",
                "resident": "FFFFF", "public": "FFFFF",
            ])
        #expect(Self.table(.consultationSupervision(zoneID: 2))["zone_admin"] == "HHHHH")
    }

    static func staff(department: Int64?) -> CurrentUser {
        CurrentUser(
            id: 99, username: "u", displayName: "U", role: .departmentStaff, homeZoneID: 1, departmentID: department,
            enterpriseID: nil, personID: nil, gridIDs: [], zoneID: 1)
    }

    @Test func departmentsWriteTheirOwnPoliciesAndOfficeStaffRead() {
        let science = Self.staff(department: 2)
        #expect(Permissions.decide(science, .view, .policy(zoneID: 1, departmentID: nil)) == .allow)
        #expect(Permissions.decide(science, .update, .policy(zoneID: 1, departmentID: 2)) == .allow)
        #expect(Permissions.decide(science, .update, .policy(zoneID: 1, departmentID: 3)) == .forbidden)
        #expect(Permissions.decide(science, .delete, .policy(zoneID: 1, departmentID: 2)) == .forbidden)
        #expect(
            Permissions.decide(Self.staff(department: nil), .create, .policy(zoneID: 1, departmentID: nil))
                == .forbidden)
        #expect(Permissions.decide(science, .view, .policy(zoneID: 2, departmentID: 2)) == .hidden)
        #expect(
            Permissions.decide(PermissionTests.user(.zoneAdmin), .update, .policy(zoneID: 1, departmentID: 3)) == .allow
        )
        #expect(
            Permissions.decide(PermissionTests.user(.investmentOfficer), .view, .policy(zoneID: 1, departmentID: 3))
                == .allow)
        #expect(
            Permissions.decide(PermissionTests.user(.investmentOfficer), .update, .policy(zoneID: 1, departmentID: 3))
                == .forbidden)
        for role in [Role.enterpriseUser, .resident, .gridWorker] {
            #expect(
                Permissions.decide(
                    PermissionTests.user(role, enterprise: 5), .view, .policy(zoneID: 1, departmentID: nil))
                    == .forbidden, "\(role)")
        }
        #expect(Permissions.decide(nil, .view, .policy(zoneID: 1, departmentID: nil)) == .forbidden)
    }
}
