import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The resident points operations of `/api/v1`.
@Suite struct PointsAPITests {
    @Test func listDeclareReviewAndReadOnesOwnPointsThroughTheAPI() async throws {
        try await withApp { client, services in
            // setup
            let world = try await PointsWorld.make(zone: "zhaoqing", services)
            let lamp = try await world.item("协助宣传政策", points: 2, cap: (2, .week), services)
            let resident = try await APITests.token(world.residents[2].username, services)
            let committee = try await APITests.token(world.committee, services)
            let enterprise = try await APITests.token("enterprise@zhaoqing", services)

            let items = try await APITests.get(client, "/api/v1/points/items", token: resident)
            #expect(items.status == .ok)
            #expect(items.text.contains(lamp))
            #expect(try await APITests.get(client, "/api/v1/points/items", token: enterprise).status == .forbidden)

            try await Clock.$fixedNow.withValue(PointsWorld.at("2026-07-08")) {
                // MUT: declare, then once more in the same week past the cap.
                let body = #"{"itemCode":"\#(lamp)","day":"2026-07-07","evidence":"入户宣传医保政策"}"#
                let created = try await ConsultationAPITests.send(
                    client, "/api/v1/points/declarations", token: resident, json: body)
                #expect(created.status == .created, "\(created.text)")
                let entry = try APITests.json(created)
                #expect(entry["status"] as? String == "pending")
                #expect(entry["subject"] as? String == world.subject(2))
                let before = try await world.entries(services).count
                let over = try await ConsultationAPITests.send(
                    client, "/api/v1/points/declarations", token: resident, json: body)
                #expect(over.status == .badRequest)
                let problem = try APITests.json(over)
                #expect((problem["errors"] as? [[String: Any]])?.first?["field"] as? String == "itemCode")
                #expect((problem["detail"] as? String)?.contains("每周最多 2 分") == true)
                #expect(try await world.entries(services).count == before)
                // Someone else's record is refused for a resident.
                let other = try await ConsultationAPITests.send(
                    client, "/api/v1/points/declarations", token: resident,
                    json:
                        #"{"subject":"\#(world.subject(0))","itemCode":"\#(lamp)","day":"2026-07-07","evidence":"代报"}"#)
                #expect(other.status == .badRequest)

                // The committee confirms; a resident can't review.
                let id = try #require(entry["id"] as? Int)
                #expect(
                    try await ConsultationAPITests.send(
                        client, "/api/v1/points/entries/\(id)/review", token: resident,
                        json: #"{"decision":"confirm"}"#
                    ).status == .forbidden)
                let bad = try await ConsultationAPITests.send(
                    client, "/api/v1/points/entries/\(id)/review", token: committee, json: #"{"decision":"maybe"}"#)
                #expect(bad.status == .badRequest)
                let confirmed = try await ConsultationAPITests.send(
                    client, "/api/v1/points/entries/\(id)/review", token: committee, json: #"{"decision":"confirm"}"#)
                #expect(confirmed.status == .ok)
                #expect(try APITests.json(confirmed)["status"] as? String == "confirmed")
                let again = try await ConsultationAPITests.send(
                    client, "/api/v1/points/entries/\(id)/review", token: committee, json: #"{"decision":"confirm"}"#)
                #expect(again.status == .badRequest)
                #expect(
                    try await ConsultationAPITests.send(
                        client, "/api/v1/points/entries/999999999/review", token: committee,
                        json: #"{"decision":"confirm"}"#
                    ).status == .notFound)

                // validate: my points show the balance and the entry.
                let mine = try APITests.json(try await APITests.get(client, "/api/v1/me/points", token: resident))
                let subjects = try #require(mine["subjects"] as? [[String: Any]])
                #expect(subjects.first?["balance"] as? Int == 2)
                #expect((subjects.first?["entries"] as? [[String: Any]])?.count == 1)
                #expect(
                    try await APITests.get(client, "/api/v1/me/points?year=1999", token: resident).status == .badRequest
                )
            }
        }
    }
}
