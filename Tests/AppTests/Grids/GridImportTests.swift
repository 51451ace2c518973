import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@testable import App

/// GeoJSON import of grid boundaries: all or nothing, every problem listed per feature.
@Suite struct GridImportTests {
    /// Grids whose code starts with T<tag>: what a refused test file would have left behind.
    static func saved(_ tag: Int, _ services: AppServices) async throws -> Int {
        try await GridRepository(db: services.database.sql).grids(zoneID: try await GridFixtures.jinan(services)).filter
        { $0.code.hasPrefix("T\(tag)-") }.count
    }

    @Test func badFilesSaveNothingAndListEveryFeature() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            let tag = Int.random(in: 10000...99999)
            let file = GridFixtures.collection([
                (["code": "T\(tag)-1", "name": "测试一", "area_code": "370171001001"], GridFixtures.square(117.6, 36.9)),
                (
                    ["code": "T\(tag)-2", "name": "测试二", "area_code": "370171001001"],
                    [[117.61, 36.9], [117.62, 36.9], [117.62, 36.91], [117.61, 36.91]]
                ),
                (
                    ["code": "T\(tag)-3", "area_code": "370171001001"],
                    [[117.63, 36.9], [117.64, 36.91], [117.64, 36.9], [117.63, 36.91], [117.63, 36.9]]
                ),
                (["code": "T\(tag)-4", "name": "测试四", "area_code": "NOPE"], GridFixtures.square(117.65, 36.9)),
            ])
            let refused = try await EnterpriseRoutesTests.upload(&admin, "/m/governance/grids/import", file: file)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("没有写入任何数据"))
            #expect(refused.text.contains("<td>第 2 个要素（编码 T\(tag)-2）</td><td>外环未闭合"))
            #expect(refused.text.contains("<td>第 3 个要素（编码 T\(tag)-3）</td><td>外环自相交"))
            #expect(
                refused.text.contains("<td>第 3 个要素（编码 T\(tag)-3）</td><td>缺少属性 name"),
                "properties are checked even when the boundary is refused")
            #expect(refused.text.contains("<td>第 4 个要素（编码 T\(tag)-4）</td><td>本园区没有编码为 NOPE 的村/社区"))
            #expect(try await Self.saved(tag, services) == 0, "the good first feature was not saved either")

            // Overlapping a demo grid is refused; so is overlapping another feature of the file.
            let demo = try await GridFixtures.workerGrids(services)[0]
            let overlapping = GridFixtures.collection([
                (
                    ["code": "T\(tag)-5", "name": "重叠", "area_code": "370171001001"],
                    GridFixtures.square(demo.minLon + 0.001, demo.minLat + 0.001, size: 0.002)
                ),
                (
                    ["code": "T\(tag)-6", "name": "甲", "area_code": "370171001001"],
                    GridFixtures.square(117.7, 36.9, size: 0.01)
                ),
                (
                    ["code": "T\(tag)-7", "name": "乙", "area_code": "370171001001"],
                    GridFixtures.square(117.705, 36.905, size: 0.01)
                ),
            ])
            let again = try await EnterpriseRoutesTests.upload(&admin, "/m/governance/grids/import", file: overlapping)
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("<td>第 1 个要素（编码 T\(tag)-5）</td><td>边界与已有网格 \(demo.code)"))
            #expect(again.text.contains("<td>第 2 个要素（编码 T\(tag)-6）</td><td>边界与第 3 个要素（编码 T\(tag)-7）重叠"))
            #expect(try await Self.saved(tag, services) == 0)

            let empty = try await EnterpriseRoutesTests.upload(&admin, "/m/governance/grids/import", file: Data())
            #expect(empty.status == .badRequest)
        }
    }

    @Test func aGoodFileCreatesGridsAndAreasAndSharedEdgesAreFine() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            let tag = Int.random(in: 10000...99999)
            let lon = 118.0 + Double(tag % 1000) * 0.02
            let file = GridFixtures.collection([
                (
                    [
                        "code": "G\(tag)-1", "name": "新网格一", "area_code": "A\(tag)", "area_name": "测试村\(tag)",
                        "area_level": "村",
                        "street_code": "S\(tag)", "street_name": "测试镇\(tag)", "street_level": "镇",
                        "party_branch": "新网格一党支部",
                    ],
                    GridFixtures.square(lon, 37.0)
                ),
                (
                    ["code": "G\(tag)-2", "name": "新网格二", "area_code": "A\(tag)"],
                    GridFixtures.square(lon + 0.005, 37.0)
                ),
            ])
            let done = try await EnterpriseRoutesTests.upload(&admin, "/m/governance/grids/import", file: file)
            #expect(done.status == .seeOther, "\(done.text)")
            let zone = try await GridFixtures.jinan(services)
            let grids = try await GridRepository(db: services.database.sql).grids(zoneID: zone).filter {
                $0.code.hasPrefix("G\(tag)-")
            }
            #expect(grids.count == 2)
            #expect(grids.map(\.partyBranch) == ["新网格一党支部", nil])
            let areas = try await GridRepository(db: services.database.sql).areas(zoneID: zone)
            let village = try #require(areas.first { $0.code == "A\(tag)" })
            #expect(village.level == "village" && areas.first { $0.id == village.parentId }?.level == "town")
            // The locator finds each grid; a point on their shared edge goes to one of them; outside is nil.
            let locator = GridLocator(db: services.database.sql)
            #expect(try await locator.grid(zoneID: zone, latitude: 37.0025, longitude: lon + 0.0025) == grids[0].id)
            #expect(try await locator.grid(zoneID: zone, latitude: 37.0025, longitude: lon + 0.0075) == grids[1].id)
            #expect(try await locator.grid(zoneID: zone, latitude: 37.0025, longitude: lon + 0.005) != nil)
            #expect(try await locator.grid(zoneID: zone, latitude: 37.5, longitude: lon) == nil)
            // Re-importing the same codes updates them in place.
            let renamed = GridFixtures.collection([
                (["code": "G\(tag)-2", "name": "改名网格", "area_code": "A\(tag)"], GridFixtures.square(lon + 0.005, 37.0))
            ])
            #expect(
                try await EnterpriseRoutesTests.upload(&admin, "/m/governance/grids/import", file: renamed).status
                    == .seeOther)
            #expect(
                try await GridRepository(db: services.database.sql).grid(id: grids[1].id, zoneID: zone)?.name == "改名网格")
            #expect(
                try await GridRepository(db: services.database.sql).grids(zoneID: zone).filter {
                    $0.code.hasPrefix("G\(tag)-")
                }.count == 2)
            let audit = try await services.database.sql.select().column("action").from("audit_log").where(
                "entity", .equal, "grid"
            )
            .where("entity_id", .equal, String(grids[1].id)).orderBy("id").all(
                decodingColumn: "action", as: String.self)
            #expect(audit == ["import_create", "import_update"])
        }
    }

    @Test func onlyTheZoneAdminImports() async throws {
        try await withApp { client, services in
            for login in ["staff@jinan", "grid@jinan", "resident@jinan"] {
                var browser = Browser(client)
                _ = try await browser.login(login)
                let response = try await EnterpriseRoutesTests.upload(
                    &browser, "/m/governance/grids/import",
                    file: GridFixtures.collection([
                        (["code": "X", "name": "X", "area_code": "X"], GridFixtures.square(119, 37))
                    ]))
                #expect(response.status == .forbidden, "\(login)")
            }
        }
    }

    /// `gaoxin import grids FILE --zone jinan`: the same checks, the same all-or-nothing.
    @Test func theCommandLineImportChecksTheSameWay() async throws {
        let services = try await TestDatabase.services()
        let tag = Int.random(in: 10000...99999)
        let lon = 119.0 + Double(tag % 1000) * 0.02
        let good = GridFixtures.collection([
            (["code": "C\(tag)-1", "name": "命令行网格", "area_code": "370171001001"], GridFixtures.square(lon, 37.5))
        ])
        let bad = GridFixtures.collection([
            (["code": "C\(tag)-2", "name": "好", "area_code": "370171001001"], GridFixtures.square(lon + 0.01, 37.5)),
            (
                ["code": "C\(tag)-3", "name": "坏", "area_code": "370171001001"],
                [[lon, 37.6], [lon + 0.01, 37.6], [lon, 37.6]]
            ),
        ])
        let directory = FileManager.default.temporaryDirectory
        let goodFile = directory.appendingPathComponent("grids-\(tag)-good.geojson")
        let badFile = directory.appendingPathComponent("grids-\(tag)-bad.geojson")
        try good.write(to: goodFile)
        try bad.write(to: badFile)
        switch try await importGrids(
            config: TestDatabase.config, zoneCode: "jinan", file: badFile.path, logger: Logger(label: "t"))
        {
        case .refused(let problems): #expect(problems == ["第 2 个要素（编码 C\(tag)-3）：外环只有 3 个点，至少需要 4 个点（3 个顶点，再重复第一个点闭合）"])
        case .imported: Issue.record("a file with a bad feature was imported")
        }
        switch try await importGrids(
            config: TestDatabase.config, zoneCode: "jinan", file: goodFile.path, logger: Logger(label: "t"))
        {
        case .imported(let created, let updated, _): #expect(created == 1 && updated == 0)
        case .refused(let problems): Issue.record("refused: \(problems)")
        }
        let codes = try await GridRepository(db: services.database.sql).grids(
            zoneID: try await GridFixtures.jinan(services)
        ).map(\.code)
        #expect(codes.contains("C\(tag)-1") && !codes.contains("C\(tag)-2"))
        await #expect(throws: ConfigError.self) {
            try await importGrids(
                config: TestDatabase.config, zoneCode: "nowhere", file: goodFile.path, logger: Logger(label: "t"))
        }
    }
}
