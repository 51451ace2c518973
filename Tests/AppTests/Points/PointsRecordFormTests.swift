import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 记录积分 in a zone of any size: the resident list holds the first 50 (saying so when there are
/// more), and a name finds anyone of the zone for the committee, only their grids' for a grid worker.
@Suite struct PointsRecordFormTests {
    static func residentCount(_ html: String) -> Int { html.components(separatedBy: ">居民：").count - 1 }

    @Test func theCommitteeFindsAnyResidentByNameAndSeesAtMostFifty() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let zone = try await InvestmentFlowTests.zoneID("jinan", services)
            // The zone's last resident by id: never among the first 50 of a zone of 151.
            let last = try #require(
                try await db.select().column(SQLColumn("name", table: "persons")).from("residents")
                    .join(
                        "persons", on: SQLColumn("person_id", table: "residents"), .equal,
                        SQLColumn("id", table: "persons")
                    )
                    .where(SQLColumn("zone_id", table: "residents"), .equal, SQLBind(zone))
                    .orderBy(SQLColumn("id", table: "persons"), SQLDirection.descending).first(
                        decodingColumn: "name", as: String.self))
            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            let all = try await admin.get("/m/governance/points/declare")
            #expect(all.status == .ok && all.text.contains("查找居民"))
            #expect(Self.residentCount(all.text) == PointsDeclarePage.choices && all.text.contains("只列出前 50 位"))
            #expect(!all.text.contains(">居民：\(last)<"))
            let found = try await admin.get(
                "/m/governance/points/declare?who=\(last.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            )
            #expect(found.text.contains(">居民：\(last)<") && !found.text.contains("只列出前 50 位"))
            #expect(Self.residentCount(found.text) >= 1 && Self.residentCount(found.text) < PointsDeclarePage.choices)
            // A name no one has: an empty list, not an error.
            let none = try await admin.get("/m/governance/points/declare?who=%E6%97%A0%E6%AD%A4%E4%BA%BA%E5%90%8D")
            #expect(none.status == .ok && Self.residentCount(none.text) == 0)
        }
    }
}
