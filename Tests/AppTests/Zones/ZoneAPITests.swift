import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import App

/// The zone setup in `/api/v1` (issue #12): an enterprise's profile facts read and written, the
/// go-live checklist.
@Suite struct ZoneAPITests {
    @Test func theProfileFactsTheCriteriaReadAreWrittenThroughTheAPI() async throws {
        try await withApp { client, services in
            let zone = try #require(try await ZoneRepository(db: services.database.sql).zone(code: "foshan"))
            let uscc = DemoLoader.creditCode(body: "91440604MA4X\(Int.random(in: 10000...99999))")
            // Writes go through `transaction` (on SQLite the one writer connection), never `sql`.
            let id = try await services.database.transaction { db in
                try await EnterpriseRepository(db: db).insert(
                    zoneID: zone.id, parkID: nil, name: "接口企业情况测试公司", uscc: uscc, at: 0)
            }
            let token = try await APITests.token("admin@foshan", services)
            let path = "/api/v1/enterprises/\(id)/profile"

            let empty = try APITests.json(try await APITests.get(client, path, token: token))
            let names = (empty["fields"] as? [[String: String]] ?? []).compactMap { $0["name"] }
            #expect(names.contains("居民企业"))
            #expect(names.contains("属于国家重点支持的高新技术领域"))

            // Bad values: every problem named, nothing saved.
            let bad = try await EnterpriseAPITests.put(
                client, path, token: token,
                json: #"{"fields": [{"name": "居民企业", "value": "也许"}, {"name": "不存在的项", "value": "是"}]}"#)
            #expect(bad.status == .badRequest)
            let fields = (try APITests.json(bad)["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] }
            #expect(fields.contains("居民企业"))
            #expect(fields.contains("不存在的项"))
            #expect(
                try await EnterpriseRepository(db: services.database.sql).find(id: id, zoneID: zone.id)?.profile
                    .residentEnterprise == nil)

            let good = try await EnterpriseAPITests.put(
                client, path, token: token,
                json: #"{"fields": [{"name": "居民企业", "value": "是"}, {"name": "列入经营异常名录或严重失信名单", "value": "否"}]}"#)
            #expect(good.status == .ok)
            let stored = try await EnterpriseRepository(db: services.database.sql).find(id: id, zoneID: zone.id)
            #expect(stored?.profile.residentEnterprise == true)
            #expect(stored?.profile.onDishonestList == false)

            // Another enterprise's user, another zone's admin: not there.
            let other = try await APITests.token("enterprise@foshan", services)
            #expect(try await APITests.get(client, path, token: other).status == .notFound)
            let xian = try await APITests.token("admin@xian", services)
            #expect(try await APITests.get(client, path, token: xian).status == .notFound)
        }
    }

    @Test func theChecklistIsInTheAPIForTheZonesStaff() async throws {
        try await withApp { client, services in
            let zone = try #require(try await ZoneRepository(db: services.database.sql).zone(code: "foshan"))
            let token = try await APITests.token("admin@foshan", services)
            let response = try await APITests.get(client, "/api/v1/zones/\(zone.id)/checklist", token: token)
            #expect(response.status == .ok)
            let body = try APITests.json(response)
            let items = body["items"] as? [[String: Any]] ?? []
            #expect(items.count == GaoxinCore.GoLiveChecklist.Item.allCases.count)
            #expect(items.contains { $0["item"] as? String == "parks" && $0["done"] as? Bool == true })
            let xian = try await APITests.token("admin@xian", services)
            #expect(
                try await APITests.get(client, "/api/v1/zones/\(zone.id)/checklist", token: xian).status == .notFound)
            let resident = try await APITests.token("resident@foshan", services)
            #expect(
                try await APITests.get(client, "/api/v1/zones/\(zone.id)/checklist", token: resident).status
                    == .forbidden)
        }
    }
}
