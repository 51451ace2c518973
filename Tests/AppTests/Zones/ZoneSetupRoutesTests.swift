import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The platform admin's zones and the zone admin's own setup on pages (issue #12): a zone with its
/// parks and first admin, parks, departments with their 惠企政策发言人, the go-live checklist.
@Suite(.serialized) struct ZoneSetupRoutesTests {
    static let password = "Zone@Setup2026x"

    /// Zones with one of these codes (other suites add zones of their own at the same time, so the
    /// count of all zones may move between two reads).
    static func zoneCount(_ services: AppServices, codes: Set<String>) async throws -> Int {
        try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).count { codes.contains($0.code) }
    }

    /// A new zone made on the page by the platform admin; returns its code and admin username.
    static func newZone(_ browser: inout Browser, _ services: AppServices) async throws -> (String, String, Int64) {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let code = "t\(suffix)"
        let admin = "admin@\(code)"
        let response = try await browser.post(
            SiteURL.zoneNew.path,
            form: [
                ("zone_code", code), ("zone_name", "测试高新区\(suffix)"), ("zone_full_name", ""), ("province", "广东"),
                ("city", "江门"), ("parks", "东园\n西园"), ("zone_admin", admin), ("zone_admin_password", password),
            ])
        #expect(response.status == .seeOther)
        let zone = try #require(try await ZoneRepository(db: services.database.sql).zone(code: code))
        return (code, admin, zone.id)
    }

    @Test func thePlatformAdminCreatesAZoneWithParksAndItsAdmin() async throws {
        try await withApp { client, services in
            var platform = Browser(client)
            #expect(try await platform.login("platform").status == .seeOther)
            #expect(try await platform.get(SiteURL.zoneNew.path).text.contains("第一位园区管理员"))
            let (code, admin, zoneID) = try await Self.newZone(&platform, services)
            let parks = try await ZoneRepository(db: services.database.sql).parks(zoneID: zoneID)
            #expect(parks.map(\.name) == ["东园", "西园"])
            #expect(try await UserRepository(db: services.database.sql).find(username: admin)?.zoneId == zoneID)
            #expect(try await platform.get(SiteURL.zones.path).text.contains(SiteURL.zoneEdit(zoneID).path))

            // A duplicate code and a duplicate username: both named, nothing half-saved.
            let before = try await Self.zoneCount(services, codes: [code, code + "x"])
            let twice = try await platform.post(
                SiteURL.zoneNew.path,
                form: [
                    ("zone_code", code), ("zone_name", "重复"), ("parks", "南园"), ("zone_admin", admin),
                    ("zone_admin_password", Self.password),
                ])
            #expect(twice.status == .badRequest)
            #expect(twice.text.contains("园区代码：“\(code)”已被使用"))
            #expect(twice.text.contains("园区管理员：用户名“\(admin)”已被使用"))
            let sameAdmin = try await platform.post(
                SiteURL.zoneNew.path,
                form: [
                    ("zone_code", code + "x"), ("zone_name", "另一个"), ("zone_admin", admin),
                    ("zone_admin_password", Self.password),
                ])
            #expect(sameAdmin.status == .badRequest)
            #expect(try await Self.zoneCount(services, codes: [code, code + "x"]) == before)
            #expect(try await ZoneRepository(db: services.database.sql).zone(code: code + "x") == nil)

            // Editing changes the names and region, never the code.
            let edited = try await platform.post(
                SiteURL.zoneEdit(zoneID).path,
                form: [("zone_name", "江门新区"), ("zone_full_name", "江门高新技术产业开发区"), ("province", "广东"), ("city", "江门")])
            #expect(edited.status == .seeOther)
            let zone = try await ZoneRepository(db: services.database.sql).zone(id: zoneID)
            #expect(zone?.name == "江门新区")
            #expect(zone?.code == code)
            let empty = try await platform.post(SiteURL.zoneEdit(zoneID).path, form: [("zone_name", "")])
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("园区简称：请填写"))
            #expect(try await platform.get(SiteURL.zoneEdit(999_999_999).path).status == .notFound)
        }
    }

    @Test func onlyThePlatformAdminManagesZones() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@foshan")
            #expect(try await admin.get(SiteURL.zoneNew.path).status == .forbidden)
            let before = try await Self.zoneCount(services, codes: ["sneaky"])
            let response = try await admin.post(
                SiteURL.zoneNew.path,
                form: [
                    ("zone_code", "sneaky"), ("zone_name", "x"), ("zone_admin", "x@sneaky"),
                    ("zone_admin_password", Self.password),
                ])
            #expect(response.status == .forbidden)
            #expect(try await Self.zoneCount(services, codes: ["sneaky"]) == before)
            #expect(try await admin.post(SiteURL.zoneEdit(1).path, form: [("zone_name", "改名")]).status == .forbidden)
        }
    }

    @Test func theNewZoneAdminSetsUpParksDepartmentsAndSpokespersons() async throws {
        try await withApp { client, services in
            var platform = Browser(client)
            _ = try await platform.login("platform")
            let (code, adminName, zoneID) = try await Self.newZone(&platform, services)
            var admin = Browser(client)
            #expect(try await admin.login(adminName, password: Self.password).status == .seeOther)

            // The checklist of a new zone: parks done, departments and spokespersons missing.
            var checklist = try await admin.get(SiteURL.adminChecklist.path).text
            #expect(checklist.contains("2 个在用园区"))
            #expect(checklist.contains("公开名录为空"))
            #expect(checklist.contains(SiteURL.adminDepartments.path))

            // Parks: add, refuse a duplicate, rename and deactivate.
            #expect(try await admin.post(SiteURL.adminParks.path, form: [("name", "南园")]).status == .seeOther)
            let duplicate = try await admin.post(SiteURL.adminParks.path, form: [("name", "南园")])
            #expect(duplicate.status == .badRequest)
            #expect(duplicate.text.contains("园区名称：本园区已有“南园”"))
            let parks = try await ZoneRepository(db: services.database.sql).parks(zoneID: zoneID)
            #expect(parks.count == 3)
            let south = try #require(parks.first { $0.name == "南园" })
            let renamed = try await admin.post(SiteURL.adminPark(south.id).path, form: [("name", "南湾园")])
            #expect(renamed.status == .seeOther)
            let park = try await ZoneRepository(db: services.database.sql).park(id: south.id, zoneID: zoneID)
            #expect(park?.name == "南湾园")
            #expect(park?.isActive == false)  // the box was not ticked: deactivated
            let clash = try await admin.post(SiteURL.adminPark(south.id).path, form: [("name", "东园"), ("active", "1")])
            #expect(clash.status == .badRequest)
            #expect(
                try await ZoneRepository(db: services.database.sql).park(id: south.id, zoneID: zoneID)?.name == "南湾园")
            // Another zone's park is not there.
            let zones = ZoneRepository(db: services.database.sql)
            let foshanZone = try #require(try await zones.zone(code: "foshan"))
            let foshanPark = try #require(try await zones.parks(zoneID: foshanZone.id).first)
            #expect(
                try await admin.post(SiteURL.adminPark(foshanPark.id).path, form: [("name", "x")]).status == .notFound)

            // A department with its spokesperson, shown in the public directory.
            let badPhone = try await admin.post(
                SiteURL.adminDepartments.path,
                form: [("name", "科技创新局"), ("kind", "science"), ("spokesperson_phone", "call me")])
            #expect(badPhone.status == .badRequest)
            #expect(badPhone.text.contains("发言人姓名：填写了职务或电话时请填写姓名"))
            #expect(badPhone.text.contains("公开电话：只能包含数字"))
            #expect(try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID)).isEmpty)
            let created = try await admin.post(
                SiteURL.adminDepartments.path,
                form: [
                    ("name", "科技创新局"), ("kind", "science"), ("spokesperson_name", "林晓"),
                    ("spokesperson_title", "副局长"), ("spokesperson_phone", "0750-3200101"), ("spokesperson_shown", "1"),
                ])
            #expect(created.status == .seeOther)
            let department = try #require(
                try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID)).first)
            #expect(department.spokespersonName == "林晓")
            let directory = "\(SiteURL.policySpokespersons.path)?zone=\(code)"
            var visitor = Browser(client)
            #expect(try await visitor.get(directory).text.contains("林晓"))
            checklist = try await admin.get(SiteURL.adminChecklist.path).text
            #expect(checklist.contains("1 位发言人在公开名录中"))

            // Edited to be internal: gone from the public directory.
            let hidden = try await admin.post(
                SiteURL.adminDepartment(department.id).path,
                form: [
                    ("name", "科技创新局"), ("kind", "science"), ("spokesperson_name", "林晓"),
                    ("spokesperson_phone", "0750-3200101"),
                ])
            #expect(hidden.status == .seeOther)
            #expect(try await visitor.get(directory).text.contains("林晓") == false)
            #expect(try await admin.get(SiteURL.adminDepartment(department.id).path).text.contains("0750-3200101"))

            // Another zone's admin does not see this department.
            var foshan = Browser(client)
            _ = try await foshan.login("admin@foshan")
            #expect(try await foshan.get(SiteURL.adminDepartment(department.id).path).status == .notFound)
            // Staff look but do not change.
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            #expect(try await staff.post(SiteURL.adminParks.path, form: [("name", "偷偷加")]).status == .forbidden)
            #expect(try await staff.get(SiteURL.adminChecklist.path).status == .ok)
        }
    }

    @Test func anImportWarnsAboutFiguresBeforeTheFoundingDate() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("admin@foshan")
            let uscc = DemoLoader.creditCode(body: "91440604MA4W\(Int.random(in: 10000...99999))")
            let file = [
                EnterpriseCSVTests.header,
                EnterpriseCSVTests.row(uscc, year: 2014, name: "早于成立测试公司"),
                EnterpriseCSVTests.row(uscc, year: 2024, name: "早于成立测试公司"),
            ].joined(separator: "\n")
            let response = try await EnterpriseRoutesTests.upload(
                &browser, SiteURL.enterpriseImport.path, file: Data(file.utf8))
            #expect(response.status == .ok)
            #expect(response.text.contains("导入完成"))
            #expect(response.text.contains("第 2 行"))
            #expect(response.text.contains("2014 年的数据"))
            #expect(try await EnterpriseRoutesTests.count(services, uscc: uscc) == 1)
        }
    }
}
