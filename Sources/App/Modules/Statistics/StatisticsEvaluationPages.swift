import Foundation
import GaoxinCore
import SQLKit

/// 评价 (`/m/statistics/evaluations`): the zone's schemes and, for the zone admin, the form that
/// loads a new one from its table and units files.
struct EvaluationListPage: Sendable {
    struct Line: Sendable {
        let name: String
        let href: String
        let dimensions: String
        let indicators: Int
        let units: Int
        let runs: Int
    }
    var errors = FormErrors()
    var name = ""
    let lines: [Line]
    let canAdminister: Bool
    let csrf: String
    let action: String
    let tableColumns = UserCSV.describe(StatisticsService.tableColumns)
    let unitColumns = UserCSV.describe(StatisticsService.unitColumns)

    static func load(user: CurrentUser, zoneID: Int64, csrf: String, db: any SQLDatabase) async throws
        -> EvaluationListPage
    {
        let repo = StatisticsEvaluationRepository(db: db)
        var lines: [Line] = []
        for s in try await repo.schemes(zoneID: zoneID) {
            let table = try? s.table()
            lines.append(
                Line(
                    name: s.name, href: SiteURL.statisticsEvaluation(s.id).path,
                    dimensions: table?.dimensions.map { d in
                        "\(d.name) \(StatNumber.text(d.weight?.value(for: nil)))%"
                    }.joined(separator: "、") ?? "—",
                    indicators: table?.indicators.count ?? 0, units: try await repo.units(schemeID: s.id).count,
                    runs: try await repo.runs(schemeID: s.id, zoneID: zoneID).count))
        }
        return EvaluationListPage(
            lines: lines, canAdminister: Permissions.decide(user, .administer, .statistics(zoneID: zoneID)) == .allow,
            csrf: csrf, action: SiteURL.statisticsEvaluations.path)
    }
}

/// One scheme: its table of weights, its units, its runs by period, and the compute form.
struct EvaluationSchemePage: Sendable {
    struct IndicatorLine: Sendable {
        let dimension: String
        let dimensionWeight: String
        let code: String
        let name: String
        let unit: String
        let weight: String
        let direction: String
    }
    struct RunLine: Sendable {
        let period: String
        let href: String
        let by: String
        let method: String
    }
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }
    var errors = FormErrors()
    private(set) var form = [
        "period": "", "normalisation": "minmax", "rule": "cutoff", "excellent": "85", "good": "70",
    ]
    private(set) var normalisationOptions: [Option] = []
    private(set) var ruleOptions: [Option] = []
    let name: String
    let indicators: [IndicatorLine]
    let units: [EvalUnitRow]
    let runs: [RunLine]
    let canAdminister: Bool
    let csrf: String
    let action: String
    let listHref = SiteURL.statisticsEvaluations.path
    let valueColumns = UserCSV.describe(StatisticsService.valueColumns)

    /// Sets the form's values and the choices they select.
    mutating func fill(_ values: [String: String]) {
        for (k, v) in values where form[k] != nil { form[k] = v }
        normalisationOptions = StatisticsService.normalisations.map {
            Option(value: $0.code, label: $0.value.label, selected: form["normalisation"] == $0.code)
        }
        ruleOptions = [("cutoff", "按分数线（优、良的最低分）"), ("share", "按名次比例（优占前百分之几，良占其后百分之几）")].map {
            Option(value: $0.0, label: $0.1, selected: form["rule"] == $0.0)
        }
    }

    static func normalisationLabel(_ code: String) -> String {
        StatisticsService.normalisations.first { $0.code == code }?.value.label ?? code
    }

    static func load(user: CurrentUser, scheme: EvalSchemeRow, csrf: String, db: any SQLDatabase) async throws
        -> EvaluationSchemePage
    {
        let repo = StatisticsEvaluationRepository(db: db)
        let table = try scheme.table()
        let dimensions = Dictionary(uniqueKeysWithValues: table.dimensions.map { ($0.id, $0) })
        var page = EvaluationSchemePage(
            name: scheme.name,
            indicators: table.indicators.map { i in
                let d = dimensions[i.dimension]
                return IndicatorLine(
                    dimension: d?.name ?? i.dimension,
                    dimensionWeight: StatNumber.text(d?.weight?.value(for: nil)) + "%", code: i.id, name: i.name,
                    unit: i.unit, weight: StatNumber.text(i.weight.value(for: nil)) + "%",
                    direction: i.direction == .higherIsBetter ? "正向" : "逆向")
            },
            units: try await repo.units(schemeID: scheme.id),
            runs: try await repo.runs(schemeID: scheme.id, zoneID: scheme.zoneId).map {
                RunLine(
                    period: ReportingPeriod(key: $0.period)?.label ?? $0.period,
                    href: SiteURL.statisticsEvaluationRun(scheme.id, run: $0.id).path, by: $0.computedBy,
                    method: normalisationLabel($0.normalisation))
            },
            canAdminister: Permissions.decide(user, .administer, .statistics(zoneID: scheme.zoneId)) == .allow,
            csrf: csrf, action: SiteURL.statisticsEvaluation(scheme.id).path)
        page.fill([:])
        return page
    }
}

/// One run's results: units ranked with score and grade, a chart of the scores, each unit's
/// dimension scores and what pulled it up or down.
struct EvaluationRunPage: Sendable {
    struct Line: Sendable {
        let rank: Int
        let unit: String
        let score: String
        let grade: String
        let dimensions: String
        let up: String
        let down: String
    }
    let scheme: String
    let period: String
    let method: String
    let rule: String
    let lines: [Line]
    let chart: BarChart?
    let table: DataTable
    let csvHref: String
    let schemeHref: String

    static func pulls(_ list: [EvalDetail.Pull], sign: String) -> String {
        list.isEmpty ? "—" : list.map { "\($0.name)（\(sign)\(score(abs($0.points))) 分）" }.joined(separator: "、")
    }

    static func score(_ v: Double) -> String { String(format: "%.2f", v) }

    static func ruleText(_ json: String) -> String {
        guard let scale = try? JSONDecoder().decode(GradeScale.self, from: Data(json.utf8)) else { return "—" }
        switch scale.rule {
        case .scoreCutoffs(let cutoffs):
            return cutoffs.map { "\($0.grade) ≥ \(StatNumber.text($0.minimum)) 分" }.joined(separator: "，")
                + "，其余\(scale.otherwise)"
        case .rankShares(let shares, _):
            return "按名次："
                + shares.enumerated().map { i, g in
                    "\(g.grade) \(i == 0 ? "前" : "其后") \(StatNumber.text(g.share * 100))%"
                }
                .joined(separator: "，")
                + "，其余\(scale.otherwise)"
        }
    }

    static func load(scheme: EvalSchemeRow, run: EvalRunRow, db: any SQLDatabase) async throws -> EvaluationRunPage {
        let results = try await StatisticsEvaluationRepository(db: db).results(runID: run.id, zoneID: run.zoneId)
        let lines = results.map { r -> Line in
            let d = r.detail()
            return Line(
                rank: r.rank, unit: r.unitName, score: score(r.score), grade: r.grade,
                dimensions: d?.dimensions.map { "\($0.name) \($0.score.map(score) ?? "—")" }.joined(separator: "；")
                    ?? "—",
                up: pulls(d?.up ?? [], sign: "+"), down: pulls(d?.down ?? [], sign: "−"))
        }
        let period = ReportingPeriod(key: run.period)?.label ?? run.period
        let table = DataTable(
            key: "evaluation", caption: "\(scheme.name) \(period) 评价结果",
            headers: ["单位", "名次", "得分", "等次", "各维度得分", "拉高得分的指标", "拉低得分的指标"],
            rows: zip(results, lines).map { r, l in
                .init(
                    head: r.unitName,
                    cells: [
                        .number(Double(r.rank)), .number((r.score * 100).rounded() / 100, l.score), .text(r.grade),
                        .text(l.dimensions), .text(l.up), .text(l.down),
                    ])
            })
        return EvaluationRunPage(
            scheme: scheme.name, period: period, method: EvaluationSchemePage.normalisationLabel(run.normalisation),
            rule: ruleText(run.gradeJson), lines: lines,
            chart: results.isEmpty
                ? nil
                : BarChart(
                    label: "\(period)各单位综合得分（满分 100）",
                    items: results.map { ("\($0.rank). \($0.unitName)", $0.score, "\(score($0.score)) 分 \($0.grade)") }),
            table: table, csvHref: SiteURL.statisticsEvaluationRun(scheme.id, run: run.id, csv: true).path,
            schemeHref: SiteURL.statisticsEvaluation(scheme.id).path)
    }
}
