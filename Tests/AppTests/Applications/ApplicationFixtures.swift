import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit

@testable import App

/// Items of their own for the application tests (tests share one database and run in parallel,
/// so each test applies for an item nobody else touches).
enum ApplicationFixtures {
    /// A fresh 科技创新局 item in 佛山: 20 万元 fixed, two required materials and an optional one.
    static func item(_ services: AppServices, window: (from: Int, to: Int) = (-10, 30), autoGrant: Bool = false)
        async throws -> PolicyItemRow
    {
        let template = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
        let today = Clock.today
        let materials = [
            PolicyMaterial(name: "申请表", required: true), PolicyMaterial(name: "营业执照复印件", required: true),
            PolicyMaterial(name: "其他证明材料", required: false),
        ]
        var row = template
        row.id = 0
        row.title = "测试条款-\(UUID().uuidString.prefix(8))"
        row.code = nil
        row.benefitKind = BenefitKind.fixed.rawValue
        row.benefitAmount = 20
        row.benefitFormula = nil
        row.benefitCap = nil
        // No budget: the ledger's demo total (19983万元) must not move when tests add items.
        row.budget = nil
        row.windowFrom = today.adding(days: window.from).description
        row.windowTo = today.adding(days: window.to).description
        row.autoGrant = autoGrant
        row.materialsJson = String(decoding: try JSONEncoder().encode(autoGrant ? [] : materials), as: UTF8.self)
        let saved = row
        let id = try await services.database.transaction { db in try await PolicyRepository(db: db).insert(saved) }
        row.id = id
        return row
    }

    static func staffDepartment(_ services: AppServices) async throws -> Int64? {
        try await services.database.sql.select().column("department_id").from("users").where(
            "username", .equal, "staff@foshan"
        )
        .first(decodingColumn: "department_id", as: Int64?.self) ?? nil
    }

    static func applications(item: Int64, _ services: AppServices) async throws -> [ApplicationRow] {
        try await services.database.sql.select().column("*").from("applications").where("item_id", .equal, item)
            .rows(ApplicationRow.self)
    }

    static func materialCount(item: Int64, _ services: AppServices) async throws -> Int {
        try await services.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
            "application_materials"
        )
        .where(
            SQLColumn("application_id"), .in,
            SQLSubquery.select { $0.column("id").from("applications").where("item_id", .equal, item) }
        )
        .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Posts a multipart form the way a browser does: text fields and files (field, file name, bytes).
    static func multipart(
        _ browser: inout Browser, _ path: String, fields: [(String, String)], files: [(String, String, Data)]
    ) async throws -> TestResponse {
        if browser.cookies[CSRFMiddleware.cookieName] == nil { _ = try await browser.get("/login") }
        let boundary = "----gaoxin\(UInt32.random(in: 0...UInt32.max))"
        var body = Data()
        for (name, value) in [(CSRFMiddleware.fieldName, browser.cookies[CSRFMiddleware.cookieName] ?? "")] + fields {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (name, fileName, data) in files {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/pdf\r\n\r\n"
                        .utf8))
            body.append(data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        let headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader,
        ]
        let response = try await browser.client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        browser.remember(response)
        return response
    }

    static func post(_ client: any TestClientProtocol, _ path: String, token: String, json: String) async throws
        -> TestResponse
    {
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: json))
    }
}
