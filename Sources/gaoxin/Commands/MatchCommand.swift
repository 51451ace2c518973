import ArgumentParser
import Foundation
import GaoxinCore

/// `gaoxin match`: every enterprise against every policy rule, on all cores. Writes the sorted
/// `enterprise_id<TAB>policy_id` lines of the pairs whose rule is truthy, byte-identical to the
/// Python reference peer (shared/bench/peer_jsonlogic_py.py). The matching itself is
/// `GaoxinCore.BatchMatcher`; this command reads and writes files and shows progress.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "把每家企业与每条政策规则匹配，输出排序后的 enterprise_id<TAB>policy_id。",
        discussion: """
            企业文件每行一个 JSON 对象（须有 id 字段）；政策文件是 [{"id", "name", "rule"}] 数组，rule 为 JSONLogic。
            标准错误是终端时显示进度条。
            """
    )

    @Option(name: .long, help: "企业事实文件（JSON Lines，每行一个带 id 的对象）。")
    var enterprises: String

    @Option(name: .long, help: "政策文件（JSON 数组 [{\"id\", \"name\", \"rule\"}]）。")
    var policies: String

    @Option(name: .long, help: "输出的 TSV 文件。")
    var out: String

    @Option(name: .long, help: "最多使用的 CPU 核数（默认 0 = 全部；1 = 单核）。")
    var threads: Int = 0

    /// Benchmarking aid: evaluate the whole batch this many times (the output is written once).
    @Option(name: .customLong("repeat"), help: .hidden)
    var repetitions: Int = 1

    /// Benchmarking aid: phase times and rule evaluations per second on stderr.
    @Flag(name: .long, help: .hidden)
    var stats = false

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("--threads 不能为负数") }
        guard repetitions >= 1 else { throw ValidationError("--repeat 至少为 1") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        // When the caller says when it launched the process (the benchmark script passes its
        // clock), the time before `run` is the process start: loading and linking the binary.
        let launch = Self.launchDelay()

        let policyBytes = try Self.read(policies, what: "政策文件")
        let enterpriseBytes = try Self.read(enterprises, what: "企业文件")
        let read = clock.now

        let matcher: BatchMatcher
        do {
            matcher = try policyBytes.withUnsafeBytes { bytes throws(BatchMatchError) in
                try BatchMatcher(policiesText: bytes)
            }
        } catch let error as BatchMatchError {
            throw MatchFailure(error.description)
        }
        let compiled = clock.now

        let batch: EnterpriseBatch
        do {
            batch = try enterpriseBytes.withUnsafeBytes { bytes throws(BatchMatchError) in
                try matcher.load(enterpriseLines: bytes, threads: threads)
            }
        } catch let error as BatchMatchError {
            throw MatchFailure("\(enterprises)：\(error.description)")
        }
        let parsed = clock.now

        let bar = ProgressBar.onTerminal(title: "匹配中")
        let total = batch.count * repetitions
        var result = matcher.match(batch, threads: threads, progress: Self.reporter(bar, offset: 0, total: total))
        for round in 1..<repetitions {
            let progress = Self.reporter(bar, offset: round * batch.count, total: total)
            result = matcher.match(batch, threads: threads, progress: progress)
        }
        bar?.finish()
        let matched = clock.now

        try Self.write(result.tsv(), to: out)
        let written = clock.now

        if stats {
            let evaluations = batch.count * matcher.policies.count * repetitions
            let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
            let evalSeconds = seconds(matched - parsed)
            let line = String(
                format: "stats enterprises=%d policies=%d matches=%d threads=%@ repeat=%d "
                    + "start_s=%@ read_s=%.4f compile_s=%.4f parse_s=%.4f eval_s=%.4f sort+write_s=%.4f "
                    + "total_s=%.4f evaluations=%d evaluations_per_second=%.0f\n",
                batch.count, matcher.policies.count, result.matchCount, threads == 0 ? "all" : String(threads),
                repetitions, launch.map { String(format: "%.4f", $0) } ?? "?", seconds(read - started),
                seconds(compiled - read), seconds(parsed - compiled), evalSeconds, seconds(written - matched),
                seconds(written - started), evaluations, evalSeconds > 0 ? Double(evaluations) / evalSeconds : 0)
            FileHandle.standardError.write(Data(line.utf8))
        }
        // Everything is written (both writes above are unbuffered system calls). Returning would
        // free ten thousand records value by value and tear down the runtime: measured 30+ ms of
        // the run on a loaded machine, for nothing the caller can see.
        _exit(0)
    }

    /// Seconds from `GAOXIN_LAUNCHED_AT` (Unix seconds with fractions, e.g. bash's `$EPOCHREALTIME`)
    /// to now; nil when it is not set.
    private static func launchDelay() -> Double? {
        guard let text = ProcessInfo.processInfo.environment["GAOXIN_LAUNCHED_AT"],
            let launched = Double(text.replacingOccurrences(of: ",", with: "."))
        else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 - launched
    }

    private static func reporter(_ bar: ProgressBar?, offset: Int, total: Int) -> (@Sendable (Int) -> Void)? {
        guard let bar else { return nil }
        return { done in bar.advance(to: offset + done, of: total) }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw MatchFailure("无法写入输出文件 \(path)：\(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw MatchFailure("写入输出文件 \(path) 失败：\(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    private static func read(_ path: String, what: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw MatchFailure("找不到\(what) \(path)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw MatchFailure("无法读取\(what) \(path)") }
        return data
    }
}

private struct MatchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
