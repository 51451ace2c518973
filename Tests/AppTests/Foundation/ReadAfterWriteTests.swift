import Foundation
import SQLKit
import Testing

@testable import App

/// A write that has committed is seen by the next read, on every connection: after a form's
/// POST the redirected page must show what was saved.
@Suite struct ReadAfterWriteTests {
    @Test func committedWritesAreVisibleToTheNextRead() async throws {
        let services = try await TestDatabase.services()
        let db = services.database
        let zone = try await ZoneRepository(db: db.sql).zones(scope: .allZones).first { $0.code == "baoji" }!
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Readers keep the other connections busy meanwhile.
            for _ in 0..<3 {
                group.addTask { for _ in 0..<200 { _ = try await ZoneRepository(db: db.sql).parks(zoneID: zone.id) } }
            }
            group.addTask {
                for i in 0..<200 {
                    let code = "raw-\(i)"
                    try await db.transaction { tx in
                        try await EnterpriseRepository(db: tx).saveCriterion(
                            zoneID: zone.id, code: code, json: "{}", at: 0)
                    }
                    let seen = try await CriteriaStore(db: db.sql).overrides(zoneID: zone.id).contains {
                        $0.code == code
                    }
                    #expect(seen, "write \(i) not visible")
                    try await db.transaction { tx in
                        try await EnterpriseRepository(db: tx).removeCriterion(zoneID: zone.id, code: code)
                    }
                    let gone = try await CriteriaStore(db: db.sql).overrides(zoneID: zone.id).contains {
                        $0.code == code
                    }
                    #expect(!gone, "delete \(i) not visible")
                }
            }
            try await group.waitForAll()
        }
    }
}
