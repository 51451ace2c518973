import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The 湘潭 demo catalogue as the tests use it.
enum ServiceFixtures {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8)

    static func zoneID(_ services: AppServices) async throws -> Int64 {
        try #require(try await ZoneRepository(db: services.database.sql).zone(code: "xiangtan")).id
    }

    static func bundle(_ name: String, _ services: AppServices) async throws -> ServiceBundleRow {
        let zone = try await zoneID(services)
        return try #require(
            try await ServiceRepository(db: services.database.sql).bundles(zoneID: zone).first { $0.name == name })
    }

    static func materials(_ bundle: ServiceBundleRow, _ services: AppServices) async throws -> [ServiceMaterialRow] {
        try await ServiceRepository(db: services.database.sql).materials(bundleID: bundle.id)
    }

    /// Applications of the bundle by `userID` (counting our own rows only: tests share the database).
    static func applications(_ bundle: ServiceBundleRow, userID: Int64, _ services: AppServices) async throws
        -> [ServiceCase]
    {
        let zone = try await zoneID(services)
        return try await ServiceApplicationRepository(db: services.database.sql).list(
            zoneID: zone, scope: .applicant(userID: userID), try Pager(page: 1, size: 200)
        ).rows.filter { $0.details.bundleId == bundle.id }
    }

    static func userID(_ username: String, _ services: AppServices) async throws -> Int64 {
        try #require(try await UserRepository(db: services.database.sql).find(username: username)).id
    }

    /// The case id from a redirect to `/m/services/applications/{id}`.
    static func caseID(_ response: TestResponse) throws -> Int64 {
        let location = try #require(response.location)
        return try #require(Int64(location.split(separator: "/").last.map(String.init) ?? ""))
    }
}
