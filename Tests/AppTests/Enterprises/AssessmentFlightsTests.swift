import Foundation
import Testing

@testable import App

/// Readers arriving together at a zone without rankings share one evaluation; another zone, or the
/// same zone afterwards, gets its own.
@Suite struct AssessmentFlightsTests {
    actor Counter {
        var runs: [Int64: Int] = [:]
        func add(_ zone: Int64) { runs[zone, default: 0] += 1 }
    }

    @Test func concurrentRecomputesOfAZoneRunOnce() async throws {
        let flights = AssessmentFlights()
        let counter = Counter()
        let database = ObjectIdentifier(Counter.self)
        func recompute(_ zone: Int64) async throws {
            try await flights.run(.init(database: database, zoneID: zone)) {
                await counter.add(zone)
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { try await recompute(1) } }
            group.addTask { try await recompute(2) }
            try await group.waitForAll()
        }
        #expect(await counter.runs == [1: 1, 2: 1])
        try await recompute(1)
        #expect(await counter.runs[1] == 2)
    }
}
