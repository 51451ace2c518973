import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import Testing

@testable import App

/// Issue #11's findings on Open311: what `GET requests` publishes, revoking keys, keys kept out of
/// the logs, and the body limit before the key check. Each test failed before its fix.
@Suite struct Open311HardeningTests {
    static func fields(_ grid: EventFixtures.TestGrid, key: String, code: String, description: String)
        -> [(String, String)]
    {
        [
            ("jurisdiction_id", "jinan"), ("api_key", key), ("service_code", code), ("lat", String(grid.latitude)),
            ("long", String(grid.longitude)), ("address_string", "幸福路 18 号 3 单元 502 室"), ("description", description),
        ]
    }

    static func posted(_ response: TestResponse) throws -> String {
        try #require(try EventOpen311Tests.json(response).first?["service_request_id"] as? String)
    }

    @Test func requestsListOnlyPublicCategoriesCoarsenedAndWithoutInternalNotes() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            let key = try await EventFixtures.open311Key(zoneID: grid.zoneID, services)
            let tag = UUID().uuidString.prefix(8)
            let dispute = try Self.posted(
                try await EventFixtures.open311Post(
                    client, "/open311/v2/requests.json",
                    Self.fields(grid, key: key, code: "dispute", description: "邻居纠纷\(tag)，双方争吵")))
            let hazard = try Self.posted(
                try await EventFixtures.open311Post(
                    client, "/open311/v2/requests.json",
                    Self.fields(grid, key: key, code: "hazard", description: "井盖缺失\(tag)，有跌落风险")))
            // Staff write an internal note on the hazard.
            var worker = Browser(client)
            _ = try await worker.login("grid@jinan")
            _ = try await EventFixtures.step(&worker, Int64(hazard)!, "accept", note: "内部备注：联系人李某 13900000000")

            // The dispute exists for nobody through Open311: not by id, not in any list.
            let one = try await client.execute(
                uri: "/open311/v2/requests/\(dispute).json?jurisdiction_id=jinan", method: .get)
            #expect(one.status == .notFound)
            let byIDs = try EventOpen311Tests.json(
                try await client.execute(
                    uri: "/open311/v2/requests.json?jurisdiction_id=jinan&service_request_id=\(dispute),\(hazard)",
                    method: .get))
            #expect(byIDs.compactMap { $0["service_request_id"] as? String } == [hazard])
            let disputes = try await client.execute(
                uri: "/open311/v2/requests.json?jurisdiction_id=jinan&service_code=dispute", method: .get)
            #expect(disputes.status == .ok && !disputes.text.contains(String(tag)))
            let all = try await client.execute(uri: "/open311/v2/requests.json?jurisdiction_id=jinan", method: .get)
            #expect(all.status == .ok && !all.text.contains("邻居纠纷\(tag)"))

            // The public one: coarse location, the grid instead of the door, no internal note.
            let record = try #require(byIDs.first)
            let lat = try #require(record["lat"] as? Double)
            let long = try #require(record["long"] as? Double)
            #expect(lat == (grid.latitude * 1000).rounded() / 1000)
            #expect(long == (grid.longitude * 1000).rounded() / 1000)
            #expect((record["address"] as? String)?.contains("502") == false)
            #expect((record["address"] as? String)?.hasSuffix("网格") == true)
            let notes = try #require(record["status_notes"] as? String)
            #expect(notes == "已立案，待派遣")
            #expect(!all.text.contains("内部备注") && !all.text.contains("13900000000"))
        }
    }

    @Test func aRevokedKeyStopsWorkingAndTheRevocationIsAudited() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            let key = try await EventFixtures.open311Key(zoneID: grid.zoneID, services)
            let keyID = try #require(
                try await Open311Repository(db: services.database.sql).keys(zoneID: grid.zoneID).first {
                    $0.prefix == String(key.prefix(9))
                }?.id)
            let fields = Self.fields(grid, key: key, code: "hazard", description: "路灯损坏，夜间无照明。")
            #expect(try await EventFixtures.open311Post(client, "/open311/v2/requests.json", fields).status == .created)

            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            let page = try await admin.get(SiteURL.open311Keys.path)
            #expect(page.text.contains(SiteURL.open311KeyRevoke(keyID).path) && page.text.contains("停用"))
            // Office staff may look at the page but not revoke.
            var staff = Browser(client)
            _ = try await staff.login("staff@jinan")
            #expect(try await staff.post(SiteURL.open311KeyRevoke(keyID).path, form: []).status == .forbidden)
            // Another zone's admin cannot revoke it.
            var stranger = Browser(client)
            _ = try await stranger.login("admin@xian")
            _ = try await stranger.post(SiteURL.open311KeyRevoke(keyID).path, form: [])
            #expect(try await EventFixtures.open311Post(client, "/open311/v2/requests.json", fields).status == .created)

            let revoked = try await admin.post(SiteURL.open311KeyRevoke(keyID).path, form: [])
            #expect(revoked.status == .seeOther)
            let refused = try await EventFixtures.open311Post(client, "/open311/v2/requests.json", fields)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("api_key 无效"))
            let audit = try await services.database.sql.select().column("action").from("audit_log")
                .where("entity", .equal, "open311_key").where("entity_id", .equal, String(keyID))
                .all(decodingColumn: "action", as: String.self)
            #expect(audit.contains("revoke"))
            // Twice: refused, nothing written.
            #expect(try await admin.post(SiteURL.open311KeyRevoke(keyID).path, form: []).status == .conflict)
        }
    }

    @Test func anAPIKeyInTheQueryNeverReachesTheLog() {
        let path = RedactedLogRequestsMiddleware<AppRequestContext>.redacted(
            path: "/open311/v2/requests.json", query: "jurisdiction_id=jinan&api_key=o311_secret123&lat=1")
        #expect(path == "/open311/v2/requests.json?jurisdiction_id=jinan&api_key=***&lat=1")
        #expect(
            RedactedLogRequestsMiddleware<AppRequestContext>.redacted(path: "/a", query: "API%5FKEY=o311_x")
                == "/a?API%5FKEY=***")
        #expect(RedactedLogRequestsMiddleware<AppRequestContext>.redacted(path: "/a", query: nil) == "/a")
    }

    @Test func theRequestLogOfTheAppHidesTheKey() async throws {
        let lines = LogLines()
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RedactedLogRequestsMiddleware(.info))
        router.get("/open311/v2/requests.json") { _, _ in "[]" }
        let app = Application(
            router: router, logger: Logger(label: "test") { _ in CapturingLogHandler(lines: lines) })
        try await app.test(.router) { client in
            _ = try await client.execute(
                uri: "/open311/v2/requests.json?jurisdiction_id=jinan&api_key=o311_topsecret", method: .get)
        }
        let logged = lines.all.joined(separator: "\n")
        #expect(logged.contains("/open311/v2/requests.json"))
        #expect(!logged.contains("o311_topsecret"))
    }

    @Test func anOversizedPostIsRefusedBeforeTheKeyIsLookedUp() async throws {
        // A declared Content-Length over the limit is refused without reading the body or going
        // further (the key lookup comes after): the test client always sends the true length, so
        // the middleware the Open311 routes use is asked directly.
        let limit = BodyLimitMiddleware<PlainContext>(limit: Open311Routes.bodyLimit)
        for (type, declared) in [
            ("multipart/form-data; boundary=x", EventService.Report.maxPhotoBytes + 2 * 1024 * 1024),
            ("application/x-www-form-urlencoded", 2 * 1024 * 1024),
        ] {
            let request = Request(
                head: HTTPRequest(
                    method: .post, scheme: "http", authority: "localhost", path: "/open311/v2/requests.json",
                    headerFields: [.contentType: type, .contentLength: String(declared)]),
                body: RequestBody(buffer: ByteBuffer(string: "--x--\r\n")))
            let reached = LogLines()
            do {
                _ = try await limit.handle(request, context: PlainContext(source: .init())) { _, _ in
                    reached.append("next")
                    return Response(status: .ok)
                }
                Issue.record("\(type): not refused")
            } catch let error as HTTPError {
                #expect(error.status == .contentTooLarge, "\(type)")
            }
            #expect(reached.all.isEmpty, "\(type)")
        }
        // Through the app: a body over the form limit without any key is 413, not 403 about the key.
        try await withApp { client, _ in
            let form = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "description=" + String(repeating: "a", count: 1024 * 1024)))
            #expect(form.status == .contentTooLarge)
        }
    }
}

/// A request context for calling a middleware directly.
struct PlainContext: RequestContext {
    struct Source: RequestContextSource {
        var logger = Logger(label: "test")
    }
    var coreContext: CoreRequestContextStorage
    init(source: Source) { coreContext = .init(source: source) }
}

/// Log lines a test reads back.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.append("\(event.message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
    }
}
