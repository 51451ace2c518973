import Foundation
import GaoxinCore
import Hummingbird

/// The consultation lists: the asker's own (我的咨询), the department's inbox with the open 差评
/// follow-ups, and the zone admin's supervision list of late ones (超时督办). Each pages in SQL and
/// runs the deadline sweep first.
extension ConsultationRoutes {
    private func list(
        _ filter: ConsultationFilter, _ list: ConsultationListKind, request: Request, user: CurrentUser,
        context: AppRequestContext
    ) async throws -> Response {
        if ListExport.isRequested(request) {
            var rowsOnly = list
            rowsOnly.followUps = false
            return try await ListExport.csv(
                filename: "consultations", title: list.heading,
                headers: ["编号", "问题", "政策条款", "答复部门", "提问人", "提出时间", "状态", "答复时限", "超时", "评价"],
                load: {
                    let m = try await ConsultationListPage.load(
                        filter, list: rowsOnly, page: nil, user: user, context: context, services: services, pager: $0)
                    return (m.lines, m.total)
                },
                cells: {
                    [
                        $0.number, $0.title, $0.item, $0.department, list.showAsker ? $0.asker : "本人", $0.askedAt,
                        $0.state,
                        $0.deadline ?? "—", $0.overdue ? "是" : "否", $0.rating ?? "—",
                    ]
                })
        }
        var page = try await ConsultationListPage.load(
            filter, list: list, page: request.uri.queryParameters.get("page"), user: user, context: context,
            services: services)
        page.exportHref = ListExport.href(request)
        return try await render(
            "consultations/list", page: page, context: context, title: list.heading,
            crumbs: [.init(title: list.heading, href: nil)])
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .ownConsultations(zoneID: zoneID))
        return try await list(
            ConsultationFilter(zoneID: zoneID, askerUserID: user.id),
            ConsultationListKind(
                url: .consultationsMine, heading: "我的咨询", intro: "您在政策页面提出的咨询。答复后可以评价（好差评），每件评价一次。",
                showAsker: false), request: request, user: user, context: context)
    }

    /// A department's inbox is its own questions; the zone admin's is every department's.
    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .consultationList(zoneID: zoneID))
        let everyDepartment = Permissions.decide(user, .view, .consultationSupervision(zoneID: zoneID)) == .allow
        let own = everyDepartment ? nil : user.departmentID
        return try await list(
            ConsultationFilter(zoneID: zoneID, departmentID: own),
            ConsultationListKind(
                url: .consultations, heading: "咨询办理",
                intro: (own != nil ? "本部门发布的政策收到的咨询。" : "全园区的政策咨询。") + "自收到次日起 2 个工作日内答复；超时的标“超时”并升级至管委会督办。",
                showAsker: true, followUps: true), request: request, user: user, context: context)
    }

    @Sendable func late(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .consultationSupervision(zoneID: zoneID))
        return try await list(
            ConsultationFilter(zoneID: zoneID, lateOnly: true),
            ConsultationListKind(
                url: .consultationsLate, heading: "超时督办", intro: "超过答复时限或已升级督办的咨询，包括超时后才答复的。", showAsker: true),
            request: request, user: user, context: context)
    }
}
