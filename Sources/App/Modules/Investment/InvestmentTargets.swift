import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// The actual figures targets are measured against, per park (nil: projects without a park) from
/// the pipeline: 到位资金 and 外资 from funds in place by month, new and ≥1亿元 projects from 签约
/// moves, 新开工/竣工/投产 from those moves, each dated within the year up to the day.
struct InvestmentActuals: Sendable {
    let byKind: [InvestmentTargetKind: [Int64?: Int64]]

    static func load(zoneID: Int64, year: Int, through day: Day, db: any SQLDatabase) async throws
        -> InvestmentActuals
    {
        let repo = InvestmentRepository(db: db)
        let from = Day(year: year, month: 1, day: 1)!
        let fromMonth = String(from.description.prefix(7))
        let toMonth = String(day.description.prefix(7))
        var byKind: [InvestmentTargetKind: [Int64?: Int64]] = [:]
        for kind in InvestmentTargetKind.allCases {
            switch kind {
            case .fundsInPlace, .foreignInvestment:
                byKind[kind] = try await repo.fundsByPark(
                    zoneID: zoneID, from: fromMonth, to: toMonth, foreign: kind == .foreignInvestment)
            case .newProjects, .bigProjects:
                byKind[kind] = try await repo.movesByPark(
                    zoneID: zoneID, stage: .signed, from: from.description, to: day.description,
                    minAgreed: kind == .bigProjects ? InvestmentTargetKind.bigProjectThreshold : nil)
            case .started, .completed, .producing:
                byKind[kind] = try await repo.movesByPark(
                    zoneID: zoneID, stage: ProjectStage(rawValue: kind.rawValue)!, from: from.description,
                    to: day.description, minAgreed: nil)
            }
        }
        return InvestmentActuals(byKind: byKind)
    }

    /// The park's figure, or the zone's (every park and none) when `parkID` is nil.
    func value(_ kind: InvestmentTargetKind, parkID: Int64?) -> Int64 {
        let figures = byKind[kind] ?? [:]
        guard let parkID else { return figures.values.reduce(0, +) }
        return figures[parkID] ?? 0
    }
}

/// The year's targets of the zone and each park with their progress as of the day (the year's
/// end for a past year): what the targets page and the API both show.
struct TargetReport: Sendable {
    struct Scope: Sendable {
        let parkID: Int64?
        let name: String
        let lines: [(InvestmentTargetKind, TargetProgress)]
        /// The half year is over and at least one target was tested.
        var tested: Bool { lines.contains { $0.1.doubleHalf != nil } }
        /// Every target of the scope passed 双过半.
        var passed: Bool { tested && lines.allSatisfy { $0.1.doubleHalf?.isAchieved ?? false } }
    }
    let year: Int
    let asOf: Day
    let scopes: [Scope]

    static func load(zoneID: Int64, year: Int, db: any SQLDatabase) async throws -> TargetReport {
        let today = Clock.today
        let asOf =
            year < today.year
            ? Day(year: year, month: 12, day: 31)! : year > today.year ? Day(year: year, month: 1, day: 1)! : today
        let midYear = Day(year: year, month: 6, day: 30)!
        let actuals = try await InvestmentActuals.load(zoneID: zoneID, year: year, through: asOf, db: db)
        let half = try await InvestmentActuals.load(zoneID: zoneID, year: year, through: min(asOf, midYear), db: db)
        let targets = try await InvestmentRepository(db: db).targets(zoneID: zoneID, year: year)
        let parks = try await ZoneRepository(db: db).parks(zoneID: zoneID)
        let all: [(Int64?, String)] = [(nil, "全区")] + parks.map { ($0.id, $0.name) }
        let scopes = all.compactMap { (parkID, name) -> Scope? in
            let lines = targets.filter { $0.parkId == parkID }.compactMap {
                t -> (InvestmentTargetKind, TargetProgress)? in
                guard let kind = InvestmentTargetKind(rawValue: t.kind) else { return nil }
                return (
                    kind,
                    TargetProgress(
                        kind: kind, target: t.target, actual: actuals.value(kind, parkID: parkID),
                        halfYearActual: half.value(kind, parkID: parkID), at: asOf)
                )
            }
            return lines.isEmpty ? nil : Scope(parkID: parkID, name: name, lines: lines)
        }
        return TargetReport(year: year, asOf: asOf, scopes: scopes)
    }
}

/// 年度目标: each scope's (the zone, then its parks) targets with progress against target and
/// time, and at mid-year the 双过半 test; which parks passed.
struct TargetsPage: Sendable {
    struct Line: Sendable {
        let kind: String
        let target: String
        let actual: String
        let completion: String
        let timeProgress: String
        let onPace: Bool
        let doubleHalf: String
        let passed: Bool
        let tested: Bool
    }
    struct Scope: Sendable {
        let name: String
        let lines: [Line]
        let tested: Bool
        let passed: Bool
    }
    var errors = FormErrors()
    let year: Int
    let asOf: String
    let scopes: [Scope]
    let passedParks: [String]
    let failedParks: [String]
    let midYearReached: Bool
    let canSet: Bool
    let kinds: [SelectOption]
    let parks: [SelectOption]
    let action: String
    let csrf: String

    static func load(user: CurrentUser, zoneID: Int64, year: Int, csrf: String, db: any SQLDatabase) async throws
        -> TargetsPage
    {
        let report = try await TargetReport.load(zoneID: zoneID, year: year, db: db)
        let parks = try await ZoneRepository(db: db).parks(zoneID: zoneID)
        let built = report.scopes.map { scope in
            let lines = scope.lines.map { (kind, p) in
                Line(
                    kind: kind.label, target: TargetProgress.amountText(p.target, kind: kind),
                    actual: TargetProgress.amountText(p.actual, kind: kind), completion: p.completion.text,
                    timeProgress: p.timeProgress.text, onPace: p.isOnPace,
                    doubleHalf: p.doubleHalf.map {
                        "上半年 \(TargetProgress.amountText(Int64($0.completion.actual ?? 0), kind: kind))，\($0.text)"
                    } ?? "未到年中", passed: p.doubleHalf?.isAchieved ?? false, tested: p.doubleHalf != nil)
            }
            return Scope(name: scope.name, lines: lines, tested: scope.tested, passed: scope.passed)
        }
        let asOf = report.asOf
        let midYear = Day(year: year, month: 6, day: 30)!
        let parkScopes = report.scopes.filter { $0.parkID != nil && $0.tested }
        return TargetsPage(
            year: year, asOf: asOf.description, scopes: built, passedParks: parkScopes.filter(\.passed).map(\.name),
            failedParks: parkScopes.filter { !$0.passed }.map(\.name), midYearReached: asOf >= midYear,
            canSet: Permissions.decide(user, .administer, .investment(zoneID: zoneID)) == .allow,
            kinds: InvestmentTargetKind.allCases.map {
                SelectOption(value: $0.rawValue, label: "\($0.label)（\($0.unit)）", selected: false)
            },
            parks: [SelectOption(value: "", label: "全区", selected: true)]
                + parks.map { SelectOption(value: String($0.id), label: $0.name, selected: false) },
            action: SiteURL.investmentTargets.path, csrf: csrf)
    }
}

/// The targets page and setting a target (the zone admin).
struct InvestmentTargetRoutes {
    let services: AppServices
    var investment: InvestmentRoutes { InvestmentRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.investmentTargets.pattern, use: show)
        router.post(SiteURL.investmentTargets.pattern, use: set)
    }

    static func year(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return Clock.today.year }
        guard text.count == 4, let year = Int(text), (2000...2100).contains(year) else {
            throw Refusal("year", "年度须是 2000–2100 的年份")
        }
        return year
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        let year = try Self.year(request.uri.queryParameters.get("year"))
        let page = try await TargetsPage.load(
            user: user, zoneID: zoneID, year: year, csrf: context.csrfToken, db: services.database.sql)
        return try await investment.render("investment/targets", page: page, context: context, title: "年度目标与双过半")
    }

    @Sendable func set(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        try context.authorize(.administer, .investment(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await InvestmentService(database: services.database).setTarget(
                    zoneID: zoneID, park: f["park"], year: f["year"], kind: f["kind"], target: f["target"], user: user)
                return .redirect(
                    to: SiteURL.investmentTargets.with(query: [("year", f["year"])]),
                    flash: Flash(kind: .success, message: "已设定目标。"))
            },
            refused: { errors in
                let year = (try? Self.year(f["year"])) ?? Clock.today.year
                var page = try await TargetsPage.load(
                    user: user, zoneID: zoneID, year: year, csrf: context.csrfToken, db: services.database.sql)
                page.errors = errors
                return try await investment.render(
                    "investment/targets", page: page, context: context, title: "年度目标与双过半")
            })
    }
}
