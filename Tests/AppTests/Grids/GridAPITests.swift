import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// `/api/v1/grids` and `/api/v1/residents`: the pages' permissions, boundaries as GeoJSON, masked ids.
@Suite struct GridAPITests {
    @Test func gridsWithTheirBoundary() async throws {
        try await withApp { client, services in
            let grid = try await GridFixtures.workerGrids(services)[0]
            let token = try await APITests.token("grid@jinan", services)
            let list = try APITests.json(try await APITests.get(client, "/api/v1/grids?per_page=100", token: token))
            #expect((list["total"] as? Int ?? 0) >= 266)
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(items.count == 100)
            #expect(items.allSatisfy { $0["boundary"] == nil }, "the list leaves boundaries out")
            let one = try await APITests.get(client, "/api/v1/grids/\(grid.id)", token: token)
            #expect(one.status == .ok)
            let body = try APITests.json(one)
            #expect(body["code"] as? String == grid.code)
            let boundary = body["boundary"] as? [String: Any]
            #expect(boundary?["type"] as? String == "Polygon")
            #expect(((boundary?["coordinates"] as? [Any])?.first as? [Any])?.count == 5)
            #expect((body["fullTimeWorkers"] as? Int ?? 0) >= 1)
            // Roles without grids are refused; another zone's grid does not exist.
            #expect(
                try await APITests.get(
                    client, "/api/v1/grids", token: try await APITests.token("invest@jinan", services)
                ).status == .forbidden)
            #expect(
                try await APITests.get(
                    client, "/api/v1/grids/\(grid.id)", token: try await APITests.token("admin@foshan", services)
                ).status == .notFound)
        }
    }

    @Test func residentsAreMaskedAndOnlyForStaffAndGridWorkers() async throws {
        try await withApp { client, services in
            let grid = try await GridFixtures.workerGrids(services)[0]
            let neighbour = try await GridFixtures.neighbour(services)
            let token = try await APITests.token("staff@jinan", services)
            let response = try await APITests.get(
                client, "/api/v1/residents?grid_id=\(grid.id)&per_page=100", token: token)
            #expect(response.status == .ok)
            #expect(!response.text.contains(neighbour.idNumber))
            let items = try APITests.json(response)["items"] as? [[String: Any]] ?? []
            let line = try #require(items.first { ($0["personId"] as? Int).map(Int64.init) == neighbour.personId })
            #expect(line["idNumberMasked"] as? String == neighbour.maskedIDNumber)
            #expect(items.allSatisfy { ($0["gridId"] as? Int).map(Int64.init) == grid.id })
            #expect(
                try await APITests.get(
                    client, "/api/v1/residents", token: try await APITests.token("resident@jinan", services)
                ).status == .forbidden)
            #expect(
                try await APITests.get(client, "/api/v1/residents?grid_id=999999999", token: token).status == .notFound)
        }
    }
}
