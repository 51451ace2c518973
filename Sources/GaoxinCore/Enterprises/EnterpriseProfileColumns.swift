import Foundation

/// The enterprise facts the criteria read that are not yearly figures (居民企业, 失信, 中小企业,
/// 重点支持领域, awards …) as columns of text, for the enterprise CSV and the form: each has a
/// Chinese header, and reads and writes one cell. An empty cell is "not reported" (nil), which the
/// criteria show as 缺少数据; 是/否 answer a yes-or-no fact.
public enum EnterpriseProfileColumns {
    public struct Problem: Sendable, Equatable {
        public let header: String
        public let message: String
    }

    // Key paths are not Sendable, so the table is computed (it is small).
    static var flags: [(header: String, path: WritableKeyPath<EnterpriseProfile, Bool?>)] {
        [
            ("居民企业", \.residentEnterprise),
            ("中小企业", \.smallOrMediumEnterprise),
            ("属于限制或淘汰类", \.restrictedIndustry),
            ("一年内重大事故或严重环境违法", \.seriousIncident),
            ("列入经营异常名录或严重失信名单", \.onDishonestList),
            ("属于国家重点支持的高新技术领域", \.inSupportedField),
            ("属于战略性新兴产业", \.strategicEmergingIndustry),
            ("拥有省级以上研发机构", \.provincialRDInstitution),
            ("产业链供应链关键环节", \.supplyChainKeyLink),
            ("工业六基或老字号或龙头配套", \.industrialFoundationField),
        ]
    }

    public static let nicheYears = "从事细分领域年数"
    public static let stage = "发展阶段"
    public static let rdLevel = "最高研发机构级别"
    public static let awards = "科技奖励"
    public static let standards = "主导制定标准年份"
    public static let top500 = "创客中国500强年份"

    public static var flagHeaders: [String] { flags.map(\.header) }

    public static var headers: [String] {
        flags.map(\.header) + [nicheYears, stage, rdLevel, awards, standards, top500]
    }

    /// A profile from the cells (`cell(header)` gives "" when absent), with a problem per bad cell.
    public static func read(_ cell: (String) -> String, thisYear: Int) -> (EnterpriseProfile, [Problem]) {
        var profile = EnterpriseProfile()
        var problems: [Problem] = []
        func fail(_ header: String, _ message: String) { problems.append(Problem(header: header, message: message)) }
        for (header, path) in flags {
            switch cell(header) {
            case "": break
            case "是", "Y", "y", "1", "true": profile[keyPath: path] = true
            case "否", "N", "n", "0", "false": profile[keyPath: path] = false
            case let other: fail(header, "请填“是”或“否”，不知道请留空（\(other)）")
            }
        }
        let years = cell(nicheYears)
        if !years.isEmpty {
            if let value = Double(years), value.isFinite, (0...200).contains(value) {
                profile.yearsInNiche = value
            } else {
                fail(nicheYears, "应为 0 到 200 之间的数字（\(years)）")
            }
        }
        let stageText = cell(stage)
        if !stageText.isEmpty {
            if let value = GrowthStage.allCases.first(where: { $0.label == stageText }) {
                profile.stage = value
            } else {
                fail(stage, "可填：\(GrowthStage.allCases.map(\.label).joined(separator: "、"))（\(stageText)）")
            }
        }
        let level = cell(rdLevel)
        if !level.isEmpty {
            if let value = RDInstitutionLevel.allCases.first(where: { $0.label == level }) {
                profile.rdInstitutionLevel = value
            } else {
                fail(rdLevel, "可填：\(RDInstitutionLevel.allCases.map(\.label).joined(separator: "、"))（\(level)）")
            }
        }
        let awardText = cell(awards)
        if !awardText.isEmpty {
            var list: [ScienceAward] = []
            for item in split(awardText) {
                // 国家级2024第2名
                let level = ScienceAward.Level.allCases.first { item.hasPrefix($0.label) }
                let digits = item.drop { !$0.isNumber }
                let year = Int(digits.prefix(4))
                let rank = digits.range(of: "第").flatMap { Int(digits[$0.upperBound...].prefix { $0.isNumber }) }
                guard let level, let year, (1949...thisYear).contains(year), let rank, (1...100).contains(rank) else {
                    fail(awards, "每项写成“国家级2024第2名”或“省级2023第1名”，多项用分号分隔（\(item)）")
                    continue
                }
                list.append(ScienceAward(level: level, year: year, rank: rank))
            }
            profile.awards = list
        }
        let standardText = cell(standards)
        if !standardText.isEmpty {
            let years = split(standardText).map { Int($0) }
            if years.allSatisfy({ $0.map { (1949...thisYear).contains($0) } ?? false }) {
                profile.standardsLedYears = years.compactMap { $0 }
            } else {
                fail(standards, "每个标准写一个年份，用分号分隔，如“2021；2024”（\(standardText)）")
            }
        }
        let top500Text = cell(top500)
        if !top500Text.isEmpty {
            if let year = Int(top500Text), (2016...thisYear).contains(year) {
                profile.makerChinaTop500Year = year
            } else {
                fail(top500, "应为 2016 到 \(thisYear) 之间的年份（\(top500Text)）")
            }
        }
        return (profile, problems)
    }

    /// The cells of a profile, in `headers` order; reading them back gives the same profile.
    public static func write(_ profile: EnterpriseProfile) -> [String] {
        var cells = flags.map { profile[keyPath: $0.path].map { $0 ? "是" : "否" } ?? "" }
        cells.append(profile.yearsInNiche.map { $0.rounded() == $0 ? String(Int($0)) : "\($0)" } ?? "")
        cells.append(profile.stage?.label ?? "")
        cells.append(profile.rdInstitutionLevel?.label ?? "")
        cells.append(
            profile.awards.map { $0.map { "\($0.level.label)\($0.year)第\($0.rank)名" }.joined(separator: "；") } ?? "")
        cells.append(profile.standardsLedYears.map { $0.map(String.init).joined(separator: "；") } ?? "")
        cells.append(profile.makerChinaTop500Year.map(String.init) ?? "")
        return cells
    }

    private static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { "；;、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
