import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A webhook receiver on 127.0.0.1 for the notice tests: records each POST's JSON and secret
/// header, and answers 500 to the first `failures` requests that contain `marker`.
actor NoticeReceiver {
    struct Received: Sendable {
        let body: String
        let token: String?
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
        var id: Int64? { (json["id"] as? NSNumber)?.int64Value }
    }
    private(set) var received: [Received] = []
    private(set) var refused = 0
    private var failures: Int
    /// Only requests whose body contains this text are failed (other tests' notices may arrive too).
    private let marker: String

    init(failures: Int, marker: String) {
        self.failures = failures
        self.marker = marker
    }

    func take(_ body: String, token: String?) -> HTTPResponse.Status {
        if failures > 0, body.contains(marker) {
            failures -= 1
            refused += 1
            return .internalServerError
        }
        received.append(Received(body: body, token: token))
        return .ok
    }

    func ids() -> [Int64] { received.compactMap(\.id) }

    func find(_ id: Int64) -> Received? { received.first { $0.id == id } }

    static let tokenHeader = HTTPField.Name("X-Gaoxin-Token")!

    /// Runs `body` with the receiver's URL while it listens on a free loopback port.
    static func run(
        failures: Int = 0, marker: String = "",
        _ body: @escaping @Sendable (String, NoticeReceiver) async throws -> Void
    )
        async throws
    {
        let receiver = NoticeReceiver(failures: failures, marker: marker)
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let status = await receiver.take(String(buffer: buffer), token: request.headers[tokenHeader])
            return Response(status: status)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            guard let port = client.port else { throw CocoaError(.featureUnsupported) }
            try await body("http://127.0.0.1:\(port)/hook", receiver)
        }
    }
}
