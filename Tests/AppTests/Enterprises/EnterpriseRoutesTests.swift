import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import App

@Suite struct EnterpriseRoutesTests {
    /// Uploads a file the way a browser's multipart form does.
    static func upload(_ browser: inout Browser, _ path: String, file: Data) async throws -> TestResponse {
        if browser.cookies[CSRFMiddleware.cookieName] == nil { _ = try await browser.get("/login") }
        let boundary = "----gaoxin\(UInt32.random(in: 0...UInt32.max))"
        var body = Data()
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.cookies[CSRFMiddleware.cookieName] ?? "")\r\n"
                    .utf8))
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"企业.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    .utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        let headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader,
        ]
        let response = try await browser.client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        browser.remember(response)
        return response
    }

    static func count(_ services: AppServices, uscc: String) async throws -> Int {
        try await services.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
            "enterprises"
        )
        .where("uscc", .equal, uscc).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    @Test func importIsAllOrNothingAndAudited() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("admin@foshan")
            let good = DemoLoader.creditCode(body: "91440604MA4U\(Int.random(in: 10000...49999))")
            let other = DemoLoader.creditCode(body: "91440604MA4U\(Int.random(in: 50000...99999))")
            let header = EnterpriseCSVTests.header
            // One bad row refuses the whole file: the good row is not written either.
            let bad = [
                header, EnterpriseCSVTests.row(good, name: "导入测试有限公司"),
                EnterpriseCSVTests.row(other, ["科技人员数（人）": "999"]),
            ].joined(separator: "\n")
            let refused = try await Self.upload(&browser, "/m/enterprises/import", file: Data(bad.utf8))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("第 3 行"))
            #expect(refused.text.contains("没有写入任何数据"))
            #expect(try await Self.count(services, uscc: good) == 0)

            let fixed = [
                header, EnterpriseCSVTests.row(good, name: "导入测试有限公司"),
                EnterpriseCSVTests.row(good, year: 2024, name: "导入测试有限公司"),
            ].joined(separator: "\n")
            let accepted = try await Self.upload(&browser, "/m/enterprises/import", file: Data(fixed.utf8))
            #expect(accepted.status == .seeOther)
            #expect(try await Self.count(services, uscc: good) == 1)
            let list = try await browser.get("/m/enterprises?q=\(good)")
            #expect(list.text.contains("导入测试有限公司"))
            #expect(list.text.contains("新增 1 家"))

            // Importing again updates, never duplicates.
            let again = try await Self.upload(&browser, "/m/enterprises/import", file: Data(fixed.utf8))
            #expect(again.status == .seeOther)
            #expect(try await Self.count(services, uscc: good) == 1)
            let audits = try await services.database.sql.select().column("action").from("audit_log").where(
                "entity", .equal, "enterprise"
            )
            .where("after_json", .like, "%\(good)%").orderBy("id").all(decodingColumn: "action", as: String.self)
            #expect(audits.sorted() == ["import_create", "import_update"])
        }
    }

    @Test func missingFileIsNamed() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("admin@foshan")
            let response = try await Self.upload(&browser, "/m/enterprises/import", file: Data())
            #expect(response.status == .badRequest)
            #expect(response.text.contains("请选择要上传的 CSV 文件"))
        }
    }

    @Test func enterpriseUsersCannotImportOrExport() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            #expect(try await browser.get("/m/enterprises/import").status == .forbidden)
            #expect(try await browser.get("/m/enterprises/export.csv").status == .forbidden)
            #expect(try await browser.get("/m/enterprises/ladder").status == .forbidden)
        }
    }

    @Test func exportListsTheZonesEnterprisesOnly() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("staff@jinan")
            let response = try await browser.get("/m/enterprises/export.csv")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
            let text = response.text
            #expect(text.contains("统一社会信用代码"))
            #expect(text.contains("济南"))
            #expect(!text.contains("佛山"))
        }
    }

    @Test func enterprisePageShowsFiguresAndCertificationsAndLadderCounts() async throws {
        try await withApp { client, services in
            let (own, _, _) = try await PermissionTests.enterpriseIDs(services)
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            let page = try await browser.get("/m/enterprises/\(own)")
            #expect(page.status == .ok)
            #expect(page.text.contains("营业收入"))
            #expect(page.text.contains("万元"))
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            let ladder = try await staff.get("/m/enterprises/ladder")
            #expect(ladder.status == .ok)
            #expect(ladder.text.contains("高新技术企业"))
            #expect(ladder.text.contains("<svg"))
        }
    }
}
