import Foundation
import GaoxinCore

/// Demo enterprises with three years of figures and certifications, generated deterministically
/// (the same every time) at a scale a zone's staff would recognise: 佛山 gets a few hundred —
/// its article reports 2931 高企 and 695 new ones in 2020 — and the other zones a few dozen. The
/// figures spread around the official thresholds so every criterion has passes and near misses.
enum DemoEnterprises {
    static let trades = [
        "智能装备", "精密制造", "新材料", "生物医药", "光电", "数控机床", "半导体", "新能源", "环保科技", "医疗器械",
        "软件", "信息技术", "机器人", "先进陶瓷", "智能家电", "汽车零部件", "铝型材", "电子元件", "检测技术", "储能",
    ]
    static let suffixes = ["科技有限公司", "股份有限公司", "技术有限公司", "装备有限公司", "制造有限公司"]
    static let chains = ["智能制造", "新材料", "生物医药", "电子信息", "新能源汽车", "高端装备"]
    static let industries = ["C3484", "C3311", "C2710", "C3969", "C3976", "C4011", "I6513", "C3562", "C3670", "C3841"]

    /// A small deterministic generator (numbers only need to look plausible, not be random).
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() * Double(items.count)) % items.count] }
        mutating func between(_ low: Double, _ high: Double) -> Double { low + (high - low) * next() }
    }

    struct Demo {
        var rows: [EnterpriseCSV.Row]
        var certifications: [(uscc: String, certification: Certification)]
    }

    static func make(
        zoneIndex: Int, city: String, count: Int, parkIDs: [Int64], existing: [(uscc: String, name: String)], today: Day
    ) -> Demo {
        var g = Generator(state: UInt64(2026 + zoneIndex * 7919))
        let prefix = city.replacingOccurrences(of: "市", with: "")
        var rows: [EnterpriseCSV.Row] = []
        var certifications: [(String, Certification)] = []
        var usedNames = Set(existing.map(\.name))
        let lastYear = today.year - 1
        for i in 0..<count {
            var uscc: String
            var name: String
            if i < existing.count {
                (uscc, name) = existing[i]
            } else {
                uscc = DemoLoader.creditCode(
                    body: String(format: "91%06d%09d", 100_000 + zoneIndex * 1111, 400_000_000 + zoneIndex * 10_000 + i)
                )
                var candidate = "\(prefix)\(g.pick(trades))\(g.pick(suffixes))"
                var n = 2
                while usedNames.contains(candidate) {
                    candidate =
                        "\(prefix)\(g.pick(trades))\(["", "华", "创", "联", "瑞", "达"][n % 6])\(n)号\(g.pick(suffixes))"
                    n += 1
                }
                usedNames.insert(candidate)
                name = candidate
            }
            // Size: most are small, some large (revenue in 万元).
            let size = g.next()
            let revenue =
                size < 0.55 ? g.between(800, 5000) : size < 0.85 ? g.between(5000, 20000) : g.between(20000, 120_000)
            let staff = (revenue / g.between(60, 160)).rounded().clamped(8, 3000)
            let rdRate = g.between(0.015, 0.075)  // straddles the 3%/4%/5% thresholds
            let techShare = g.between(0.06, 0.40)  // straddles 10% and the 科小 bands
            let highTechShare = g.between(0.45, 0.95)  // straddles 60%
            let growth = g.between(-0.08, 0.35)
            let founded = Day(
                year: today.year - Int(g.between(1, 22)), month: 1 + Int(g.next() * 12) % 12,
                day: 1 + Int(g.next() * 28) % 28)!
            let stage: GrowthStage =
                founded.year > today.year - 5 ? .startup : founded.year > today.year - 12 ? .growth : .mature
            var profile = EnterpriseProfile()
            profile.yearsInNiche = Double(today.year - founded.year)
            profile.inSupportedField = g.next() < 0.85
            profile.strategicEmergingIndustry = g.next() < 0.6
            profile.seriousIncident = g.next() < 0.03
            profile.onDishonestList = g.next() < 0.02
            profile.provincialRDInstitution = g.next() < 0.2
            profile.stage = stage
            profile.residentEnterprise = true
            profile.restrictedIndustry = g.next() < 0.03
            profile.smallOrMediumEnterprise = revenue < 40000 && staff < 1000
            profile.supplyChainKeyLink = g.next() < 0.3
            profile.industrialFoundationField = g.next() < 0.3
            let ipClass1 = (g.next() * (revenue > 20000 ? 15 : 5)).rounded(.down)
            let ipClass2 = (g.next() * 12).rounded(.down)
            for back in (0..<3).reversed() {
                let year = lastYear - back
                let scale = pow(1 + growth, Double(-back))
                var facts = YearFacts(year: year)
                let r = (revenue * scale).rounded()
                facts.revenue = r
                facts.mainRevenue = (r * g.between(0.6, 0.98)).rounded()
                facts.rdExpense = (r * rdRate * g.between(0.9, 1.1)).rounded()
                facts.rdExpenseDomestic = ((facts.rdExpense ?? 0) * g.between(0.55, 1.0)).rounded()
                facts.totalCost = (r * g.between(0.7, 0.95)).rounded()
                facts.highTechRevenue = (r * highTechShare).rounded()
                facts.staff = (staff * pow(1 + growth / 2, Double(-back))).rounded().clamped(5, 5000)
                facts.techStaff = ((facts.staff ?? 0) * techShare).rounded()
                facts.rdStaff = ((facts.techStaff ?? 0) * g.between(0.5, 0.9)).rounded()
                facts.totalAssets = (r * g.between(0.8, 1.6)).rounded()
                facts.debtRatio = (g.between(0.25, 0.82) * 1000).rounded() / 1000
                facts.netAssets = ((facts.totalAssets ?? 0) * (1 - (facts.debtRatio ?? 0.5))).rounded()
                facts.ipClass1 = max(0, ipClass1 - Double(back))
                facts.ipClass2 = max(0, ipClass2 - Double(back))
                facts.exports = g.next() < 0.4 ? (r * g.between(0.05, 0.4)).rounded() : 0
                facts.tax = (r * g.between(0.02, 0.06)).rounded()
                facts.newEquity = g.next() < 0.15 ? g.between(500, 5000).rounded() : 0
                facts.marketShare = (g.between(0.02, 0.3) * 1000).rounded() / 1000
                facts.netProfit = (r * g.between(-0.05, 0.15)).rounded()
                facts.techContractValue = g.next() < 0.3 ? (r * g.between(0.01, 0.1)).rounded() : 0
                facts.ipClass1SelfDeveloped =
                    (facts.ipClass1 ?? 0) > 0 ? ((facts.ipClass1 ?? 0) * g.between(0.3, 1)).rounded(.down) : 0
                facts.ipClass1HighValue = ((facts.ipClass1SelfDeveloped ?? 0) * g.between(0, 0.6)).rounded(.down)
                facts.advancedDegreeStaff = ((facts.techStaff ?? 0) * g.between(0.05, 0.4)).rounded()
                // Self-assessed 高企 scores (expert-judged parts), as an enterprise would enter them.
                facts.ipQualityScore = g.between(8, 20).rounded()
                facts.techCommercialisationScore = g.between(12, 28).rounded()
                facts.rdManagementScore = g.between(8, 18).rounded()
                rows.append(
                    EnterpriseCSV.Row(
                        line: rows.count + 2, uscc: uscc, name: name,
                        parkID: parkIDs.isEmpty ? nil : parkIDs[i % parkIDs.count],
                        industryCode: g.pick(industries), chain: g.pick(chains), foundedOn: founded,
                        contactName: g.pick(["张伟", "李娜", "王磊", "刘洋", "陈静", "杨帆"]),
                        contactPhone: "1380000\(String(format: "%04d", (zoneIndex * 500 + i) % 10000))", facts: facts,
                        profile: profile))
            }
            // Certifications, spread over the ladder and over the years (some expired).
            let certifiedYear = today.year - Int(g.between(0, 5))
            let on = Day(year: certifiedYear, month: 1 + i % 12, day: 1 + i % 27)!
            if rdRate > 0.03, techShare > 0.1, g.next() < 0.75 {
                certifications.append((uscc, Certification(kind: .highTech, certifiedOn: on)))
            }
            if revenue < 20000, g.next() < 0.5 {
                certifications.append(
                    (
                        uscc,
                        Certification(kind: .techSME, certifiedOn: Day(year: today.year, month: 3, day: 1 + i % 27)!)
                    ))
            }
            if g.next() < 0.25 { certifications.append((uscc, Certification(kind: .innovativeSME, certifiedOn: on))) }
            if revenue > 5000, rdRate > 0.035, g.next() < 0.6 {
                certifications.append((uscc, Certification(kind: .specialisedSME, certifiedOn: on)))
            }
            if revenue > 20000, g.next() < 0.25 {
                certifications.append((uscc, Certification(kind: .littleGiant, certifiedOn: on)))
            }
            if growth > 0.25, g.next() < 0.5 {
                certifications.append(
                    (uscc, Certification(kind: .gazelle, certifiedOn: Day(year: today.year, month: 6, day: 1)!)))
            }
            if revenue > 80000, g.next() < 0.3 {
                certifications.append((uscc, Certification(kind: .listed, certifiedOn: on)))
            }
        }
        return Demo(rows: rows, certifications: certifications)
    }
}

extension Double {
    func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(Swift.max(self, low), high) }
}
