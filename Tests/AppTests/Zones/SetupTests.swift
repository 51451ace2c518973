import Foundation
import Logging
import Testing

@testable import App

/// `gaoxin setup` on a new installation (issue #12): the platform admin and the first zone.
@Suite struct SetupTests {
    static func emptyServices() async throws -> AppServices {
        var config = TestDatabase.config
        guard case .sqlite = config.database else {
            // On PostgreSQL the suites share one database, which the demo has already set up.
            return try await TestDatabase.services()
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-setup-\(UUID()).sqlite").path
        config.database = .sqlite(path: path)
        config.loadDemo = false
        var logger = Logger(label: "setup-test")
        logger.logLevel = .warning
        return try await makeServices(config: config, logger: logger)
    }

    static let zone = ZoneService.NewZone(
        code: "lanzhou", name: "兰州高新区", fullName: "兰州高新技术产业开发区", province: "甘肃", city: "兰州",
        adminUsername: "admin@lanzhou", adminPassword: "Lanzhou@2026x")

    @Test func aNewInstallationGetsItsPlatformAdminAndFirstZone() async throws {
        let services = try await Self.emptyServices()
        guard case .sqlite = services.config.database, try await !ZoneService(services: services).isSetUp() else {
            return
        }
        // MUT
        try await ZoneService(services: services).setUp(
            username: "Platform", password: "Platform@2026x", zone: Self.zone)
        // validate
        let users = UserRepository(db: services.database.sql)
        #expect(try await users.find(username: "platform")?.role == "platform_admin")
        let zone = try #require(try await ZoneRepository(db: services.database.sql).zone(code: "lanzhou"))
        #expect(try await users.find(username: "admin@lanzhou")?.zoneId == zone.id)
        // A second run is refused and writes nothing.
        await #expect(throws: Refusal.self) {
            try await ZoneService(services: services).setUp(username: "other", password: "Other@2026xx", zone: nil)
        }
        #expect(try await users.find(username: "other") == nil)
        try await services.database.shutdown()
    }

    @Test func problemsAreListedTogetherAndNothingIsWritten() async throws {
        let services = try await Self.emptyServices()
        guard case .sqlite = services.config.database else { return }
        var bad = Self.zone
        bad.code = "Lan Zhou"
        bad.adminPassword = "short"
        do {
            try await ZoneService(services: services).setUp(username: "platform", password: "weak", zone: bad)
            Issue.record("accepted")
        } catch let refusal as Refusal {
            #expect(refusal.errors["zone_code"] != nil)
            #expect(refusal.errors["password"] != nil)
            #expect(refusal.errors["zone_admin_password"] != nil)
        }
        #expect(try await ZoneService(services: services).isSetUp() == false)
        #expect(try await ZoneRepository(db: services.database.sql).count() == 0)
        try await services.database.shutdown()
    }
}
