import Foundation
import GaoxinCore
import Testing

@testable import App

@Suite struct EnterpriseCSVTests {
    static let today = Day("2026-11-25")!
    static let header = EnterpriseCSV.headers.joined(separator: ",")

    /// A valid row for a given 信用代码, year and overrides (by header).
    static func row(_ uscc: String, year: Int = 2025, name: String = "佛山测试科技有限公司", _ overrides: [String: String] = [:])
        -> String
    {
        var values: [String: String] = [
            "统一社会信用代码": uscc, "企业名称": name, "园区": "禅城园", "行业代码": "C3484", "产业链": "智能制造",
            "成立日期": "2015-3-8", "联系人": "张伟", "联系电话": "13800138000", "年度": String(year),
            "营业收入（万元）": "12,000", "研发费用（万元）": "600", "职工总数（人）": "120", "科技人员数（人）": "30", "资产负债率（%）": "45.5",
        ]
        values.merge(overrides) { $1 }
        return EnterpriseCSV.headers.map { v in
            (values[v] ?? "").contains(",") ? "\"\(values[v]!)\"" : (values[v] ?? "")
        }.joined(separator: ",")
    }

    static let uscc1 = DemoLoader.creditCode(body: "91440604MA4UABCD1")
    static let uscc2 = DemoLoader.creditCode(body: "91440604MA4UABCD2")

    static func parse(_ lines: [String], parks: [String: Int64] = ["禅城园": 1]) -> EnterpriseCSV.Outcome {
        EnterpriseCSV.parse(Data((lines.joined(separator: "\r\n") + "\r\n").utf8), parks: parks, today: today)
    }

    @Test func readsExcelStyleFilesWithBOMAndCRLF() throws {
        let data =
            Data([0xEF, 0xBB, 0xBF])
            + Data(
                ([Self.header, Self.row(Self.uscc1), Self.row(Self.uscc1, year: 2024)].joined(separator: "\r\n")).utf8)
        guard case .valid(let rows) = EnterpriseCSV.parse(data, parks: ["禅城园": 1], today: Self.today) else {
            Issue.record("refused")
            return
        }
        #expect(rows.count == 2)
        #expect(rows[0].facts.revenue == 12000)  // thousands separator accepted
        #expect(rows[0].facts.debtRatio == 0.455)  // percent column stored as a fraction
        #expect(rows[0].foundedOn == Day("2015-03-08"))  // Excel's unpadded date
        #expect(rows[0].parkID == 1)
    }

    @Test func everyProblemIsReportedWithRowAndColumn() {
        let lines = [
            Self.header,
            Self.row("91440604MA4UABCD1X"),  // wrong check character
            Self.row(Self.uscc2, ["科技人员数（人）": "300"]),  // more tech staff than staff
            Self.row(Self.uscc2, year: 2024, ["资产负债率（%）": "120"]),  // ratio over 100%
            Self.row(Self.uscc2, year: 2023, ["营业收入（万元）": "-5", "园区": "火星园"]),  // negative, unknown park
            Self.row(Self.uscc2, year: 2023),  // same year twice
            Self.row(Self.uscc2, year: 2022, name: "另一个名字有限公司"),  // name disagrees
            Self.row(Self.uscc2, year: 2031),  // future year
        ]
        guard case .refused(let problems) = Self.parse(lines) else {
            Issue.record("accepted a bad file")
            return
        }
        func has(_ line: Int, _ column: String, _ text: String) -> Bool {
            problems.contains { $0.line == line && $0.column == column && $0.message.contains(text) }
        }
        #expect(has(2, "统一社会信用代码", "校验"))
        #expect(has(3, "科技人员数（人）", "不能大于职工总数"))
        #expect(has(4, "资产负债率（%）", "不能超过 100%"))
        #expect(has(5, "营业收入（万元）", "不能为负数"))
        #expect(has(5, "园区", "火星园"))
        #expect(has(6, "年度", "已出现"))
        #expect(has(7, "企业名称", "不一致"))
        #expect(has(8, "年度", "之间的年份"))
    }

    @Test func refusesFilesThatAreNotUTF8OrEmpty() {
        let gbk = Data([0xC6, 0xF3, 0xD2, 0xB5, 0x2C, 0xFF, 0xFE])  // GBK bytes, invalid as UTF-8
        guard case .refused(let p1) = EnterpriseCSV.parse(gbk, parks: [:], today: Self.today) else {
            Issue.record("accepted")
            return
        }
        #expect(p1.first?.message.contains("UTF-8") == true)
        guard case .refused(let p2) = EnterpriseCSV.parse(Data(), parks: [:], today: Self.today) else {
            Issue.record("accepted")
            return
        }
        #expect(p2.first?.message.contains("空") == true)
        guard case .refused(let p3) = Self.parse([Self.header]) else {
            Issue.record("accepted")
            return
        }
        #expect(p3.first?.message.contains("没有数据行") == true)
        guard case .refused(let p4) = Self.parse(["名称,金额", "a,1"]) else {
            Issue.record("accepted")
            return
        }
        #expect(p4.first?.message.contains("缺少必需的列") == true)
    }

    @Test func exportReadsBackToTheSameFigures() throws {
        guard case .valid(let rows) = Self.parse([Self.header, Self.row(Self.uscc1), Self.row(Self.uscc1, year: 2024)])
        else {
            Issue.record("refused")
            return
        }
        let enterprise = EnterpriseRow(
            id: 1, zoneId: 1, parkId: 1, name: rows[0].name, uscc: rows[0].uscc, createdAt: 0, industryCode: "C3484",
            chain: "智能制造", foundedOn: "2015-03-08", contactName: "张伟", contactPhone: "13800138000")
        let data = try EnterpriseCSV.export([(enterprise, "禅城园", rows.map(\.facts))])
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        guard case .valid(let again) = EnterpriseCSV.parse(data, parks: ["禅城园": 1], today: Self.today) else {
            Issue.record("refused own export")
            return
        }
        #expect(again.map(\.facts) == rows.map(\.facts))
        #expect(again.first?.foundedOn == rows.first?.foundedOn)
    }

    /// Figures with more decimals than 4 used to come back changed after an export (a growth of
    /// exactly 10% became 9.99999% and dropped a band): the export now writes every digit.
    @Test func figuresWithManyDecimalsSurviveExportAndImport() throws {
        let lines = [
            Self.header,
            Self.row(Self.uscc1, year: 2024, ["营业收入（万元）": "1234.56789", "资产负债率（%）": "33.333333"]),
            Self.row(Self.uscc1, year: 2025, ["营业收入（万元）": "1358.024679", "研发费用（万元）": "0.123456789"]),
        ]
        guard case .valid(let rows) = Self.parse(lines) else {
            Issue.record("refused")
            return
        }
        let enterprise = EnterpriseRow(
            id: 1, zoneId: 1, parkId: 1, name: rows[0].name, uscc: rows[0].uscc, createdAt: 0, industryCode: "C3484",
            chain: "智能制造", foundedOn: "2015-03-08", contactName: "张伟", contactPhone: "13800138000")
        let data = try EnterpriseCSV.export([(enterprise, "禅城园", rows.map(\.facts))])
        guard case .valid(let again) = EnterpriseCSV.parse(data, parks: ["禅城园": 1], today: Self.today) else {
            Issue.record("refused own export")
            return
        }
        #expect(again.map(\.facts) == rows.map(\.facts))
        #expect(EnterpriseCSV.number(1358.024679) == "1358.024679")
        #expect(EnterpriseCSV.number(0.123456789) == "0.123456789")
    }

    /// The facts the criteria read beyond the figures come in and go out with the CSV, so an
    /// imported enterprise can qualify (before, its verdict stayed 缺少数据 for ever).
    @Test func profileFactsComeInAndGoOutWithTheFile() throws {
        let facts = [
            "居民企业": "是", "中小企业": "是", "属于限制或淘汰类": "否", "一年内重大事故或严重环境违法": "否",
            "列入经营异常名录或严重失信名单": "否", "科技奖励": "国家级2024第2名",
        ]
        guard case .valid(let rows) = Self.parse([Self.header, Self.row(Self.uscc1, facts)]) else {
            Issue.record("refused")
            return
        }
        let profile = try #require(rows.first?.profile)
        #expect(profile.residentEnterprise == true)
        #expect(profile.onDishonestList == false)
        #expect(profile.awards?.first?.rank == 2)
        let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        let enterprise = EnterpriseRow(
            id: 1, zoneId: 1, parkId: 1, name: rows[0].name, uscc: rows[0].uscc, createdAt: 0, industryCode: "C3484",
            chain: "智能制造", foundedOn: "2015-03-08", contactName: "张伟", contactPhone: "13800138000",
            profileJson: json)
        let data = try EnterpriseCSV.export([(enterprise, "禅城园", rows.map(\.facts))])
        guard case .valid(let again) = EnterpriseCSV.parse(data, parks: ["禅城园": 1], today: Self.today) else {
            Issue.record("refused own export")
            return
        }
        #expect(again.first?.profile == profile)
        // A bad yes-or-no cell is named with its row and column; nothing is imported.
        guard case .refused(let problems) = Self.parse([Self.header, Self.row(Self.uscc2, ["居民企业": "不清楚"])]) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.contains { $0.column == "居民企业" && $0.line == 2 })
    }
}
