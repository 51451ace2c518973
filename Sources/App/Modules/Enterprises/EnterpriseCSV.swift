import CSV
import Foundation
import GaoxinCore

/// The enterprise CSV (import and export share it): one row per enterprise and year, registry
/// columns first, then the year's figures. Headers are Chinese with units, as a zone's staff
/// keep them in Excel; percentages are written in percent (45.2 = 45.2%).
enum EnterpriseCSV {
    struct Column: Sendable {
        let header: String
        /// A `YearFacts` key, or nil for registry columns.
        let factKey: String?
        /// Written in percent in the file, stored as a fraction.
        let percent: Bool
    }

    static let registryHeaders = ["统一社会信用代码", "企业名称", "园区", "行业代码", "产业链", "成立日期", "联系人", "联系电话", "年度"]

    static let factColumns: [Column] = YearFacts.numericFields.map { key, _ in
        let field = EnterpriseFieldCatalogue.fields[key]
        let isPercent = field?.unit == "%"
        let unit = isPercent ? "%" : (field?.unit ?? "")
        return Column(
            header: unit.isEmpty ? (field?.label ?? key) : "\(field?.label ?? key)（\(unit)）", factKey: key,
            percent: isPercent)
    }

    /// Registry, then the profile facts the criteria read (是/否 and the like), then the year's figures.
    static var headers: [String] { registryHeaders + EnterpriseProfileColumns.headers + factColumns.map(\.header) }

    /// One parsed, valid row.
    struct Row: Sendable {
        let line: Int
        let uscc: String
        let name: String
        let parkID: Int64?
        let industryCode: String?
        let chain: String?
        let foundedOn: Day?
        let contactName: String?
        let contactPhone: String?
        let facts: YearFacts
        /// The profile facts from the file's profile columns; nil when the file has none of them
        /// (an older template), which keeps what is stored.
        var profile: EnterpriseProfile? = nil
    }

    /// A problem with one cell (or the whole file when `line` is 0), for the error table.
    struct Problem: Sendable, Equatable {
        let line: Int
        let column: String
        let message: String
    }

    enum Outcome: Sendable {
        case valid([Row])
        case refused([Problem])
    }

    /// Reads and checks the whole file. Either every row is valid (and returned) or the file is
    /// refused with every problem found, so a user can fix them all in one go.
    static func parse(_ data: Data, parks: [String: Int64], today: Day) -> Outcome {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // Excel's "CSV UTF-8" adds a BOM
        guard let text = String(data: bytes, encoding: .utf8) else {
            return .refused([
                Problem(line: 0, column: "文件", message: "文件不是 UTF-8 编码。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重新上传。")
            ])
        }
        guard !text.trimmed.isEmpty else {
            return .refused([Problem(line: 0, column: "文件", message: "文件是空的。请使用“导出”得到的模板填写后上传。")])
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            return .refused([Problem(line: 1, column: "表头", message: "无法读取 CSV：\(error)")])
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var problems: [Problem] = []
        let missing = registryHeaders.prefix(2).filter { !header.contains($0) } + ["年度"].filter { !header.contains($0) }
        if !missing.isEmpty {
            return .refused([
                Problem(line: 1, column: "表头", message: "缺少必需的列：\(missing.joined(separator: "、"))。请使用导出的模板。")
            ])
        }
        let known = Set(headers)
        for unknown in header where !known.contains(unknown) && !unknown.isEmpty {
            problems.append(Problem(line: 1, column: unknown, message: "不认识的列“\(unknown)”（列名须与导出模板一致）"))
        }
        func index(_ name: String) -> Int? { header.firstIndex(of: name) }
        let hasProfile = EnterpriseProfileColumns.headers.contains { header.contains($0) }
        var profileByUSCC: [String: (profile: EnterpriseProfile, line: Int)] = [:]

        var rows: [Row] = []
        var namesByUSCC: [String: (name: String, line: Int)] = [:]
        var seenYears: [String: Int] = [:]
        var line = 1
        while let cells = reader.next() {
            line += 1
            // blank lines from Excel
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func cell(_ name: String) -> String {
                guard let i = index(name), i < cells.count else { return "" }
                return cells[i].trimmed
            }
            func fail(_ column: String, _ message: String) {
                problems.append(Problem(line: line, column: column, message: message))
            }

            var uscc = ""
            do { uscc = try CreditCode(cell("统一社会信用代码")).value } catch { fail("统一社会信用代码", error.message) }
            let name = cell("企业名称")
            if name.isEmpty { fail("企业名称", "不能为空") } else if name.count > 100 { fail("企业名称", "不能超过 100 个字") }
            if !uscc.isEmpty, !name.isEmpty {
                if let earlier = namesByUSCC[uscc], earlier.name != name {
                    fail("企业名称", "同一信用代码在第 \(earlier.line) 行的名称是“\(earlier.name)”，两处不一致")
                } else {
                    namesByUSCC[uscc] = (name, line)
                }
            }
            var parkID: Int64?
            let park = cell("园区")
            if !park.isEmpty {
                if let id = parks[park] {
                    parkID = id
                } else {
                    fail("园区", "本园区没有分园“\(park)”（可选：\(parks.keys.sorted().joined(separator: "、"))）")
                }
            }
            var foundedOn: Day?
            let founded = cell("成立日期").replacingOccurrences(of: "/", with: "-")
            if !founded.isEmpty {
                if let day = Day(Self.padDate(founded)) {
                    if day > today { fail("成立日期", "不能晚于今天（\(founded)）") } else { foundedOn = day }
                } else {
                    fail("成立日期", "应为 YYYY-MM-DD 格式的有效日期（\(founded)）")
                }
            }
            let phone = cell("联系电话")
            if !phone.isEmpty, (try? MobileNumber(phone)) == nil,
                phone.range(of: #"^0\d{2,3}-?\d{7,8}$"#, options: .regularExpression) == nil
            {
                fail("联系电话", "应为手机号或带区号的固定电话（\(phone)）")
            }
            var facts = YearFacts(year: 0)
            let yearText = cell("年度")
            if let year = Int(yearText), (1949...today.year).contains(year) {
                facts.year = year
                if !uscc.isEmpty {
                    if let earlier = seenYears["\(uscc)|\(year)"] { fail("年度", "该企业 \(year) 年的数据在第 \(earlier) 行已出现") }
                    seenYears["\(uscc)|\(year)"] = line
                }
            } else {
                fail("年度", "应为 1949 到 \(today.year) 之间的年份（\(yearText)）")
            }
            for column in factColumns {
                let raw = cell(column.header).replacingOccurrences(of: ",", with: "").replacingOccurrences(
                    of: "%", with: "")
                guard !raw.isEmpty, let key = column.factKey else { continue }
                guard let number = Double(raw), number.isFinite else {
                    fail(column.header, "不是数字（\(raw)）")
                    continue
                }
                facts[key] = column.percent ? number / 100 : number
            }
            var profile: EnterpriseProfile?
            if hasProfile {
                let (read, profileProblems) = EnterpriseProfileColumns.read(cell, thisYear: today.year)
                for problem in profileProblems { fail(problem.header, problem.message) }
                var parsed = read
                parsed.foundedOn = foundedOn
                if profileProblems.isEmpty, !uscc.isEmpty {
                    if let earlier = profileByUSCC[uscc], earlier.profile != parsed {
                        fail("企业情况", "同一企业在第 \(earlier.line) 行填写的企业情况（居民企业、失信等）与本行不一致")
                    }
                    profileByUSCC[uscc] = (parsed, line)
                }
                profile = parsed
            }
            for problem in facts.problems() where problem.field != "year" {
                let header = factColumns.first { $0.factKey == problem.field }?.header ?? problem.field
                fail(header, problem.message)
            }
            rows.append(
                Row(
                    line: line, uscc: uscc, name: name, parkID: parkID, industryCode: cell("行业代码").nilIfEmpty,
                    chain: cell("产业链").nilIfEmpty, foundedOn: foundedOn, contactName: cell("联系人").nilIfEmpty,
                    contactPhone: phone.nilIfEmpty, facts: facts, profile: profile))
        }
        if rows.isEmpty, problems.isEmpty { problems.append(Problem(line: 0, column: "文件", message: "文件只有表头，没有数据行。")) }
        return problems.isEmpty ? .valid(rows) : .refused(problems)
    }

    /// 2024-3-5 → 2024-03-05, as Excel writes dates.
    static func padDate(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 3 else { return text }
        return "\(parts[0])-\(parts[1].count == 1 ? "0" : "")\(parts[1])-\(parts[2].count == 1 ? "0" : "")\(parts[2])"
    }

    /// The file for a set of enterprises: one row per enterprise and year (or one row with an
    /// empty year block for an enterprise without figures), with a BOM so Excel reads it as UTF-8.
    static func export(_ items: [(enterprise: EnterpriseRow, park: String?, years: [YearFacts])]) throws -> Data {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: headers)
        for item in items {
            let e = item.enterprise
            let registry = [
                e.uscc, e.name, item.park ?? "", e.industryCode ?? "", e.chain ?? "", e.foundedOn ?? "",
                e.contactName ?? "", e.contactPhone ?? "",
            ]
            let years = item.years.isEmpty ? [nil] : item.years.map { Optional($0) }
            for facts in years {
                let values = factColumns.map { column -> String in
                    guard let facts, let key = column.factKey, let v = facts[key] else { return "" }
                    return Self.number(column.percent ? (v * 100 * 1e9).rounded() / 1e9 : v)
                }
                try writer.write(
                    row: registry + [facts.map { String($0.year) } ?? ""] + EnterpriseProfileColumns.write(e.profile)
                        + values)
            }
        }
        writer.stream.close()
        let body = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + body
    }

    /// The shortest text that reads back as the same number, so that an exported zone imports to
    /// the same figures (and the same verdicts): 4 decimals of 万元 turned a growth of exactly 10%
    /// into 9.99999%. Percent columns are rounded to 9 decimals of a percent, below any threshold.
    static func number(_ v: Double) -> String {
        if v.rounded() == v, abs(v) < 1e15 { return String(Int64(v)) }
        let shortest = "\(v)"
        return shortest.contains("e") ? String(format: "%.17g", v) : shortest
    }
}
