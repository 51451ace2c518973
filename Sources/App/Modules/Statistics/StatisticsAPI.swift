import Foundation
import GaoxinCore
import OpenAPIRuntime
import SQLKit

/// 统计监测 and the to-do list over `/api/v1`: the caller's to-do counts, the zone's indicators and
/// figures with 同比 and completion, and the evaluations with their ranked results.
extension APIHandler {
    func statisticsZone(_ user: CurrentUser) throws -> Int64 {
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .statistics(zoneID: zoneID)))
        return zoneID
    }

    func getToDo(_ input: Operations.GetToDo.Input) async throws -> Operations.GetToDo.Output {
        let user = try APICaller.require()
        guard let zoneID = user.homeZoneID else { return .ok(.init(body: .json(.init(items: [])))) }
        let lines = try await ToDoList.load(
            user: user, zoneID: zoneID, db: db, calendar: services.cases.engine.calendar)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: lines.map {
                            .init(
                                key: $0.key, title: $0.title, count: Int64($0.count), late: Int64($0.late),
                                href: $0.href, nextDeadline: $0.nextDeadline?.description,
                                workingDaysLeft: $0.workingDaysLeft.map { min(max($0, -100_000), 100_000) })
                        }))))
    }

    static func indicator(_ i: StatIndicatorRow) -> Components.Schemas.StatIndicator {
        .init(id: i.id, code: i.code, name: i.name, unit: i.unit)
    }

    func listStatIndicators(_ input: Operations.ListStatIndicators.Input) async throws
        -> Operations.ListStatIndicators.Output
    {
        let zoneID = try statisticsZone(try APICaller.require())
        let rows = try await StatisticsRepository(db: db).indicators(zoneID: zoneID)
        return .ok(.init(body: .json(.init(items: rows.map(Self.indicator)))))
    }

    func listStatFigures(_ input: Operations.ListStatFigures.Input) async throws -> Operations.ListStatFigures.Output {
        let zoneID = try statisticsZone(try APICaller.require())
        let repo = StatisticsRepository(db: db)
        guard let i = try await repo.indicator(id: input.path.indicatorId, zoneID: zoneID) else {
            throw APIError.notFound
        }
        let rows = byPeriod(try await repo.figures(indicatorID: i.id, zoneID: zoneID))
        let series = statSeries(rows)
        let items = rows.map { r -> Components.Schemas.StatFigure in
            let yoy = r.reportingPeriod.map { series.yearOnYear($0) }
            let completion =
                r.target == nil ? nil : CompletionRate(actual: r.value, target: r.target).value.map { $0 * 100 }
            return .init(
                period: r.period, periodLabel: r.reportingPeriod?.label ?? r.period, value: r.value,
                growthPercent: yoy?.rate.value.map { $0 * 100 }, growthStated: yoy?.stated == true, target: r.target,
                completionPercent: completion, source: String(r.source.prefix(300)))
        }
        return .ok(.init(body: .json(.init(indicator: Self.indicator(i), items: items))))
    }

    func evaluationRun(_ run: EvalRunRow, schemes: [Int64: String]) -> Components.Schemas.EvaluationRun {
        .init(
            id: run.id, schemeId: run.schemeId, scheme: schemes[run.schemeId] ?? "", period: run.period,
            normalisation: run.normalisation)
    }

    func listEvaluationRuns(_ input: Operations.ListEvaluationRuns.Input) async throws
        -> Operations.ListEvaluationRuns.Output
    {
        let zoneID = try statisticsZone(try APICaller.require())
        let repo = StatisticsEvaluationRepository(db: db)
        let schemes = Dictionary(uniqueKeysWithValues: try await repo.schemes(zoneID: zoneID).map { ($0.id, $0.name) })
        let runs = try await repo.runs(zoneID: zoneID)
        return .ok(.init(body: .json(.init(items: runs.map { evaluationRun($0, schemes: schemes) }))))
    }

    func getEvaluationResults(_ input: Operations.GetEvaluationResults.Input) async throws
        -> Operations.GetEvaluationResults.Output
    {
        let zoneID = try statisticsZone(try APICaller.require())
        let repo = StatisticsEvaluationRepository(db: db)
        guard let run = try await repo.run(id: input.path.runId, zoneID: zoneID) else { throw APIError.notFound }
        let schemes = Dictionary(uniqueKeysWithValues: try await repo.schemes(zoneID: zoneID).map { ($0.id, $0.name) })
        let items = try await repo.results(runID: run.id, zoneID: zoneID).map { r in
            let d = r.detail()
            return Components.Schemas.EvaluationResult(
                unitCode: r.unitCode, unitName: r.unitName, rank: r.rank, score: min(max(r.score, 0), 100),
                grade: r.grade, up: d?.up.map(\.name) ?? [], down: d?.down.map(\.name) ?? [])
        }
        return .ok(.init(body: .json(.init(run: evaluationRun(run, schemes: schemes), items: items))))
    }
}

extension APIHandler {
    /// The caller's own dashboard (chain, department or enterprise) as the page shows it, table by table.
    func getOwnDashboard(_ input: Operations.GetOwnDashboard.Input) async throws -> Operations.GetOwnDashboard.Output {
        let user = try APICaller.require()
        guard let zoneID = user.homeZoneID, let kind = OwnDashboardKind(rawValue: input.path.kind.rawValue) else {
            throw APIError.notFound
        }
        let page = try await StatisticsOwnDashboardRoutes.load(
            kind, id: input.path.ownerId, zoneID: zoneID, services: services
        ) { try APIError.check(Permissions.decide(user, .view, $0)) }
        let tables = page.sections.map { s -> Components.Schemas.DashboardTable in
            .init(
                key: s.table.key, title: s.title, origin: s.origin, headers: s.table.headers,
                rows: s.table.rows.map { r in
                    .init(head: r.head, cells: r.cells.map { .init(text: $0.text, number: $0.number) })
                })
        }
        return .ok(.init(body: .json(.init(heading: page.heading, intro: page.intro, tables: tables))))
    }
}
