import Foundation
import GaoxinCore
import SQLKit

/// One line of a figures table: the period, the figure, 同比 and completion against target.
struct StatFigureLine: Sendable {
    let period: String
    let value: String
    let growth: String
    /// "公布数" when 同比 is the rate the source published (we do not hold the year before).
    let growthNote: String
    let target: String
    let completion: String
    let source: String
    let note: Int
}

/// How a figure reads in a table, given the series it belongs to.
extension StatFigureLine {
    init(_ row: StatFigureRow, series: IndicatorSeries, note: Int) {
        let yoy = row.reportingPeriod.map { series.yearOnYear($0) }
        period = row.reportingPeriod?.label ?? row.period
        value = StatNumber.text(row.value)
        growth = yoy.map { Self.growthText($0.rate) } ?? "—"
        growthNote = yoy?.stated == true ? "公布数" : ""
        target = StatNumber.text(row.target)
        completion =
            row.target == nil
            ? "—"
            : CompletionRate(actual: row.value, target: row.target).value.map { Percent.text($0, digits: 2) } ?? "—"
        source = row.source
        self.note = note
    }

    /// 增长 2.99% · 下降 3.1% · 持平 · —, to two places as statistics bulletins print.
    static func growthText(_ rate: GrowthRate) -> String {
        guard let r = rate.value else { return "—" }
        let shown = Percent.text(abs(r), digits: 2)
        return shown == "0.00%" ? "持平" : (r > 0 ? "增长 " : "下降 ") + shown
    }
}

/// Oldest period first (a row whose period can't be read, none in practice, before the rest).
func byPeriod(_ rows: [StatFigureRow]) -> [StatFigureRow] {
    // Each period is parsed once, not in every comparison of the sort.
    rows.map { ($0.reportingPeriod, $0) }.sorted { a, b in
        switch (a.0, b.0) {
        case (let x?, let y?): return x == y ? a.1.id < b.1.id : x < y
        case (nil, _?): return true
        default: return false
        }
    }.map(\.1)
}

/// The figures of one indicator as a series for 同比.
func statSeries(_ rows: [StatFigureRow]) -> IndicatorSeries {
    var series = IndicatorSeries()
    for r in rows {
        guard let p = r.reportingPeriod else { continue }
        if let v = r.value { series.values[p] = v }
        if let g = r.statedGrowth { series.statedGrowth[p] = g }
    }
    return series
}

/// 统计监测's front page: each indicator's latest figure with 同比 and completion, the figures the
/// platform's own data gives, a chart of the growth rates, and (for staff) the forms.
struct StatisticsHomePage: Sendable {
    struct Line: Sendable {
        let name: String
        let unit: String
        let href: String
        let kind: String
        let figure: StatFigureLine?
    }
    var errors = FormErrors()
    var problems: [ImportProblemLine] = []
    var fileError: String?
    let lines: [Line]
    let computed: [Line]
    let chart: BarChart?
    let canAdminister: Bool
    let canEnter: Bool
    let csrf: String
    let indicatorsAction: String
    let importAction: String
    let exportHref: String
    let dashboardHref = SiteURL.statisticsDashboard.path
    let evaluationsHref = SiteURL.statisticsEvaluations.path
    let contractsHref = SiteURL.statisticsContracts.path
    let columns: String

    static func load(user: CurrentUser, zoneID: Int64, csrf: String, db: any SQLDatabase) async throws
        -> StatisticsHomePage
    {
        let repo = StatisticsRepository(db: db)
        let byIndicator = Dictionary(grouping: try await repo.figures(zoneID: zoneID), by: \.indicatorId)
        var note = 0
        var chartItems: [(label: String, value: Double, text: String)] = []
        let lines = try await repo.indicators(zoneID: zoneID).map { i -> Line in
            let rows = byIndicator[i.id] ?? []
            let series = statSeries(rows)
            let latest = byPeriod(rows).last
            let figure = latest.map { row -> StatFigureLine in
                if !row.source.isEmpty { note += 1 }
                return StatFigureLine(row, series: series, note: row.source.isEmpty ? 0 : note)
            }
            if let latest, let p = latest.reportingPeriod, let rate = series.yearOnYear(p).rate.value {
                chartItems.append((i.name, rate * 100, StatFigureLine.growthText(.defined(rate))))
            }
            return Line(
                name: i.name, unit: i.unit, href: SiteURL.statisticsIndicator(i.id).path, kind: "录入", figure: figure)
        }
        return StatisticsHomePage(
            lines: lines, computed: try await computedLines(zoneID: zoneID, repo: repo),
            chart: chartItems.isEmpty ? nil : BarChart(label: "各指标最新一期同比增速（%）", items: chartItems),
            canAdminister: Permissions.decide(user, .administer, .statistics(zoneID: zoneID)) == .allow,
            canEnter: Permissions.decide(user, .update, .statistics(zoneID: zoneID)) == .allow, csrf: csrf,
            indicatorsAction: SiteURL.statisticsIndicators.path, importAction: SiteURL.statisticsImport.path,
            exportHref: SiteURL.statisticsExport.path,
            columns: UserCSV.describe(StatisticsService.columns))
    }

    /// 高企数, 兑现金额 and 签约项目, by year, from the modules that hold them: this year (so far) against
    /// last year.
    static func computedLines(zoneID: Int64, repo: StatisticsRepository) async throws -> [Line] {
        let year = Clock.today.year
        let sources: [(String, String, [Int: Double])] = [
            ("高新技术企业（有效期内，年末）", "家", try await repo.highTechAtYearEnd(zoneID: zoneID, years: [year - 1, year])),
            ("惠企政策兑现金额", "万元", try await repo.payoutsByYear(zoneID: zoneID)),
            ("招商签约项目", "个", try await repo.signedProjectsByYear(zoneID: zoneID)),
            (
                "技术合同成交额（登记）", "亿元",
                Dictionary(
                    try await StatisticsContractRepository(db: repo.db).byYear(zoneID: zoneID).compactMap { y in
                        Int(y.y).map { ($0, y.amount / 10_000) }
                    }, uniquingKeysWith: +)
            ),
        ]
        return sources.map { name, unit, byYear in
            let now = ReportingPeriod(.year, year: year)!
            let before = ReportingPeriod(.year, year: year - 1)!
            let series = IndicatorSeries(values: [now: byYear[year] ?? 0, before: byYear[year - 1] ?? 0])
            let row = StatFigureRow(
                id: 0, zoneId: zoneID, indicatorId: 0, period: now.key, periodEnd: now.end.description,
                value: byYear[year] ?? 0, statedGrowth: nil, target: nil, source: "", updatedBy: "", updatedAt: 0)
            return Line(
                name: name, unit: unit, href: "", kind: "系统计算", figure: StatFigureLine(row, series: series, note: 0))
        }
    }
}

/// A problem of a refused import, for the table under the form.
struct ImportProblemLine: Sendable {
    let line: String
    let column: String
    let message: String
}

/// One indicator: its figures by period with 同比 and completion, a chart of the values, and the
/// form to enter or correct a figure.
struct StatisticsIndicatorPage: Sendable {
    var errors = FormErrors()
    var form = ["period": "", "value": "", "growth": "", "target": "", "source": ""]
    let name: String
    let unit: String
    let lines: [StatFigureLine]
    let chart: BarChart?
    let canEnter: Bool
    let action: String
    let csrf: String
    let backHref: String

    static func load(
        user: CurrentUser, indicator: StatIndicatorRow, csrf: String, db: any SQLDatabase
    ) async throws -> StatisticsIndicatorPage {
        let rows = try await StatisticsRepository(db: db).figures(indicatorID: indicator.id, zoneID: indicator.zoneId)
        let series = statSeries(rows)
        var note = 0
        let newestFirst = Array(byPeriod(rows).reversed())
        let lines = newestFirst.map { row -> StatFigureLine in
            if !row.source.isEmpty { note += 1 }
            return StatFigureLine(row, series: series, note: row.source.isEmpty ? 0 : note)
        }
        let charted = byPeriod(rows).compactMap { r in
            r.value.map { (r.reportingPeriod?.label ?? r.period, $0, StatNumber.text($0)) }
        }
        return StatisticsIndicatorPage(
            name: indicator.name, unit: indicator.unit, lines: lines,
            chart: charted.isEmpty
                ? nil : BarChart(label: "\(indicator.name)各期数值（\(indicator.unit)）", items: Array(charted.suffix(24))),
            canEnter: Permissions.decide(user, .update, .statistics(zoneID: indicator.zoneId)) == .allow,
            action: SiteURL.statisticsIndicator(indicator.id).path, csrf: csrf,
            backHref: SiteURL.module(.statistics).path)
    }
}
