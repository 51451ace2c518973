import Foundation
import GaoxinCore
import SQLKit

/// A chain's, a department's or an enterprise's own dashboard: charts drawn on the server, the
/// same numbers as a table beside each, and the tables as CSV and `.xlsx` like 管委会总览.
struct OwnDashboardPage: Sendable {
    let heading: String
    let intro: String
    let sections: [DashboardSection]
    let xlsxHref: String

    /// A section's CSV address under the dashboard's own.
    static func csvHref(_ kind: OwnDashboardKind, _ id: Int64, _ key: String) -> String {
        SiteURL.statisticsOwnDashboard(kind, id, format: .csv).path + "?table=" + key
    }

    /// 同比 as a rate, nil without both years or with a zero base.
    static func growth(_ now: Double?, _ before: Double?) -> Double? {
        guard let now, let before, before != 0, now.isFinite, before.isFinite else { return nil }
        return (now - before) / abs(before)
    }

    /// A rate as a percentage with two decimals (the table's number).
    static func percent(_ rate: Double?) -> Double? { rate.map { ($0 * 10000).rounded() / 100 } }

    static func percentText(_ rate: Double?) -> String {
        percent(rate).map { StatNumber.text($0) + "%" } ?? "—"
    }
}

// MARK: - 链长看板

extension OwnDashboardPage {
    /// The chain's projects through the funnel with their investment, funds in place by month, and
    /// the chain's enterprises with their latest figures and 同比.
    static func chain(_ chain: InvestChainRow, db: any SQLDatabase) async throws -> OwnDashboardPage {
        let repo = StatisticsOwnDashboardRepository(db: db)
        let href = { (key: String) in csvHref(.chain, chain.id, key) }
        var sections: [DashboardSection] = []

        let byStage = Dictionary(
            uniqueKeysWithValues: try await repo.chainProjects(zoneID: chain.zoneId, chainID: chain.id).map {
                ($0.stage, $0)
            })
        let path = ProjectStage.allCases.filter { $0 != .terminated }
        let reached = path.indices.map { i in path[i...].reduce(0) { $0 + (byStage[$1.rawValue]?.n ?? 0) } }
        let stageRow = { (stage: ProjectStage, reached: DataTable.Cell) -> DataTable.Row in
            let t = byStage[stage.rawValue]
            return .init(
                head: stage.label,
                cells: [
                    reached, .number(Double(t?.n ?? 0)), .number(t?.planned.map(Double.init) ?? 0),
                    .number(t?.agreed.map(Double.init) ?? 0),
                ])
        }
        var funnel = DashboardSection(
            title: "本链招商项目漏斗与投资", origin: "系统计算（来自招商项目库）",
            table: DataTable(
                key: "funnel", caption: "本链招商项目按阶段（个）与投资额（万元）",
                headers: ["阶段", "累计达到（个）", "当前处于（个）", "计划投资（万元）", "协议投资（万元）"],
                rows: path.indices.map { stageRow(path[$0], .number(Double(reached[$0]))) }
                    + [stageRow(.terminated, .text("—"))]),
            csvHref: href("funnel"))
        funnel.funnel = FunnelChart(
            label: "本链招商项目按阶段累计达到的个数",
            items: path.indices.map { (path[$0].label, Double(reached[$0]), "\(reached[$0]) 个") })
        sections.append(funnel)

        let funds = try await repo.chainFunds(zoneID: chain.zoneId, chainID: chain.id)
        var money = DashboardSection(
            title: "本链项目到位资金", origin: "系统计算（来自项目月度到位资金）",
            table: DataTable(
                key: "funds", caption: "本链项目各月到位资金（万元）", headers: ["月份", "到位资金（万元）", "其中外资（万元）"],
                rows: funds.map {
                    .init(head: $0.month, cells: [.number(Double($0.funds)), .number(Double($0.foreignFunds))])
                }),
            csvHref: href("funds"))
        let shown = funds.suffix(24)
        if shown.count >= 2 {
            money.line = LineChart(
                label: "本链项目各月到位资金（万元）",
                items: shown.map { ($0.month, Double($0.funds), StatNumber.text(Double($0.funds))) })
        } else if let only = shown.first {
            money.bar = BarChart(
                label: "本链项目到位资金（万元）",
                items: [(only.month, Double(only.funds), StatNumber.text(Double(only.funds)) + " 万元")])
        }
        sections.append(money)

        let ids = try await repo.chainEnterpriseIDs(zoneID: chain.zoneId, chainID: chain.id)
        sections.append(
            try await enterpriseFigures(
                zoneID: chain.zoneId, ids: ids, db: db, csvHref: href("enterprises")))
        return OwnDashboardPage(
            heading: "链长看板：\(chain.name)",
            intro: "本链的招商项目、投资与到位资金，以及链上企业的最新经营数据与同比（来自企业数据库）。",
            sections: sections, xlsxHref: SiteURL.statisticsOwnDashboard(.chain, chain.id, format: .xlsx).path)
    }

    /// The chain's enterprises with their latest year's 营业收入, 研发费用 and 职工 and 同比 of revenue,
    /// and the chain's total over the enterprises that reported both years.
    static func enterpriseFigures(zoneID: Int64, ids: [Int64], db: any SQLDatabase, csvHref: String) async throws
        -> DashboardSection
    {
        let enterprises = EnterpriseRepository(db: db)
        let names = try await enterprises.names(ids: ids, zoneID: zoneID)
        var years: [Int64: [YearFacts]] = [:]
        let decoder = JSONDecoder()
        for (id, json) in try await enterprises.recordFacts(zoneID: zoneID, ids: ids.isEmpty ? [0] : ids) {
            if let f = try? decoder.decode(YearFacts.self, from: Data(json.utf8)) { years[id, default: []].append(f) }
        }
        var rows: [DataTable.Row] = []
        var bars: [(label: String, value: Double, text: String)] = []
        var totalNow = 0.0
        var totalBefore = 0.0
        for id in ids {
            let name = names[id] ?? "企业 \(id)"
            let facts = (years[id] ?? []).sorted { $0.year < $1.year }
            guard let last = facts.last else {
                rows.append(
                    .init(head: name, cells: [.text("—"), .number(nil), .number(nil), .number(nil), .number(nil)]))
                continue
            }
            let before = facts.first { $0.year == last.year - 1 }
            let g = growth(last.revenue, before?.revenue)
            if let g { bars.append((name, g * 100, percentText(g))) }
            if g != nil, let now = last.revenue, let then = before?.revenue {
                totalNow += now
                totalBefore += then
            }
            rows.append(
                .init(
                    head: name,
                    cells: [
                        .text(String(last.year)), .number(last.revenue), .number(percent(g)), .number(last.rdExpense),
                        .number(last.staff),
                    ]))
        }
        let total = growth(totalBefore == 0 ? nil : totalNow, totalBefore == 0 ? nil : totalBefore)
        if !rows.isEmpty {
            rows.append(
                .init(
                    head: "合计（两年都有数的企业）",
                    cells: [
                        .text("—"), .number(totalBefore == 0 ? nil : totalNow), .number(percent(total)), .text("—"),
                        .text("—"),
                    ]))
        }
        var section = DashboardSection(
            title: "链上企业经营数据", origin: "企业数据库（企业填报或导入的年度数据）",
            table: DataTable(
                key: "enterprises", caption: "链上企业最新年度数据与营业收入同比",
                headers: ["企业", "年度", "营业收入（万元）", "营业收入同比（%）", "研发费用（万元）", "职工总数（人）"], rows: rows),
            csvHref: csvHref)
        if !bars.isEmpty { section.bar = BarChart(label: "链上企业营业收入同比增速（%）", items: bars) }
        return section
    }
}
