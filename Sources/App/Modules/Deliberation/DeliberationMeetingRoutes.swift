import Foundation
import GaoxinCore
import Hummingbird

/// 群策群力解难题: the monthly 阳光议事会, arranged and recorded by the party organisation:
/// agenda and participants, attendance, minutes, decisions and votes.
struct DeliberationMeetingRoutes {
    let services: AppServices
    var deliberation: DeliberationRoutes { DeliberationRoutes(services: services) }
    var service: DeliberationService { DeliberationService(database: services.database) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.deliberationMeetingNew.pattern, use: meetingForm)
        router.post(SiteURL.deliberationMeetingNew.pattern, use: createMeeting)
        router.get(SiteURL.deliberationMeeting(0).pattern, use: meeting)
        router.post(SiteURL.deliberationMeetingAttendance(0).pattern, use: attendance)
        router.post(SiteURL.deliberationMeetingMinutes(0).pattern, use: minutes)
        router.post(SiteURL.deliberationMeetingDecision(0).pattern, use: decide)
    }

    @Sendable func meetingForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try deliberation.viewer(context)
        try context.authorize(.update, .deliberation(zoneID: zoneID))
        let page = try await DeliberationMeetingFormPage.load(
            zoneID: zoneID, chosen: [], csrf: context.csrfToken, db: services.database.sql)
        return try await deliberation.render(
            "deliberation/meeting-form", page: page, context: context, title: "安排阳光议事会")
    }

    @Sendable func createMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try deliberation.viewer(context)
        try context.authorize(.update, .deliberation(zoneID: zoneID))
        let form = try await FormData.from(request, context: context)
        let f = DeliberationService.MeetingForm(
            title: form["title"], heldOn: form["held_on"], place: form["place"],
            topicIDs: form.all("topic").compactMap { Int64($0) }, participants: form.raw("participants"))
        return try await services.submit(
            {
                let id = try await service.createMeeting(f, user: user, zoneID: zoneID)
                return .redirect(
                    to: .deliberationMeeting(id), flash: Flash(kind: .success, message: "已安排议事会，请提前通知参会人员。"))
            },
            refused: { errors in
                var page = try await DeliberationMeetingFormPage.load(
                    zoneID: zoneID, chosen: Set(f.topicIDs), csrf: context.csrfToken, db: services.database.sql)
                page.title = f.title
                page.heldOn = f.heldOn
                page.place = f.place
                page.participants = f.participants
                page.errors = errors
                return try await deliberation.render(
                    "deliberation/meeting-form", page: page, context: context, title: "安排阳光议事会")
            })
    }

    func loadedMeeting(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, DelibMeetingRow)
    {
        let (user, zoneID) = try deliberation.viewer(context)
        guard
            let m = try await DeliberationRepository(db: services.database.sql).meeting(
                id: try request.id(context), zoneID: zoneID)
        else {
            throw PageError.notFound
        }
        return (user, m)
    }

    @Sendable func meeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await loadedMeeting(request, context)
        let page = try await DeliberationMeetingPage.load(
            m, user: user, csrf: context.csrfToken, db: services.database.sql)
        return try await deliberation.render("deliberation/meeting", page: page, context: context, title: m.title)
    }

    /// A step on the meeting page: on a refusal the page comes back with the messages and what was typed.
    func meetingStep(
        _ request: Request, _ context: AppRequestContext,
        _ step: (CurrentUser, DelibMeetingRow, FormData) async throws -> String,
        keep: (inout DeliberationMeetingPage, FormData) -> Void = { _, _ in }
    ) async throws -> Response {
        let (user, m) = try await loadedMeeting(request, context)
        try context.authorize(.update, .deliberation(zoneID: m.zoneId))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                let message = try await step(user, m, form)
                return .redirect(to: .deliberationMeeting(m.id), flash: Flash(kind: .success, message: message))
            },
            refused: { errors in
                var page = try await DeliberationMeetingPage.load(
                    m, user: user, csrf: context.csrfToken, db: services.database.sql)
                keep(&page, form)
                page.errors = errors
                return try await deliberation.render(
                    "deliberation/meeting", page: page, context: context, title: m.title)
            })
    }

    @Sendable func attendance(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await meetingStep(request, context) { user, m, form in
            let ids = Set(form.all("attended").compactMap { Int64($0) })
            try await service.setAttendance(m, attended: ids, user: user)
            return "已登记到会 \(ids.count) 人。"
        }
    }

    @Sendable func minutes(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await meetingStep(
            request, context,
            { user, m, form in
                try await service.setMinutes(m, minutes: form["minutes"], user: user)
                return "已保存会议纪要。"
            }, keep: { page, form in page.minutesInput = form["minutes"] })
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await meetingStep(
            request, context,
            { user, m, form in
                let f = DeliberationService.DecisionForm(
                    topicID: Int64(form["topic"]), kind: form["kind"], text: form["text"], voted: form["voted"] == "1",
                    votesFor: form["votes_for"], votesAgainst: form["votes_against"],
                    votesAbstain: form["votes_abstain"], actionTitle: form["action_title"], owner: form["owner"],
                    dueOn: form["due_on"])
                let (_, actionID) = try await service.decide(m, f, user: user)
                return actionID == nil ? "已记录决定（未通过）。" : "已记录决定，并生成落实事项（编号 \(actionID!)）。"
            },
            keep: { page, form in
                page.decision = .init(
                    text: form["text"], voted: form["voted"] == "1", votesFor: form["votes_for"],
                    votesAgainst: form["votes_against"], votesAbstain: form["votes_abstain"],
                    actionTitle: form["action_title"], owner: form["owner"], dueOn: form["due_on"])
            })
    }
}
