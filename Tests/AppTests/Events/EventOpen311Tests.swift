import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import App

/// Open311 GeoReport v2 and the `/api/v1` event operations: a client files an event with a zone
/// key and reads its status back in JSON and XML; refusals are the spec's error lists.
@Suite struct EventOpen311Tests {
    static func json(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String: Any]])
    }

    @Test func servicesListTheFiveDutiesInJSONAndXML() async throws {
        try await withApp { client, _ in
            let json = try await client.execute(uri: "/open311/v2/services.json?jurisdiction_id=jinan", method: .get)
            #expect(json.status == .ok && json.headers[.contentType]?.hasPrefix("application/json") == true)
            let services = try Self.json(json)
            #expect(
                services.map { $0["service_code"] as? String } == ["policy", "info", "hazard", "dispute", "activity"])
            #expect(services.first?["metadata"] as? Bool == false && services.first?["type"] as? String == "realtime")
            let xml = try await client.execute(uri: "/open311/v2/services.xml?jurisdiction_id=jinan", method: .get)
            #expect(
                xml.status == .ok
                    && xml.text.contains(
                        "<services><service><service_code>policy</service_code><service_name>宣传上级政策</service_name>")
            )
            let definition = try await client.execute(
                uri: "/open311/v2/services/hazard.json?jurisdiction_id=jinan", method: .get)
            #expect(
                definition.status == .ok && definition.text.contains(#""service_code":"hazard""#)
                    && definition.text.contains(#""attributes":[]"#))
            let unknown = try await client.execute(
                uri: "/open311/v2/services/potholes.xml?jurisdiction_id=jinan", method: .get)
            #expect(unknown.status == .notFound && unknown.text.contains("<errors><error><code>404</code>"))
            let noZone = try await client.execute(uri: "/open311/v2/services.json", method: .get)
            let noZoneErrors = try Self.json(noZone)
            #expect(noZone.status == .badRequest && noZoneErrors.first?["code"] as? Int == 400)
            let badZone = try await client.execute(
                uri: "/open311/v2/services.json?jurisdiction_id=atlantis", method: .get)
            #expect(badZone.status == .notFound)
        }
    }

    @Test func aClientFilesAnEventAndReadsItsStatusBackInJSONAndXML() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            let key = try await EventFixtures.open311Key(zoneID: grid.zoneID, services)
            let fields = [
                ("jurisdiction_id", "jinan"), ("api_key", key), ("service_code", "hazard"),
                ("lat", String(grid.latitude)),
                ("long", String(grid.longitude)), ("address_string", "经十路 100 号"), ("description", "井盖缺失，夜间有行人跌落风险。"),
                ("first_name", "明"), ("last_name", "李"), ("email", "li@example.com"), ("phone", "13900000000"),
                ("media_url", "https://example.com/photo.jpg"),
            ]
            // JSON
            let posted = try await EventFixtures.open311Post(client, "/open311/v2/requests.json", fields)
            #expect(posted.status == .created)
            let answer = try #require(try Self.json(posted).first)
            let id = try #require(answer["service_request_id"] as? String)
            let token = try #require(answer["token"] as? String)
            let row = try await EventFixtures.caseRow(Int64(id)!, services)
            #expect(row.typeCode == "event_hazard" && row.state == "reported" && row.requesterUserId == nil)
            let one = try Self.json(
                try await client.execute(uri: "/open311/v2/requests/\(id).json?jurisdiction_id=jinan", method: .get))
            #expect(one.first?["status"] as? String == "open" && one.first?["service_code"] as? String == "hazard")
            #expect(one.first?["media_url"] as? String == "https://example.com/photo.jpg" && one.first?["email"] == nil)
            // Published coarsened to 3 decimals (#11).
            #expect(abs((one.first?["lat"] as? Double ?? 0) - Open311Routes.coarse(grid.latitude)) < 1e-9)
            let byToken = try Self.json(
                try await client.execute(uri: "/open311/v2/tokens/\(token).json?jurisdiction_id=jinan", method: .get))
            #expect(byToken.first?["service_request_id"] as? String == id)

            // The grid worker closes it; the client sees "closed".
            var worker = Browser(client)
            _ = try await worker.login("grid@jinan")
            let eventID = Int64(id)!
            _ = try await EventFixtures.step(&worker, eventID, "accept")
            // not available after 受理: refused
            _ = try await EventFixtures.step(&worker, eventID, "reject", note: "unused")
            let workerID = try #require(
                try await UserRepository(db: services.database.sql).find(username: "grid@jinan")?.id)
            _ = try await EventFixtures.step(&worker, eventID, "dispatch", assignee: "user:\(workerID)")
            _ = try await EventFixtures.step(&worker, eventID, "handle", note: "已补装井盖")
            _ = try await EventFixtures.step(&worker, eventID, "verify", note: "现场核查")
            #expect(try await EventFixtures.step(&worker, eventID, "close").status == .seeOther)
            let closed = try Self.json(
                try await client.execute(
                    uri: "/open311/v2/requests.json?jurisdiction_id=jinan&service_request_id=\(id)", method: .get))
            #expect(closed.first?["status"] as? String == "closed")
            let open = try Self.json(
                try await client.execute(
                    uri: "/open311/v2/requests.json?jurisdiction_id=jinan&status=open&service_code=hazard", method: .get
                ))
            #expect(!open.contains { $0["service_request_id"] as? String == id })

            // XML
            let xmlPosted = try await EventFixtures.open311Post(
                client, "/open311/v2/requests.xml", fields.map { $0.0 == "service_code" ? ($0.0, "activity") : $0 })
            #expect(
                xmlPosted.status == .created
                    && xmlPosted.text.contains("<service_requests><request><service_request_id>"))
            let xmlID = try #require(
                xmlPosted.text.firstMatch(of: /<service_request_id>(\d+)<\/service_request_id>/).map {
                    String($0.output.1)
                })
            let xmlOne = try await client.execute(
                uri: "/open311/v2/requests/\(xmlID).xml?jurisdiction_id=jinan", method: .get)
            #expect(
                xmlOne.status == .ok && xmlOne.text.contains("<status>open</status>")
                    && xmlOne.text.contains("<service_code>activity</service_code>"))
            let xmlList = try await client.execute(
                uri: "/open311/v2/requests.xml?jurisdiction_id=jinan&service_request_id=\(id),\(xmlID)", method: .get)
            #expect(xmlList.text.components(separatedBy: "<request>").count == 3)
        }
    }

    @Test func badRequestsAreAnsweredAsTheSpecSaysAndSaveNothing() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            let key = try await EventFixtures.open311Key(zoneID: grid.zoneID, services)
            let otherZoneKey = try await EventFixtures.open311Key(
                zoneID: try await EventFixtures.zoneID("xian", services), services)
            let before = try await EventFixtures.eventCount(gridID: grid.id, services)
            let base = [
                ("jurisdiction_id", "jinan"), ("api_key", key), ("service_code", "hazard"),
                ("lat", String(grid.latitude)),
                ("long", String(grid.longitude)), ("description", "路面塌陷，需要围挡。"),
            ]
            func without(_ name: String) -> [(String, String)] { base.filter { $0.0 != name } }
            func with(_ name: String, _ value: String) -> [(String, String)] { without(name) + [(name, value)] }
            let cases: [([(String, String)], HTTPResponse.Status, String)] = [
                (without("service_code"), .badRequest, "缺少 service_code"),
                (with("service_code", "potholes"), .notFound, "service_code “potholes” 不存在"),
                (without("api_key"), .forbidden, "缺少 api_key"),
                (with("api_key", "o311_wrong"), .forbidden, "api_key 无效"),
                (with("api_key", otherZoneKey), .forbidden, "不属于该园区"),
                (without("jurisdiction_id"), .badRequest, "缺少 jurisdiction_id"),
                (with("jurisdiction_id", "atlantis"), .notFound, "不存在"),
                (without("lat"), .badRequest, "lat/long"),
                (with("lat", "1.5"), .badRequest, "不在本园区的任何网格内"),
                (without("description"), .badRequest, "description"),
            ]
            for (fields, status, text) in cases {
                let response = try await EventFixtures.open311Post(client, "/open311/v2/requests.json", fields)
                #expect(response.status == status, "\(text)")
                let errors = try Self.json(response)
                #expect(errors.first?["code"] as? Int == Int(status.code), "\(text)")
                #expect(
                    (errors.map { $0["description"] as? String ?? "" }.joined()).contains(text),
                    "\(text): \(response.text)")
            }
            let xml = try await EventFixtures.open311Post(client, "/open311/v2/requests.xml", without("service_code"))
            #expect(
                xml.status == .badRequest
                    && xml.text.contains("<errors><error><code>400</code><description>缺少 service_code"))
            #expect(
                try await client.execute(uri: "/open311/v2/requests/999999999.json?jurisdiction_id=jinan", method: .get)
                    .status == .notFound)
            #expect(
                try await client.execute(
                    uri: "/open311/v2/requests.json?jurisdiction_id=jinan&status=pending", method: .get
                ).status == .badRequest)
            #expect(try await EventFixtures.eventCount(gridID: grid.id, services) == before)
        }
    }

    @Test func theAPIListsCreatesAndMovesEventsWithRoleChecks() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            let elsewhere = try await EventFixtures.grid(worker: nil, services)
            let resident = try await APITests.token("resident@jinan", services)
            let worker = try await APITests.token("grid@jinan", services)
            let enterprise = try await APITests.token("enterprise@jinan", services)
            let body =
                #"{"category": "info", "description": "新搬入住户需要登记。", "latitude": \#(grid.latitude), "longitude": \#(grid.longitude)}"#
            #expect(
                try await ConsultationAPITests.send(client, "/api/v1/events", token: enterprise, json: body).status
                    == .forbidden)
            let outside = try await ConsultationAPITests.send(
                client, "/api/v1/events", token: resident,
                json: #"{"category": "info", "description": "新搬入住户需要登记。", "latitude": 1.0, "longitude": 1.0}"#)
            #expect(outside.status == .badRequest)
            #expect(
                ((try APITests.json(outside))["errors"] as? [[String: Any]])?.first?["field"] as? String == "location")
            let created = try await ConsultationAPITests.send(client, "/api/v1/events", token: resident, json: body)
            #expect(created.status == .created)
            let id = try #require((try APITests.json(created))["id"] as? Int)
            let far = try await ConsultationAPITests.send(
                client, "/api/v1/events", token: resident,
                json:
                    #"{"category": "info", "description": "别的网格的事件。", "latitude": \#(elsewhere.latitude), "longitude": \#(elsewhere.longitude)}"#
            )
            let farID = try #require((try APITests.json(far))["id"] as? Int)

            let seen = try APITests.json(try await APITests.get(client, "/api/v1/events/\(id)", token: worker))
            #expect(seen["availableTransitions"] as? [String] == ["accept", "reject"])
            let moved = try await ConsultationAPITests.send(
                client, "/api/v1/events/\(id)/transitions", token: worker, json: #"{"transition": "accept"}"#)
            let movedBody = try APITests.json(moved)
            #expect(moved.status == .ok && movedBody["state"] as? String == "accepted")
            #expect(
                try await ConsultationAPITests.send(
                    client, "/api/v1/events/\(farID)/transitions", token: worker,
                    json: #"{"transition": "accept"}"#
                ).status == .forbidden)
            #expect(
                try await ConsultationAPITests.send(
                    client, "/api/v1/events/\(id)/transitions", token: resident,
                    json: #"{"transition": "dispatch"}"#
                ).status == .forbidden)
            let list = try APITests.json(
                try await APITests.get(client, "/api/v1/events?state=accepted&gridId=\(grid.id)", token: worker))
            #expect((list["items"] as? [[String: Any]])?.contains { $0["id"] as? Int == id } == true)
            #expect(try await APITests.get(client, "/api/v1/events?state=bogus", token: worker).status == .badRequest)
        }
    }

    @Test func aClientMayUploadThePhotoAsMultipartMedia() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            let key = try await EventFixtures.open311Key(zoneID: grid.zoneID, services)
            let boundary = "----o311\(UInt32.random(in: 0...UInt32.max))"
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 32))
            var body = Data()
            for (name, value) in [
                ("jurisdiction_id", "jinan"), ("api_key", key), ("service_code", "activity"),
                ("lat", String(grid.latitude)),
                ("long", String(grid.longitude)), ("description", "申请组织社区义诊活动。"),
            ] {
                body.append(
                    Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
            }
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"media\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n"
                        .utf8))
            body.append(png)
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            let response = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
            #expect(response.status == .created)
            let id = try #require(try Self.json(response).first?["service_request_id"] as? String)
            #expect(try await EventRepository(db: services.database.sql).photo(caseID: Int64(id)!) == png)
        }
    }

    /// Lists page in SQL: one row a page walks the list without repeats, and page numbers are bounded
    /// on the pages and in the API alike.
    @Test func eventListsPageInSQLAndRefuseOutOfRangePages() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            let worker = try await APITests.token("grid@jinan", services)
            for n in 1...2 {
                let body =
                    #"{"category": "info", "description": "分页测试事件 \#(n)。", "latitude": \#(grid.latitude), "longitude": \#(grid.longitude)}"#
                #expect(
                    try await ConsultationAPITests.send(client, "/api/v1/events", token: worker, json: body).status
                        == .created)
            }
            let path = "/api/v1/events?gridId=\(grid.id)&per_page=1"
            let first = try APITests.json(try await APITests.get(client, path + "&page=1", token: worker))
            let second = try APITests.json(try await APITests.get(client, path + "&page=2", token: worker))
            let firstItems = try #require(first["items"] as? [[String: Any]])
            let secondItems = try #require(second["items"] as? [[String: Any]])
            #expect(first["total"] as? Int == 2 && firstItems.count == 1 && secondItems.count == 1)
            #expect(firstItems.first?["id"] as? Int != secondItems.first?["id"] as? Int)
            #expect(try await APITests.get(client, "/api/v1/events?page=0", token: worker).status == .badRequest)
            #expect(try await APITests.get(client, "/api/v1/events?per_page=101", token: worker).status == .badRequest)
            var browser = Browser(client)
            _ = try await browser.login("admin@jinan")
            #expect(try await browser.get("/m/governance/events?page=0").status == .badRequest)
            #expect(try await browser.get("/m/governance/events?page=100001").status == .badRequest)
            #expect(try await browser.get("/m/governance/events?page=abc").status == .badRequest)
            let beyond = try await browser.get("/m/governance/events?grid=\(grid.id)&page=2")
            #expect(beyond.status == .ok && beyond.text.contains("上一页") && beyond.text.contains("第 2 页，共 2 条"))
            #expect(try await browser.get("/m/policies/consultations?page=0").status == .badRequest)
            #expect(try await browser.get("/m/policies/qa?page=-1").status == .badRequest)
        }
    }
}
