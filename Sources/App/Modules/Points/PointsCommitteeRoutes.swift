import Foundation
import GaoxinCore
import Hummingbird

/// 积分管理小组: the committee sees its members; the zone admin adds and removes them.
struct PointsCommitteeRoutes {
    let services: AppServices
    var points: PointsRoutes { PointsRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.pointsCommittee.pattern, use: committee)
        router.post(SiteURL.pointsCommittee.pattern, use: addMember)
        router.post(SiteURL.pointsCommitteeRemove(0).pattern, use: removeMember)
    }

    func committeePage(_ access: PointsAccess, _ request: Request, context: AppRequestContext) async throws
        -> PointsCommitteePage
    {
        try await PointsCommitteePage.load(
            access, pager: try Pager(query: request.uri.queryParameters.get("page"), size: 50),
            csrf: context.csrfToken, db: services.database.sql)
    }

    @Sendable func committee(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        guard access.isCommittee else { throw PageError.forbidden }
        return try await points.render(
            "points/committee", page: try await committeePage(access, request, context: context), context: context,
            title: "积分管理小组")
    }

    @Sendable func addMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        try context.authorize(.administer, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await PointsService(database: services.database).addMember(
                    username: form["username"], duty: form["duty"], access: access)
                return .redirect(
                    to: .pointsCommittee, flash: Flash(kind: .success, message: "已将“\(form["username"])”加入积分管理小组。"))
            },
            refused: { errors in
                var page = try await committeePage(access, request, context: context)
                page.username = form["username"]
                page.duties = PointsCommitteePage.duties(selected: form["duty"])
                page.errors = errors
                return try await points.render("points/committee", page: page, context: context, title: "积分管理小组")
            })
    }

    @Sendable func removeMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        try context.authorize(.administer, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember))
        try await PointsService(database: services.database).removeMember(id: try request.id(context), access: access)
        return .redirect(to: .pointsCommittee, flash: Flash(kind: .success, message: "已移出积分管理小组。"))
    }
}
