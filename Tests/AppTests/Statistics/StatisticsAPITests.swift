import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// `/api/v1`: the caller's to-do counts, the indicators with their figures, the evaluations.
@Suite struct StatisticsAPITests {
    @Test func theToDoCountsAreTheCallersOwn() async throws {
        try await withApp { client, services in
            let staff = try await APITests.token("staff@jinan", services)
            let body = try APITests.json(try await APITests.get(client, "/api/v1/todo", token: staff))
            let keys = Set((body["items"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String })
            #expect(keys.contains("consultations") && keys.contains("applications_review"))
            #expect(!keys.contains("points_review"))
            let resident = try await APITests.token("resident@jinan", services)
            let mine = try APITests.json(try await APITests.get(client, "/api/v1/todo", token: resident))
            let residentKeys = Set((mine["items"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String })
            #expect(residentKeys.contains("points_mine") && !residentKeys.contains("consultations"))
            #expect(try await APITests.get(client, "/api/v1/todo", token: nil).status == .unauthorized)
        }
    }

    @Test func indicatorsFiguresAndEvaluationsReadAsThePagesShowThem() async throws {
        try await withApp { client, services in
            let token = try await APITests.token("admin@foshan", services)
            let list = try APITests.json(try await APITests.get(client, "/api/v1/statistics/indicators", token: token))
            let items = list["items"] as? [[String: Any]] ?? []
            let output = try #require(items.first { $0["code"] as? String == "industrial_output" })
            let id = try #require(output["id"] as? Int)
            let figures = try APITests.json(
                try await APITests.get(client, "/api/v1/statistics/indicators/\(id)/figures", token: token))
            let rows = figures["items"] as? [[String: Any]] ?? []
            let row = try #require(rows.first { $0["period"] as? String == "2020" })
            #expect(row["value"] as? Double == 4191.83)
            #expect(abs((row["growthPercent"] as? Double ?? 0) - 2.99) < 1e-9 && row["growthStated"] as? Bool == true)
            let runs = try APITests.json(try await APITests.get(client, "/api/v1/statistics/evaluations", token: token))
            let run = try #require((runs["items"] as? [[String: Any]])?.first { $0["period"] as? String == "2025" })
            let runID = try #require(run["id"] as? Int)
            let results = try APITests.json(
                try await APITests.get(client, "/api/v1/statistics/evaluations/\(runID)/results", token: token))
            let ranked = results["items"] as? [[String: Any]] ?? []
            #expect(ranked.count == 5 && ranked.first?["grade"] as? String == "优")
            #expect(ranked.first?["unitName"] as? String == "顺德园")
            // Another zone's indicator and run are not found; an enterprise may not read statistics.
            let other = try await APITests.token("admin@jinan", services)
            #expect(
                try await APITests.get(client, "/api/v1/statistics/indicators/\(id)/figures", token: other).status
                    == .notFound)
            #expect(
                try await APITests.get(client, "/api/v1/statistics/evaluations/\(runID)/results", token: other).status
                    == .notFound)
            let firm = try await APITests.token("enterprise@foshan", services)
            #expect(try await APITests.get(client, "/api/v1/statistics/indicators", token: firm).status == .forbidden)
        }
    }
}
