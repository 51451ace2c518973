import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import App

/// Issue #11's findings on users' files: every upload is checked by its bytes, every stored file
/// is served inert, and only the applicant, the issuing department and the zone admin download an
/// application's materials. Each test failed before its fix.
@Suite struct UploadHardeningTests {
    static let svg = Data(
        #"<svg xmlns="http://www.w3.org/2000/svg"><script>fetch('/m/admin/users',{method:'POST'})</script></svg>"#.utf8)
    static let html = Data("<html><body><script>alert(document.cookie)</script></body></html>".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x42, count: 32))

    /// MultipartKit's parser traps on a byte above 0x7F in a part's header name and on an empty
    /// boundary; the form reader refuses both before the parser sees them.
    @Test func aMultipartBodyTheParserWouldTrapOnIsRefused() throws {
        let trap = ByteBuffer(
            string: "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b\r\n名称: y\r\n\r\nz\r\n--b--\r\n")
        #expect(throws: MultipartForm.Malformed.self) { try MultipartForm.parse(trap, boundary: "b") }
        #expect(throws: MultipartForm.Malformed.self) { try MultipartForm.parse(trap, boundary: "") }
        // A non-ASCII file name and body are ordinary and still read.
        let fine = ByteBuffer(
            string: "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"企业.csv\"\r\n\r\n名称\r\n--b--\r\n")
        #expect(try MultipartForm.parse(fine, boundary: "b").files["file"]?.fileName == "企业.csv")
    }

    @Test func aStrangersMalformedMultipartPostIsRefusedAndTheServerStaysUp() async throws {
        try await withApp { client, _ in
            for (type, body) in [
                ("multipart/form-data; boundary=b", "--b\r\n\u{FF}\u{FE}: x\r\n\r\ny\r\n--b--\r\n"),
                ("multipart/form-data; boundary=", "--\r\n\r\n"),
                ("multipart/form-data; boundary=\"\"", "x"),
            ] {
                let response = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: type], body: ByteBuffer(string: body))
                #expect(response.status == .forbidden, "\(type)")
            }
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
        }
    }

    @Test func anEventPhotoIsCheckedByItsContent() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            var resident = Browser(client)
            _ = try await resident.login("resident@jinan")
            let before = try await EventFixtures.eventCount(gridID: grid.id, services)
            for (name, type, data) in [
                ("x.svg", "image/svg+xml", Self.svg), ("photo.png", "image/png", Self.html),
                ("photo.jpg", "image/jpeg", Self.svg),
            ] {
                let refused = try await EventFixtures.report(
                    &resident, latitude: grid.latitude, longitude: grid.longitude, photo: (name, type, data))
                #expect(refused.status == .badRequest, "\(name) \(type)")
                #expect(refused.text.contains("现场照片：文件内容不是允许的类型"))
            }
            #expect(try await EventFixtures.eventCount(gridID: grid.id, services) == before)
        }
    }

    @Test func aPhotoIsServedInlineOnlyWhenItIsARasterImage() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            var resident = Browser(client)
            _ = try await resident.login("resident@jinan")
            // Declared as something else: the bytes decide, and they say PNG.
            let reported = try await EventFixtures.report(
                &resident, latitude: grid.latitude, longitude: grid.longitude,
                photo: ("现场.jpg", "application/octet-stream", Self.png))
            let id = try EventFixtures.reportedID(reported)
            let photo = try await resident.get("/m/governance/events/\(id)/photo")
            #expect(photo.status == .ok)
            #expect(photo.headers[.contentType] == "image/png")
            #expect(photo.headers[.contentDisposition]?.hasPrefix("inline") == true)
            #expect(photo.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(photo.headers[.xContentTypeOptions] == "nosniff")
            #expect(Data(photo.body.readableBytesView) == Self.png)

            // A file stored before uploads were checked (here: an SVG with a script) is served inert.
            try await services.database.transaction { db in
                try await db.update("events").set("photo", to: SQLBind(Self.svg))
                    .set("photo_type", to: SQLBind("image/svg+xml")).where("case_id", .equal, id).run()
            }
            let stored = try await resident.get("/m/governance/events/\(id)/photo")
            #expect(stored.status == .ok)
            #expect(stored.headers[.contentType] == "application/octet-stream")
            #expect(stored.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(stored.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(stored.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func open311MediaIsCheckedByItsContent() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            let key = try await EventFixtures.open311Key(zoneID: grid.zoneID, services)
            let boundary = "----o311\(UInt32.random(in: 0...UInt32.max))"
            var body = Data()
            for (name, value) in [
                ("jurisdiction_id", "jinan"), ("api_key", key), ("service_code", "hazard"),
                ("lat", String(grid.latitude)), ("long", String(grid.longitude)), ("description", "路灯损坏，夜间无照明。"),
            ] {
                body.append(
                    Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
            }
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"media\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n"
                        .utf8))
            body.append(Self.svg)
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            let before = try await EventFixtures.eventCount(gridID: grid.id, services)
            let response = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("media：现场照片：文件内容不是允许的类型"))
            #expect(try await EventFixtures.eventCount(gridID: grid.id, services) == before)
        }
    }

    /// A 佛山 user of another department than the item's (科技创新局): made here, as the demo has one
    /// staff login per zone.
    static func otherDepartmentStaff(_ services: AppServices) async throws -> String {
        let zoneID = try await EventFixtures.zoneID("foshan", services)
        let own = try await ApplicationFixtures.staffDepartment(services)
        let other = try #require(
            try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID)).first {
                $0.id != own
            })
        let username = "staff-\(UInt32.random(in: 0...UInt32.max))@foshan"
        let hash = try await services.hasher.hash(DemoLoader.password)
        let now = Clock.nowSeconds()
        _ = try await services.database.transaction { db in
            try await UserRepository(db: db).insert(
                UserRow(
                    id: 0, zoneId: zoneID, username: username, displayName: "其他部门", role: Role.departmentStaff.rawValue,
                    passwordHash: hash, departmentId: other.id, isActive: true, createdAt: now, passwordChangedAt: now))
        }
        return username
    }

    @Test func materialsAreCheckedAndOnlyTheirPartiesDownloadThem() async throws {
        try await withApp { client, services in
            let item = try await ApplicationFixtures.item(services)
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            let path = "/m/policies/items/\(item.id)/apply/upload"
            let pdf = Data("%PDF-1.7 申请表".utf8)
            // An SVG or HTML page is refused by its content, whatever its name; nothing saved.
            let refused = try await ApplicationFixtures.multipart(
                &enterprise, path, fields: [("requested_amount", "15")],
                files: [("m0", "申请表.pdf", Self.svg), ("m1", "执照.pdf", Self.html)])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("材料“申请表”：文件内容不是允许的类型"))
            #expect(refused.text.contains("材料“营业执照复印件”：文件内容不是允许的类型"))
            #expect(try await ApplicationFixtures.applications(item: item.id, services).isEmpty)
            let submitted = try await ApplicationFixtures.multipart(
                &enterprise, path, fields: [("requested_amount", "15")],
                files: [("m0", "申请表.pdf", pdf), ("m1", "执照.png", Self.png)])
            #expect(submitted.status == .seeOther, "\(submitted.text.prefix(400))")
            let application = try #require(try await ApplicationFixtures.applications(item: item.id, services).first)
            let materials = try await ApplicationRepository(db: services.database.sql).materials(
                applicationID: application.id)
            let pdfID = try #require(materials.first { $0.materialName == "申请表" }?.id)
            #expect(materials.first { $0.materialName == "营业执照复印件" }?.contentType == "image/png")
            let url = SiteURL.applicationMaterial(application.id, material: pdfID).path

            // The applicant, the issuing department and the zone admin download it, as an inert attachment.
            for login in ["enterprise@foshan", "staff@foshan", "admin@foshan"] {
                var browser = Browser(client)
                _ = try await browser.login(login)
                let file = try await browser.get(url)
                #expect(file.status == .ok, "\(login)")
                #expect(file.headers[.contentType] == "application/octet-stream", "\(login)")
                #expect(file.headers[.contentDisposition]?.hasPrefix("attachment") == true, "\(login)")
                #expect(file.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox", "\(login)")
                #expect(file.headers[.xContentTypeOptions] == "nosniff", "\(login)")
                #expect(Data(file.body.readableBytesView) == pdf, "\(login)")
            }
            // Another department's staff may see the application exists, not its files.
            var other = Browser(client)
            _ = try await other.login(try await Self.otherDepartmentStaff(services))
            #expect(try await other.get(url).status == .forbidden)
            let shown = try await other.get("/m/policies/applications/\(application.id)")
            #expect(shown.status == .ok && shown.text.contains("申请表.pdf") && !shown.text.contains(url))
            var investor = Browser(client)
            _ = try await investor.login("invest@foshan")
            #expect(try await investor.get(url).status == .forbidden)
            // Another zone's staff: it does not exist.
            var stranger = Browser(client)
            _ = try await stranger.login("staff@jinan")
            #expect(try await stranger.get(url).status == .notFound)
        }
    }

    @Test(arguments: [
        (Role.zoneAdmin, 7 as Int64, Decision.allow), (.departmentStaff, 7, .allow), (.departmentStaff, 8, .forbidden),
        (.investmentOfficer, 7, .forbidden), (.gridWorker, 7, .forbidden), (.resident, 7, .forbidden),
        (.enterpriseUser, 7, .allow),
    ])
    func materialsDecisionTable(role: Role, department: Int64, expected: Decision) {
        let user = CurrentUser(
            id: 1, username: "u", displayName: "u", role: role, homeZoneID: 1, departmentID: department,
            enterpriseID: 5, personID: nil, gridIDs: [], zoneID: 1)
        let own = Resource.applicationMaterials(zoneID: 1, departmentID: 7, enterpriseID: 5)
        #expect(Permissions.decide(user, .view, own) == expected)
        let otherEnterprise = Resource.applicationMaterials(zoneID: 1, departmentID: 7, enterpriseID: 6)
        if role == .enterpriseUser { #expect(Permissions.decide(user, .view, otherEnterprise) == .hidden) }
        #expect(
            Permissions.decide(user, .view, .applicationMaterials(zoneID: 2, departmentID: 7, enterpriseID: 5))
                == .hidden)
        #expect(Permissions.decide(nil, .view, own) == .forbidden)
    }
}
