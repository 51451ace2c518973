import Foundation
import GaoxinCore
import SQLKit

/// One part of the committee dashboard: a chart drawn on the server and the same numbers as a
/// table beside it, saying where the figures come from.
struct DashboardSection: Sendable {
    let title: String
    /// "系统计算（来自…）" or "录入或导入".
    let origin: String
    var bar: BarChart?
    var line: LineChart?
    var funnel: FunnelChart?
    let table: DataTable
    let csvHref: String
}

/// 管委会总览 (`/m/statistics/dashboard`): the indicators with 同比 as line charts, the investment
/// funnel, policy payouts, consultations answered and late, and grid events by state. The tables
/// are what the CSV and the `.xlsx` exports write.
struct StatisticsDashboardPage: Sendable {
    let sections: [DashboardSection]
    let xlsxHref: String
    let homeHref: String

    static func load(zoneID: Int64, db: any SQLDatabase) async throws -> StatisticsDashboardPage {
        let sections = try await tables(zoneID: zoneID, db: db)
        return StatisticsDashboardPage(
            sections: sections, xlsxHref: SiteURL.statisticsDashboardXLSX.path,
            homeHref: SiteURL.module(.statistics).path)
    }

    static func csvHref(_ key: String) -> String { SiteURL.statisticsDashboardCSV.path + "?table=" + key }

    /// Every section, in the page's order.
    static func tables(zoneID: Int64, db: any SQLDatabase) async throws -> [DashboardSection] {
        try await indicatorSections(zoneID: zoneID, db: db) + moduleSections(zoneID: zoneID, db: db)
    }

    /// Each entered indicator with two or more figures of one kind of period (years, quarters, months):
    /// its values as a line, 同比 in the table.
    static func indicatorSections(zoneID: Int64, db: any SQLDatabase) async throws -> [DashboardSection] {
        let repo = StatisticsRepository(db: db)
        let byIndicator = Dictionary(grouping: try await repo.figures(zoneID: zoneID), by: \.indicatorId)
        var sections: [DashboardSection] = []
        // Every indicator's latest figure with 同比 (the seeds' published growth where we lack the year before).
        var latest: [DataTable.Row] = []
        var bars: [(label: String, value: Double, text: String)] = []
        let indicators = try await repo.indicators(zoneID: zoneID)
        for i in indicators {
            let rows = byIndicator[i.id] ?? []
            guard let last = byPeriod(rows).last, let p = last.reportingPeriod else { continue }
            let yoy = statSeries(rows).yearOnYear(p)
            latest.append(
                .init(
                    head: i.name,
                    cells: [
                        .text(i.unit), .text(p.label), .number(last.value),
                        .number(yoy.rate.value.map { ($0 * 10000).rounded() / 100 }),
                        .text(yoy.stated ? "公布数" : (yoy.rate.value == nil ? "—" : "本平台计算")),
                    ]))
            if let r = yoy.rate.value { bars.append((i.name, r * 100, StatFigureLine.growthText(yoy.rate))) }
        }
        var growth = DashboardSection(
            title: "各指标最新一期与同比", origin: "录入或导入（同比按上年同期数计算，没有时为来源公布数）",
            table: DataTable(
                key: "latest", caption: "各指标最新一期数值与同比增长", headers: ["指标", "单位", "期间", "数值", "同比增长（%）", "同比来源"],
                rows: latest), csvHref: csvHref("latest"))
        if !bars.isEmpty { growth.bar = BarChart(label: "各指标最新一期同比增速（%）", items: bars) }
        sections.append(growth)
        for i in indicators {
            let rows = byPeriod(byIndicator[i.id] ?? []).filter { $0.value != nil && $0.reportingPeriod != nil }
            // The kind of period with the most figures is the one drawn.
            let kinds = Dictionary(grouping: rows, by: { $0.reportingPeriod!.kind })
            guard let drawn = kinds.values.max(by: { $0.count < $1.count }), drawn.count >= 2 else { continue }
            let shown = Array(drawn.suffix(24))
            let series = statSeries(byIndicator[i.id] ?? [])
            let table = DataTable(
                key: "indicator_\(i.code)", caption: "\(i.name)（\(i.unit)）各期数值与同比",
                headers: ["期间", "数值（\(i.unit)）", "同比增长（%）", "同比说明"],
                rows: shown.map { r in
                    let yoy = series.yearOnYear(r.reportingPeriod!)
                    return DataTable.Row(
                        head: r.reportingPeriod!.label,
                        cells: [
                            .number(r.value),
                            .number(yoy.rate.value.map { ($0 * 10000).rounded() / 100 }),
                            .text(
                                StatFigureLine.growthText(yoy.rate) + (yoy.stated ? "（公布数）" : "")),
                        ])
                })
            var section = DashboardSection(
                title: "\(i.name)走势", origin: "录入或导入", table: table, csvHref: csvHref(table.key))
            section.line = LineChart(
                label: "\(i.name)各期数值（\(i.unit)）",
                items: shown.map { ($0.reportingPeriod!.label, $0.value!, StatNumber.text($0.value)) })
            sections.append(section)
        }
        return sections
    }

    /// The figures the modules' own data gives.
    static func moduleSections(zoneID: Int64, db: any SQLDatabase) async throws -> [DashboardSection] {
        let repo = StatisticsDashboardRepository(db: db)
        var sections: [DashboardSection] = []

        // 招商漏斗: how many projects reached each stage (a project now 开工 has passed 签约 and 注册).
        let byStage = try await repo.projectsByStage(zoneID: zoneID)
        let path = ProjectStage.allCases.filter { $0 != .terminated }
        let reached = path.enumerated().map { i, stage in
            path[i...].reduce(0) { $0 + (byStage[$1.rawValue] ?? 0) }
        }
        let funnelTable = DataTable(
            key: "funnel", caption: "招商项目漏斗（按阶段，个）", headers: ["阶段", "累计达到", "当前处于"],
            rows: path.enumerated().map { i, stage in
                .init(
                    head: stage.label,
                    cells: [.number(Double(reached[i])), .number(Double(byStage[stage.rawValue] ?? 0))])
            } + [
                .init(
                    head: ProjectStage.terminated.label,
                    cells: [.text("—"), .number(Double(byStage["terminated"] ?? 0))])
            ])
        var funnel = DashboardSection(
            title: "招商项目漏斗", origin: "系统计算（来自招商项目库）", table: funnelTable, csvHref: csvHref("funnel"))
        funnel.funnel = FunnelChart(
            label: "招商项目按阶段累计达到的个数",
            items: path.enumerated().map { i, s in (s.label, Double(reached[i]), "\(reached[i]) 个") })
        sections.append(funnel)

        // 政策兑现 by year.
        let payouts = try await repo.payoutsByYear(zoneID: zoneID)
        let payoutTable = DataTable(
            key: "payouts", caption: "惠企政策兑现（按兑现年度）", headers: ["年度", "兑现件数（件）", "兑现金额（万元）"],
            rows: payouts.map { .init(head: $0.y, cells: [.number(Double($0.cases)), .number($0.amount)]) })
        var payout = DashboardSection(
            title: "惠企政策兑现", origin: "系统计算（来自兑现记录）", table: payoutTable, csvHref: csvHref("payouts"))
        if !payouts.isEmpty {
            payout.bar = BarChart(
                label: "各年度兑现金额（万元）",
                items: payouts.map { ($0.y + " 年", $0.amount, StatNumber.text($0.amount) + " 万元") })
        }
        sections.append(payout)

        // 服务效率: 政策咨询.
        let c = try await repo.consultations(zoneID: zoneID, typeCode: ConsultationCaseTypes.consultation.code)
        let answered = c.answered ?? 0
        let late = c.late ?? 0
        let serviceTable = DataTable(
            key: "service", caption: "政策咨询办理（件）", headers: ["项目", "件数"],
            rows: [
                .init(head: "收到咨询", cells: [.number(Double(c.total))]),
                .init(head: "已答复", cells: [.number(Double(answered))]),
                .init(head: "曾超时", cells: [.number(Double(late))]),
                .init(
                    head: "按时率（%）",
                    cells: [
                        .number(c.total == 0 ? nil : (Double(c.total - late) / Double(c.total) * 10000).rounded() / 100)
                    ]),
            ])
        var service = DashboardSection(
            title: "服务效率：政策咨询", origin: "系统计算（来自咨询办件）", table: serviceTable, csvHref: csvHref("service"))
        service.bar = BarChart(
            label: "政策咨询办理（件）",
            items: [
                ("收到咨询", Double(c.total), "\(c.total) 件"), ("已答复", Double(answered), "\(answered) 件"),
                ("曾超时", Double(late), "\(late) 件"),
            ])
        sections.append(service)

        // 技术合同登记 by year.
        let years = try await StatisticsContractRepository(db: db).byYear(zoneID: zoneID)
        var contracts = DashboardSection(
            title: "技术合同成交额", origin: "系统计算（来自技术合同登记）", table: StatisticsContractPage.totals(years),
            csvHref: csvHref("contracts"))
        if years.count >= 2 {
            contracts.line = LineChart(
                label: "各年度技术合同成交额（亿元）",
                items: years.map { ($0.y + "年", $0.amount / 10_000, StatNumber.text($0.amount / 10_000)) })
        } else if !years.isEmpty {
            contracts.bar = BarChart(
                label: "各年度技术合同成交额（亿元）",
                items: years.map { ($0.y + " 年", $0.amount / 10_000, StatNumber.text($0.amount / 10_000) + " 亿元") })
        }
        sections.append(contracts)

        // The computed figures of this year against last year, as the statistics page shows them.
        let computed = try await StatisticsHomePage.computedLines(zoneID: zoneID, repo: StatisticsRepository(db: db))
        let computedTable = DataTable(
            key: "computed", caption: "系统计算的指标（本年截至今日与上年）", headers: ["指标", "单位", "期间", "数值", "同比"],
            rows: computed.map { l in
                .init(
                    head: l.name,
                    cells: [
                        .text(l.unit), .text(l.figure?.period ?? "—"),
                        .number(Double(l.figure?.value ?? ""), l.figure?.value ?? "—"), .text(l.figure?.growth ?? "—"),
                    ])
            })
        sections.insert(
            DashboardSection(
                title: "系统计算的指标", origin: "系统计算（高企数来自资质认定，兑现来自兑现记录，项目来自招商项目库，技术合同来自登记簿）",
                table: computedTable, csvHref: csvHref("computed")), at: 0)

        // 网格事件 by state.
        let states = try await repo.eventsByState(
            zoneID: zoneID, typeCodes: EventCaseTypes.categories.map(\.caseTypeCode))
        let eventTable = DataTable(
            key: "events", caption: "网格事件（按状态，件）", headers: ["状态", "件数"],
            rows: EventCaseTypes.stateNames.map { .init(head: $0.name, cells: [.number(Double(states[$0.code] ?? 0))]) }
        )
        var events = DashboardSection(
            title: "基层治理：网格事件", origin: "系统计算（来自网格事件）", table: eventTable, csvHref: csvHref("events"))
        events.bar = BarChart(
            label: "网格事件按状态（件）",
            items: EventCaseTypes.stateNames.map { s in
                let n = states[s.code] ?? 0
                return (s.name, Double(n), "\(n) 件")
            })
        sections.append(events)
        sections.append(try await ratingSection(zoneID: zoneID, repo: repo))
        return sections
    }

    /// 好差评 of 政策咨询 and 网格事件: 好评率, 满意率 and 差评整改率 without the 差评 an upheld appeal took out.
    static func ratingSection(zoneID: Int64, repo: StatisticsDashboardRepository) async throws -> DashboardSection {
        let kinds: [(String, [String])] = [
            ("政策咨询", [ConsultationCaseTypes.consultation.code]),
            ("网格事件", EventCaseTypes.categories.map(\.caseTypeCode)),
        ]
        var rows: [DataTable.Row] = []
        var bars: [(String, Double, String)] = []
        func percent(_ r: Double?) -> DataTable.Cell { .number(r.map { ($0 * 10000).rounded() / 100 }) }
        for (name, codes) in kinds {
            let t = try await repo.ratingTally(zoneID: zoneID, typeCodes: codes)
            rows.append(
                .init(
                    head: name,
                    cells: [
                        .number(Double(t.rated)), percent(t.goodRate), percent(t.satisfiedRate), .number(Double(t.bad)),
                        percent(t.fixRate), .number(Double(t.excluded)),
                    ]))
            if let good = t.goodRate { bars.append((name, good * 100, StatNumber.text(good * 100) + "%")) }
        }
        var section = DashboardSection(
            title: "好差评：政策咨询与网格事件", origin: "系统计算（来自评价与差评回访整改；申诉成立的差评不计入）",
            table: DataTable(
                key: "ratings", caption: "好差评（申诉成立的差评不计入）",
                headers: ["类别", "评价（件）", "好评率（%）", "满意率（%）", "差评（件）", "差评整改率（%）", "申诉成立不计（件）"],
                rows: rows), csvHref: csvHref("ratings"))
        if !bars.isEmpty { section.bar = BarChart(label: "好评率（%）", items: bars) }
        return section
    }
}
