import ArgumentParser
import Foundation
import GaoxinCore

/// `gaoxin calendar …`: the official working-day calendar from the command line, e.g. to check a new
/// year's notice file before putting it in the data directory.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "工作日日历：查询工作日、计算 N 个工作日后的期限。",
        subcommands: [Workdays.self, Add.self]
    )
}

extension CalendarCommand {
    /// Where extra notice files come from: the flag, else GAOXIN_CALENDAR_DIR, else the bundled data only.
    struct DataOptions: ParsableArguments {
        @Option(name: .customLong("data-dir"), help: "额外的节假日通知文件目录（*.txt）；未给出时读取环境变量 GAOXIN_CALENDAR_DIR。")
        var dataDir: String?

        func loadCalendar() throws -> WorkCalendar {
            let path =
                dataDir ?? ProcessInfo.processInfo.environment["GAOXIN_CALENDAR_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            guard let path else { return try WorkCalendar.official() }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("日历数据目录不存在或不是目录：\(path)")
            }
            return try WorkCalendar.official(directory: URL(fileURLWithPath: path, isDirectory: true))
        }
    }

    struct Workdays: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "逐日列出日期范围（含首尾）内是否工作日：YYYY-MM-DD<TAB>1 为工作日，0 为休息日。"
        )

        @Option(help: "起始日期 YYYY-MM-DD") var from: String
        @Option(help: "结束日期 YYYY-MM-DD（含）") var to: String
        @OptionGroup var data: DataOptions

        func validate() throws {
            let start = try parseDay(from, option: "--from")
            let end = try parseDay(to, option: "--to")
            guard start <= end else { throw ValidationError("--from \(start) 晚于 --to \(end)") }
            guard start.days(until: end) <= 36_600 else { throw ValidationError("日期范围过长（超过 100 年）") }
        }

        func run() throws {
            let calendar = try data.loadCalendar()
            let start = try parseDay(from, option: "--from")
            let end = try parseDay(to, option: "--to")
            var lines = ""
            var uncertainYears = Set<Int>()
            for number in start.dayNumber...end.dayNumber {
                let day = Day(dayNumber: number)
                lines += "\(day)\t\(calendar.isWorkingDay(day) ? 1 : 0)\n"
                if !calendar.isCertain(day) { uncertainYears.insert(day.year) }
            }
            print(lines, terminator: "")
            warnIfUncertain(years: uncertainYears)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "输出收件日之后第 N 个工作日（次日起算；N=0 为当日或其后第一个工作日）。"
        )

        @Argument(help: "收件日期 YYYY-MM-DD") var date: String
        @Argument(help: "工作日数 N（≥ 0）") var count: Int
        @OptionGroup var data: DataOptions

        func validate() throws {
            _ = try parseDay(date, option: "日期")
            guard count >= 0 else { throw ValidationError("工作日数不能为负数：\(count)") }
        }

        func run() throws {
            let calendar = try data.loadCalendar()
            let received = try parseDay(date, option: "日期")
            let deadline = try calendar.deadline(workingDays: count, after: received)
            print(deadline.day)
            if deadline.uncertain {
                warnIfUncertain(
                    years: Set((received.year...deadline.day.year).filter { !calendar.loadedYears.contains($0) }))
            }
        }
    }
}

private func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(text) else { throw ValidationError("\(option)“\(text)”不是有效日期，应为 YYYY-MM-DD 格式的真实日期") }
    return day
}

/// One line on stderr, so scripts reading stdout are not disturbed.
private func warnIfUncertain(years: Set<Int>) {
    guard !years.isEmpty else { return }
    let list = years.sorted().map(String.init).joined(separator: "、")
    let line = "警告：\(list) 年的放假安排尚未载入，结果仅按周末规则推算，通知发布后可能变化。\n"
    FileHandle.standardError.write(Data(line.utf8))
}
