import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The 协商议事 operations of `/api/v1`: the same desk and `Permissions` as the pages.
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
        let counts = try await repo.supportCounts(zoneID: zoneID)
        let topics = Dictionary(uniqueKeysWithValues: try await repo.topics(zoneID: zoneID).map { ($0.id, $0.title) })
        var items: [Components.Schemas.DeliberationIssue] = []
        for i in rows {
            let mine =
                try await user.personID.asyncMap { try await repo.supporters(issueID: i.id).contains($0) } ?? false
            items.append(
                .init(
                    id: i.id, channel: i.channel, channelLabel: i.channelLabel, title: i.title,
                    description: i.description, raisedBy: i.raisedByName,
                    raisedOn: i.raisedOn, supports: counts[i.id] ?? 0, supportedByMe: mine,
                    topicId: i.topicId.map(Int.init),
                    topicTitle: i.topicId.flatMap { topics[$0] }))
        }
        return items
    }

    func listDeliberationIssues(_ input: Operations.ListDeliberationIssues.Input) async throws
        -> Operations.ListDeliberationIssues.Output
    {
        let (user, zoneID) = try deliberationCaller()
        let (page, perPage) = try Self.paging(input.query.page, input.query.perPage)
        if let channel = input.query.channel, DeliberationChannel(rawValue: channel) == nil {
            throw APIError.validation([
                .init(
                    field: "channel",
                    message: "渠道只能是 \(DeliberationChannel.allCases.map(\.rawValue).joined(separator: "、"))")
            ])
        }
        let all = try await DeliberationRepository(db: db).issues(zoneID: zoneID, channel: input.query.channel)
        let shown = Array(all.dropFirst((page - 1) * perPage).prefix(perPage))
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try await deliberationIssues(shown, zoneID: zoneID, user: user), page: page,
                        perPage: perPage,
                        total: all.count))))
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
        let form = DeliberationDesk.IssueForm(
            channel: trim(body.channel), title: trim(body.title), description: trim(body.description),
            raisedBy: trim(body.raisedBy), raisedOn: body.raisedOn ?? Clock.today.description)
        let id = try await governanceStep(["raised_by": "raisedBy", "raised_on": "raisedOn"]) {
            try await DeliberationDesk(database: services.database).raise(form, user: user, zoneID: zoneID)
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
        guard user.role == .resident else { throw APIError.forbidden }
        try await governanceStep { try await DeliberationDesk(database: services.database).support(issue, user: user) }
        return .ok(.init(body: .json(try await deliberationIssues([issue], zoneID: zoneID, user: user)[0])))
    }

    func listDeliberationDecisions(_ input: Operations.ListDeliberationDecisions.Input) async throws
        -> Operations.ListDeliberationDecisions.Output
    {
        let (_, zoneID) = try deliberationCaller()
        let (page, perPage) = try Self.paging(input.query.page, input.query.perPage)
        let repo = DeliberationRepository(db: db)
        let all = try await repo.decisions(zoneID: zoneID).reversed()
        let shown = Array(all.dropFirst((page - 1) * perPage).prefix(perPage))
        let meetings = Dictionary(uniqueKeysWithValues: try await repo.meetings(zoneID: zoneID).map { ($0.id, $0) })
        let topics = Dictionary(uniqueKeysWithValues: try await repo.topics(zoneID: zoneID).map { ($0.id, $0.title) })
        let actions = Dictionary(
            try await repo.actions(zoneID: zoneID).map { ($0.decisionId, $0) }, uniquingKeysWith: { a, _ in a })
        let items = shown.map { d in
            Components.Schemas.DeliberationDecision(
                id: d.id, meetingId: d.meetingId, meetingTitle: meetings[d.meetingId]?.title ?? "",
                heldOn: meetings[d.meetingId]?.heldOn ?? "",
                topic: topics[d.topicId] ?? "", kind: d.kind, text: d.text, voted: d.voted, votesFor: d.votesFor,
                votesAgainst: d.votesAgainst,
                votesAbstain: d.votesAbstain, passed: d.passed,
                action: actions[d.id].map {
                    .init(
                        id: $0.id, title: $0.title, owner: $0.owner, dueOn: $0.dueOn, progress: $0.progress,
                        status: $0.status,
                        published: $0.publishedAt != nil, resultSummary: $0.resultSummary)
                })
        }
        return .ok(.init(body: .json(.init(items: items, page: page, perPage: perPage, total: all.count))))
    }
}
