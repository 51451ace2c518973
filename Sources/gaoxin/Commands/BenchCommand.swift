import App
import ArgumentParser
import Foundation
import Logging

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "性能基准（在空数据库上运行并打印用时）", subcommands: [Rematch.self, Dashboard.self, Points.self])

    struct Rematch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "政策重新匹配：生成大规模园区（默认 100000 家企业 × 300 个条款），计时首次匹配、修改一个条款后的重新匹配和无变化的重新匹配（含数据库读写）",
            discussion:
                "数据库取自 DATABASE_URL 或 GAOXIN_SQLITE_PATH，必须为空。建议用 release 构建：swift run -c release gaoxin bench rematch")

        @Option(help: "企业数") var enterprises = 100_000
        @Option(help: "政策条款数") var items = 300
        @Flag(inversion: .prefixedNo, help: "最后是否计时重算认定条件后备排名与创新积分（10 万家企业时约一分钟）") var rankings = true

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            let benchmark = RematchBenchmark(enterprises: enterprises, items: items, rankings: rankings)
            print("政策重新匹配基准：\(enterprises) 家企业 × \(items) 个条款，\(benchmark.threads) 个核心，数据库 \(config.database)")
            let bar = ProgressBar.onTerminal(title: "生成数据")
            let (load, runs) = try await benchmark.run(config: config, logger: CommandLogging.logger(level: .warning)) {
                fraction in
                bar?.advance(to: Int(fraction * 1000), of: 1000)
            }
            bar?.finish()
            print("生成数据（企业、三年数据、资质、条款）：\(Self.seconds(load))")
            for run in runs {
                let parts = run.parts
                print(
                    "\(run.name)：共 \(Self.seconds(run.total))（读取 \(Self.seconds(parts.read))，计算 \(Self.seconds(parts.evaluate))，写入 \(Self.seconds(parts.write))）"
                        + (run.matched.map { "，符合条件 \($0.eligible) 对，改写 \($0.changed) 家企业" } ?? ""))
            }
        }

        static func seconds(_ d: Duration) -> String {
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            return String(format: "%.2f 秒", s)
        }
    }

    struct Dashboard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "管委会总览与待办清单：生成 5 年月度指标、10000 个招商项目、100 万件各类办件，计时总览页与各角色待办的生成（含数据库查询）",
            discussion:
                "数据库取自 DATABASE_URL 或 GAOXIN_SQLITE_PATH，必须为空。建议用 release 构建：swift run -c release gaoxin bench dashboard"
        )

        @Option(help: "办件数（咨询、网格事件、差评回访、难点堵点）") var cases = 1_000_000
        @Option(help: "招商项目数") var projects = 10_000
        @Option(help: "月度指标的年数") var years = 5

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            print("总览与待办基准：\(cases) 件办件，\(projects) 个项目，\(years) 年月度指标，数据库 \(config.database)")
            let benchmark = StatisticsBenchmark(cases: cases, projects: projects, years: years)
            let (load, timings) = try await benchmark.run(
                config: config, logger: CommandLogging.logger(level: .warning))
            print("生成数据：\(Rematch.seconds(load))")
            for t in timings {
                print("\(t.name)：中位 \(Self.milliseconds(t.median))，最慢 \(Self.milliseconds(t.slowest))")
            }
        }

        static func milliseconds(_ d: Duration) -> String {
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            return String(format: "%.1f 毫秒", s * 1000)
        }
    }

    struct Points: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "居民积分：生成 100000 名居民（户、网格）和 100 万条积分记录（跨 3 年），计时每个积分页面（含数据库查询）",
            discussion:
                "数据库取自 DATABASE_URL 或 GAOXIN_SQLITE_PATH，必须为空。建议用 release 构建：swift run -c release gaoxin bench points")

        @Option(help: "居民数") var residents = 100_000
        @Option(help: "积分记录数") var entries = 1_000_000
        @Option(help: "记录跨越的年数") var years = 3

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            print("居民积分基准：\(residents) 名居民，\(entries) 条积分记录，\(years) 年，数据库 \(config.database)")
            let benchmark = PointsBenchmark(residents: residents, entries: entries, years: years)
            let (load, timings) = try await benchmark.run(
                config: config, logger: CommandLogging.logger(level: .warning))
            print("生成数据：\(Rematch.seconds(load))")
            for t in timings {
                print("\(t.name)：中位 \(Dashboard.milliseconds(t.median))，最慢 \(Dashboard.milliseconds(t.slowest))")
            }
        }
    }
}
