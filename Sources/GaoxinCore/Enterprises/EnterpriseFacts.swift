/// One year of an enterprise's figures, as reported (火炬统计 / 年报). Money is in 万元, people are
/// head counts, shares are fractions (0.45 = 45%). Nil means "not reported", which rules treat
/// as missing rather than zero.
public struct YearFacts: Sendable, Hashable, Codable {
    public var year: Int
    public var revenue: Double?  // 营业收入
    public var mainRevenue: Double?  // 主营业务收入
    public var rdExpense: Double?  // 研发费用
    public var rdExpenseDomestic: Double?  // 境内研发费用
    public var totalCost: Double?  // 成本费用总额
    public var highTechRevenue: Double?  // 高新技术产品（服务）收入
    public var staff: Double?  // 职工总数
    public var techStaff: Double?  // 科技人员
    public var rdStaff: Double?  // 研发人员
    public var totalAssets: Double?  // 资产总额
    public var netAssets: Double?  // 净资产
    public var debtRatio: Double?  // 资产负债率 (fraction)
    public var ipClass1: Double?  // Ⅰ类知识产权（发明专利等）
    public var ipClass2: Double?  // Ⅱ类知识产权（实用新型等）
    public var exports: Double?  // 出口额
    public var tax: Double?  // 纳税总额
    public var newEquity: Double?  // 新增股权融资
    public var marketShare: Double?  // 主导产品国内细分市场占有率 (fraction)
    public var netProfit: Double?  // 净利润 (may be negative)
    public var techContractValue: Double?  // 技术合同成交额
    public var ipClass1HighValue: Double?  // 高价值Ⅰ类知识产权
    public var ipClass1SelfDeveloped: Double?  // 自主研发的Ⅰ类知识产权
    public var advancedDegreeStaff: Double?  // 硕士、博士学历人员
    public var digitalLevel: Double?  // 中小企业数字化水平评测等级 (1–4)
    public var qualityAchievements: Double?  // 专精特新质量管理水平满足项数 (0–4)
    // Self-assessed parts of the 高企 innovation score that experts judge and figures cannot give.
    public var ipQualityScore: Double?  // 知识产权其他评价项 (≤ 22: 先进程度、核心支持作用、获得方式、标准)
    public var techCommercialisationScore: Double?  // 科技成果转化能力 (≤ 30)
    public var rdManagementScore: Double?  // 研究开发组织管理水平 (≤ 20)
    public var localFeatureScore: Double?  // 专精特新特色化指标得分, set by the province (≤ 15)

    public init(year: Int) { self.year = year }

    /// The fields by key, in catalogue order; used by import, export and validation. (Key paths
    /// are immutable values; they just aren't marked Sendable yet.)
    nonisolated(unsafe) public static let numericFields: [(key: String, path: WritableKeyPath<YearFacts, Double?>)] = [
        ("revenue", \.revenue), ("mainRevenue", \.mainRevenue), ("rdExpense", \.rdExpense),
        ("rdExpenseDomestic", \.rdExpenseDomestic), ("totalCost", \.totalCost), ("highTechRevenue", \.highTechRevenue),
        ("staff", \.staff), ("techStaff", \.techStaff), ("rdStaff", \.rdStaff), ("totalAssets", \.totalAssets),
        ("netAssets", \.netAssets), ("debtRatio", \.debtRatio), ("ipClass1", \.ipClass1), ("ipClass2", \.ipClass2),
        ("exports", \.exports), ("tax", \.tax), ("newEquity", \.newEquity), ("marketShare", \.marketShare),
        ("netProfit", \.netProfit), ("techContractValue", \.techContractValue),
        ("ipClass1HighValue", \.ipClass1HighValue),
        ("ipClass1SelfDeveloped", \.ipClass1SelfDeveloped), ("advancedDegreeStaff", \.advancedDegreeStaff),
        ("digitalLevel", \.digitalLevel), ("qualityAchievements", \.qualityAchievements),
        ("ipQualityScore", \.ipQualityScore), ("techCommercialisationScore", \.techCommercialisationScore),
        ("rdManagementScore", \.rdManagementScore), ("localFeatureScore", \.localFeatureScore),
    ]

    /// `numericFields` by key.
    nonisolated(unsafe) static let numericFieldPaths = Dictionary(
        uniqueKeysWithValues: numericFields.map { ($0.key, $0.path) })

    /// Fields that may be negative (a loss); every other field is a non-negative amount, count or share.
    static let signedFields: Set<String> = ["netProfit"]

    /// Fields with a most allowed value: score caps of the official tables and level scales.
    static let upperLimits: [String: Double] = [
        "digitalLevel": 4, "qualityAchievements": 4, "ipQualityScore": 22, "techCommercialisationScore": 30,
        "rdManagementScore": 20, "localFeatureScore": 15,
    ]

    public subscript(key: String) -> Double? {
        get { Self.numericFields.first { $0.key == key }.flatMap { self[keyPath: $0.path] } }
        set {
            if let field = Self.numericFields.first(where: { $0.key == key }) { self[keyPath: field.path] = newValue }
        }
    }

    /// Everything impossible about these figures, as (field key, Chinese message). Empty when fine.
    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        let catalogue = EnterpriseFieldCatalogue.fields
        for (key, path) in Self.numericFields {
            guard let value = self[keyPath: path] else { continue }
            let label = catalogue[key]?.label ?? key
            if !value.isFinite {
                problems.append((key, "\(label)不是有效数字"))
            } else if value < 0, !Self.signedFields.contains(key) {
                problems.append((key, "\(label)不能为负数（\(value)）"))
            } else if let limit = Self.upperLimits[key], value > limit {
                problems.append((key, "\(label)不能超过 \(Self.plain(limit))（填写为 \(Self.plain(value))）"))
            }
        }
        for key in [
            "staff", "techStaff", "rdStaff", "ipClass1", "ipClass2", "ipClass1HighValue", "ipClass1SelfDeveloped",
            "advancedDegreeStaff", "digitalLevel", "qualityAchievements",
        ] {
            if let v = self[key], v.isFinite, v.rounded() != v {
                problems.append((key, "\(catalogue[key]?.label ?? key)必须是整数（\(v)）"))
            }
        }
        func notAbove(_ part: String, _ whole: String) {
            if let p = self[part], let w = self[whole], p > w {
                let pl = catalogue[part]?.label ?? part
                let wl = catalogue[whole]?.label ?? whole
                problems.append((part, "\(pl)（\(Self.plain(p))）不能大于\(wl)（\(Self.plain(w))）"))
            }
        }
        notAbove("techStaff", "staff")
        notAbove("rdStaff", "staff")
        notAbove("rdExpenseDomestic", "rdExpense")
        notAbove("mainRevenue", "revenue")
        notAbove("highTechRevenue", "revenue")
        notAbove("netAssets", "totalAssets")
        notAbove("ipClass1HighValue", "ipClass1")
        notAbove("ipClass1SelfDeveloped", "ipClass1")
        notAbove("advancedDegreeStaff", "staff")
        for key in ["debtRatio", "marketShare"] {
            if let v = self[key], v > 1 {
                problems.append((key, "\(catalogue[key]?.label ?? key)不能超过 100%（填写为 \(Self.plain(v * 100))%）"))
            }
        }
        if year < 1949 || year > 2100 { problems.append(("year", "年度 \(year) 不在有效范围内")) }
        return problems
    }

    static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// What an enterprise is, apart from its yearly figures: the inputs to the official criteria
/// that are not numbers of one year.
public struct EnterpriseProfile: Sendable, Hashable, Codable {
    public var foundedOn: Day?
    /// 从事主营业务（细分领域）的年数.
    public var yearsInNiche: Double?
    /// 主要产品（服务）属于《国家重点支持的高新技术领域》.
    public var inSupportedField: Bool?
    /// 主导产品属于战略性新兴产业.
    public var strategicEmergingIndustry: Bool?
    /// 申请前一年内发生重大安全、重大质量事故或严重环境违法行为.
    public var seriousIncident: Bool?
    /// 列入经营异常名录或严重失信主体名单.
    public var onDishonestList: Bool?
    /// 拥有省级以上研发机构.
    public var provincialRDInstitution: Bool?
    public var stage: GrowthStage?
    /// 在中国境内（不含港、澳、台地区）注册的居民企业.
    public var residentEnterprise: Bool?
    /// 产品（服务）属于国家规定的禁止、限制和淘汰类.
    public var restrictedIndustry: Bool?
    /// 符合《中小企业划型标准规定》.
    public var smallOrMediumEnterprise: Bool?
    /// 主导产品在产业链供应链关键环节“补短板”“锻长板”“填空白”取得实际成效.
    public var supplyChainKeyLink: Bool?
    /// 主导产品属于工业“六基”领域、中华老字号名录或服务关键产业链重点龙头企业.
    public var industrialFoundationField: Bool?
    /// 已建立的最高级别研发机构.
    public var rdInstitutionLevel: RDInstitutionLevel?
    /// 获得的科技奖励 (nil = not reported).
    public var awards: [ScienceAward]?
    /// 主导制定国际标准、国家标准或行业标准的年份 (one entry per standard).
    public var standardsLedYears: [Int]?
    /// 最近一次进入“创客中国”中小企业创新创业大赛全国500强企业组名单的年份.
    public var makerChinaTop500Year: Int?

    public init() {}
}

/// The three stages the 企业创新积分制 weights by.
public enum GrowthStage: String, Sendable, Hashable, Codable, CaseIterable {
    case startup, growth, mature

    public var label: String {
        switch self {
        case .startup: "初创期"
        case .growth: "成长期"
        case .mature: "稳定期"
        }
    }
}
