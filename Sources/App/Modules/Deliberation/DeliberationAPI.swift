import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The 协商议事 operations of `/api/v1`: the same service, repository and `Permissions` as the
/// pages, lists paged in SQL. A `Refusal` becomes a 400 problem centrally; where the API names a
/// field differently from the form, the refusal is renamed here.
extension APIHandler {
    private func deliberationCaller() throws -> (CurrentUser, Int64) {
        let user = try APICaller.require()
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .deliberation(zoneID: zoneID)))
        return (user, zoneID)
    }

    private func deliberationIssues(_ rows: [DelibIssueRow], zoneID: Int64, user: CurrentUser) async throws
        -> [Components.Schemas.DeliberationIssue]
    {
        let repo = DeliberationRepository(db: db)
        let ids = rows.map(\.id)
        let counts = try await repo.supportCounts(issueIDs: ids)
        let topics = try await repo.topics(ids: Array(Set(rows.compactMap(\.topicId))), zoneID: zoneID)
        let mine = try await user.personID.asyncMap { try await repo.supported(issueIDs: ids, personID: $0) } ?? []
        return rows.map { i in
            .init(
                id: i.id, channel: i.channel, channelLabel: i.channelLabel, title: i.title,
                description: i.description, raisedBy: i.raisedByName,
                raisedOn: i.raisedOn, supports: counts[i.id] ?? 0, supportedByMe: mine.contains(i.id),
                topicId: i.topicId.map(Int.init),
                topicTitle: i.topicId.flatMap { topics[$0]?.title })
        }
    }

    func listDeliberationIssues(_ input: Operations.ListDeliberationIssues.Input) async throws
        -> Operations.ListDeliberationIssues.Output
    {
        let (user, zoneID) = try deliberationCaller()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        if let channel = input.query.channel, DeliberationChannel(rawValue: channel) == nil {
            throw APIError.validation([
                .init(
                    field: "channel",
                    message: "渠道只能是 \(DeliberationChannel.allCases.map(\.rawValue).joined(separator: "、"))")
            ])
        }
        let paged = try await DeliberationRepository(db: db).issues(
            zoneID: zoneID, channel: input.query.channel, pager)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try await deliberationIssues(paged.rows, zoneID: zoneID, user: user), page: pager.page,
                        perPage: pager.size, total: paged.total))))
    }

    func createDeliberationIssue(_ input: Operations.CreateDeliberationIssue.Input) async throws
        -> Operations.CreateDeliberationIssue.Output
    {
        let (user, zoneID) = try deliberationCaller()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        try APIError.check(Permissions.decide(user, .create, .deliberation(zoneID: zoneID)))
        let trim = { (s: String?) in (s ?? "").trimmed }
        let form = DeliberationService.IssueForm(
            channel: trim(body.channel), title: trim(body.title), description: trim(body.description),
            raisedBy: trim(body.raisedBy), raisedOn: body.raisedOn ?? Clock.today.description)
        let id: Int64
        do {
            id = try await DeliberationService(database: services.database).raise(form, user: user, zoneID: zoneID)
        } catch let refusal as Refusal {
            throw APIError.validation(
                refusal.errors, rename: ["raised_by": "raisedBy", "raised_on": "raisedOn"], status: refusal.status)
        }
        guard let row = try await DeliberationRepository(db: db).issue(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return .created(.init(body: .json(try await deliberationIssues([row], zoneID: zoneID, user: user)[0])))
    }

    func supportDeliberationIssue(_ input: Operations.SupportDeliberationIssue.Input) async throws
        -> Operations.SupportDeliberationIssue.Output
    {
        let (user, zoneID) = try deliberationCaller()
        guard let issue = try await DeliberationRepository(db: db).issue(id: input.path.issueId, zoneID: zoneID) else {
            throw APIError.notFound
        }
        try APIError.check(Permissions.decide(user, .create, .deliberationSupport(zoneID: zoneID)))
        try await DeliberationService(database: services.database).support(issue, user: user)
        return .ok(.init(body: .json(try await deliberationIssues([issue], zoneID: zoneID, user: user)[0])))
    }

    func listDeliberationDecisions(_ input: Operations.ListDeliberationDecisions.Input) async throws
        -> Operations.ListDeliberationDecisions.Output
    {
        let (_, zoneID) = try deliberationCaller()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let repo = DeliberationRepository(db: db)
        let paged = try await repo.decisions(zoneID: zoneID, pager)
        let meetings = try await repo.meetings(ids: Array(Set(paged.rows.map(\.meetingId))), zoneID: zoneID)
        let topics = try await repo.topics(ids: Array(Set(paged.rows.map(\.topicId))), zoneID: zoneID)
        let actions = try await repo.actions(decisionIDs: paged.rows.map(\.id), zoneID: zoneID)
        let items = paged.rows.map { d in
            Components.Schemas.DeliberationDecision(
                id: d.id, meetingId: d.meetingId, meetingTitle: meetings[d.meetingId]?.title ?? "",
                heldOn: meetings[d.meetingId]?.heldOn ?? "",
                topic: topics[d.topicId]?.title ?? "", kind: d.kind, text: d.text, voted: d.voted, votesFor: d.votesFor,
                votesAgainst: d.votesAgainst,
                votesAbstain: d.votesAbstain, passed: d.passed,
                action: actions[d.id].map {
                    .init(
                        id: $0.id, title: $0.title, owner: $0.owner, dueOn: $0.dueOn, progress: $0.progress,
                        status: $0.status,
                        published: $0.publishedAt != nil, resultSummary: $0.resultSummary)
                })
        }
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }
}
