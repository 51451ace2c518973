import Foundation
import GaoxinCore
import SQLKit

/// Lines of the deliberation lists.
struct DeliberationIssueLine: Sendable {
    let id: Int64
    let href: String
    let title: String
    let channel: String
    let raisedBy: String
    let raisedOn: String
    let supports: Int
    let status: String

    /// `topics` holds (at least) the topics these issues joined.
    static func lines(_ issues: [DelibIssueRow], topics: [Int64: DelibTopicRow], db: any SQLDatabase) async throws
        -> [DeliberationIssueLine]
    {
        let counts = try await DeliberationRepository(db: db).supportCounts(issueIDs: issues.map(\.id))
        return issues.map { i in
            DeliberationIssueLine(
                id: i.id, href: SiteURL.deliberationIssue(i.id).path, title: i.title, channel: i.channelLabel,
                raisedBy: i.raisedByName, raisedOn: i.raisedOn, supports: counts[i.id] ?? 0,
                status: i.topicId.flatMap { topics[$0] }.map { "议题：\($0.statusLabel)" } ?? "待研究")
        }
    }
}
struct DeliberationTopicLine: Sendable {
    let id: Int64
    let href: String
    let title: String
    let status: String
    let issueCount: Int
}
struct DeliberationMeetingLine: Sendable {
    let id: Int64
    let href: String
    let title: String
    let heldOn: String
    let topicCount: Int
    let attended: Int
    let invited: Int

    static func line(_ m: DelibMeetingRow, db: any SQLDatabase) async throws -> DeliberationMeetingLine {
        let repo = DeliberationRepository(db: db)
        let people = try await repo.participants(meetingID: m.id)
        return DeliberationMeetingLine(
            id: m.id, href: SiteURL.deliberationMeeting(m.id).path, title: m.title, heldOn: m.heldOn,
            topicCount: try await repo.agenda(meetingID: m.id).count, attended: people.count { $0.attended },
            invited: people.count)
    }

    static func lines(_ meetings: [DelibMeetingRow], db: any SQLDatabase) async throws -> [DeliberationMeetingLine] {
        var lines: [DeliberationMeetingLine] = []
        for m in meetings { lines.append(try await line(m, db: db)) }
        return lines
    }
}
struct DeliberationActionLine: Sendable {
    let id: Int64
    let href: String
    let title: String
    let owner: String
    let dueOn: String
    let progress: Int
    let status: String
    let published: Bool
}
struct DeliberationDecisionLine: Sendable {
    let topic: String
    let kind: String
    let text: String
    let votes: String
    let passed: Bool
    let actionHref: String?

    static func lines(_ decisions: [DelibDecisionRow], zoneID: Int64, db: any SQLDatabase) async throws
        -> [DeliberationDecisionLine]
    {
        let repo = DeliberationRepository(db: db)
        let topics = try await repo.topics(ids: Array(Set(decisions.map(\.topicId))), zoneID: zoneID)
        let actions = try await repo.actions(decisionIDs: decisions.map(\.id), zoneID: zoneID)
        return decisions.map { d in
            DeliberationDecisionLine(
                topic: topics[d.topicId]?.title ?? "", kind: DecisionKind(rawValue: d.kind)?.label ?? d.kind,
                text: d.text, votes: d.votes, passed: d.passed,
                actionHref: actions[d.id].map { SiteURL.deliberationAction($0.id).path })
        }
    }
}

/// 协商议事: issues collected (a page at a time), the latest topics, meetings and how decisions
/// are carried out.
struct DeliberationHomePage: Sendable {
    let channels: [SelectOption]
    let issues: [DeliberationIssueLine]
    let issuesTotal: Int
    let issuesPaging: PageLinks?
    let topics: [DeliberationTopicLine]
    let meetings: [DeliberationMeetingLine]
    let actions: [DeliberationActionLine]
    let canRaise: Bool
    let canManage: Bool
    let raiseHref: String
    let newMeetingHref: String
    let publicHref: String
    let affairs: Int
    let projects: Int
    var exportHref = ""

    /// One page of the 问题征集 list (the page's table and its "导出 CSV"), with the list's total.
    static func issues(zoneID: Int64, channel: DeliberationChannel?, pager: Pager, db: any SQLDatabase) async throws
        -> (rows: [DeliberationIssueLine], total: Int)
    {
        let issues = try await DeliberationRepository(db: db).issues(zoneID: zoneID, channel: channel?.rawValue, pager)
        return (try await issueLines(issues.rows, zoneID: zoneID, db: db), issues.total)
    }

    static func issueLines(_ rows: [DelibIssueRow], zoneID: Int64, db: any SQLDatabase) async throws
        -> [DeliberationIssueLine]
    {
        try await DeliberationIssueLine.lines(
            rows,
            topics: try await DeliberationRepository(db: db).topics(
                ids: Array(Set(rows.compactMap(\.topicId))), zoneID: zoneID),
            db: db)
    }

    static func load(
        user: CurrentUser, zoneID: Int64, zoneCode: String, channel: DeliberationChannel?, pager: Pager,
        db: any SQLDatabase
    ) async throws -> DeliberationHomePage {
        func may(_ action: Action, _ resource: Resource) -> Bool {
            Permissions.decide(user, action, resource) == .allow
        }
        let repo = DeliberationRepository(db: db)
        let issues = try await repo.issues(zoneID: zoneID, channel: channel?.rawValue, pager)
        let issueLines = try await Self.issueLines(issues.rows, zoneID: zoneID, db: db)
        let topics = try await repo.topics(zoneID: zoneID, try Pager(page: 1, size: 30)).rows
        let issueCounts = try await repo.issueCounts(topicIDs: topics.map(\.id))
        let (affairs, projects) = try await repo.passedCounts(zoneID: zoneID)
        return DeliberationHomePage(
            channels: [SelectOption(value: "", label: "全部渠道", selected: channel == nil)]
                + DeliberationChannel.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == channel)
                },
            issues: issueLines, issuesTotal: issues.total,
            issuesPaging: issues.hasPrevious || issues.hasNext
                ? issues.links(.deliberation, query: [("channel", channel?.rawValue ?? "")]) : nil,
            topics: topics.map {
                .init(
                    id: $0.id, href: SiteURL.deliberationTopic($0.id).path, title: $0.title, status: $0.statusLabel,
                    issueCount: issueCounts[$0.id] ?? 0)
            },
            meetings: try await DeliberationMeetingLine.lines(
                try await repo.meetings(zoneID: zoneID, try Pager(page: 1, size: 12)).rows, db: db),
            actions: try await repo.actions(zoneID: zoneID, try Pager(page: 1, size: 30)).rows.map {
                .init(
                    id: $0.id, href: SiteURL.deliberationAction($0.id).path, title: $0.title, owner: $0.owner,
                    dueOn: $0.dueOn, progress: $0.progress, status: $0.isDone ? "已完成" : "落实中",
                    published: $0.publishedAt != nil)
            },
            // A resident raises in their own name, so needs a resident record; intake names whoever raised it.
            canRaise: may(.create, .deliberation(zoneID: zoneID))
                && (may(.create, .deliberationIntake(zoneID: zoneID)) || user.personID != nil),
            canManage: may(.update, .deliberation(zoneID: zoneID)),
            raiseHref: SiteURL.deliberationIssueNew.path, newMeetingHref: SiteURL.deliberationMeetingNew.path,
            publicHref: SiteURL.publicDeliberation(zone: zoneCode).path, affairs: affairs, projects: projects)
    }
}

/// 提出问题: a resident's own issue online, or one taken in through any channel.
struct DeliberationIssueFormPage: Sendable {
    let isResident: Bool
    let channels: [SelectOption]
    var title = ""
    var description = ""
    var raisedBy = ""
    var raisedOn: String
    var errors = FormErrors()
    let action: String
    let csrf: String

    init(user: CurrentUser, zoneID: Int64, csrf: String) {
        // Who may not take issues in raises their own (the form without channel and name).
        isResident = Permissions.decide(user, .create, .deliberationIntake(zoneID: zoneID)) != .allow
        channels = DeliberationChannel.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == .visit)
        }
        raisedOn = Clock.today.description
        action = SiteURL.deliberationIssueNew.path
        self.csrf = csrf
    }
}

/// One issue: its supports, and for the party organisation the step to a topic.
struct DeliberationIssuePage: Sendable {
    let id: Int64
    let title: String
    let description: String
    let channel: String
    let raisedBy: String
    let raisedOn: String
    let supports: Int
    let canSupport: Bool
    let supported: Bool
    let supportAction: String
    let topicTitle: String?
    let topicHref: String?
    let canMakeTopic: Bool
    let topics: [SelectOption]
    var topicTitleInput = ""
    var notes = ""
    var errors = FormErrors()
    let topicAction: String
    let csrf: String

    static func load(_ issue: DelibIssueRow, user: CurrentUser, csrf: String, db: any SQLDatabase) async throws
        -> DeliberationIssuePage
    {
        let repo = DeliberationRepository(db: db)
        let supporters = try await repo.supporters(issueID: issue.id)
        let topic = try await issue.topicId.asyncMap { try await repo.topic(id: $0, zoneID: issue.zoneId) } ?? nil
        let supported = user.personID.map { supporters.contains($0) } ?? false
        let openTopics = try await repo.openTopics(zoneID: issue.zoneId)
        let maySupport =
            Permissions.decide(user, .create, .deliberationSupport(zoneID: issue.zoneId)) == .allow
            && user.personID != nil
        return DeliberationIssuePage(
            id: issue.id, title: issue.title, description: issue.description, channel: issue.channelLabel,
            raisedBy: issue.raisedByName, raisedOn: issue.raisedOn, supports: supporters.count,
            canSupport: maySupport && !supported && issue.raisedByPersonId != user.personID,
            supported: supported, supportAction: SiteURL.deliberationIssueSupport(issue.id).path,
            topicTitle: topic?.title, topicHref: topic.map { SiteURL.deliberationTopic($0.id).path },
            canMakeTopic: issue.topicId == nil
                && Permissions.decide(user, .update, .deliberation(zoneID: issue.zoneId)) == .allow,
            topics: [SelectOption(value: "", label: "（新建议题）", selected: true)]
                + openTopics.map {
                    SelectOption(value: String($0.id), label: $0.title, selected: false)
                },
            topicAction: SiteURL.deliberationIssueTopic(issue.id).path, csrf: csrf)
    }
}
