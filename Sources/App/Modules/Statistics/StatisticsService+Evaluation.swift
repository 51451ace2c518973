import Foundation
import GaoxinCore
import SQLKit

/// 评价 writes: a scheme from its table and units files, and a period's run from the units' values.
/// Each file is checked whole; any problem refuses the whole request (field → the problems, line by
/// line) and nothing is written.
extension StatisticsService {
    static let tableColumns: [UserCSV.Column] = IndexTableSheet.headers.map {
        .init(header: $0, alias: Self.tableAliases[$0] ?? $0, required: $0 != "单位" && $0 != "方向")
    }
    private static let tableAliases = [
        "维度编号": "dimension_code", "维度名称": "dimension_name", "维度权重": "dimension_weight",
        "指标编号": "indicator_code", "指标名称": "indicator_name", "单位": "unit", "指标权重": "indicator_weight",
        "方向": "direction",
    ]
    static let unitColumns: [UserCSV.Column] = [
        .init(header: "单位编号", alias: "unit_code", required: true),
        .init(header: "单位名称", alias: "unit_name", required: true),
    ]
    static let valueColumns: [UserCSV.Column] = [
        .init(header: "单位编号", alias: "unit_code", required: true),
        .init(header: "指标编号", alias: "indicator_code", required: true),
        .init(header: "数值", alias: "value", required: true),
    ]

    /// Normalisations the page offers.
    static let normalisations: [(code: String, value: Normalisation)] = [
        ("minmax", .minMax()), ("percentile", .percentileRank()),
    ]

    /// Problems as one field message: the first few, line by line.
    static func message(_ problems: [(line: Int, column: String, message: String)], file: String) -> String {
        let shown = problems.prefix(8).map { p in
            (p.line > 0 ? "第 \(p.line) 行" : "") + (p.column.isEmpty ? "" : "“\(p.column)”") + "：\(p.message)"
        }
        return "\(file)未导入，没有保存任何内容（共 \(problems.count) 处问题）：" + shown.joined(separator: "；")
            + (problems.count > 8 ? "……" : "")
    }

    static func csvProblems(_ list: ProblemList) -> [(line: Int, column: String, message: String)] {
        list.problems.map { ($0.line, $0.column, $0.message) }
    }

    /// A new scheme (the zone admin): a name, the table file and the units file.
    func createScheme(name: String, table: Data?, units: Data?, user: CurrentUser, zoneID: Int64) async throws -> Int64
    {
        try require(.administer, user, zoneID: zoneID)
        var errors = FormErrors()
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.textLength > 60 { errors.add("name", "方案名称：请填写，不超过 60 个字") }
        var indexTable: IndexTable?
        if let table, !table.isEmpty {
            switch UserCSV.read(table, columns: Self.tableColumns, maxRows: 200) {
            case .failure(let list): errors.add("table", Self.message(Self.csvProblems(list), file: "指标权重表"))
            case .success(let csv):
                let rows = csv.rows.map { SheetRow(line: $0.line, values: $0.cells) }
                switch IndexTableSheet.read(name: name, rows: rows, normalisation: .minMax()) {
                case .failure(let problems):
                    errors.add(
                        "table", Self.message(problems.problems.map { ($0.line, $0.column, $0.message) }, file: "指标权重表")
                    )
                case .success(let t): indexTable = t
                }
            }
        } else {
            errors.add("table", "指标权重表：请选择 CSV 文件")
        }
        var unitList: [(code: String, name: String)] = []
        if let units, !units.isEmpty {
            switch UserCSV.read(units, columns: Self.unitColumns, maxRows: 2000) {
            case .failure(let list): errors.add("units", Self.message(Self.csvProblems(list), file: "评价单位表"))
            case .success(let csv):
                var problems: [(line: Int, column: String, message: String)] = []
                for row in csv.rows {
                    let code = row["单位编号"]
                    let unitName = row["单位名称"]
                    if code.isEmpty || code.textLength > 30 {
                        problems.append((row.line, "单位编号", "请填写，不超过 30 个字符"))
                    } else if unitList.contains(where: { $0.code == code }) {
                        problems.append((row.line, "单位编号", "“\(code)”重复"))
                    }
                    if unitName.isEmpty || unitName.textLength > 60 {
                        problems.append((row.line, "单位名称", "请填写，不超过 60 个字"))
                    }
                    unitList.append((code, unitName))
                }
                if !problems.isEmpty { errors.add("units", Self.message(problems, file: "评价单位表")) }
            }
        } else {
            errors.add("units", "评价单位表：请选择 CSV 文件")
        }
        try Refusal.check(errors)
        guard let indexTable else { throw Refusal("table", "指标权重表：请选择 CSV 文件") }
        let units = unitList
        let json = String(decoding: try JSONEncoder().encode(indexTable), as: UTF8.self)
        return try await database.transaction { db in
            let id = try await StatisticsEvaluationRepository(db: db).insertScheme(
                zoneID: zoneID, name: name, tableJSON: json, units: units, by: user.displayName,
                at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "eval_scheme", id: id, action: "create",
                after: [
                    "name": name, "indicators": String(indexTable.indicators.count), "units": String(units.count),
                ],
                on: db)
            return id
        }
    }

    /// The grade rule from the form: 优/良 by cut-off scores or by rank shares, the rest 差.
    static func gradeScale(rule: String, excellent: String, good: String, errors: inout FormErrors) -> GradeScale? {
        let e = decimal(excellent).value
        let g = decimal(good).value
        switch rule {
        case "cutoff":
            guard let e, let g, (0...100).contains(e), (0...100).contains(g), e > g else {
                errors.add("excellent", "等次：按分数线时，“优”的分数线应高于“良”，都在 0–100 之间")
                return nil
            }
            return try? GradeScale(
                cutoffs: [GradeCutoff(grade: "优", minimum: e), GradeCutoff(grade: "良", minimum: g)], otherwise: "差")
        case "share":
            guard let e, let g, e > 0, g > 0, e + g <= 100 else {
                errors.add("excellent", "等次：按名次比例时，“优”和“良”的比例都应大于 0，合计不超过 100%")
                return nil
            }
            return try? GradeScale(
                shares: [GradeShare(grade: "优", share: e / 100), GradeShare(grade: "良", share: g / 100)],
                otherwise: "差")
        default:
            errors.add("rule", "等次规则：请选择按分数线或按名次比例")
            return nil
        }
    }

    /// Computes the scheme for a period from the values file and keeps the results (replacing the
    /// period's earlier run).
    func compute(
        scheme: EvalSchemeRow, period: String, normalisation: String, rule: String, excellent: String, good: String,
        values: Data?, user: CurrentUser
    ) async throws -> Int64 {
        try require(.administer, user, zoneID: scheme.zoneId)
        var errors = FormErrors()
        let p = ReportingPeriod(key: period.trimmingCharacters(in: .whitespaces))
        if p == nil {
            errors.add("period", "期间：请按 2025、2025-Q2 或 2025-06 填写")
        } else if p!.isFuture(on: Clock.today) {
            errors.add("period", "期间：\(p!.label)还没有开始，不能评价")
        }
        let chosen = Self.normalisations.first { $0.code == normalisation }
        if chosen == nil { errors.add("normalisation", "标准化方法：请选择") }
        let scale = Self.gradeScale(rule: rule, excellent: excellent, good: good, errors: &errors)
        let table = try scheme.table()
        let units = try await StatisticsEvaluationRepository(db: db).units(schemeID: scheme.id)
        var subjects: [String: [String: Double]] = [:]
        if let values, !values.isEmpty {
            switch UserCSV.read(values, columns: Self.valueColumns, maxRows: 50_000) {
            case .failure(let list): errors.add("values", Self.message(Self.csvProblems(list), file: "数值表"))
            case .success(let csv):
                let unitCodes = Set(units.map(\.code))
                let indicatorCodes = Set(table.indicators.map(\.id))
                var problems: [(line: Int, column: String, message: String)] = []
                for row in csv.rows {
                    let u = row["单位编号"]
                    let i = row["指标编号"]
                    if !unitCodes.contains(u) { problems.append((row.line, "单位编号", "本方案没有单位“\(u)”")) }
                    if !indicatorCodes.contains(i) { problems.append((row.line, "指标编号", "本方案没有指标“\(i)”")) }
                    guard case .number(let v) = Self.decimal(row["数值"]) else {
                        problems.append((row.line, "数值", "请填写数字（不超过 1 万亿）"))
                        continue
                    }
                    if subjects[u]?[i] != nil { problems.append((row.line, "指标编号", "“\(u)”的“\(i)”重复")) }
                    subjects[u, default: [:]][i] = v
                }
                if !problems.isEmpty { errors.add("values", Self.message(problems, file: "数值表")) }
            }
        } else {
            errors.add("values", "数值表：请选择 CSV 文件")
        }
        try Refusal.check(errors)
        guard let p, let chosen, let scale else { return 0 }
        let results = try Self.results(
            table: table, units: units, subjects: subjects, normalisation: chosen.value, scale: scale,
            zoneID: scheme.zoneId)
        let run = EvalRunRow(
            id: 0, zoneId: scheme.zoneId, schemeId: scheme.id, period: p.key, normalisation: chosen.code,
            gradeJson: String(decoding: try JSONEncoder().encode(scale), as: UTF8.self), computedBy: user.displayName,
            computedAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let id = try await StatisticsEvaluationRepository(db: db).replaceRun(run, results: results)
            try await AuditLog.record(
                zoneID: scheme.zoneId, actor: user, entity: "eval_run", id: id, action: "compute",
                after: ["scheme": String(scheme.id), "period": p.key, "units": String(results.count)], on: db)
            return id
        }
    }

    /// Every unit's score, rank, grade and explanation under `normalisation` and `scale`.
    static func results(
        table: IndexTable, units: [EvalUnitRow], subjects: [String: [String: Double]], normalisation: Normalisation,
        scale: GradeScale, zoneID: Int64
    ) throws -> [EvalResultRow] {
        let applied = try IndexTable(
            name: table.name, weighting: table.weighting, weightUnit: table.weightUnit,
            missingValues: table.missingValues,
            dimensions: table.dimensions,
            indicators: table.indicators.map {
                IndexIndicator(
                    id: $0.id, name: $0.name, dimension: $0.dimension, weight: $0.weight, direction: $0.direction,
                    normalisation: normalisation, unit: $0.unit)
            })
        let evaluation = try applied.evaluate(units.map { IndexSubject(id: $0.code, values: subjects[$0.code] ?? [:]) })
        let grades = Dictionary(uniqueKeysWithValues: evaluation.grades(by: scale).map { ($0.subject, $0.grade) })
        let why = ScoreExplanation.explain(evaluation)
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0.name) })
        let results = try evaluation.results.map { r in
            let detail = EvalDetail(
                dimensions: r.dimensions.map { .init(name: $0.name, score: $0.score, contribution: $0.contribution) },
                indicators: r.indicators.map {
                    .init(
                        code: $0.indicatorID, name: $0.name, raw: $0.raw, normalised: $0.normalised,
                        contribution: $0.contribution)
                },
                up: why[r.subject]?.up.map { .init(name: $0.name, points: $0.points) } ?? [],
                down: why[r.subject]?.down.map { .init(name: $0.name, points: $0.points) } ?? [])
            return EvalResultRow(
                id: 0, runId: 0, zoneId: zoneID, unitCode: r.subject, unitName: names[r.subject] ?? r.subject,
                score: r.score, rank: r.rank, grade: grades[r.subject] ?? scale.otherwise,
                detailJson: String(decoding: try JSONEncoder().encode(detail), as: UTF8.self))
        }
        return results
    }
}
