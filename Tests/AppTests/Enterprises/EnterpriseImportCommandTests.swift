import Foundation
import GaoxinCore
import Logging
import Testing

@testable import App

/// `gaoxin import enterprises` from the command line: the imported enterprises are ranked before
/// the command returns, so a running server never evaluates the whole zone for it.
@Suite struct EnterpriseImportCommandTests {
    @Test func theImportedEnterprisesAreRankedWhenTheCommandReturns() async throws {
        // On SQLite a database of its own: the command opens a second connection to the file, and
        // the whole suite's writes on the shared one could keep it waiting past the busy timeout.
        let services = try await SetupTests.emptyServices()
        var zoneCode = "baoji"
        if case .sqlite = services.config.database {
            try await ZoneService(services: services).setUp(
                username: "platform", password: "Platform@2026x", zone: SetupTests.zone)
            zoneCode = SetupTests.zone.code
        }
        let serial = String(UInt32.random(in: 10_000_000...99_999_999))
        let uscc = DemoLoader.creditCode(body: "916103010" + serial)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(serial).csv")
        try "统一社会信用代码,企业名称,成立日期,年度\n\(uscc),命令行导入\(serial)有限公司,2021-05-10,2025\n".write(
            to: file, atomically: true, encoding: .utf8)
        let result = try await importEnterprises(
            config: services.config, zoneCode: zoneCode, file: file.path, logger: Logger(label: "t"),
            progress: { _, _ in })
        guard case .imported(let created, _, _) = result else {
            Issue.record("refused: \(result)")
            return
        }
        #expect(created == 1)
        let db = services.database.sql
        let zoneID = try #require(
            try await ZoneRepository(db: db).zones(scope: .allZones).first { $0.code == zoneCode }?.id)
        let id = try #require(try await EnterpriseRepository(db: db).find(uscc: uscc, zoneID: zoneID)?.id)
        // Without figures it meets no criterion: it is on the 高企 后备 list, stored by the command.
        var found = false
        for page in 1...40 where !found {
            let paged = try await EnterpriseRepository(db: db).candidates(
                zoneID: zoneID, code: "high_tech", pager: try Pager(page: page, size: 50))
            found = paged.rows.contains { $0.enterpriseID == id }
            if paged.rows.isEmpty { break }
        }
        #expect(found)
        if case .sqlite = services.config.database { try await services.database.shutdown() }
    }
}
