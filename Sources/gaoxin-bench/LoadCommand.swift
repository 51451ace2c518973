import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The load benchmark: starts `gaoxin serve --demo` (SQLite, or PostgreSQL with `--database-url`)
/// with generated volume, drives each endpoint alone and then all of them mixed at the same number
/// of connections, and prints requests/s, p50/p99 and errors — beside the same client against the
/// minimal Hummingbird server (`minimal-server`), so each figure is also a share of the framework's
/// ceiling measured in the same run.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "负载基准：演示园区加生成数据，逐个端点与混合负载，并与最小 Hummingbird 服务对照")

    @Option(help: "每个端点的时长（秒）") var seconds = 10.0
    @Option(help: "并发连接数") var connections = 64
    @Option(help: "生成的企业数（导入佛山园区）") var enterprises = 10_000
    @Option(help: "PostgreSQL 地址（空库或 --reset 时清空）；不给则用 SQLite") var databaseURL: String?
    @Flag(help: "先清空 --database-url 所指的库（DROP SCHEMA public CASCADE）") var reset = false
    @Option(help: "工作目录") var work = "/tmp/gaoxin-load"
    @Option(help: "只压测名称含此文字的端点（例如 企业页；用于剖析）") var only: String?
    @Option(help: "平台端口") var port = 45_980
    @Option(help: "最小服务端口") var minimalPort = 45_990

    func run() async throws {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let gaoxin = here.appendingPathComponent("gaoxin").path
        guard FileManager.default.isExecutableFile(atPath: gaoxin) else {
            throw LoadError("找不到 \(gaoxin)：请先 swift build -c release（同时构建 gaoxin 与 gaoxin-bench）")
        }
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["GAOXIN_LOG_LEVEL"] = "error"
        if let databaseURL {
            environment["DATABASE_URL"] = databaseURL
            if reset { try await LoadSetup.resetPostgres(databaseURL) }
        } else {
            environment.removeValue(forKey: "DATABASE_URL")
            environment["GAOXIN_SQLITE_PATH"] = work + "/demo.sqlite"
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let setup = LoadSetup(gaoxin: gaoxin, environment: environment, work: work)

        print("准备：演示园区 + \(enterprises) 家生成企业（\(databaseURL == nil ? "SQLite" : "PostgreSQL")）…")
        let server = try setup.start([gaoxin, "serve", "--demo", "--port", String(port)], log: "gaoxin.log")
        defer { server.terminate() }
        let client = LoadClient(host: "127.0.0.1", port: port, group: group)
        try await setup.waitUntilUp(client, server, log: "gaoxin.log")
        try setup.importVolume(enterprises: enterprises)
        let mix = try await setup.workload(client).filter { only == nil || $0.name.contains(only!) }
        _ = await client.run(mix, connections: 4, seconds: 2)  // warm caches and the pools
        // Idle means idle: the import's background work (re-match, rankings) has finished.
        // and the server has sat idle for one memory trim (`MemoryTrimmer`, every 30 s).
        let quietAfter = await LoadSetup.waitUntilQuiet(server.processIdentifier)
        let busyMB = LoadSetup.residentMB(server.processIdentifier)
        try await Task.sleep(for: .seconds(35))
        let idleMB = LoadSetup.residentMB(server.processIdentifier)
        print(
            String(
                format: "服务器在预热后 %d 秒内完成后台工作（排名、匹配），当时常驻 %.0f MB；再空闲 35 秒后计空闲内存。", quietAfter, busyMB))

        // The peak under load is counted from here: the startup's own peak (seeding, the import's
        // re-match and rankings) is printed beside it.
        let backgroundMB = LoadSetup.peakMB(server.processIdentifier)
        let peakReset = LoadSetup.resetPeak(server.processIdentifier)
        var rows: [(String, Double, EndpointTally)] = []
        for request in mix {
            let tally = await client.run([request], connections: connections, seconds: seconds)[request.name] ?? .init()
            rows.append((request.name, Double(tally.micros.count) / seconds, tally))
        }
        let mixed = await client.run(mix, connections: connections, seconds: seconds)
        let peakMB = LoadSetup.peakMB(server.processIdentifier)
        server.terminate()
        server.waitUntilExit()

        let minimal = try setup.start(
            [
                CommandLine.arguments[0], "minimal-server", "--port", String(minimalPort), "--sqlite",
                work + "/minimal.sqlite",
            ], log: "minimal.log")
        defer { minimal.terminate() }
        let reference = LoadClient(host: "127.0.0.1", port: minimalPort, group: group)
        try await setup.waitUntilUp(reference, minimal, log: "minimal.log", path: "/json")
        var ceiling: [String: Double] = [:]
        for (name, path) in [("最小 JSON 路由", "/json"), ("最小一行 SQLite 读取", "/row")] {
            let tally =
                await reference.run([LoadRequest(name: name, path: path)], connections: connections, seconds: seconds)[
                    name] ?? .init()
            ceiling[path] = Double(tally.micros.count) / seconds
            rows.append((name, Double(tally.micros.count) / seconds, tally))
        }
        minimal.terminate()
        try await group.shutdownGracefully()

        LoadReport(
            rows: rows, mixed: mixed, mix: mix, seconds: seconds, connections: connections, ceiling: ceiling,
            idleMB: idleMB, peakMB: peakMB, backgroundMB: peakReset ? backgroundMB : nil
        ).print()
    }
}

/// Prints the figures and checks them against the targets of issue #17.
struct LoadReport {
    let rows: [(String, Double, EndpointTally)]
    let mixed: [String: EndpointTally]
    let mix: [LoadRequest]
    let seconds: Double
    let connections: Int
    let ceiling: [String: Double]
    let idleMB: Double
    let peakMB: Double
    /// The peak before the load (startup and the import's background work); nil when the peak
    /// could not be reset, so `peakMB` includes it.
    let backgroundMB: Double?

    func print() {
        let row = ceiling["/row"] ?? 0
        Swift.print("\n每个端点单独压测：\(connections) 个连接，各 \(Int(seconds)) 秒")
        Swift.print(pad("端点", 26) + pad("请求/秒", 10) + pad("p50 ms", 9) + pad("p99 ms", 9) + pad("错误", 6) + "占最小一行读取")
        for (name, rate, tally) in rows {
            let share = row > 0 ? String(format: "%.0f%%", rate / row * 100) : "-"
            Swift.print(
                pad(name, 26) + pad(String(format: "%.0f", rate), 10)
                    + pad(String(format: "%.1f", tally.percentile(0.5)), 9)
                    + pad(String(format: "%.1f", tally.percentile(0.99)), 9) + pad(String(tally.errors), 6) + share)
            if let first = tally.firstError { Swift.print("    首个错误：\(first)") }
        }
        Swift.print("\n混合负载：\(connections) 个连接轮流请求以上 \(mix.count) 个端点，\(Int(seconds)) 秒")
        for request in mix {
            let tally = mixed[request.name] ?? .init()
            Swift.print(
                pad(request.name, 26) + pad(String(format: "%.0f", Double(tally.micros.count) / seconds), 10)
                    + pad(String(format: "%.1f", tally.percentile(0.5)), 9)
                    + pad(String(format: "%.1f", tally.percentile(0.99)), 9) + pad(String(tally.errors), 6))
            if let first = tally.firstError { Swift.print("    首个错误：\(first)") }
        }
        Swift.print(String(format: "\n常驻内存：空闲 %.0f MB，负载峰值 %.0f MB", idleMB, peakMB))
        if let backgroundMB {
            Swift.print(String(format: "（负载前的峰值：启动、导入后的重新匹配和排名 %.0f MB，不计入负载峰值）", backgroundMB))
        } else {
            Swift.print("（无法重置峰值记录：负载峰值包括启动和导入后的后台工作）")
        }

        let rate = Dictionary(rows.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let p99 = rows.filter { !$0.0.hasPrefix("最小") }.map { $0.2.percentile(0.99) }.max() ?? 0
        let errors = rows.map(\.2.errors).reduce(0, +) + mixed.values.map(\.errors).reduce(0, +)
        Swift.print("\n目标（issue #17）：")
        check("API 一行读取 ≥ 最小一行读取的 33%", (rate[LoadSetup.apiRead] ?? 0) >= row * 0.33)
        check("公开政策列表 ≥ 10%", (rate[LoadSetup.publicList] ?? 0) >= row * 0.10)
        check("政策条款页 ≥ 10%", (rate[LoadSetup.itemPage] ?? 0) >= row * 0.10)
        check(String(format: "每个端点 p99 < 50 ms（最大 %.1f ms）", p99), p99 < 50)
        check("0 个错误（共 \(errors) 个）", errors == 0)
        check(String(format: "空闲内存 ≤ 80 MB（%.0f MB）", idleMB), idleMB <= 80)
        check(String(format: "负载下内存 ≤ 200 MB（%.0f MB）", peakMB), peakMB <= 200)
    }

    private func check(_ what: String, _ ok: Bool) { Swift.print("  \(ok ? "达到" : "未达到")  \(what)") }

    /// Pads to a display width, counting a CJK character as two columns.
    private func pad(_ text: String, _ width: Int) -> String {
        let shown = text.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        return text + String(repeating: " ", count: max(1, width - shown))
    }
}
