import Foundation
import GaoxinCore
import Hummingbird

/// The zone-wide views of the official criteria and innovation points: the 后备 candidate lists
/// and the innovation points ranking.
struct AssessmentRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.enterpriseCandidates.pattern, use: candidates)
        router.get(SiteURL.innovationPoints.pattern, use: innovationPoints)
    }

    @Sendable func candidates(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let library = try await CriteriaStore(db: db.sql).library(zoneID: zoneID)
        let requested: String? = request.uri.queryParameters.get("criterion")
        let code: String = requested ?? library.codes.first ?? ""
        guard let criterion = library[code] else { throw PageError.notFound }
        let today = Clock.today
        let records = try await ZoneEnterpriseRecords.load(db: db.sql, zoneID: zoneID, today: today)
        let ranked = criterion.candidates(records.recorded)
        let qualified = records.recorded.count - ranked.count
        let names = Dictionary(uniqueKeysWithValues: records.entries.map { (String($0.enterprise.id), $0.enterprise.name) })
        let page = CandidatesPage(
            criteria: library.criteria.map { .init(value: $0.code, label: $0.definition.name, selected: $0.code == code) },
            criterionName: criterion.definition.name, qualifiedCount: qualified,
            items: ranked.prefix(100).enumerated().map { index, c in Self.item(rank: index + 1, c, names: names) })
        return try await services.render("enterprises/candidates", page: page, context: context, title: "后备企业库", path: SiteURL.module(.enterprises).path,
                                          breadcrumbs: [.init(title: "企业", href: SiteURL.module(.enterprises).path), .init(title: "后备企业库", href: nil)])
    }

    @Sendable func innovationPoints(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let today = Clock.today
        let records = try await ZoneEnterpriseRecords.load(db: db.sql, zoneID: zoneID, today: today)
        let table = try Self.innovationTable.get()
        let evaluation = try table.evaluate(records.recorded)
        let names = Dictionary(uniqueKeysWithValues: records.entries.map { (String($0.enterprise.id), $0.enterprise.name) })
        let page = InnovationPointsPage(
            tableName: table.name, note: table.note ?? "",
            items: evaluation.results.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }.map {
                .init(rank: $0.rank, name: names[$0.id] ?? $0.id, href: SiteURL.enterprise(Int64($0.id) ?? 0).path,
                      stage: $0.stage?.label ?? "—", score: String(format: "%.1f", $0.score), stageRank: $0.stageRank)
            },
            skipped: evaluation.skipped.count)
        return try await services.render("enterprises/innovation-points", page: page, context: context, title: "企业创新积分", path: SiteURL.module(.enterprises).path,
                                          breadcrumbs: [.init(title: "企业", href: SiteURL.module(.enterprises).path), .init(title: "创新积分", href: nil)])
    }

    private static func item(rank: Int, _ c: Candidate, names: [String: String]) -> CandidatesPage.Item {
        let shortfalls: [String] = c.shortfalls.map { "\($0.label)：\($0.details.joined(separator: "，"))" }
        return CandidatesPage.Item(
            rank: rank, name: names[c.id] ?? c.id, href: SiteURL.enterprise(Int64(c.id) ?? 0).path,
            closeness: String(format: "%.0f%%", c.closeness * 100), parts: "\(c.partsMet)/\(c.partsTotal)",
            shortfalls: shortfalls.joined(separator: "；"))
    }

    /// The shipped table, parsed once.
    static let innovationTable = Result { () throws(CriterionError) -> InnovationPointsTable in try InnovationPointsTable.bundled() }

    /// One enterprise's innovation points within its zone (ranks need the whole zone).
    static func innovation(for id: Int64, in records: ZoneEnterpriseRecords) throws -> InnovationView? {
        let evaluation = try innovationTable.get().evaluate(records.recorded)
        guard let result = evaluation.result(for: String(id)) else { return nil }
        return InnovationView(score: String(format: "%.1f", result.score), rank: result.rank, total: evaluation.results.count,
                              stage: result.stage?.label ?? "—", stageRank: result.stageRank, parts: result.parts.map(\.text))
    }
}
