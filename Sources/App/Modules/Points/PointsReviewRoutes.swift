import Foundation
import GaoxinCore
import Hummingbird

/// 一周一定: the weekly review of declarations, by the committee for every grid and by grid workers
/// for their own. A week's queue comes in pages of the largest size, so "confirm the rest" covers
/// the whole week unless it holds more than that.
struct PointsReviewRoutes {
    let services: AppServices
    var points: PointsRoutes { PointsRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.pointsReview.pattern, use: review)
        router.post(SiteURL.pointsReview.pattern, use: decide)
    }

    func reviewPage(_ access: PointsAccess, _ request: Request, context: AppRequestContext) async throws
        -> PointsReviewPage
    {
        try await PointsReviewPage.load(
            access, weekKey: request.uri.queryParameters.get("week"),
            pager: try Pager(query: request.uri.queryParameters.get("page"), size: Pager.maxSize),
            csrf: context.csrfToken,
            db: services.database.sql)
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        guard access.reviews else { throw PageError.forbidden }
        let page = try await reviewPage(access, request, context: context)
        return try await points.render("points/review", page: page, context: context, title: "每周审核")
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        guard access.reviews else { throw PageError.forbidden }
        let form = try await FormData.from(request, context: context)
        var verdicts: [Int64: PointsService.Verdict] = [:]
        var errors = FormErrors()
        for id in form.all("entry").compactMap({ Int64($0) }) {
            switch form["d_\(id)"] {
            case "confirm": verdicts[id] = .confirm
            case "reject": verdicts[id] = .reject(reason: form["r_\(id)"])
            case "": break
            default: errors.add("decision", "记录 \(id) 的决定只能是确认或不通过")
            }
        }
        // 一周一定: the rest of the week's queue may be confirmed in one go.
        if form["rest"] == "confirm" {
            for id in form.all("entry").compactMap({ Int64($0) }) where verdicts[id] == nil && form["d_\(id)"].isEmpty {
                verdicts[id] = .confirm
            }
        }
        let week = request.uri.queryParameters.get("week")
        return try await services.submit(
            {
                try Refusal.check(errors)
                let (confirmed, rejected) = try await PointsService(database: services.database).review(
                    verdicts, access: access)
                return .redirect(
                    to: SiteURL.pointsReview.with(query: [("week", week ?? "")]),
                    flash: Flash(kind: .success, message: "已确认 \(confirmed) 条、不通过 \(rejected) 条。"))
            },
            refused: { errors in
                var page = try await reviewPage(access, request, context: context)
                page.errors = errors
                return try await points.render("points/review", page: page, context: context, title: "每周审核")
            })
    }
}
