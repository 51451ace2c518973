import Foundation
import GaoxinCore
import HummingbirdTesting
import SQLKit

@testable import App

/// Look-ups for the consultation tests. Each test works in a zone of its own (the lists sweep
/// deadlines at "now", so a test pinning time must not share a zone with one that doesn't).
enum ConsultationFixtures {
    /// An item in force issued by the department staff@zone works in: the one that answers.
    static func item(zone: String, _ services: AppServices) async throws -> PolicyItemRow {
        let zoneID = try await PolicyFixtures.zoneID(zone, services)
        let staff = try await UserRepository(db: services.database.sql).find(username: "staff@\(zone)")!
        let repo = PolicyRepository(db: services.database.sql)
        let policies = try await repo.policies(zoneID: zoneID)
            .filter {
                $0.departmentId == staff.departmentId && $0.validity(on: Day("2026-02-13")!) == .inForce
                    && $0.validity(on: Clock.today) == .inForce
            }
        guard let item = try await repo.items(policyIDs: policies.map(\.id)).first else {
            throw FixtureError("\(zone) 的 staff 所在部门没有现行政策条款")
        }
        return item
    }

    /// Unix seconds of a China-time moment.
    static func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Int64 {
        LocalMoment(day: Day(day)!, hour: hour, minute: minute)!.unixSeconds()
    }

    /// Asks as the signed-in browser; returns the new case id (from the redirect).
    static func ask(_ browser: inout Browser, itemID: Int64, _ question: String = "请问这项政策的申报材料需要原件吗？") async throws
        -> Int64
    {
        let response = try await browser.post("/m/policies/items/\(itemID)/ask", form: [("question", question)])
        guard let location = response.location, let id = Int64(location.split(separator: "/").last ?? "") else {
            throw FixtureError("提问没有跳转到咨询页：\(response.status) \(response.text.prefix(300))")
        }
        return id
    }

    static func caseRow(_ id: Int64, _ services: AppServices) async throws -> CaseRow {
        try await CaseRepository(db: services.database.sql).find(id: id)!
    }

    static func consultationCount(itemID: Int64, _ services: AppServices) async throws -> Int {
        try await PolicyFixtures.count("consultations", services, where: "policy_item_id", itemID)
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
