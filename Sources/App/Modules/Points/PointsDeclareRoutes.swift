import Foundation
import GaoxinCore
import Hummingbird
import NIOCore

/// 申报积分 with evidence and a photo (a resident for themselves or their household), or 记录积分
/// (the committee and grid workers, for residents); and an entry's photo for those who may see it.
struct PointsDeclareRoutes {
    let services: AppServices
    var points: PointsRoutes { PointsRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.pointsDeclare.pattern, use: declareForm)
        router.post(SiteURL.pointsDeclareUpload.pattern, use: declare)
        router.get(SiteURL.pointsEntryPhoto(0).pattern, use: photo)
    }

    @Sendable func declareForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        guard access.user.personID != nil || access.reviews else { throw PageError.forbidden }
        let who = String((request.uri.queryParameters.get("who") ?? "").trimmed.prefix(20))
        let page = try await PointsDeclarePage.load(
            access, subject: "", item: "", who: who, csrf: context.csrfToken, db: services.database.sql)
        return try await points.render(
            "points/declare", page: page, context: context, title: access.recordsByOffice ? "记录积分" : "申报积分")
    }

    @Sendable func declare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        guard access.user.personID != nil || access.reviews else { throw PageError.forbidden }
        guard let form = try await MultipartForm.from(request, context: context) else {
            throw PageError.badRequest("请通过申报表单提交（multipart/form-data）")
        }
        let photo = form.files["photo"].flatMap { $0.data.isEmpty ? nil : $0 }
        let d = PointsService.Declaration(
            subject: form["subject"], itemCode: form["item"], day: form["day"], evidence: form["evidence"], photo: photo
        )
        return try await services.submit(
            {
                let id = try await PointsService(database: services.database).declare(d, access: access)
                let own = try await PointsSubjects.load(
                    zoneID: access.zoneID, subjects: [], personID: access.user.personID, db: services.database.sql
                ).own(personID: access.user.personID).contains(d.subject)
                return .redirect(
                    to: .points,
                    flash: Flash(
                        kind: .success,
                        message: own
                            ? "已提交申报（编号 \(id)），积分管理小组每周集中审核（一周一定）。"
                            : "已记录积分（编号 \(id)），即时生效。"))
            },
            refused: { errors in
                var page = try await PointsDeclarePage.load(
                    access, subject: d.subject, item: d.itemCode, csrf: context.csrfToken, db: services.database.sql)
                page.day = d.day
                page.evidence = d.evidence
                page.errors = errors
                return try await points.render("points/declare", page: page, context: context, title: "申报积分")
            })
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        let id = try request.id(context)
        let repo = PointsRepository(db: services.database.sql)
        guard let row = try await repo.entry(id: id, zoneID: access.zoneID), row.photoName != nil else {
            throw PageError.notFound
        }
        let subjects = try await PointsSubjects.load(
            zoneID: access.zoneID, subjects: [row.subject], db: services.database.sql)
        try context.authorize(
            .view,
            .pointsEntry(
                zoneID: access.zoneID, subjectPersonIDs: subjects.personIDs(row.subject), gridID: row.gridId,
                isCommitteeMember: access.isMember))
        guard let data = try await repo.photo(entryID: id, zoneID: access.zoneID) else { throw PageError.notFound }
        return .userFile(data, filename: row.photoName ?? "积分照片")
    }
}
