/// One choice in the rule builder's field list. Numbers and yes/no flags are catalogue fields; each
/// certification and each growth stage is its own yes/no choice ("已获资质：高新技术企业"), so a form
/// without JavaScript never needs a second list that depends on the first.
public struct RuleFieldOption: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A number compared with ≥ > = ≠ < ≤, entered in the field's display unit.
        case number(FieldCatalogue.Field)
        /// A yes/no fact of the enterprise.
        case flag
        /// Holds a valid certification of this kind.
        case certification(CertificationKind)
        /// Is in this growth stage.
        case stage(GrowthStage)
    }

    /// What the form posts: a catalogue path, `certifications:high_tech` or `stage:startup`.
    public let key: String
    public let label: String
    public let kind: Kind
    /// The heading the option is listed under.
    public let section: String

    public var isNumber: Bool {
        if case .number = kind { return true }
        return false
    }

    /// The unit a value is typed in ("%", "万元", "人"), empty for yes/no choices.
    public var unit: String {
        if case .number(let field) = kind { return field.unit }
        return ""
    }
}

/// The fields the rule builder offers, in the order a committee member looks for them.
public enum RuleFieldOptions {
    public static let sections = ["年度数据", "比例与增长", "企业情况", "已获资质", "发展阶段"]

    /// Catalogue paths shown as numbers, by section; any catalogue number not listed here is added
    /// to "企业情况" so a new catalogue field is never missing from the builder.
    private static let figures = YearFacts.numericFields.map(\.key)
    private static let ratios = [
        "rdRatio", "rdRatio3y", "rdRatioPrev", "rdCostRatio", "rdDomesticShare", "rdDomesticShare3y",
        "highTechRevenueShare",
        "techStaffRatio", "rdStaffRatio", "mainBusinessShare", "netProfitMargin", "revenueGrowth", "mainRevenueGrowth",
        "rdExpenseGrowth", "revenueGrowth2y", "netAssetsGrowth2y", "mainRevenueGrowth2y", "rdExpensePrev",
        "rdExpense2y",
        "rdExpenseAvg2y", "newEquity2y", "newEquity3y",
    ]
    /// Paths the builder does not offer: the record's year, and the list it reads through the
    /// certification choices instead.
    private static let hidden: Set<String> = ["year", "certifications", "stage"]
    private static let flags: Set<String> = [
        "inSupportedField", "strategicEmergingIndustry", "seriousIncident", "onDishonestList",
        "provincialRDInstitution",
        "residentEnterprise", "restrictedIndustry", "smallOrMediumEnterprise", "supplyChainKeyLink",
        "industrialFoundationField", "makerChinaTop500In3y",
    ]

    public static let all: [RuleFieldOption] = {
        let catalogue = EnterpriseFieldCatalogue.fields
        var out: [RuleFieldOption] = []
        var seen = Set<String>()
        func number(_ key: String, _ section: String) {
            guard let field = catalogue[key], !seen.contains(key), !hidden.contains(key), !flags.contains(key) else {
                return
            }
            seen.insert(key)
            out.append(RuleFieldOption(key: key, label: field.label, kind: .number(field), section: section))
        }
        figures.forEach { number($0, "年度数据") }
        ratios.forEach { number($0, "比例与增长") }
        for key in flags.sorted() where catalogue[key] != nil {
            seen.insert(key)
            out.append(RuleFieldOption(key: key, label: catalogue[key]!.label, kind: .flag, section: "企业情况"))
        }
        catalogue.keys.sorted().forEach { number($0, "企业情况") }
        for kind in CertificationKind.allCases {
            out.append(
                RuleFieldOption(
                    key: "certifications:\(kind.rawValue)", label: "已获资质：\(kind.label)",
                    kind: .certification(kind), section: "已获资质"))
        }
        for stage in GrowthStage.allCases {
            out.append(
                RuleFieldOption(
                    key: "stage:\(stage.rawValue)", label: "发展阶段：\(stage.label)", kind: .stage(stage), section: "发展阶段"))
        }
        return out
    }()

    private static let byKey = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    public static func option(_ key: String) -> RuleFieldOption? { byKey[key] }
}
