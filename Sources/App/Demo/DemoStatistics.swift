import Foundation
import GaoxinCore
import SQLKit

/// 统计监测 demo: the figures the seeds quote, read from `seed-facts.json` with their quotes, as the
/// demo zones' indicators. A figure whose year before we do not hold shows the growth the article
/// published ("公布数"): 佛山 工业总产值 4191.83 亿元 +2.99% (2020), 肇庆 1-6月 GDP 108.8 亿元 +3%
/// and 新型储能产值 108.2 亿元 +232% (2023), 沈阳 技术合同 2024 项 / 120.93 亿元, 宝鸡 到位资金 157.6 亿元
/// = 55.49% of the year's task.
enum DemoStatistics {
    struct Figure {
        let zone: String
        let code: String
        let name: String
        let unit: String
        let period: String
        /// The seed fact holding the figure, and the one holding its growth (either may be absent).
        let value: String?
        let growth: String?
        var target: Double? = nil
    }

    static let figures: [Figure] = [
        .init(
            zone: "foshan", code: "industrial_output", name: "工业总产值", unit: "亿元", period: "2020",
            value: "2020年预计工业总产值", growth: "2020年工业总产值增长"),
        .init(
            zone: "foshan", code: "hightech_output", name: "高新技术企业工业总产值", unit: "亿元", period: "2020",
            value: "2020年高新技术企业工业总产值", growth: "2020年高新技术企业工业总产值增长"),
        .init(
            zone: "foshan", code: "revenue", name: "营业收入", unit: "亿元", period: "2020", value: "2020年营业收入",
            growth: "2020年营业收入增长"),
        .init(
            zone: "foshan", code: "trade", name: "进出口总额", unit: "亿元", period: "2020", value: "2020年进出口总额",
            growth: "2020年进出口总额增长"),
        .init(
            zone: "zhaoqing", code: "gdp", name: "地区生产总值（GDP）", unit: "亿元", period: "2023-YTD06",
            value: "1-6月预计GDP", growth: "1-6月GDP同比增长"),
        .init(
            zone: "zhaoqing", code: "industrial_output", name: "规模以上工业总产值", unit: "亿元", period: "2023-YTD06",
            value: "1-6月规模以上工业总产值", growth: "1-6月规模以上工业总产值增长"),
        .init(
            zone: "zhaoqing", code: "industrial_value_added", name: "规模以上工业增加值", unit: "亿元",
            period: "2023-YTD06", value: "1-6月规模以上工业增加值", growth: "1-6月规模以上工业增加值增长"),
        .init(
            zone: "zhaoqing", code: "energy_storage_output", name: "新型储能产业产值", unit: "亿元", period: "2023-YTD05",
            value: "1-5月新型储能产业产值", growth: "1-5月新型储能产业产值同比增长"),
        .init(
            zone: "yongchuan", code: "industrial_output", name: "规模以上工业总产值", unit: "亿元", period: "2023-YTD06",
            value: "1-6月规模以上工业总产值", growth: "1-6月规模以上工业总产值同比增长"),
        .init(
            zone: "shenyang", code: "gdp", name: "地区生产总值", unit: "亿元", period: "2020", value: nil,
            growth: "2020年地区生产总值增长"),
        .init(
            zone: "shenyang", code: "fiscal_revenue", name: "一般公共预算收入", unit: "亿元", period: "2020", value: nil,
            growth: "2020年一般财政预算收入增长"),
        .init(
            zone: "shenyang", code: "fixed_investment", name: "固定资产投资", unit: "亿元", period: "2020", value: nil,
            growth: "2020年固定资产投资增长"),
        .init(
            zone: "shenyang", code: "tech_contracts", name: "技术合同登记", unit: "项", period: "2020",
            value: "2020年企业技术合同登记", growth: nil),
        .init(
            zone: "shenyang", code: "tech_contract_value", name: "技术合同成交额", unit: "亿元", period: "2020",
            value: "技术合同成交额", growth: nil),
        .init(
            zone: "jingdezhen", code: "aviation_revenue", name: "航空企业营业收入", unit: "亿元", period: "2020",
            value: nil, growth: "航空企业营业收入同比增长"),
        // 157.6 亿元 is 55.49% of the year's task: 284 亿元.
        .init(
            zone: "baoji", code: "funds_in_place", name: "招商引资到位资金", unit: "亿元", period: "2023-YTD06",
            value: "前6个月到位资金", growth: nil, target: 284),
    ]

    struct Fact: Decodable {
        let zone: String
        let fact: String
        let value: FactValue
        let quote: String
    }

    /// A fact's value: the numbers are what the demo reads; texts and lists are skipped.
    enum FactValue: Decodable {
        case number(Double)
        case other

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            self = (try? c.decode(Double.self)).map { .number($0) } ?? .other
        }
    }

    enum Missing: Error, CustomStringConvertible {
        case fact(String, String)
        var description: String {
            switch self {
            case .fact(let zone, let fact): "seed-facts.json 中没有“\(zone)”的“\(fact)”"
            }
        }
    }

    static func facts() throws -> [Fact] {
        try JSONDecoder().decode(
            [Fact].self, from: Data(contentsOf: AppResources.url("Resources/Demo/seed-facts.json")))
    }

    /// The zone's indicators and figures; the zone's full name (佛山高新区) finds its facts.
    static func load(zoneCode: String, zoneName: String, zoneID: Int64, now: Int64, db: any SQLDatabase) async throws {
        let mine = figures.filter { $0.zone == zoneCode }
        guard !mine.isEmpty else { return }
        let facts = try Self.facts().filter { $0.zone == zoneName }
        func fact(_ name: String) throws -> (Double, String) {
            guard let f = facts.first(where: { $0.fact == name }), case .number(let v) = f.value else {
                throw Missing.fact(zoneName, name)
            }
            return (v, f.quote)
        }
        let repo = StatisticsRepository(db: db)
        for figure in mine {
            let id = try await repo.insertIndicator(
                zoneID: zoneID, code: figure.code, name: figure.name, unit: figure.unit, at: now)
            let value = try figure.value.map(fact)
            let growth = try figure.growth.map(fact)
            let quotes = [value?.1, growth?.1].compactMap { $0 }
            guard let period = ReportingPeriod(key: figure.period) else { continue }
            try await repo.upsert(
                StatFigureDraft(
                    indicatorID: id, period: period, value: value?.0, statedGrowth: growth.map { $0.0 / 100 },
                    target: figure.target,
                    source: "报道原文："
                        + (quotes.count == 2 && quotes[0] == quotes[1] ? [quotes[0]] : quotes)
                        .joined(separator: "；")),
                zoneID: zoneID, by: "演示数据", at: now)
        }
    }
}
