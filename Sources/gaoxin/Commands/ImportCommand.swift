import App
import ArgumentParser
import Foundation
import Logging

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "批量导入数据", subcommands: [Enterprises.self, Grids.self])

    struct Enterprises: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "从 CSV 导入企业及年度数据（整个文件检查通过才导入，否则列出全部问题、不写入任何数据）")

        @Argument(help: "CSV 文件（UTF-8，可带 BOM；列名同页面导出的文件）") var file: String
        @Option(help: "园区代码，例如 foshan") var zone: String

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            let bar = ProgressBar.onTerminal(title: "导入企业")
            let result = try await importEnterprises(
                config: config, zoneCode: zone, file: file,
                logger: CommandLogging.logger(level: .warning)
            ) { done, total in bar?.advance(to: done, of: total) }
            bar?.finish()
            switch result {
            case .imported(let created, let updated, let years):
                print("导入完成：新增 \(created) 家、更新 \(updated) 家企业，共 \(years) 条年度数据。")
            case .refused(let problems):
                FileHandle.standardError.write(Data("文件未导入：发现 \(problems.count) 处问题，没有写入任何数据。\n".utf8))
                for problem in problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
                throw ExitCode(2)
            }
        }
    }
}
