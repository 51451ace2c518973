import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import App

/// The 政务服务 operations of `/api/v1`: the catalogue, a window application taken through its steps,
/// the applicant-only rating, and the statistics.
@Suite struct ServiceAPITests {
    @Test func catalogueWindowApplicationStepsAndStatisticsThroughTheAPI() async throws {
        try await withApp { client, services in
            let resident = try await APITests.token("resident@xiangtan", services)
            let window = try await APITests.token("service@xiangtan", services)
            let admin = try await APITests.token("admin@xiangtan", services)
            let other = try await APITests.token("admin@foshan", services)

            let list = try await APITests.get(client, "/api/v1/services/bundles?event=birth", token: resident)
            #expect(list.status == .ok)
            let items = try #require(try APITests.json(list)["items"] as? [[String: Any]])
            #expect(items.contains { $0["name"] as? String == "出生一件事" })
            // Single items are listed after the 一件事, with the item they are the form of.
            let singles = try #require(
                try APITests.json(
                    try await APITests.get(client, "/api/v1/services/bundles?event=birth&kind=item", token: resident)
                )["items"] as? [[String: Any]])
            #expect(!singles.isEmpty && singles.allSatisfy { $0["itemId"] is Int })
            #expect(items.first?["itemId"] == nil && items.contains { $0["itemId"] is Int })
            #expect(
                try await APITests.get(client, "/api/v1/services/bundles?kind=other", token: resident).status
                    == .badRequest)
            #expect(
                try await APITests.get(client, "/api/v1/services/bundles?event=moon", token: resident).status
                    == .badRequest)
            let fund = try await ServiceFixtures.bundle("住房公积金提取一件事", services)
            let detail = try APITests.json(
                try await APITests.get(client, "/api/v1/services/bundles/\(fund.id)", token: resident))
            let guide = try #require((detail["items"] as? [[String: Any]])?.first?["guide"] as? [[String: Any]])
            #expect(guide.contains { $0["label"] as? String == "设定依据" })
            #expect(
                try await APITests.get(client, "/api/v1/services/bundles/\(fund.id)", token: other).status == .notFound)

            // Window entry: a missing paper material is named, nothing saved; then a complete one.
            let materials = try await ServiceFixtures.materials(fund, services)
            let partial = try await ApplicationFixtures.post(
                client, "/api/v1/services/applications", token: window,
                json:
                    #"{"bundleId": \#(fund.id), "applicantName": "赵六", "applicantPhone": "13907310003", "paperMaterialIds": []}"#
            )
            #expect(partial.status == .badRequest)
            #expect(
                try await ApplicationFixtures.post(
                    client, "/api/v1/services/applications", token: resident,
                    json: #"{"bundleId": \#(fund.id), "applicantName": "赵六", "applicantPhone": "13907310003"}"#
                ).status == .forbidden)
            let ids = materials.map { String($0.id) }.joined(separator: ",")
            let made = try await ApplicationFixtures.post(
                client, "/api/v1/services/applications", token: window,
                json:
                    #"{"bundleId": \#(fund.id), "applicantName": "赵六", "applicantPhone": "13907310003", "paperMaterialIds": [\#(ids)]}"#
            )
            #expect(made.status == .created)
            let id = try #require(try APITests.json(made)["id"] as? Int)
            let step = "/api/v1/services/applications/\(id)/steps"
            let finished = try await ApplicationFixtures.post(
                client, step, token: window,
                json: #"{"action": "accept", "resultNo": "GJJ-API-1", "delivery": "pickup"}"#)
            #expect(finished.status == .ok)
            #expect(try APITests.json(finished)["state"] as? String == "finished")
            let again = try await ApplicationFixtures.post(client, step, token: window, json: #"{"action": "finish"}"#)
            #expect(again.status == .badRequest || again.status == .conflict)
            // A window case has no online rater: the rating is refused to others.
            #expect(
                try await ApplicationFixtures.post(
                    client, "/api/v1/services/applications/\(id)/rating", token: resident,
                    json: #"{"level": "satisfied"}"#
                ).status == .notFound)
            #expect(
                try await APITests.get(client, "/api/v1/services/applications/\(id)", token: other).status == .notFound)

            let stats = try await APITests.get(client, "/api/v1/services/statistics", token: admin)
            #expect(stats.status == .ok)
            let total = try #require(try APITests.json(stats)["total"] as? [String: Any])
            #expect((total["applications"] as? Int ?? 0) > 100)
            // By item: an application of 出生一件事 counts for each item behind it.
            let byItem = try #require(try APITests.json(stats)["byItem"] as? [[String: Any]])
            #expect(byItem.contains { $0["group"] as? String == "出生医学证明签发" && ($0["applications"] as? Int ?? 0) > 0 })
            #expect(
                try await APITests.get(client, "/api/v1/services/statistics?year=1999", token: admin).status
                    == .badRequest)
            #expect(try await APITests.get(client, "/api/v1/services/statistics", token: resident).status == .forbidden)
        }
    }
}
