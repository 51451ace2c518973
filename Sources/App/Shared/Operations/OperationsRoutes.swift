import Foundation
import Hummingbird
import NIOCore
import Prometheus
import SQLKit

/// `/healthz`, `/metrics` and the stylesheet: no session, no CSRF, no page shell.
struct OperationsRoutes {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        Observability.bootstrap()
        let database = services.database
        let poolGauge = Observability.registry.makeGauge(
            name: "gaoxin_db_transactions_in_flight", help: "Database transactions running now")
        let totalGauge = Observability.registry.makeGauge(
            name: "gaoxin_db_transactions_total", help: "Database transactions started since the process began")
        let connectionsGauge = Observability.registry.makeGauge(
            name: "gaoxin_db_pool_connections", labels: [("database", database.kind.rawValue)],
            help: "Connections the database pool may open")

        router.get(SiteURL.healthz.pattern) { _, _ -> Response in
            do {
                try await database.ping()
                return Self.json(#"{"status":"ok","database":"\#(database.kind.rawValue)"}"#, status: .ok)
            } catch {
                return Self.json(
                    #"{"status":"error","database":"\#(database.kind.rawValue)","detail":"数据库不可用"}"#,
                    status: .serviceUnavailable)
            }
        }

        router.get(SiteURL.metrics.pattern) { _, _ -> Response in
            poolGauge.set(Int64(database.stats.transactionsInFlight))
            totalGauge.set(Int64(database.stats.transactionsTotal))
            connectionsGauge.set(Int64(database.kind == .sqlite ? 4 : 4 * System.coreCount))
            let text = Observability.registry.emitToString()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }

        let css = Self.stylesheet()
        router.get(SiteURL.stylesheet.pattern) { _, _ -> Response in
            var response = Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: css)))
            response.headers[.cacheControl] = "public, max-age=300"
            return response
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func stylesheet() -> String {
        (try? String(contentsOf: AppResources.url("Resources/Static/gaoxin.css"), encoding: .utf8)) ?? ""
    }
}
