/// Builds the record an eligibility rule reads for an enterprise in a given year: the reported
/// figures of that year plus the derived ratios and growth rates the official criteria speak of
/// (3-year R&D intensity, tech-staff share, growth over two years…). A ratio whose inputs are
/// missing or whose base is zero is left out, so a rule sees it as missing, never as 0.
public enum EnterpriseRecord {
    public static func build(
        profile: EnterpriseProfile, years: [YearFacts], year: Int, today: Day, certifications: Set<String> = []
    ) -> JSONValue {
        let byYear = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        // Every key below is put at most once, so the members are gathered in a list and the object
        // built once at the end: setting them one by one searched the members by name each time (a
        // zone's matching builds 100 000 of these records).
        var members: [JSONObject.Element] = []
        members.reserveCapacity(64)
        func put(_ key: String, _ value: Double?) {
            if let value, value.isFinite { members.append((key, .number(value))) }
        }
        func put(_ key: String, _ value: Bool?) { if let value { members.append((key, .bool(value))) } }

        members.append(("year", .number(Double(year))))
        let current = byYear[year]
        for (key, path) in YearFacts.numericFields { put(key, current?[keyPath: path]) }

        func ratio(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b, b > 0 else { return nil }
            return rounded(a / b)
        }
        put("rdRatio", ratio(current?.rdExpense, current?.revenue))
        put("rdCostRatio", ratio(current?.rdExpense, current?.totalCost))
        put("rdDomesticShare", ratio(current?.rdExpenseDomestic, current?.rdExpense))
        put("highTechRevenueShare", ratio(current?.highTechRevenue, current?.revenue))
        put("techStaffRatio", ratio(current?.techStaff, current?.staff))
        put("rdStaffRatio", ratio(current?.rdStaff, current?.staff))
        put("mainBusinessShare", ratio(current?.mainRevenue, current?.revenue))
        put("netProfitMargin", ratio(current?.netProfit, current?.revenue))

        // Three-year sums (高企: 近三个会计年度研发费用总额占同期销售收入总额的比例).
        let last3 = [year - 2, year - 1, year].compactMap { byYear[$0] }
        if last3.count == 3 {
            let rd = last3.compactMap(\.rdExpense)
            let sales = last3.compactMap(\.revenue)
            if rd.count == 3, sales.count == 3 { put("rdRatio3y", ratio(rd.reduce(0, +), sales.reduce(0, +))) }
            let domestic = last3.compactMap(\.rdExpenseDomestic)
            if domestic.count == 3, rd.count == 3 {
                put("rdDomesticShare3y", ratio(domestic.reduce(0, +), rd.reduce(0, +)))
            }
        }
        // Sums over a window need every year of it: a year not reported is not a year of zero.
        func sum(_ path: KeyPath<YearFacts, Double?>, years: Int) -> Double? {
            let values = ((year - years + 1)...year).compactMap { byYear[$0]?[keyPath: path] }
            return values.count == years ? values.reduce(0, +) : nil
        }
        put("rdExpense2y", sum(\.rdExpense, years: 2))
        put("rdExpenseAvg2y", sum(\.rdExpense, years: 2).map { $0 / 2 })
        put("newEquity2y", sum(\.newEquity, years: 2))
        put("newEquity3y", sum(\.newEquity, years: 3))
        put("rdRatioPrev", ratio(byYear[year - 1]?.rdExpense, byYear[year - 1]?.revenue))
        put("rdExpensePrev", byYear[year - 1]?.rdExpense)

        // Growth: y/(y-1) - 1, and the 高企 two-year form ½(y2/y1 + y3/y2) − 1.
        func growth(_ path: KeyPath<YearFacts, Double?>) -> Double? {
            ratio(current?[keyPath: path], byYear[year - 1]?[keyPath: path]).map { rounded($0 - 1) }
        }
        func twoYearGrowth(_ path: KeyPath<YearFacts, Double?>) -> Double? {
            guard let r1 = ratio(byYear[year - 1]?[keyPath: path], byYear[year - 2]?[keyPath: path]),
                let r2 = ratio(current?[keyPath: path], byYear[year - 1]?[keyPath: path])
            else { return nil }
            return rounded((r1 + r2) / 2 - 1)
        }
        put("revenueGrowth", growth(\.revenue))
        put("mainRevenueGrowth", growth(\.mainRevenue))
        put("rdExpenseGrowth", growth(\.rdExpense))
        put("revenueGrowth2y", twoYearGrowth(\.revenue))
        put("netAssetsGrowth2y", twoYearGrowth(\.netAssets))
        put("mainRevenueGrowth2y", twoYearGrowth(\.mainRevenue))

        if let founded = profile.foundedOn { put("registeredDays", Double(founded.days(until: today))) }
        put("yearsInNiche", profile.yearsInNiche)
        put("inSupportedField", profile.inSupportedField)
        put("strategicEmergingIndustry", profile.strategicEmergingIndustry)
        put("seriousIncident", profile.seriousIncident)
        put("onDishonestList", profile.onDishonestList)
        put("provincialRDInstitution", profile.provincialRDInstitution)
        if let stage = profile.stage { members.append(("stage", .string(stage.rawValue))) }
        members.append(("certifications", .array(certifications.sorted().map { .string($0) })))
        put("certificationCount", Double(certifications.count))
        put("residentEnterprise", profile.residentEnterprise)
        put("restrictedIndustry", profile.restrictedIndustry)
        put("smallOrMediumEnterprise", profile.smallOrMediumEnterprise)
        put("supplyChainKeyLink", profile.supplyChainKeyLink)
        put("industrialFoundationField", profile.industrialFoundationField)
        if let level = profile.rdInstitutionLevel {
            put("rdInstitutionLevel", Double(level.score))
            if profile.provincialRDInstitution == nil { put("provincialRDInstitution", level.score >= 3) }
        }

        // "近 N 年" is N years counted back from the application year, that year included (the criteria
        // files say so): in 2026 近三年 is 2024–2026 and 近五年 2022–2026.
        func recent(_ eventYear: Int, within years: Int) -> Bool {
            eventYear > today.year - years && eventYear <= today.year
        }
        for (level, key) in [(ScienceAward.Level.national, "national"), (.provincial, "provincial")] {
            for window in [3, 5] {
                let ranks = (profile.awards ?? []).filter { $0.level == level && recent($0.year, within: window) }.map(
                    \.rank)
                put("\(key)AwardRank\(window)y", ranks.min().map(Double.init))
            }
        }
        if let years = profile.standardsLedYears {
            put("standardsLed5y", Double(years.filter { recent($0, within: 5) }.count))
        }
        if let top500 = profile.makerChinaTop500Year { put("makerChinaTop500In3y", recent(top500, within: 3)) }
        assert(Set(members.map(\.key)).count == members.count, "a record member put twice")
        return .object(JSONObject(uniqueEntries: members))
    }

    /// Ratios are rounded to 12 decimals so that a figure exactly on a threshold (700 ÷ 1000 = 70%, a
    /// growth of exactly 35%) compares as equal to it instead of missing it by floating-point noise.
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite, abs(value) < 1e6 else { return value }
        return (value * 1e12).rounded() / 1e12
    }
}
