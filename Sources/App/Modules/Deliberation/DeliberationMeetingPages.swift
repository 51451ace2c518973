import Foundation
import GaoxinCore
import SQLKit

/// One topic: its research, the issues it gathers, the meetings that discussed it and what was decided.
struct DeliberationTopicPage: Sendable {
    let title: String
    let status: String
    let notes: String
    let createdBy: String
    let issues: [DeliberationIssueLine]
    let meetings: [DeliberationMeetingLine]
    let decisions: [DeliberationDecisionLine]
    let canManage: Bool
    var notesInput: String
    var errors = FormErrors()
    let action: String
    let csrf: String

    static func load(_ t: DelibTopicRow, user: CurrentUser, csrf: String, db: any SQLDatabase) async throws
        -> DeliberationTopicPage
    {
        let repo = DeliberationRepository(db: db)
        return DeliberationTopicPage(
            title: t.title, status: t.statusLabel, notes: t.researchNotes, createdBy: t.createdBy,
            issues: try await DeliberationIssueLine.lines(
                try await repo.issues(topicID: t.id), topics: [t.id: t], db: db),
            meetings: try await DeliberationMeetingLine.lines(
                try await repo.meetings(topicID: t.id, zoneID: t.zoneId), db: db),
            decisions: try await DeliberationDecisionLine.lines(
                try await repo.decisions(zoneID: t.zoneId, topicID: t.id), zoneID: t.zoneId, db: db),
            canManage: Permissions.decide(user, .update, .deliberation(zoneID: t.zoneId)) == .allow,
            notesInput: t.researchNotes, action: SiteURL.deliberationTopic(t.id).path, csrf: csrf)
    }
}

/// 安排阳光议事会: the topics still open, and who is invited.
struct DeliberationMeetingFormPage: Sendable {
    struct Topic: Sendable {
        let id: Int64
        let title: String
        let checked: Bool
    }
    var title: String
    var heldOn: String
    var place: String
    let topics: [Topic]
    var participants: String
    var errors = FormErrors()
    let action: String
    let csrf: String

    static func load(zoneID: Int64, chosen: Set<Int64>, csrf: String, db: any SQLDatabase) async throws
        -> DeliberationMeetingFormPage
    {
        let today = Clock.today
        let topics = try await DeliberationRepository(db: db).openTopics(zoneID: zoneID)
        return DeliberationMeetingFormPage(
            title: "阳光议事会（\(today.year)年\(today.month)月）",
            heldOn: Day(year: today.year, month: today.month, day: 15)!.description,
            place: "党群服务中心议事室",
            topics: topics.map { .init(id: $0.id, title: $0.title, checked: chosen.contains($0.id)) },
            participants: "两委成员|\n集体经济组织理事会成员|\n党员群众代表|\n利益相关方|", action: SiteURL.deliberationMeetingNew.path,
            csrf: csrf)
    }
}

/// One 阳光议事会: agenda, participants and attendance, minutes, decisions and votes.
struct DeliberationMeetingPage: Sendable {
    struct Participant: Sendable {
        let id: Int64
        let category: String
        let name: String
        let attended: Bool
    }
    let title: String
    let heldOn: String
    let place: String
    let agenda: [DeliberationTopicLine]
    let participants: [Participant]
    let invited: Int
    let attended: Int
    let minutes: String
    let hasMinutes: Bool
    let decisions: [DeliberationDecisionLine]
    let canManage: Bool
    let topicOptions: [SelectOption]
    let kinds: [SelectOption]
    var minutesInput: String
    var decision = DecisionInput()
    var errors = FormErrors()
    let attendanceAction: String
    let minutesAction: String
    let decisionAction: String
    let csrf: String

    struct DecisionInput: Sendable {
        var text = ""
        var voted = true
        var votesFor = ""
        var votesAgainst = ""
        var votesAbstain = ""
        var actionTitle = ""
        var owner = ""
        var dueOn = ""
    }

    static func load(_ m: DelibMeetingRow, user: CurrentUser, csrf: String, db: any SQLDatabase) async throws
        -> DeliberationMeetingPage
    {
        let repo = DeliberationRepository(db: db)
        let agendaIDs = try await repo.agenda(meetingID: m.id)
        let topics = try await repo.topics(ids: agendaIDs, zoneID: m.zoneId)
        let agenda = agendaIDs.compactMap { topics[$0] }
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
            decisions: try await DeliberationDecisionLine.lines(
                try await repo.decisions(zoneID: m.zoneId, meetingID: m.id), zoneID: m.zoneId, db: db),
            canManage: Permissions.decide(user, .update, .deliberation(zoneID: m.zoneId)) == .allow,
            topicOptions: agenda.filter { $0.status != TopicStatus.decided.rawValue }.map {
                SelectOption(value: String($0.id), label: $0.title, selected: false)
            },
            kinds: DecisionKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == .affair)
            },
            minutesInput: m.minutes, attendanceAction: SiteURL.deliberationMeetingAttendance(m.id).path,
            minutesAction: SiteURL.deliberationMeetingMinutes(m.id).path,
            decisionAction: SiteURL.deliberationMeetingDecision(m.id).path, csrf: csrf)
    }
}

/// One action carrying out a decision: progress over time, and its publication when done.
struct DeliberationActionPage: Sendable {
    struct Update: Sendable {
        let day: String
        let progress: Int
        let note: String
        let by: String
    }
    let title: String
    let owner: String
    let dueOn: String
    let progress: Int
    let status: String
    let completedOn: String?
    let published: Bool
    let resultSummary: String?
    let decision: String
    let votes: String
    let meetingTitle: String
    let meetingHref: String
    let timeline: [Update]
    let canProgress: Bool
    let canPublish: Bool
    var errors = FormErrors()
    let progressAction: String
    let publishAction: String
    let csrf: String

    static func timeline(_ actionID: Int64, db: any SQLDatabase) async throws -> [Update] {
        try await DeliberationRepository(db: db).updates(actionID: actionID).map {
            .init(day: $0.day, progress: $0.progress, note: $0.note, by: $0.byName)
        }
    }

    static func load(_ a: DelibActionRow, user: CurrentUser, csrf: String, db: any SQLDatabase) async throws
        -> DeliberationActionPage
    {
        let repo = DeliberationRepository(db: db)
        let decision = try await repo.decision(id: a.decisionId, zoneID: a.zoneId)
        let meeting = try await decision.asyncMap { try await repo.meeting(id: $0.meetingId, zoneID: a.zoneId) } ?? nil
        let manage = Permissions.decide(user, .update, .deliberation(zoneID: a.zoneId)) == .allow
        return DeliberationActionPage(
            title: a.title, owner: a.owner, dueOn: a.dueOn, progress: a.progress, status: a.isDone ? "已完成" : "落实中",
            completedOn: a.completedOn, published: a.publishedAt != nil, resultSummary: a.resultSummary,
            decision: decision?.text ?? "", votes: decision?.votes ?? "",
            meetingTitle: meeting.map { "\($0.title)（\($0.heldOn)）" } ?? "",
            meetingHref: meeting.map { SiteURL.deliberationMeeting($0.id).path } ?? "",
            timeline: try await timeline(a.id, db: db), canProgress: manage && !a.isDone,
            canPublish: manage && a.isDone && a.publishedAt == nil,
            progressAction: SiteURL.deliberationActionProgress(a.id).path,
            publishAction: SiteURL.deliberationActionPublish(a.id).path, csrf: csrf)
    }
}

/// The public page: published results and the running totals the seed reports.
struct PublicDeliberationPage: Sendable {
    struct Result: Sendable {
        let title: String
        let decision: String
        let kind: String
        let meeting: String
        let heldOn: String
        let votes: String
        let completedOn: String
        let summary: String
        let timeline: [DeliberationActionPage.Update]
    }
    let zoneName: String
    let affairs: Int
    let projects: Int
    let meetingCount: Int
    let results: [Result]

    static func load(zone: ZoneRow, db: any SQLDatabase) async throws -> PublicDeliberationPage {
        let repo = DeliberationRepository(db: db)
        let actions = try await repo.publishedActions(zoneID: zone.id)
        let decisions = try await repo.decisions(ids: actions.map(\.decisionId), zoneID: zone.id)
        let meetings = try await repo.meetings(ids: Array(Set(decisions.values.map(\.meetingId))), zoneID: zone.id)
        var results: [Result] = []
        for a in actions {
            let d = decisions[a.decisionId]
            let m = d.flatMap { meetings[$0.meetingId] }
            results.append(
                .init(
                    title: a.title, decision: d?.text ?? "",
                    kind: d.flatMap { DecisionKind(rawValue: $0.kind)?.label } ?? "", meeting: m?.title ?? "",
                    heldOn: m?.heldOn ?? "", votes: d?.votes ?? "", completedOn: a.completedOn ?? "",
                    summary: a.resultSummary ?? "", timeline: try await DeliberationActionPage.timeline(a.id, db: db)))
        }
        let (affairs, projects) = try await repo.passedCounts(zoneID: zone.id)
        return PublicDeliberationPage(
            zoneName: zone.name, affairs: affairs, projects: projects,
            meetingCount: try await repo.countMeetings(zoneID: zone.id), results: results)
    }
}
