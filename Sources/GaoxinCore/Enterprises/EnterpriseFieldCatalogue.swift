/// Labels and units for every field an enterprise rule may read, so explanations read
/// "研发费用占营业收入比例 3.1%，要求 ≥ 4%，不满足" and the rule builder lists fields in Chinese.
public enum EnterpriseFieldCatalogue {
    public static let fields: [String: FieldCatalogue.Field] = {
        var f: [String: FieldCatalogue.Field] = [:]
        func money(_ key: String, _ label: String) { f[key] = .init(label: label, unit: "万元", scale: 1, decimals: 2) }
        func count(_ key: String, _ label: String, _ unit: String) {
            f[key] = .init(label: label, unit: unit, scale: 1, decimals: 0)
        }
        func share(_ key: String, _ label: String) { f[key] = .percent(label) }
        func flag(_ key: String, _ label: String) { f[key] = .init(label: label) }
        f["year"] = .init(label: "年度", unit: "年", decimals: 0)
        money("revenue", "营业收入")
        money("mainRevenue", "主营业务收入")
        money("rdExpense", "研发费用")
        money("rdExpenseDomestic", "境内研发费用")
        money("totalCost", "成本费用总额")
        money("highTechRevenue", "高新技术产品（服务）收入")
        count("staff", "职工总数", "人")
        count("techStaff", "科技人员数", "人")
        count("rdStaff", "研发人员数", "人")
        money("totalAssets", "资产总额")
        money("netAssets", "净资产")
        share("debtRatio", "资产负债率")
        count("ipClass1", "Ⅰ类知识产权数", "件")
        count("ipClass2", "Ⅱ类知识产权数", "件")
        money("exports", "出口额")
        money("tax", "纳税总额")
        money("newEquity", "新增股权融资")
        share("marketShare", "国内细分市场占有率")
        share("rdRatio", "研发费用占营业收入比例")
        share("rdCostRatio", "研发费用占成本费用比例")
        share("rdDomesticShare", "境内研发费用占比")
        share("highTechRevenueShare", "高新技术产品（服务）收入占比")
        share("techStaffRatio", "科技人员占职工总数比例")
        share("rdStaffRatio", "研发人员占职工总数比例")
        share("mainBusinessShare", "主营业务收入占营业收入比例")
        share("rdRatio3y", "近三年研发费用占销售收入比例")
        share("rdRatioPrev", "上年研发费用占营业收入比例")
        money("rdExpensePrev", "上年研发费用")
        share("revenueGrowth", "营业收入增长率")
        share("mainRevenueGrowth", "主营业务收入增长率")
        share("revenueGrowth2y", "近两年销售收入平均增长率")
        share("netAssetsGrowth2y", "近两年净资产平均增长率")
        share("mainRevenueGrowth2y", "近两年主营业务收入平均增长率")
        count("registeredDays", "注册成立天数", "天")
        f["yearsInNiche"] = .init(label: "从事细分领域年数", unit: "年", decimals: 1)
        flag("inSupportedField", "属于国家重点支持的高新技术领域")
        flag("strategicEmergingIndustry", "主导产品属于战略性新兴产业")
        flag("seriousIncident", "上年度发生重大安全、质量事故或严重环境违法")
        flag("onDishonestList", "列入经营异常名录或严重失信名单")
        flag("provincialRDInstitution", "拥有省级以上研发机构")
        f["stage"] = .init(
            label: "发展阶段",
            valueLabels: Dictionary(uniqueKeysWithValues: GrowthStage.allCases.map { ($0.rawValue, $0.label) }))
        f["certifications"] = .init(
            label: "已获资质",
            valueLabels: Dictionary(uniqueKeysWithValues: CertificationKind.allCases.map { ($0.rawValue, $0.label) }))

        // Figures added for the official criteria and the 企业创新积分制.
        money("netProfit", "净利润")
        money("techContractValue", "技术合同成交额")
        count("ipClass1HighValue", "高价值Ⅰ类知识产权数", "件")
        count("ipClass1SelfDeveloped", "自主研发Ⅰ类知识产权数", "件")
        count("advancedDegreeStaff", "硕士、博士学历人员数", "人")
        count("digitalLevel", "数字化水平等级", "级")
        count("qualityAchievements", "质量管理水平满足项数", "项")
        f["ipQualityScore"] = .init(label: "知识产权其他评价项自评分（满分22）", unit: "分", decimals: 1)
        f["techCommercialisationScore"] = .init(label: "科技成果转化能力自评分（满分30）", unit: "分", decimals: 1)
        f["rdManagementScore"] = .init(label: "研究开发组织管理水平自评分（满分20）", unit: "分", decimals: 1)
        f["localFeatureScore"] = .init(label: "特色化指标得分（满分15）", unit: "分", decimals: 1)
        share("netProfitMargin", "净利润率")
        share("rdDomesticShare3y", "近三年境内研发费用占比")
        share("rdExpenseGrowth", "研发费用增长率")
        money("rdExpense2y", "近两年研发费用总额")
        money("rdExpenseAvg2y", "近两年研发费用总额均值")
        money("newEquity2y", "近两年新增股权融资总额")
        money("newEquity3y", "近三年新增股权融资总额")
        flag("residentEnterprise", "在中国境内注册的居民企业")
        flag("restrictedIndustry", "产品属于国家禁止、限制和淘汰类")
        flag("smallOrMediumEnterprise", "符合中小企业划型标准")
        flag("supplyChainKeyLink", "主导产品在产业链供应链关键环节补短板、锻长板、填空白取得实际成效")
        flag("industrialFoundationField", "主导产品属于工业“六基”领域、中华老字号或服务关键产业链龙头企业")
        f["rdInstitutionLevel"] = .init(label: "研发机构级别（4 国家级、3 省级、2 市级、1 市级以下、0 未建立）", unit: "", decimals: 0)
        count("nationalAwardRank3y", "近三年国家级科技奖励最好排名", "名")
        count("nationalAwardRank5y", "近五年国家级科技奖励最好排名", "名")
        count("provincialAwardRank3y", "近三年省级科技奖励最好排名", "名")
        count("provincialAwardRank5y", "近五年省级科技奖励最好排名", "名")
        count("standardsLed5y", "近五年主导制定国际、国家或行业标准数", "项")
        flag("makerChinaTop500In3y", "近三年进入“创客中国”全国500强企业组名单")
        count("certificationCount", "已获资质数", "项")
        return f
    }()

    public static var catalogue: FieldCatalogue { FieldCatalogue(fields) }

    /// For fields computed from several figures: what they need, so "缺少数据" can say what to fill in.
    public static let derivations: [String: String] = [
        "rdRatio": "本年度研发费用和营业收入", "rdCostRatio": "本年度研发费用和成本费用总额",
        "rdDomesticShare": "本年度境内研发费用和研发费用", "highTechRevenueShare": "本年度高新技术产品（服务）收入和营业收入",
        "techStaffRatio": "本年度科技人员数和职工总数", "rdStaffRatio": "本年度研发人员数和职工总数",
        "mainBusinessShare": "本年度主营业务收入和营业收入", "rdRatio3y": "近三个年度各年的研发费用和营业收入",
        "rdDomesticShare3y": "近三个年度各年的境内研发费用和研发费用", "rdRatioPrev": "上一年度研发费用和营业收入",
        "rdExpensePrev": "上一年度研发费用", "revenueGrowth": "本年度和上一年度营业收入",
        "mainRevenueGrowth": "本年度和上一年度主营业务收入", "rdExpenseGrowth": "本年度和上一年度研发费用",
        "revenueGrowth2y": "近三个年度各年的营业收入", "netAssetsGrowth2y": "近三个年度各年的净资产",
        "mainRevenueGrowth2y": "近三个年度各年的主营业务收入", "netProfitMargin": "本年度净利润和营业收入",
        "rdExpense2y": "本年度和上一年度研发费用", "rdExpenseAvg2y": "本年度和上一年度研发费用",
        "newEquity2y": "本年度和上一年度新增股权融资", "newEquity3y": "近三个年度各年的新增股权融资",
        "registeredDays": "成立日期",
    ]
}
