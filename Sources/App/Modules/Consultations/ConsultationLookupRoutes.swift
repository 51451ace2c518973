import Foundation
import GaoxinCore
import Hummingbird

/// 咨询进度查询: the public asker's way back to their question, by its number and the mobile they
/// asked with, and their rating from the same page.
extension ConsultationRoutes {
    private func lookupPage(
        _ page: ConsultationLookupPage, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await render(
            "consultations/lookup", page: page, context: context, title: "咨询进度查询",
            crumbs: [.init(title: "咨询进度查询", href: nil)], status: status)
    }

    @Sendable func lookupForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = ConsultationLookupPage(
            tabs: try await policies.tabs(context, current: .consultationLookup),
            action: SiteURL.consultationLookup.path, csrf: context.csrfToken)
        return try await lookupPage(page, context: context)
    }

    /// Both the number and the mobile the question was asked with must match; a miss says the same
    /// whichever was wrong and counts against the address like a failed login, so numbers can't be
    /// walked through.
    private func lookedUp(_ form: FormData, _ context: AppRequestContext) async throws -> (
        ConsultationLookupPage, Consultation?, MobileNumber?, HTTPResponse.Status
    ) {
        let db = services.database
        var page = ConsultationLookupPage(
            tabs: try await policies.tabs(context, current: .consultationLookup),
            number: form["number"], mobile: form["mobile"], action: SiteURL.consultationLookup.path,
            csrf: context.csrfToken)
        let digits = page.number.uppercased().replacingOccurrences(of: "ZX", with: "").replacingOccurrences(
            of: "-", with: "")
        let id = Int64(digits)
        if id == nil { page.errors.add("number", "咨询编号：请填写提交咨询时显示的编号，如 ZX-000123") }
        let mobile = try? MobileNumber(page.mobile)
        if mobile == nil { page.errors.add("mobile", "手机号：请填写提交咨询时留下的 11 位手机号") }
        guard let id, let mobile else { return (page, nil, nil, .badRequest) }
        let key = "consultation-lookup"
        let address = context.remoteAddress
        if let wait = try await services.throttle.waitSeconds(username: key, address: address, db: db.sql) {
            page.errors.add("number", LoginThrottle.message(waitSeconds: wait))
            return (page, nil, nil, .tooManyRequests)
        }
        guard let c = try await ConsultationRepository(db: db.sql).findAnyZone(caseID: id),
            c.caseRow.requesterUserId == nil,
            c.details.askerMobile.flatMap({ try? MobileNumber($0) }) == mobile
        else {
            try await db.transaction { tx in
                try await services.throttle.record(username: key, address: address, succeeded: false, db: tx)
            }
            page.errors.add("number", "没有找到与该编号和手机号对应的咨询，请核对后再试")
            return (page, nil, nil, .notFound)
        }
        page.found = try await .load(c, services: services)
        return (page, c, mobile, .ok)
    }

    @Sendable func lookup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (page, _, _, status) = try await lookedUp(try await FormData.from(request, context: context), context)
        return try await lookupPage(page, context: context, status: status)
    }

    /// The public asker rates the answer from the lookup page (number and mobile come again with it).
    @Sendable func lookupRate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.from(request, context: context)
        var (page, found, mobile, status) = try await lookedUp(form, context)
        guard let c = found, let mobile else { return try await lookupPage(page, context: context, status: status) }
        let input = RatingInput(form)
        return try await services.submit(
            {
                page.notice = try await input.rate(followUpBy: Self.kind.followUpBy) {
                    try await service.rate(c, level: $0, comment: $1, user: nil, mobile: mobile)
                }
                let rated = try await ConsultationRepository(db: services.database.sql).find(
                    caseID: c.id, zoneID: c.caseRow.zoneId)
                page.found = try await .load(rated ?? c, services: services)
                return try await lookupPage(page, context: context)
            },
            refused: { errors in
                page.ratingErrors = errors
                page.comment = input.comment
                page.levels = RatingInput.levels(selected: input.level)
                return try await lookupPage(page, context: context)
            })
    }
}
