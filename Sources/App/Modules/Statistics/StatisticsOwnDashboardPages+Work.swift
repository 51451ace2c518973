import Foundation
import GaoxinCore
import SQLKit

// MARK: - 部门工作看板

extension OwnDashboardPage {
    /// The department's own cases by kind and state, the late ones and 好评率 per kind, and the
    /// last twelve months received. `stateName` names a case type's state as its pages do.
    static func department(
        zoneID: Int64, departmentID: Int64, name: String, db: any SQLDatabase, today: Day,
        stateName: (String, String) -> String
    ) async throws -> OwnDashboardPage {
        let repo = StatisticsOwnDashboardRepository(db: db)
        let href = { (key: String) in csvHref(.department, departmentID, key) }
        var stateRows: [DataTable.Row] = []
        var kindRows: [DataTable.Row] = []
        var kindBars: [(label: String, value: Double, text: String)] = []
        var goodBars: [(label: String, value: Double, text: String)] = []
        let months = lastMonths(12, today: today)
        var byMonth = Array(repeating: (n: 0, late: 0, rated: 0, good: 0), count: months.count)
        for kind in DepartmentCaseKind.allCases {
            let tallies = try await repo.departmentByState(zoneID: zoneID, departmentID: departmentID, kind: kind)
                .sorted { $0.k < $1.k }
            for t in tallies {
                stateRows.append(
                    .init(
                        head: kind.label,
                        cells: [
                            .text(stateName(kind.typeCodes.first ?? "", t.k)), .number(Double(t.n)),
                            .number(Double(t.late ?? 0)),
                        ]))
            }
            let n = tallies.reduce(0) { $0 + $1.n }
            let late = tallies.reduce(0) { $0 + ($1.late ?? 0) }
            let rated = tallies.reduce(0) { $0 + ($1.rated ?? 0) }
            let good = tallies.reduce(0) { $0 + ($1.good ?? 0) }
            let goodRate = rated == 0 ? nil : Double(good) / Double(rated)
            kindRows.append(
                .init(
                    head: kind.label,
                    cells: [
                        .number(Double(n)), .number(Double(late)),
                        .number(percent(n == 0 ? nil : Double(late) / Double(n))), .number(Double(rated)),
                        .number(Double(good)), .number(percent(goodRate)),
                    ]))
            kindBars.append((kind.label, Double(n), "\(n) 件"))
            if let goodRate { goodBars.append((kind.label, goodRate * 100, percentText(goodRate))) }
            for t in try await repo.departmentByMonth(
                zoneID: zoneID, departmentID: departmentID, kind: kind, months: months.map { ($0.from, $0.to) })
            {
                guard let i = Int(t.k), byMonth.indices.contains(i) else { continue }
                byMonth[i].n += t.n
                byMonth[i].late += t.late ?? 0
                byMonth[i].rated += t.rated ?? 0
                byMonth[i].good += t.good ?? 0
            }
        }
        var states = DashboardSection(
            title: "本部门办件按状态", origin: "系统计算（来自咨询、诉求、办件、事件与回访记录）",
            table: DataTable(
                key: "states", caption: "本部门办件按状态（件）", headers: ["类别", "状态", "件数", "其中曾超时"], rows: stateRows),
            csvHref: href("states"))
        states.bar = BarChart(label: "本部门各类办件件数（各状态合计）", items: kindBars)
        var kinds = DashboardSection(
            title: "超时与好评率", origin: "系统计算（来自办件期限与好差评）",
            table: DataTable(
                key: "kinds", caption: "本部门各类办件：件数、曾超时、已评价与好评（非常满意、满意）",
                headers: ["类别", "件数", "曾超时", "超时率（%）", "已评价", "好评", "好评率（%）"], rows: kindRows),
            csvHref: href("kinds"))
        if !goodBars.isEmpty { kinds.bar = BarChart(label: "各类办件好评率（%）", items: goodBars) }
        var monthly = DashboardSection(
            title: "逐月收件", origin: "系统计算（按收件月份）",
            table: DataTable(
                key: "months", caption: "本部门近十二个月收件、曾超时与好评率",
                headers: ["月份", "收件", "曾超时", "已评价", "好评率（%）"],
                rows: months.indices.map { i in
                    let m = byMonth[i]
                    return .init(
                        head: months[i].label,
                        cells: [
                            .number(Double(m.n)), .number(Double(m.late)), .number(Double(m.rated)),
                            .number(percent(m.rated == 0 ? nil : Double(m.good) / Double(m.rated))),
                        ])
                }),
            csvHref: href("months"))
        monthly.line = LineChart(
            label: "本部门近十二个月收件（件）",
            items: months.indices.map { (months[$0].label, Double(byMonth[$0].n), "\(byMonth[$0].n) 件") })
        return OwnDashboardPage(
            heading: "部门工作看板：\(name)",
            intro: "本部门承办的政策咨询、企业诉求、政务服务办件、派给本部门的网格事件和差评回访整改：按状态、超时、好评率与逐月收件。",
            sections: [states, kinds, monthly],
            xlsxHref: SiteURL.statisticsOwnDashboard(.department, departmentID, format: .xlsx).path)
    }

    /// The last `count` calendar months up to this one (China time), oldest first, as [from, to).
    static func lastMonths(_ count: Int, today: Day) -> [(label: String, from: Int64, to: Int64)] {
        (0..<count).reversed().map { back in
            let index = today.year * 12 + (today.month - 1) - back
            let start = Day(year: index / 12, month: index % 12 + 1, day: 1)!
            let end = Day(year: (index + 1) / 12, month: (index + 1) % 12 + 1, day: 1)!
            return (
                String(format: "%04d-%02d", start.year, start.month),
                LocalMoment(day: start, minuteOfDay: 0).unixSeconds(),
                LocalMoment(day: end, minuteOfDay: 0).unixSeconds()
            )
        }
    }
}

// MARK: - 企业数据看板

extension OwnDashboardPage {
    /// The enterprise's own figures year on year, its applications and payouts, its matched policies.
    static func enterprise(zoneID: Int64, enterpriseID: Int64, name: String, db: any SQLDatabase) async throws
        -> OwnDashboardPage
    {
        let repo = StatisticsOwnDashboardRepository(db: db)
        let href = { (key: String) in csvHref(.enterprise, enterpriseID, key) }
        let facts = try await EnterpriseRepository(db: db).facts(enterpriseID: enterpriseID).sorted {
            $0.year < $1.year
        }
        let prior = { (f: YearFacts) in facts.first { $0.year == f.year - 1 } }
        var figures = DashboardSection(
            title: "本企业经营数据（同比）", origin: "企业数据库（企业填报或导入的年度数据）",
            table: DataTable(
                key: "figures", caption: "本企业各年度主要数据与同比",
                headers: [
                    "年度", "营业收入（万元）", "营业收入同比（%）", "研发费用（万元）", "研发费用同比（%）", "职工总数（人）", "职工同比（%）",
                    "纳税总额（万元）",
                ],
                rows: facts.map { f in
                    let p = prior(f)
                    return .init(
                        head: String(f.year),
                        cells: [
                            .number(f.revenue), .number(percent(growth(f.revenue, p?.revenue))), .number(f.rdExpense),
                            .number(percent(growth(f.rdExpense, p?.rdExpense))), .number(f.staff),
                            .number(percent(growth(f.staff, p?.staff))), .number(f.tax),
                        ])
                }),
            csvHref: href("figures"))
        let revenue = facts.compactMap { f in f.revenue.map { (String(f.year) + "年", $0, StatNumber.text($0)) } }
        if revenue.count >= 2 {
            figures.line = LineChart(label: "本企业各年度营业收入（万元）", items: revenue)
        } else if !revenue.isEmpty {
            figures.bar = BarChart(label: "本企业营业收入（万元）", items: revenue)
        }

        let applications = try await repo.enterpriseApplications(zoneID: zoneID, enterpriseID: enterpriseID)
        let byState = Dictionary(uniqueKeysWithValues: applications.map { ($0.state, $0) })
        var apps = DashboardSection(
            title: "本企业政策申报", origin: "系统计算（来自申报记录）",
            table: DataTable(
                key: "applications", caption: "本企业政策申报按状态（件、万元）", headers: ["状态", "件数", "申请金额（万元）", "核定金额（万元）"],
                rows: ApplicationState.allCases.map { s in
                    let t = byState[s.rawValue]
                    return .init(
                        head: s.label,
                        cells: [.number(Double(t?.n ?? 0)), .number(t?.requested ?? 0), .number(t?.approved ?? 0)])
                }),
            csvHref: href("applications"))
        apps.bar = BarChart(
            label: "本企业政策申报按状态（件）",
            items: ApplicationState.allCases.map { s in
                let n = byState[s.rawValue]?.n ?? 0
                return (s.label, Double(n), "\(n) 件")
            })

        let payouts = try await repo.enterprisePayouts(zoneID: zoneID, enterpriseID: enterpriseID)
        var paid = DashboardSection(
            title: "本企业政策兑现", origin: "系统计算（来自兑现记录）",
            table: DataTable(
                key: "payouts", caption: "本企业政策兑现（按兑现年度）", headers: ["年度", "兑现件数（件）", "兑现金额（万元）"],
                rows: payouts.map { .init(head: $0.y, cells: [.number(Double($0.cases)), .number($0.amount)]) }),
            csvHref: href("payouts"))
        if !payouts.isEmpty {
            paid.bar = BarChart(
                label: "本企业各年度兑现金额（万元）",
                items: payouts.map { ($0.y + " 年", $0.amount, StatNumber.text($0.amount) + " 万元") })
        }

        let matches = try await repo.enterpriseMatches(zoneID: zoneID, enterpriseID: enterpriseID)
        var matched = DashboardSection(
            title: "本企业可享受的政策", origin: "系统计算（政策匹配，按企业数据测算）",
            table: DataTable(
                key: "matches", caption: "匹配到的政策事项与预计金额（万元）", headers: ["政策事项", "预计金额（万元）"],
                rows: matches.map { .init(head: $0.title, cells: [.number($0.estimatedAmount)]) }),
            csvHref: href("matches"))
        let estimated = matches.compactMap { m in m.estimatedAmount.map { (m.title, $0, StatNumber.text($0) + " 万元") } }
        if !estimated.isEmpty {
            matched.bar = BarChart(label: "预计金额最高的政策事项（万元）", items: Array(estimated.prefix(10)))
        }
        return OwnDashboardPage(
            heading: "企业数据看板：\(name)",
            intro: "本企业各年度经营数据与同比、政策申报与兑现、匹配到的政策。只有本企业和园区工作人员能看到。",
            sections: [figures, apps, paid, matched],
            xlsxHref: SiteURL.statisticsOwnDashboard(.enterprise, enterpriseID, format: .xlsx).path)
    }
}
