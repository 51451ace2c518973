import Foundation
import GaoxinCore
import SQLKit

/// Where an issue came in: the seed's channels (村民议事会、民情恳谈会、书记信箱、群众来访) and online.
enum DeliberationChannel: String, CaseIterable, Sendable, Codable {
    case council, forum, mailbox, visit, online

    var label: String {
        switch self {
        case .council: "村民议事会"
        case .forum: "民情恳谈会"
        case .mailbox: "书记信箱"
        case .visit: "群众来访"
        case .online: "网上提出"
        }
    }
}

/// Who is invited to a 阳光议事会 (提前通知村“两委”成员、集体经济组织理事会成员、党员群众代表及其他相关人员).
enum ParticipantCategory: String, CaseIterable, Sendable {
    case committees = "两委成员"
    case collective = "集体经济组织理事会成员"
    case representatives = "党员群众代表"
    case stakeholders = "利益相关方"
}

/// A decision is about a public affair (乡规民约修改等) or a project for residents (健身器材引进等).
enum DecisionKind: String, CaseIterable, Sendable {
    case affair, project

    var label: String { self == .affair ? "公共事务" : "惠民项目" }
}

enum TopicStatus: String, Sendable {
    case researching, scheduled, decided

    var label: String {
        switch self {
        case .researching: "调研论证中"
        case .scheduled: "已列入议程"
        case .decided: "已协商决定"
        }
    }
}

struct DelibIssueRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var channel: String
    var title: String
    var description: String
    var raisedByName: String
    var raisedByPersonId: Int64?
    var recordedByUserId: Int64?
    var raisedOn: String
    var topicId: Int64?
    var createdAt: Int64

    var channelLabel: String { DeliberationChannel(rawValue: channel)?.label ?? channel }
}

struct DelibTopicRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var title: String
    var researchNotes: String
    var status: String
    var createdBy: String
    var createdAt: Int64

    var statusLabel: String { TopicStatus(rawValue: status)?.label ?? status }
}

struct DelibMeetingRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var title: String
    var heldOn: String
    var place: String
    var minutes: String
    var createdAt: Int64
}

struct DelibParticipantRow: Codable, Sendable {
    var id: Int64
    var meetingId: Int64
    var category: String
    var name: String
    var attended: Bool
}

struct DelibDecisionRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var meetingId: Int64
    var topicId: Int64
    var kind: String
    var text: String
    var voted: Bool
    var votesFor: Int
    var votesAgainst: Int
    var votesAbstain: Int
    var passed: Bool
    var createdAt: Int64

    var votes: String {
        voted
            ? "赞成 \(votesFor)、反对 \(votesAgainst)、弃权 \(votesAbstain)，\(passed ? "通过" : "未通过")"
            : "协商一致，\(passed ? "通过" : "未通过")"
    }
}

struct DelibActionRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var decisionId: Int64
    var title: String
    var owner: String
    var dueOn: String
    var progress: Int
    var status: String
    var completedOn: String?
    var publishedAt: Int64?
    var resultSummary: String?

    var isDone: Bool { status == "done" }
}

struct DelibActionUpdateRow: Codable, Sendable {
    var id: Int64
    var actionId: Int64
    var day: String
    var progress: Int
    var note: String
    var byName: String
    var at: Int64
}

/// Queries of 协商议事. Every zone-owned row is read with its zone.
struct DeliberationRepository: Sendable {
    let db: any SQLDatabase

    func issues(zoneID: Int64, channel: String? = nil) async throws -> [DelibIssueRow] {
        var q = db.select().column("*").from("delib_issues").where("zone_id", .equal, zoneID)
        if let channel { q = q.where("channel", .equal, channel) }
        return try await q.orderBy("raised_on", .descending).orderBy("id", .descending)
            .all(decoding: DelibIssueRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func issue(id: Int64, zoneID: Int64) async throws -> DelibIssueRow? {
        try await db.select().column("*").from("delib_issues").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: DelibIssueRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insertIssue(_ i: DelibIssueRow) async throws -> Int64 {
        try await db.insert(into: "delib_issues")
            .columns(
                "zone_id", "channel", "title", "description", "raised_by_name", "raised_by_person_id",
                "recorded_by_user_id", "raised_on",
                "topic_id", "created_at"
            )
            .values(
                SQLBind(i.zoneId), SQLBind(i.channel), SQLBind(i.title), SQLBind(i.description),
                SQLBind(i.raisedByName),
                SQLBind(i.raisedByPersonId), SQLBind(i.recordedByUserId), SQLBind(i.raisedOn), SQLBind(i.topicId),
                SQLBind(i.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func setIssueTopic(issueID: Int64, topicID: Int64) async throws {
        try await db.update("delib_issues").set("topic_id", to: topicID).where("id", .equal, issueID).run()
    }

    /// Support counts by issue for the zone.
    func supportCounts(zoneID: Int64) async throws -> [Int64: Int] {
        struct Row: Decodable {
            var issueId: Int64
            var n: Int
        }
        let rows = try await db.select().column(SQLColumn("issue_id", table: "delib_supports")).column(
            SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))
        )
        .from("delib_supports").join(
            "delib_issues", on: SQLColumn("issue_id", table: "delib_supports"), .equal,
            SQLColumn("id", table: "delib_issues")
        )
        .where(SQLColumn("zone_id", table: "delib_issues"), .equal, SQLBind(zoneID))
        .groupBy(SQLColumn("issue_id", table: "delib_supports"))
        .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.issueId, $0.n) })
    }

    func supporters(issueID: Int64) async throws -> [Int64] {
        try await db.select().column("person_id").from("delib_supports").where("issue_id", .equal, issueID).orderBy(
            "person_id"
        )
        .all(decodingColumn: "person_id", as: Int64.self)
    }

    func insertSupport(issueID: Int64, personID: Int64, at: Int64) async throws {
        try await db.insert(into: "delib_supports").columns("issue_id", "person_id", "supported_at")
            .values(SQLBind(issueID), SQLBind(personID), SQLBind(at)).run()
    }

    // MARK: - Topics

    func topics(zoneID: Int64) async throws -> [DelibTopicRow] {
        try await db.select().column("*").from("delib_topics").where("zone_id", .equal, zoneID).orderBy(
            "id", .descending
        )
        .all(decoding: DelibTopicRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func topic(id: Int64, zoneID: Int64) async throws -> DelibTopicRow? {
        try await db.select().column("*").from("delib_topics").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: DelibTopicRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insertTopic(zoneID: Int64, title: String, notes: String, by: String, at: Int64) async throws -> Int64 {
        try await db.insert(into: "delib_topics").columns(
            "zone_id", "title", "research_notes", "status", "created_by", "created_at"
        )
        .values(
            SQLBind(zoneID), SQLBind(title), SQLBind(notes), SQLBind(TopicStatus.researching.rawValue), SQLBind(by),
            SQLBind(at)
        )
        .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func updateTopic(id: Int64, zoneID: Int64, notes: String? = nil, status: TopicStatus? = nil) async throws {
        var q = db.update("delib_topics").where("id", .equal, id).where("zone_id", .equal, zoneID)
        if let notes { q = q.set("research_notes", to: notes) }
        if let status { q = q.set("status", to: status.rawValue) }
        try await q.run()
    }

    func issues(topicID: Int64) async throws -> [DelibIssueRow] {
        try await db.select().column("*").from("delib_issues").where("topic_id", .equal, topicID).orderBy("id")
            .all(decoding: DelibIssueRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    // MARK: - Meetings

    func meetings(zoneID: Int64) async throws -> [DelibMeetingRow] {
        try await db.select().column("*").from("delib_meetings").where("zone_id", .equal, zoneID)
            .orderBy("held_on", .descending).orderBy("id", .descending)
            .all(decoding: DelibMeetingRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func meeting(id: Int64, zoneID: Int64) async throws -> DelibMeetingRow? {
        try await db.select().column("*").from("delib_meetings").where("id", .equal, id).where(
            "zone_id", .equal, zoneID
        )
        .first(decoding: DelibMeetingRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insertMeeting(zoneID: Int64, title: String, heldOn: String, place: String, at: Int64) async throws -> Int64 {
        try await db.insert(into: "delib_meetings").columns(
            "zone_id", "title", "held_on", "place", "minutes", "created_at"
        )
        .values(SQLBind(zoneID), SQLBind(title), SQLBind(heldOn), SQLBind(place), SQLBind(""), SQLBind(at))
        .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func setMinutes(meetingID: Int64, zoneID: Int64, _ minutes: String) async throws {
        try await db.update("delib_meetings").set("minutes", to: minutes).where("id", .equal, meetingID).where(
            "zone_id", .equal, zoneID
        ).run()
    }

    func insertAgenda(meetingID: Int64, topicID: Int64, position: Int) async throws {
        try await db.insert(into: "delib_agenda").columns("meeting_id", "topic_id", "position")
            .values(SQLBind(meetingID), SQLBind(topicID), SQLBind(position)).run()
    }

    func agenda(meetingID: Int64) async throws -> [Int64] {
        try await db.select().column("topic_id").from("delib_agenda").where("meeting_id", .equal, meetingID).orderBy(
            "position"
        )
        .all(decodingColumn: "topic_id", as: Int64.self)
    }

    func participants(meetingID: Int64) async throws -> [DelibParticipantRow] {
        try await db.select().column("*").from("delib_participants").where("meeting_id", .equal, meetingID).orderBy(
            "id"
        )
        .all(decoding: DelibParticipantRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insertParticipant(meetingID: Int64, category: String, name: String, attended: Bool) async throws {
        try await db.insert(into: "delib_participants").columns("meeting_id", "category", "name", "attended")
            .values(SQLBind(meetingID), SQLBind(category), SQLBind(name), SQLBind(attended)).run()
    }

    func setAttendance(meetingID: Int64, attended: Set<Int64>) async throws {
        for p in try await participants(meetingID: meetingID) {
            try await db.update("delib_participants").set("attended", to: attended.contains(p.id)).where(
                "id", .equal, p.id
            ).run()
        }
    }

    // MARK: - Decisions and actions

    func decisions(zoneID: Int64, meetingID: Int64? = nil) async throws -> [DelibDecisionRow] {
        var q = db.select().column("*").from("delib_decisions").where("zone_id", .equal, zoneID)
        if let meetingID { q = q.where("meeting_id", .equal, meetingID) }
        return try await q.orderBy("id").all(
            decoding: DelibDecisionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func decision(id: Int64, zoneID: Int64) async throws -> DelibDecisionRow? {
        try await db.select().column("*").from("delib_decisions").where("id", .equal, id).where(
            "zone_id", .equal, zoneID
        )
        .first(decoding: DelibDecisionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insertDecision(_ d: DelibDecisionRow) async throws -> Int64 {
        try await db.insert(into: "delib_decisions")
            .columns(
                "zone_id", "meeting_id", "topic_id", "kind", "text", "voted", "votes_for", "votes_against",
                "votes_abstain", "passed", "created_at"
            )
            .values(
                SQLBind(d.zoneId), SQLBind(d.meetingId), SQLBind(d.topicId), SQLBind(d.kind), SQLBind(d.text),
                SQLBind(d.voted),
                SQLBind(d.votesFor), SQLBind(d.votesAgainst), SQLBind(d.votesAbstain), SQLBind(d.passed),
                SQLBind(d.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func actions(zoneID: Int64) async throws -> [DelibActionRow] {
        try await db.select().column("*").from("delib_actions").where("zone_id", .equal, zoneID).orderBy(
            "id", .descending
        )
        .all(decoding: DelibActionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func action(id: Int64, zoneID: Int64) async throws -> DelibActionRow? {
        try await db.select().column("*").from("delib_actions").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: DelibActionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insertAction(zoneID: Int64, decisionID: Int64, title: String, owner: String, dueOn: String) async throws
        -> Int64
    {
        try await db.insert(into: "delib_actions").columns(
            "zone_id", "decision_id", "title", "owner", "due_on", "progress", "status"
        )
        .values(
            SQLBind(zoneID), SQLBind(decisionID), SQLBind(title), SQLBind(owner), SQLBind(dueOn), SQLBind(0),
            SQLBind("in_progress")
        )
        .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func updateAction(_ a: DelibActionRow) async throws {
        try await db.update("delib_actions").set("progress", to: a.progress).set("status", to: a.status).set(
            "completed_on", to: a.completedOn
        )
        .set("published_at", to: a.publishedAt).set("result_summary", to: a.resultSummary)
        .where("id", .equal, a.id).where("zone_id", .equal, a.zoneId).run()
    }

    func updates(actionID: Int64) async throws -> [DelibActionUpdateRow] {
        try await db.select().column("*").from("delib_action_updates").where("action_id", .equal, actionID).orderBy(
            "day"
        ).orderBy("id")
            .all(decoding: DelibActionUpdateRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insertUpdate(actionID: Int64, day: String, progress: Int, note: String, by: String, at: Int64) async throws {
        try await db.insert(into: "delib_action_updates").columns(
            "action_id", "day", "progress", "note", "by_name", "at"
        )
        .values(SQLBind(actionID), SQLBind(day), SQLBind(progress), SQLBind(note), SQLBind(by), SQLBind(at)).run()
    }
}
