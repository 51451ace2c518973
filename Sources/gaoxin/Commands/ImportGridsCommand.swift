import App
import ArgumentParser
import Foundation
import Logging

extension ImportCommand {
    struct Grids: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "从 GeoJSON 导入网格边界（整个文件检查通过才导入，否则列出每个要素的问题、不写入任何数据）")

        @Argument(help: "GeoJSON 文件（FeatureCollection；要素属性 code、name、area_code，可选 party_branch）") var file: String
        @Option(help: "园区代码，例如 jinan") var zone: String

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            switch try await importGrids(
                config: config, zoneCode: zone, file: file, logger: CommandLogging.logger(level: .warning))
            {
            case .imported(let created, let updated, let areas):
                print("导入完成：新增 \(created) 个、更新 \(updated) 个网格\(areas > 0 ? "，新建 \(areas) 个街道/镇或村/社区" : "")。")
            case .refused(let problems):
                FileHandle.standardError.write(Data("文件未导入：发现 \(problems.count) 处问题，没有写入任何数据。\n".utf8))
                for problem in problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
                throw ExitCode(2)
            }
        }
    }
}
