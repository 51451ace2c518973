import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One request of the workload, named for the report.
struct LoadRequest: Sendable {
    let name: String
    var method: HTTPMethod = .GET
    let path: String
    var headers: [(String, String)] = []
    var body: String? = nil
    /// The statuses that count as success (a redirect after a form post is one).
    var expect: ClosedRange<Int> = 200...299
}

/// What one endpoint saw: latencies in microseconds, and failures.
struct EndpointTally: Sendable {
    var micros: [UInt32] = []
    var errors = 0
    var firstError: String?

    mutating func merge(_ other: EndpointTally) {
        micros += other.micros
        errors += other.errors
        if firstError == nil { firstError = other.firstError }
    }

    func percentile(_ p: Double) -> Double {
        guard !micros.isEmpty else { return 0 }
        let sorted = micros.sorted()
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000
    }
}

/// A small HTTP/1.1 keep-alive load client on SwiftNIO: `connections` connections, each sending the
/// next request of the mix as soon as the previous answer ends, until the time is up. It is the
/// same client for the platform and for the minimal servers, so their figures divide.
struct LoadClient {
    let host: String
    let port: Int
    let group: MultiThreadedEventLoopGroup

    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    func connect() async throws -> Connection {
        try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Runs `mix` round robin on every connection for `seconds`; the tallies are keyed by request name.
    func run(_ mix: [LoadRequest], connections: Int, seconds: Double) async -> [String: EndpointTally] {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        return await withTaskGroup(of: [String: EndpointTally].self) { group in
            for c in 0..<connections {
                group.addTask { await loop(mix, offset: c, until: deadline) }
            }
            var total: [String: EndpointTally] = [:]
            for await part in group {
                for (name, tally) in part { total[name, default: EndpointTally()].merge(tally) }
            }
            return total
        }
    }

    private func loop(_ mix: [LoadRequest], offset: Int, until deadline: ContinuousClock.Instant) async
        -> [String: EndpointTally]
    {
        var tallies: [String: EndpointTally] = [:]
        var next = offset
        while ContinuousClock.now < deadline {
            do {
                let connection = try await connect()
                try await connection.executeThenClose { inbound, outbound in
                    var responses = inbound.makeAsyncIterator()
                    while ContinuousClock.now < deadline {
                        let request = mix[next % mix.count]
                        next += 1
                        let started = ContinuousClock.now
                        try await send(request, on: outbound)
                        let (status, keepAlive) = try await receive(&responses)
                        let micros = (ContinuousClock.now - started).components
                        let elapsed = UInt32(
                            min(Int64(UInt32.max), micros.seconds * 1_000_000 + micros.attoseconds / 1_000_000_000_000))
                        if request.expect.contains(status) {
                            tallies[request.name, default: EndpointTally()].micros.append(elapsed)
                        } else {
                            tallies[request.name, default: EndpointTally()].errors += 1
                            if tallies[request.name]?.firstError == nil {
                                tallies[request.name]?.firstError = "HTTP \(status)"
                            }
                        }
                        if !keepAlive { break }
                    }
                }
            } catch {
                let name = mix[(next - 1 + mix.count) % mix.count].name
                tallies[name, default: EndpointTally()].errors += 1
                if tallies[name]?.firstError == nil { tallies[name]?.firstError = "\(error)" }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        return tallies
    }

    private func send(_ request: LoadRequest, on outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>)
        async throws
    {
        var head = HTTPRequestHead(version: .http1_1, method: request.method, uri: request.path)
        head.headers.add(name: "Host", value: "\(host):\(port)")
        for (name, value) in request.headers { head.headers.add(name: name, value: value) }
        if let body = request.body {
            head.headers.add(name: "Content-Length", value: String(body.utf8.count))
            try await outbound.write(contentsOf: [
                .head(head), .body(.byteBuffer(ByteBuffer(string: body))), .end(nil),
            ])
        } else {
            try await outbound.write(contentsOf: [.head(head), .end(nil)])
        }
    }

    private func receive(_ responses: inout NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator)
        async throws -> (status: Int, keepAlive: Bool)
    {
        var status = 0
        var keepAlive = true
        while let part = try await responses.next() {
            switch part {
            case .head(let head):
                status = Int(head.status.code)
                keepAlive = head.isKeepAlive
            case .body: continue
            case .end: return (status, keepAlive)
            }
        }
        throw LoadError("连接在响应结束前关闭")
    }

    /// One request outside the timed run (logging in, finding ids): status, headers and body.
    func fetch(_ request: LoadRequest) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        let connection = try await connect()
        return try await connection.executeThenClose { inbound, outbound in
            try await send(request, on: outbound)
            var status = 0
            var headers = HTTPHeaders()
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let head):
                    status = Int(head.status.code)
                    headers = head.headers
                case .body(var chunk): body.writeBuffer(&chunk)
                case .end: return (status, headers, String(buffer: body))
                }
            }
            throw LoadError("连接在响应结束前关闭")
        }
    }
}

struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
