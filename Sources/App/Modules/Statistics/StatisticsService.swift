import Foundation
import GaoxinCore
import SQLKit

/// The one write service of 统计监测: indicators, figures entered on the page, and the CSV import.
/// Every field is checked first (a `Refusal` naming each wrong one in Chinese; an import lists every
/// problem of the file), then one transaction writes the change with its audit row.
struct StatisticsService: Sendable {
    let database: Database
    var db: any SQLDatabase { database.sql }

    func require(_ action: Action, _ user: CurrentUser, zoneID: Int64) throws {
        switch Permissions.decide(user, action, .statistics(zoneID: zoneID)) {
        case .allow: return
        case .forbidden: throw PageError.forbidden
        case .hidden: throw PageError.notFound
        }
    }

    // MARK: - Numbers as people type them

    /// The largest figure a zone reports (1e12 亿元 is past any economy); keeps sums finite.
    static let maxMagnitude = 1e12

    /// What a typed number is: nothing, a number, or not one.
    enum Typed: Equatable {
        case empty
        case number(Double)
        case invalid

        var value: Double? { if case .number(let v) = self { v } else { nil } }
    }

    /// A plain decimal ("4191.83", "-3", "1,200"), finite and within ±`maxMagnitude`; anything else
    /// (exponents, "nan", hexadecimal, too long) is `.invalid`.
    static func decimal(_ text: String) -> Typed {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if t.isEmpty { return .empty }
        let digits = t.hasPrefix("-") ? t.dropFirst() : Substring(t)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard t.count <= 24, (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), parts.count == 1 || !parts[1].isEmpty,
            let value = Double(t), value.isFinite, abs(value) <= maxMagnitude
        else { return .invalid }
        return .number(value)
    }

    /// A checked figure from its texts, or nil with every problem added to `errors` (given empty).
    static func draft(
        indicatorID: Int64, period: String, value: String, growth: String, target: String, source: String,
        today: Day, errors: inout FormErrors
    ) -> StatFigureDraft? {
        let p = ReportingPeriod(key: period.trimmingCharacters(in: .whitespaces))
        if p == nil {
            errors.add("period", "期间：请按 2024、2024-Q2、2024-06 或 2024-YTD06（1-6月累计）填写")
        } else if p!.isFuture(on: today) {
            errors.add("period", "期间：\(p!.label)还没有开始，不能填报")
        }
        let v = decimal(value)
        if v == .invalid { errors.add("value", "数值：请填写数字（不超过 1 万亿）") }
        let g = decimal(growth)
        if g == .invalid || g.value.map({ $0 < -100 || $0 > 100_000 }) == true {
            errors.add("growth", "同比增长：请填写 -100 到 100000 之间的百分数（如 2.99 表示增长 2.99%）")
        }
        let t = decimal(target)
        if t == .invalid || t.value.map({ $0 <= 0 }) == true {
            errors.add("target", "目标：请填写大于 0 的数字（不设目标请留空）")
        }
        if v == .empty && g == .empty { errors.add("value", "数值：请填写数值或同比增长（至少一项）") }
        if source.textLength > 300 { errors.add("source", "来源：不能超过 300 个字") }
        guard errors.isEmpty, let p else { return nil }
        return StatFigureDraft(
            indicatorID: indicatorID, period: p, value: v.value, statedGrowth: g.value.map { $0 / 100 },
            target: t.value,
            source: source.trimmingCharacters(in: .whitespaces))
    }

    // MARK: - Writes

    /// A new indicator of the zone (the zone admin): a code unique in the zone, a name and a unit.
    func addIndicator(code: String, name: String, unit: String, user: CurrentUser, zoneID: Int64) async throws -> Int64
    {
        try require(.administer, user, zoneID: zoneID)
        var errors = FormErrors()
        let code = code.trimmingCharacters(in: .whitespaces).lowercased()
        let name = name.trimmingCharacters(in: .whitespaces)
        let unit = unit.trimmingCharacters(in: .whitespaces)
        if code.isEmpty || code.textLength > 30
            || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        {
            errors.add("code", "编码：请用英文字母、数字和下划线，不超过 30 个字符（如 gdp、tech_contracts）")
        } else if try await StatisticsRepository(db: db).indicators(zoneID: zoneID).contains(where: { $0.code == code })
        {
            errors.add("code", "编码：本园区已有编码为“\(code)”的指标")
        }
        if name.isEmpty || name.textLength > 40 { errors.add("name", "指标名称：请填写，不超过 40 个字") }
        if unit.textLength > 10 { errors.add("unit", "单位：不超过 10 个字（如 亿元、家、%）") }
        try Refusal.check(errors)
        return try await database.transaction { db in
            let id = try await StatisticsRepository(db: db).insertIndicator(
                zoneID: zoneID, code: code, name: name, unit: unit, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "stat_indicator", id: id, action: "create",
                after: ["code": code, "name": name, "unit": unit], on: db)
            return id
        }
    }

    /// Enters (or corrects) one figure of an indicator of the zone.
    func record(
        indicatorID: Int64, period: String, value: String, growth: String, target: String, source: String,
        user: CurrentUser, zoneID: Int64
    ) async throws {
        try require(.update, user, zoneID: zoneID)
        guard try await StatisticsRepository(db: db).indicator(id: indicatorID, zoneID: zoneID) != nil else {
            throw PageError.notFound
        }
        var errors = FormErrors()
        let draft = Self.draft(
            indicatorID: indicatorID, period: period, value: value, growth: growth, target: target, source: source,
            today: Clock.today, errors: &errors)
        try Refusal.check(errors)
        guard let draft else { return }
        try await write([draft], user: user, zoneID: zoneID)
    }

    /// The CSV columns of an import (and of the export, which re-imports as it is).
    static let columns: [UserCSV.Column] = [
        .init(header: "指标编码", alias: "code", required: true), .init(header: "指标名称", alias: "name", required: false),
        .init(header: "单位", alias: "unit", required: false), .init(header: "期间", alias: "period", required: true),
        .init(header: "数值", alias: "value", required: true),
        .init(header: "同比增长(%)", alias: "growth", required: false),
        .init(header: "目标", alias: "target", required: false), .init(header: "来源", alias: "source", required: false),
    ]

    /// Checks a whole file against the zone's indicators: the figures, or every problem (nothing written).
    func check(_ data: Data, zoneID: Int64) async throws -> Result<[StatFigureDraft], ProblemList> {
        let csv: UserCSV
        switch UserCSV.read(data, columns: Self.columns, maxRows: 20_000) {
        case .failure(let problems): return .failure(problems)
        case .success(let read): csv = read
        }
        let indicators = Dictionary(
            try await StatisticsRepository(db: db).indicators(zoneID: zoneID).map { ($0.code, $0.id) },
            uniquingKeysWith: { a, _ in a })
        let names = ["period": "期间", "value": "数值", "growth": "同比增长(%)", "target": "目标", "source": "来源"]
        var problems: [UserCSV.Problem] = []
        var drafts: [StatFigureDraft] = []
        var seen: [String: Int] = [:]
        let today = Clock.today
        for row in csv.rows {
            let code = row["指标编码"].lowercased()
            guard let id = indicators[code] else {
                problems.append(
                    .init(line: row.line, column: "指标编码", message: "本园区没有编码为“\(code)”的指标（请先在统计监测页新增指标）"))
                continue
            }
            var errors = FormErrors()
            let draft = Self.draft(
                indicatorID: id, period: row["期间"], value: row["数值"], growth: row["同比增长(%)"], target: row["目标"],
                source: row["来源"], today: today, errors: &errors)
            for (field, message) in errors.entries {
                problems.append(.init(line: row.line, column: names[field] ?? field, message: message))
            }
            guard let draft else { continue }
            let key = "\(code) \(draft.period.key)"
            if let earlier = seen[key] {
                problems.append(
                    .init(line: row.line, column: "期间", message: "“\(code)”的\(draft.period.label)在第 \(earlier) 行已出现"))
            }
            seen[key] = row.line
            drafts.append(draft)
        }
        return problems.isEmpty ? .success(drafts) : .failure(ProblemList(problems))
    }

    /// Imports a checked file in one transaction: all of it, or (on any problem) none of it.
    func importFile(_ data: Data, user: CurrentUser, zoneID: Int64) async throws -> Result<Int, ProblemList> {
        try require(.update, user, zoneID: zoneID)
        switch try await check(data, zoneID: zoneID) {
        case .failure(let problems): return .failure(problems)
        case .success(let drafts):
            try await write(drafts, user: user, zoneID: zoneID)
            return .success(drafts.count)
        }
    }

    /// Writes figures and one audit row, in one transaction.
    func write(_ drafts: [StatFigureDraft], user: CurrentUser?, zoneID: Int64) async throws {
        let now = Clock.nowSeconds()
        try await database.transaction { db in
            let repo = StatisticsRepository(db: db)
            for d in drafts { try await repo.upsert(d, zoneID: zoneID, by: user?.displayName ?? "系统", at: now) }
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "stat_figures", id: zoneID, action: "write",
                after: ["figures": String(drafts.count)], on: db)
        }
    }
}
