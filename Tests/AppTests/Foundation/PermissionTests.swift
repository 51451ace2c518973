import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

@Suite struct PermissionTests {
    static func user(
        _ role: Role, zone: Int64? = 1, enterprise: Int64? = nil, person: Int64? = nil, grids: Set<Int64> = []
    ) -> CurrentUser {
        CurrentUser(
            id: 99, username: "u", displayName: "U", role: role, homeZoneID: zone, departmentID: nil,
            enterpriseID: enterprise, personID: person, gridIDs: grids, zoneID: zone)
    }

    @Test func enterpriseUserSeesOnlyTheirEnterprise() {
        let user = Self.user(.enterpriseUser, enterprise: 5)
        #expect(Permissions.decide(user, .view, .enterprise(zoneID: 1, enterpriseID: 5)) == .allow)
        #expect(Permissions.decide(user, .view, .enterprise(zoneID: 1, enterpriseID: 6)) == .hidden)
        #expect(Permissions.decide(user, .delete, .enterprise(zoneID: 1, enterpriseID: 5)) == .forbidden)
        #expect(Permissions.decide(user, .view, .enterpriseList(zoneID: 1)) == .forbidden)
    }

    @Test func otherZonesAreHiddenFromEveryoneButThePlatformAdmin() {
        for role in Role.allCases where role != .platformAdmin && role != .public {
            let user = Self.user(role, enterprise: 5, person: 7)
            #expect(Permissions.decide(user, .view, .enterprise(zoneID: 2, enterpriseID: 5)) == .hidden, "\(role)")
            #expect(Permissions.decide(user, .view, .zone(id: 2)) == .hidden, "\(role)")
            #expect(Permissions.decide(user, .view, .auditLog(zoneID: 2)) == .hidden, "\(role)")
            #expect(Permissions.decide(user, .view, .person(zoneID: 2, personID: 7)) == .hidden, "\(role)")
        }
        let admin = Self.user(.platformAdmin, zone: nil)
        #expect(Permissions.decide(admin, .view, .enterprise(zoneID: 2, enterpriseID: 5)) == .allow)
        #expect(Permissions.decide(admin, .view, .allZones) == .allow)
    }

    @Test func residentSeesOnlyThemself() {
        let user = Self.user(.resident, person: 7)
        #expect(Permissions.decide(user, .view, .person(zoneID: 1, personID: 7)) == .allow)
        #expect(Permissions.decide(user, .view, .person(zoneID: 1, personID: 8)) == .hidden)
        #expect(Permissions.decide(user, .administer, .user(zoneID: 1, userID: 0)) == .hidden)
    }

    @Test func gridWorkerActsOnlyInTheirGrids() {
        let user = Self.user(.gridWorker, grids: [3])
        #expect(Permissions.decide(user, .update, .grid(zoneID: 1, gridID: 3)) == .allow)
        #expect(Permissions.decide(user, .update, .grid(zoneID: 1, gridID: 4)) == .forbidden)
        #expect(Permissions.decide(user, .view, .grid(zoneID: 1, gridID: 4)) == .allow)
    }

    @Test func onlyZoneAdminsSeeTheAuditLogAndManageUsers() {
        for role in Role.allCases where role != .public && role != .platformAdmin {
            let expected: Decision = role == .zoneAdmin ? .allow : .forbidden
            #expect(Permissions.decide(Self.user(role), .view, .auditLog(zoneID: 1)) == expected, "\(role)")
        }
        #expect(Permissions.decide(Self.user(.departmentStaff), .administer, .zoneSettings(zoneID: 1)) == .forbidden)
        #expect(Permissions.decide(Self.user(.resident), .administer, .zoneSettings(zoneID: 1)) == .forbidden)
        #expect(Permissions.decide(Self.user(.zoneAdmin), .administer, .zoneSettings(zoneID: 1)) == .allow)
        // their own
        #expect(Permissions.decide(Self.user(.departmentStaff), .view, .user(zoneID: 1, userID: 99)) == .allow)
        #expect(Permissions.decide(Self.user(.departmentStaff), .update, .user(zoneID: 1, userID: 5)) == .forbidden)
        #expect(Permissions.decide(nil, .view, .auditLog(zoneID: 1)) == .forbidden)
    }

    @Test func publicSeesOnlyPublicModules() {
        #expect(Permissions.decide(nil, .view, .module(.policies, zoneID: 1)) == .allow)
        #expect(Permissions.decide(nil, .view, .module(.investment, zoneID: 1)) == .forbidden)
    }

    // Through the routes, as a user would try it.

    @Test func enterpriseUserOpeningAnotherEnterpriseGets404() async throws {
        try await withApp { client, services in
            let (own, other, foreign) = try await Self.enterpriseIDs(services)
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            #expect(try await browser.get("/m/enterprises/\(own)").status == .ok)
            #expect(try await browser.get("/m/enterprises/\(other)").status == .notFound)
            #expect(try await browser.get("/m/enterprises/\(foreign)").status == .notFound)
            #expect(try await browser.get("/m/enterprises/abc").status == .notFound)
        }
    }

    @Test func residentOpeningAnAdminPageGets403() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("resident@foshan")
            let response = try await browser.get("/admin/users")
            #expect(response.status == .forbidden)
            #expect(response.text.contains("没有权限"))
            #expect(try await browser.get("/admin/audit").status == .forbidden)
            #expect(try await browser.get("/m/investment").status == .forbidden)
        }
    }

    /// foshan's enterprise user's own enterprise, another foshan enterprise, and one in jinan.
    static func enterpriseIDs(_ services: AppServices) async throws -> (Int64, Int64, Int64) {
        let db = services.database.sql
        let own = try await db.select().column("enterprise_id").from("users").where(
            "username", .equal, "enterprise@foshan"
        )
        .first(decodingColumn: "enterprise_id", as: Int64.self)!
        let foshan = try await db.select().column("zone_id").from("enterprises").where("id", .equal, own).first(
            decodingColumn: "zone_id", as: Int64.self)!
        let other = try await db.select().column("id").from("enterprises").where("zone_id", .equal, foshan).where(
            "id", .notEqual, own
        )
        .first(decodingColumn: "id", as: Int64.self)!
        let foreign = try await db.select().column("id").from("enterprises").where("zone_id", .notEqual, foshan)
            .first(decodingColumn: "id", as: Int64.self)!
        return (own, other, foreign)
    }
}
