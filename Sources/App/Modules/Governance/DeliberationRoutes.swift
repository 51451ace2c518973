import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 协商议事 pages under 基层治理, and the public page of published results (no login).
struct DeliberationRoutes {
    let services: AppServices
    var db: Database { services.database }
    var desk: DeliberationDesk { DeliberationDesk(database: services.database) }
    var repo: DeliberationRepository { DeliberationRepository(db: services.database.sql) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.deliberation.pattern, use: home)
        router.get(SiteURL.deliberationIssueNew.pattern, use: issueForm)
        router.post(SiteURL.deliberationIssueNew.pattern, use: raise)
        router.get(SiteURL.deliberationIssue(0).pattern, use: issue)
        router.post(SiteURL.deliberationIssueSupport(0).pattern, use: support)
        router.post(SiteURL.deliberationIssueTopic(0).pattern, use: makeTopic)
        router.get(SiteURL.deliberationTopic(0).pattern, use: topic)
        router.post(SiteURL.deliberationTopic(0).pattern, use: updateTopic)
        router.get(SiteURL.deliberationMeetingNew.pattern, use: meetingForm)
        router.post(SiteURL.deliberationMeetingNew.pattern, use: createMeeting)
        router.get(SiteURL.deliberationMeeting(0).pattern, use: meeting)
        router.post(SiteURL.deliberationMeetingAttendance(0).pattern, use: attendance)
        router.post(SiteURL.deliberationMeetingMinutes(0).pattern, use: minutes)
        router.post(SiteURL.deliberationMeetingDecision(0).pattern, use: decide)
        router.get(SiteURL.deliberationAction(0).pattern, use: action)
        router.post(SiteURL.deliberationActionProgress(0).pattern, use: progress)
        router.post(SiteURL.deliberationActionPublish(0).pattern, use: publish)
        router.get(SiteURL.publicDeliberation(zone: "").pattern, use: publicPage)
    }

    // MARK: - Shared

    func viewer(_ context: AppRequestContext) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .deliberation(zoneID: zoneID))
        return (user, zoneID)
    }

    func may(_ user: CurrentUser, _ action: Action, _ zoneID: Int64) -> Bool {
        Permissions.decide(user, action, .deliberation(zoneID: zoneID)) == .allow
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.governance).path,
            breadcrumbs: [
                .init(title: "基层治理", href: SiteURL.module(.governance).path),
                .init(title: "协商议事", href: SiteURL.deliberation.path),
            ] + crumbs + [.init(title: title, href: nil)],
            status: status)
    }

    func issueLines(_ issues: [DelibIssueRow], zoneID: Int64, topics: [DelibTopicRow]) async throws
        -> [DeliberationIssueLine]
    {
        let counts = try await repo.supportCounts(zoneID: zoneID)
        let byID = Dictionary(uniqueKeysWithValues: topics.map { ($0.id, $0) })
        return issues.map { i in
            DeliberationIssueLine(
                id: i.id, href: SiteURL.deliberationIssue(i.id).path, title: i.title, channel: i.channelLabel,
                raisedBy: i.raisedByName,
                raisedOn: i.raisedOn, supports: counts[i.id] ?? 0,
                status: i.topicId.flatMap { byID[$0] }.map { "议题：\($0.statusLabel)" } ?? "待研究")
        }
    }

    func meetingLine(_ m: DelibMeetingRow) async throws -> DeliberationMeetingLine {
        let people = try await repo.participants(meetingID: m.id)
        return DeliberationMeetingLine(
            id: m.id, href: SiteURL.deliberationMeeting(m.id).path, title: m.title, heldOn: m.heldOn,
            topicCount: try await repo.agenda(meetingID: m.id).count, attended: people.count { $0.attended },
            invited: people.count)
    }

    func decisionLines(_ decisions: [DelibDecisionRow], zoneID: Int64) async throws -> [DeliberationDecisionLine] {
        let topics = Dictionary(uniqueKeysWithValues: try await repo.topics(zoneID: zoneID).map { ($0.id, $0.title) })
        let actions = Dictionary(
            try await repo.actions(zoneID: zoneID).map { ($0.decisionId, $0.id) }, uniquingKeysWith: { a, _ in a })
        return decisions.map { d in
            DeliberationDecisionLine(
                topic: topics[d.topicId] ?? "", kind: DecisionKind(rawValue: d.kind)?.label ?? d.kind, text: d.text,
                votes: d.votes,
                passed: d.passed, actionHref: actions[d.id].map { SiteURL.deliberationAction($0).path })
        }
    }

    /// Passed decisions by kind: the seed's running totals (公共事务120余件、惠民项目50余个).
    func totals(zoneID: Int64) async throws -> (affairs: Int, projects: Int) {
        let passed = try await repo.decisions(zoneID: zoneID).filter(\.passed)
        return (
            passed.count { $0.kind == DecisionKind.affair.rawValue },
            passed.count { $0.kind == DecisionKind.project.rawValue }
        )
    }

    // MARK: - Home

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        let channel = request.uri.queryParameters.get("channel").flatMap { DeliberationChannel(rawValue: String($0)) }
        let topics = try await repo.topics(zoneID: zoneID)
        var meetings: [DeliberationMeetingLine] = []
        for m in try await repo.meetings(zoneID: zoneID).prefix(12) { meetings.append(try await meetingLine(m)) }
        let issueCounts = Dictionary(grouping: try await repo.issues(zoneID: zoneID).compactMap(\.topicId), by: { $0 })
            .mapValues(\.count)
        let (affairs, projects) = try await totals(zoneID: zoneID)
        let code = try await ZoneRepository(db: db.sql).zone(id: zoneID)?.code ?? ""
        let page = DeliberationHomePage(
            channels: [SelectOption(value: "", label: "全部渠道", selected: channel == nil)]
                + DeliberationChannel.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == channel)
                },
            issues: try await issueLines(
                Array(try await repo.issues(zoneID: zoneID, channel: channel?.rawValue).prefix(50)), zoneID: zoneID,
                topics: topics),
            topics: topics.prefix(30).map {
                .init(
                    id: $0.id, href: SiteURL.deliberationTopic($0.id).path, title: $0.title, status: $0.statusLabel,
                    issueCount: issueCounts[$0.id] ?? 0)
            },
            meetings: meetings,
            actions: try await repo.actions(zoneID: zoneID).prefix(30).map {
                .init(
                    id: $0.id, href: SiteURL.deliberationAction($0.id).path, title: $0.title, owner: $0.owner,
                    dueOn: $0.dueOn, progress: $0.progress,
                    status: $0.isDone ? "已完成" : "落实中", published: $0.publishedAt != nil)
            },
            canRaise: may(user, .create, zoneID) && (user.role != .resident || user.personID != nil),
            canManage: may(user, .update, zoneID),
            raiseHref: SiteURL.deliberationIssueNew.path, newMeetingHref: SiteURL.deliberationMeetingNew.path,
            publicHref: SiteURL.publicDeliberation(zone: code).path, affairs: affairs, projects: projects)
        return try await services.render(
            "governance/deliberation-home", page: page, context: context, title: "协商议事",
            path: SiteURL.module(.governance).path,
            breadcrumbs: [
                .init(title: "基层治理", href: SiteURL.module(.governance).path), .init(title: "协商议事", href: nil),
            ])
    }

    // MARK: - Issues

    func issueFormModel(_ user: CurrentUser, context: AppRequestContext) -> DeliberationIssueFormPage {
        DeliberationIssueFormPage(
            isResident: user.role == .resident,
            channels: DeliberationChannel.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == .visit)
            },
            raisedOn: Clock.today.description, action: SiteURL.deliberationIssueNew.path, csrf: context.csrfToken)
    }

    @Sendable func issueForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.create, .deliberation(zoneID: zoneID))
        return try await render(
            "governance/deliberation-issue-form", page: issueFormModel(user, context: context), context: context,
            title: "提出问题")
    }

    @Sendable func raise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.create, .deliberation(zoneID: zoneID))
        let form = try await FormData.from(request, context: context)
        let f = DeliberationDesk.IssueForm(
            channel: form["channel"], title: form["title"], description: form["description"],
            raisedBy: form["raised_by"],
            raisedOn: form["raised_on"])
        do {
            let id = try await desk.raise(f, user: user, zoneID: zoneID)
            return .redirect(
                to: .deliberationIssue(id), flash: Flash(kind: .success, message: "已登记问题（编号 \(id)），村党组织将调研后确定议题。"))
        } catch let refusal as Refusal {
            var page = issueFormModel(user, context: context)
            page.title = f.title
            page.description = f.description
            page.raisedBy = f.raisedBy
            page.raisedOn = f.raisedOn
            page.errors = refusal.errors
            return try await render(
                "governance/deliberation-issue-form", page: page, context: context, title: "提出问题", status: .badRequest)
        }
    }

    func loadedIssue(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, DelibIssueRow) {
        let (user, zoneID) = try viewer(context)
        guard let issue = try await repo.issue(id: try request.id(context), zoneID: zoneID) else {
            throw PageError.notFound
        }
        return (user, issue)
    }

    func issueModel(_ user: CurrentUser, _ issue: DelibIssueRow, context: AppRequestContext) async throws
        -> DeliberationIssuePage
    {
        let supporters = try await repo.supporters(issueID: issue.id)
        let topics = try await repo.topics(zoneID: issue.zoneId)
        let topic = issue.topicId.flatMap { id in topics.first { $0.id == id } }
        let supported = user.personID.map { supporters.contains($0) } ?? false
        return DeliberationIssuePage(
            id: issue.id, title: issue.title, description: issue.description, channel: issue.channelLabel,
            raisedBy: issue.raisedByName,
            raisedOn: issue.raisedOn, supports: supporters.count,
            canSupport: user.role == .resident && user.personID != nil && !supported
                && issue.raisedByPersonId != user.personID,
            supported: supported, supportAction: SiteURL.deliberationIssueSupport(issue.id).path,
            topicTitle: topic?.title, topicHref: topic.map { SiteURL.deliberationTopic($0.id).path },
            canMakeTopic: issue.topicId == nil && may(user, .update, issue.zoneId),
            topics: [SelectOption(value: "", label: "（新建议题）", selected: true)]
                + topics.filter { $0.status != TopicStatus.decided.rawValue }.map {
                    SelectOption(value: String($0.id), label: $0.title, selected: false)
                },
            topicAction: SiteURL.deliberationIssueTopic(issue.id).path, csrf: context.csrfToken)
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, issue) = try await loadedIssue(request, context)
        return try await render(
            "governance/deliberation-issue", page: try await issueModel(user, issue, context: context),
            context: context, title: issue.title)
    }

    @Sendable func support(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, issue) = try await loadedIssue(request, context)
        do {
            try await desk.support(issue, user: user)
            return .redirect(to: .deliberationIssue(issue.id), flash: Flash(kind: .success, message: "已附议。"))
        } catch let refusal as Refusal {
            if user.role != .resident { throw PageError.forbidden }
            var page = try await issueModel(user, issue, context: context)
            page.errors = refusal.errors
            return try await render(
                "governance/deliberation-issue", page: page, context: context, title: issue.title, status: .badRequest)
        }
    }

    @Sendable func makeTopic(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, issue) = try await loadedIssue(request, context)
        try context.authorize(.update, .deliberation(zoneID: issue.zoneId))
        let form = try await FormData.from(request, context: context)
        do {
            let topicID = try await desk.makeTopic(
                issue, existingTopicID: Int64(form["topic"]), title: form["title"], notes: form["notes"], user: user)
            return .redirect(to: .deliberationTopic(topicID), flash: Flash(kind: .success, message: "已列为议题。"))
        } catch let refusal as Refusal {
            var page = try await issueModel(user, issue, context: context)
            page.topicTitleInput = form["title"]
            page.notes = form["notes"]
            page.errors = refusal.errors
            return try await render(
                "governance/deliberation-issue", page: page, context: context, title: issue.title, status: .badRequest)
        }
    }

    // MARK: - Topics

    func topicModel(_ user: CurrentUser, _ t: DelibTopicRow, context: AppRequestContext) async throws
        -> DeliberationTopicPage
    {
        var meetings: [DeliberationMeetingLine] = []
        for m in try await repo.meetings(zoneID: t.zoneId) {
            if try await repo.agenda(meetingID: m.id).contains(t.id) { meetings.append(try await meetingLine(m)) }
        }
        return DeliberationTopicPage(
            title: t.title, status: t.statusLabel, notes: t.researchNotes, createdBy: t.createdBy,
            issues: try await issueLines(try await repo.issues(topicID: t.id), zoneID: t.zoneId, topics: [t]),
            meetings: meetings,
            decisions: try await decisionLines(
                try await repo.decisions(zoneID: t.zoneId).filter { $0.topicId == t.id }, zoneID: t.zoneId),
            canManage: may(user, .update, t.zoneId), notesInput: t.researchNotes,
            action: SiteURL.deliberationTopic(t.id).path, csrf: context.csrfToken)
    }

    func loadedTopic(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, DelibTopicRow) {
        let (user, zoneID) = try viewer(context)
        guard let t = try await repo.topic(id: try request.id(context), zoneID: zoneID) else {
            throw PageError.notFound
        }
        return (user, t)
    }

    @Sendable func topic(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, t) = try await loadedTopic(request, context)
        return try await render(
            "governance/deliberation-topic", page: try await topicModel(user, t, context: context), context: context,
            title: "议题：\(t.title)")
    }

    @Sendable func updateTopic(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, t) = try await loadedTopic(request, context)
        try context.authorize(.update, .deliberation(zoneID: t.zoneId))
        let form = try await FormData.from(request, context: context)
        do {
            try await desk.updateNotes(t, notes: form["notes"], user: user)
            return .redirect(to: .deliberationTopic(t.id), flash: Flash(kind: .success, message: "已保存调研论证情况。"))
        } catch let refusal as Refusal {
            var page = try await topicModel(user, t, context: context)
            page.notesInput = form["notes"]
            page.errors = refusal.errors
            return try await render(
                "governance/deliberation-topic", page: page, context: context, title: "议题：\(t.title)",
                status: .badRequest)
        }
    }

    // MARK: - Meetings

    func meetingFormModel(zoneID: Int64, chosen: Set<Int64>, context: AppRequestContext) async throws
        -> DeliberationMeetingFormPage
    {
        let today = Clock.today
        let topics = try await repo.topics(zoneID: zoneID).filter { $0.status != TopicStatus.decided.rawValue }
        return DeliberationMeetingFormPage(
            title: "阳光议事会（\(today.year)年\(today.month)月）",
            heldOn: Day(year: today.year, month: today.month, day: 15)!.description,
            place: "党群服务中心议事室",
            topics: topics.map { .init(id: $0.id, title: $0.title, checked: chosen.contains($0.id)) },
            participants: "两委成员|\n集体经济组织理事会成员|\n党员群众代表|\n利益相关方|", action: SiteURL.deliberationMeetingNew.path,
            csrf: context.csrfToken)
    }

    @Sendable func meetingForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try viewer(context)
        try context.authorize(.update, .deliberation(zoneID: zoneID))
        return try await render(
            "governance/deliberation-meeting-form",
            page: try await meetingFormModel(zoneID: zoneID, chosen: [], context: context),
            context: context, title: "安排阳光议事会")
    }

    @Sendable func createMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.update, .deliberation(zoneID: zoneID))
        let form = try await FormData.from(request, context: context)
        let f = DeliberationDesk.MeetingForm(
            title: form["title"], heldOn: form["held_on"], place: form["place"],
            topicIDs: form.all("topic").compactMap { Int64($0) }, participants: form.raw("participants"))
        do {
            let id = try await desk.createMeeting(f, user: user, zoneID: zoneID)
            return .redirect(to: .deliberationMeeting(id), flash: Flash(kind: .success, message: "已安排议事会，请提前通知参会人员。"))
        } catch let refusal as Refusal {
            var page = try await meetingFormModel(zoneID: zoneID, chosen: Set(f.topicIDs), context: context)
            page.title = f.title
            page.heldOn = f.heldOn
            page.place = f.place
            page.participants = f.participants
            page.errors = refusal.errors
            return try await render(
                "governance/deliberation-meeting-form", page: page, context: context, title: "安排阳光议事会",
                status: .badRequest)
        }
    }

    func loadedMeeting(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, DelibMeetingRow)
    {
        let (user, zoneID) = try viewer(context)
        guard let m = try await repo.meeting(id: try request.id(context), zoneID: zoneID) else {
            throw PageError.notFound
        }
        return (user, m)
    }

    func meetingModel(_ user: CurrentUser, _ m: DelibMeetingRow, context: AppRequestContext) async throws
        -> DeliberationMeetingPage
    {
        let agendaIDs = try await repo.agenda(meetingID: m.id)
        let topics = try await repo.topics(zoneID: m.zoneId)
        let agenda = agendaIDs.compactMap { id in topics.first { $0.id == id } }
        let people = try await repo.participants(meetingID: m.id)
        return DeliberationMeetingPage(
            title: m.title, heldOn: m.heldOn, place: m.place,
            agenda: agenda.map {
                .init(
                    id: $0.id, href: SiteURL.deliberationTopic($0.id).path, title: $0.title, status: $0.statusLabel,
                    issueCount: 0)
            },
            participants: people.map { .init(id: $0.id, category: $0.category, name: $0.name, attended: $0.attended) },
            invited: people.count, attended: people.count { $0.attended }, minutes: m.minutes,
            hasMinutes: !m.minutes.isEmpty,
            decisions: try await decisionLines(
                try await repo.decisions(zoneID: m.zoneId, meetingID: m.id), zoneID: m.zoneId),
            canManage: may(user, .update, m.zoneId),
            topicOptions: agenda.filter { $0.status != TopicStatus.decided.rawValue }.map {
                SelectOption(value: String($0.id), label: $0.title, selected: false)
            },
            kinds: DecisionKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == .affair)
            },
            minutesInput: m.minutes, attendanceAction: SiteURL.deliberationMeetingAttendance(m.id).path,
            minutesAction: SiteURL.deliberationMeetingMinutes(m.id).path,
            decisionAction: SiteURL.deliberationMeetingDecision(m.id).path,
            csrf: context.csrfToken)
    }

    @Sendable func meeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, m) = try await loadedMeeting(request, context)
        return try await render(
            "governance/deliberation-meeting", page: try await meetingModel(user, m, context: context),
            context: context, title: m.title)
    }

    func meetingStep(
        _ request: Request, _ context: AppRequestContext,
        _ step: (CurrentUser, DelibMeetingRow, FormData) async throws -> String,
        keep: (inout DeliberationMeetingPage, FormData) -> Void = { _, _ in }
    ) async throws -> Response {
        let (user, m) = try await loadedMeeting(request, context)
        try context.authorize(.update, .deliberation(zoneID: m.zoneId))
        let form = try await FormData.from(request, context: context)
        do {
            let message = try await step(user, m, form)
            return .redirect(to: .deliberationMeeting(m.id), flash: Flash(kind: .success, message: message))
        } catch let refusal as Refusal {
            var page = try await meetingModel(user, m, context: context)
            keep(&page, form)
            page.errors = refusal.errors
            return try await render(
                "governance/deliberation-meeting", page: page, context: context, title: m.title, status: .badRequest)
        }
    }

    @Sendable func attendance(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await meetingStep(request, context) { user, m, form in
            let ids = Set(form.all("attended").compactMap { Int64($0) })
            try await desk.setAttendance(m, attended: ids, user: user)
            return "已登记到会 \(ids.count) 人。"
        }
    }

    @Sendable func minutes(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await meetingStep(
            request, context,
            { user, m, form in
                try await desk.setMinutes(m, minutes: form["minutes"], user: user)
                return "已保存会议纪要。"
            }, keep: { page, form in page.minutesInput = form["minutes"] })
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await meetingStep(
            request, context,
            { user, m, form in
                let f = DeliberationDesk.DecisionForm(
                    topicID: Int64(form["topic"]), kind: form["kind"], text: form["text"], voted: form["voted"] == "1",
                    votesFor: form["votes_for"],
                    votesAgainst: form["votes_against"], votesAbstain: form["votes_abstain"],
                    actionTitle: form["action_title"], owner: form["owner"],
                    dueOn: form["due_on"])
                let (_, actionID) = try await desk.decide(m, f, user: user)
                return actionID == nil ? "已记录决定（未通过）。" : "已记录决定，并生成落实事项（编号 \(actionID!)）。"
            },
            keep: { page, form in
                page.decision = .init(
                    text: form["text"], voted: form["voted"] == "1", votesFor: form["votes_for"],
                    votesAgainst: form["votes_against"],
                    votesAbstain: form["votes_abstain"], actionTitle: form["action_title"], owner: form["owner"],
                    dueOn: form["due_on"])
            })
    }

    // MARK: - Actions

    func loadedAction(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, DelibActionRow) {
        let (user, zoneID) = try viewer(context)
        guard let a = try await repo.action(id: try request.id(context), zoneID: zoneID) else {
            throw PageError.notFound
        }
        return (user, a)
    }

    func updates(_ a: DelibActionRow) async throws -> [DeliberationActionPage.Update] {
        try await repo.updates(actionID: a.id).map {
            .init(day: $0.day, progress: $0.progress, note: $0.note, by: $0.byName)
        }
    }

    func actionModel(_ user: CurrentUser, _ a: DelibActionRow, context: AppRequestContext) async throws
        -> DeliberationActionPage
    {
        let decision = try await repo.decision(id: a.decisionId, zoneID: a.zoneId)
        let meeting = try await decision.asyncMap { try await repo.meeting(id: $0.meetingId, zoneID: a.zoneId) } ?? nil
        let manage = may(user, .update, a.zoneId)
        return DeliberationActionPage(
            title: a.title, owner: a.owner, dueOn: a.dueOn, progress: a.progress, status: a.isDone ? "已完成" : "落实中",
            completedOn: a.completedOn,
            published: a.publishedAt != nil, resultSummary: a.resultSummary, decision: decision?.text ?? "",
            votes: decision?.votes ?? "",
            meetingTitle: meeting.map { "\($0.title)（\($0.heldOn)）" } ?? "",
            meetingHref: meeting.map { SiteURL.deliberationMeeting($0.id).path } ?? "",
            timeline: try await updates(a), canProgress: manage && !a.isDone,
            canPublish: manage && a.isDone && a.publishedAt == nil,
            progressAction: SiteURL.deliberationActionProgress(a.id).path,
            publishAction: SiteURL.deliberationActionPublish(a.id).path,
            csrf: context.csrfToken)
    }

    @Sendable func action(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, a) = try await loadedAction(request, context)
        return try await render(
            "governance/deliberation-action", page: try await actionModel(user, a, context: context), context: context,
            title: a.title)
    }

    func actionStep(
        _ request: Request, _ context: AppRequestContext,
        _ step: (CurrentUser, DelibActionRow, FormData) async throws -> String
    ) async throws -> Response {
        let (user, a) = try await loadedAction(request, context)
        try context.authorize(.update, .deliberation(zoneID: a.zoneId))
        let form = try await FormData.from(request, context: context)
        do {
            return .redirect(
                to: .deliberationAction(a.id), flash: Flash(kind: .success, message: try await step(user, a, form)))
        } catch let refusal as Refusal {
            var page = try await actionModel(user, a, context: context)
            page.errors = refusal.errors
            return try await render(
                "governance/deliberation-action", page: page, context: context, title: a.title, status: .badRequest)
        }
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await actionStep(request, context) { user, a, form in
            try await desk.progress(a, progress: form["progress"], note: form["note"], user: user)
            return "已登记进展。"
        }
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await actionStep(request, context) { user, a, form in
            try await desk.publish(a, summary: form["summary"], user: user)
            return "已公开公示实施结果。"
        }
    }

    // MARK: - Public

    static func publicModel(zone: ZoneRow, db: any SQLDatabase) async throws -> PublicDeliberationPage {
        let repo = DeliberationRepository(db: db)
        let decisions = try await repo.decisions(zoneID: zone.id)
        let byID = Dictionary(uniqueKeysWithValues: decisions.map { ($0.id, $0) })
        let meetings = try await repo.meetings(zoneID: zone.id)
        let meetingByID = Dictionary(uniqueKeysWithValues: meetings.map { ($0.id, $0) })
        var results: [PublicDeliberationPage.Result] = []
        for a in try await repo.actions(zoneID: zone.id) where a.publishedAt != nil {
            let d = byID[a.decisionId]
            let m = d.flatMap { meetingByID[$0.meetingId] }
            results.append(
                .init(
                    title: a.title, decision: d?.text ?? "",
                    kind: d.flatMap { DecisionKind(rawValue: $0.kind)?.label } ?? "", meeting: m?.title ?? "",
                    heldOn: m?.heldOn ?? "", votes: d?.votes ?? "", completedOn: a.completedOn ?? "",
                    summary: a.resultSummary ?? "",
                    timeline: try await repo.updates(actionID: a.id).map {
                        .init(day: $0.day, progress: $0.progress, note: $0.note, by: $0.byName)
                    }))
        }
        let passed = decisions.filter(\.passed)
        return PublicDeliberationPage(
            zoneName: zone.name, affairs: passed.count { $0.kind == DecisionKind.affair.rawValue },
            projects: passed.count { $0.kind == DecisionKind.project.rawValue }, meetingCount: meetings.count,
            results: results)
    }

    @Sendable func publicPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let code = context.parameters.get("zone"),
            let zone = try await ZoneRepository(db: db.sql).zone(code: code)
        else {
            throw PageError.notFound
        }
        let page = try await Self.publicModel(zone: zone, db: db.sql)
        return try await services.render(
            "governance/deliberation-public", page: page, context: context, title: "\(zone.name)协商议事公开公示",
            path: "/public", breadcrumbs: [.init(title: "协商议事公示", href: nil)])
    }
}
