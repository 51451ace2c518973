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
        let store = AssessmentStore(database: db)
        try await store.ensureFresh(zoneID: zoneID)
        let (rows, total) = try await store.candidates(zoneID: zoneID, code: code, limit: 100, offset: 0)
        let page = CandidatesPage(
            criteria: library.criteria.map {
                .init(value: $0.code, label: $0.definition.name, selected: $0.code == code)
            },
            criterionName: criterion.definition.name,
            qualifiedCount: try await store.counts(zoneID: zoneID).enterprises - total,
            items: rows.map(Self.item))
        return try await services.render(
            "enterprises/candidates", page: page, context: context, title: "后备企业库",
            path: SiteURL.module(.enterprises).path,
            breadcrumbs: [
                .init(title: "企业", href: SiteURL.module(.enterprises).path), .init(title: "后备企业库", href: nil),
            ])
    }

    @Sendable func innovationPoints(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let table = try Self.innovationTable.get()
        let store = AssessmentStore(database: db)
        try await store.ensureFresh(zoneID: zoneID)
        let page = InnovationPointsPage(
            tableName: table.name, note: table.note ?? "",
            items: try await store.innovation(zoneID: zoneID).map {
                .init(
                    rank: $0.rank, name: $0.name, href: SiteURL.enterprise($0.enterpriseID).path,
                    stage: $0.stage?.label ?? "—", score: String(format: "%.1f", $0.score), stageRank: $0.stageRank)
            },
            skipped: try await store.counts(zoneID: zoneID).skipped)
        return try await services.render(
            "enterprises/innovation-points", page: page, context: context, title: "企业创新积分",
            path: SiteURL.module(.enterprises).path,
            breadcrumbs: [.init(title: "企业", href: SiteURL.module(.enterprises).path), .init(title: "创新积分", href: nil)])
    }

    private static func item(_ c: AssessmentStore.CandidateRow) -> CandidatesPage.Item {
        CandidatesPage.Item(
            rank: c.position, name: c.name, href: SiteURL.enterprise(c.enterpriseID).path,
            closeness: String(format: "%.0f%%", c.closeness * 100), parts: "\(c.partsMet)/\(c.partsTotal)",
            shortfalls: c.shortfalls)
    }

    /// The shipped table, parsed once.
    static let innovationTable = Result { () throws(CriterionError) -> InnovationPointsTable in
        try InnovationPointsTable.bundled()
    }

    /// One enterprise's innovation points and its place in the zone, from the stored ranking.
    static func innovation(for id: Int64, zoneID: Int64, store: AssessmentStore) async throws -> InnovationView? {
        try await store.ensureFresh(zoneID: zoneID)
        guard let own = try await store.innovation(zoneID: zoneID, enterpriseID: id).first else { return nil }
        return InnovationView(
            score: String(format: "%.1f", own.score), rank: own.rank,
            total: try await store.counts(zoneID: zoneID).ranked,
            stage: own.stage?.label ?? "—", stageRank: own.stageRank, parts: own.parts)
    }
}
