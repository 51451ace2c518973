import Foundation
import GaoxinCore
import SQLKit

/// Queries of 协商议事. Every zone-owned row is read with its zone; lists come a page at a time.
struct DeliberationRepository: Sendable {
    let db: any SQLDatabase

    private func rows<Row: Decodable>(
        _ table: String, zoneID: Int64, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder = { $0 },
        order: [(String, SQLDirection)], pager: Pager, as type: Row.Type
    ) async throws -> Paged<Row> {
        let total = try await filter(db.select().from(table).where("zone_id", .equal, zoneID)).countRows()
        var q = filter(db.select().from(table).where("zone_id", .equal, zoneID)).column("*")
        for (column, direction) in order { q = q.orderBy(column, direction) }
        let rows = try await q.page(pager).rows(Row.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    // MARK: - Issues

    /// One page of the zone's issues (of one channel), newest first.
    func issues(zoneID: Int64, channel: String? = nil, _ pager: Pager) async throws -> Paged<DelibIssueRow> {
        try await rows(
            "delib_issues", zoneID: zoneID, { q in channel.map { q.where("channel", .equal, $0) } ?? q },
            order: [("raised_on", .descending), ("id", .descending)], pager: pager, as: DelibIssueRow.self)
    }

    func issue(id: Int64, zoneID: Int64) async throws -> DelibIssueRow? {
        try await db.select().column("*").from("delib_issues").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(DelibIssueRow.self)
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

    /// `column` → count over `table` rows whose `column` is one of `ids`.
    private func counts(_ table: String, by column: String, in ids: [Int64]) async throws -> [Int64: Int] {
        struct Row: Decodable {
            var k: Int64
            var n: Int
        }
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column(SQLAlias(SQLColumn(column), as: SQLIdentifier("k")))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(table).where(column, .in, ids).groupBy(column).all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.k, $0.n) })
    }

    /// Supports of these issues.
    func supportCounts(issueIDs: [Int64]) async throws -> [Int64: Int] {
        try await counts("delib_supports", by: "issue_id", in: issueIDs)
    }

    /// Which of these issues the person has supported.
    func supported(issueIDs: [Int64], personID: Int64) async throws -> Set<Int64> {
        guard !issueIDs.isEmpty else { return [] }
        return Set(
            try await db.select().column("issue_id").from("delib_supports").where("issue_id", .in, issueIDs)
                .where("person_id", .equal, personID).all(decodingColumn: "issue_id", as: Int64.self))
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

    /// One page of the zone's topics, newest first.
    func topics(zoneID: Int64, _ pager: Pager) async throws -> Paged<DelibTopicRow> {
        try await rows(
            "delib_topics", zoneID: zoneID, order: [("id", .descending)], pager: pager, as: DelibTopicRow.self)
    }

    /// The topics not yet decided, newest first: what an issue may join and a meeting may discuss.
    func openTopics(zoneID: Int64) async throws -> [DelibTopicRow] {
        try await db.select().column("*").from("delib_topics").where("zone_id", .equal, zoneID)
            .where("status", .notEqual, TopicStatus.decided.rawValue).orderBy("id", .descending)
            .rows(DelibTopicRow.self)
    }

    /// These topics of the zone, by id.
    func topics(ids: [Int64], zoneID: Int64) async throws -> [Int64: DelibTopicRow] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column("*").from("delib_topics").where("zone_id", .equal, zoneID)
            .where("id", .in, ids).rows(DelibTopicRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    }

    func topic(id: Int64, zoneID: Int64) async throws -> DelibTopicRow? {
        try await db.select().column("*").from("delib_topics").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(DelibTopicRow.self)
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
            .rows(DelibIssueRow.self)
    }

    /// Issues gathered in each of these topics.
    func issueCounts(topicIDs: [Int64]) async throws -> [Int64: Int] {
        try await counts("delib_issues", by: "topic_id", in: topicIDs)
    }

    // MARK: - Meetings

    /// One page of the zone's meetings, latest first.
    func meetings(zoneID: Int64, _ pager: Pager) async throws -> Paged<DelibMeetingRow> {
        try await rows(
            "delib_meetings", zoneID: zoneID, order: [("held_on", .descending), ("id", .descending)], pager: pager,
            as: DelibMeetingRow.self)
    }

    /// The meetings that had the topic on their agenda, latest first.
    func meetings(topicID: Int64, zoneID: Int64) async throws -> [DelibMeetingRow] {
        try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("delib_meetings")))
            .from("delib_meetings")
            .join(
                "delib_agenda", on: SQLColumn("meeting_id", table: "delib_agenda"), .equal,
                SQLColumn("id", table: "delib_meetings")
            )
            .where(SQLColumn("topic_id", table: "delib_agenda"), .equal, SQLBind(topicID))
            .where(SQLColumn("zone_id", table: "delib_meetings"), .equal, SQLBind(zoneID))
            .orderBy(SQLColumn("held_on", table: "delib_meetings"), SQLDirection.descending)
            .orderBy(SQLColumn("id", table: "delib_meetings"), SQLDirection.descending)
            .rows(DelibMeetingRow.self)
    }

    /// These meetings of the zone, by id.
    func meetings(ids: [Int64], zoneID: Int64) async throws -> [Int64: DelibMeetingRow] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column("*").from("delib_meetings").where("zone_id", .equal, zoneID)
            .where("id", .in, ids).rows(DelibMeetingRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    }

    func countMeetings(zoneID: Int64) async throws -> Int {
        try await db.select().from("delib_meetings").where("zone_id", .equal, zoneID).countRows()
    }

    func meeting(id: Int64, zoneID: Int64) async throws -> DelibMeetingRow? {
        try await db.select().column("*").from("delib_meetings").where("id", .equal, id).where(
            "zone_id", .equal, zoneID
        )
        .row(DelibMeetingRow.self)
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
        .rows(DelibParticipantRow.self)
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

    /// One page of the zone's decisions, newest first.
    func decisions(zoneID: Int64, _ pager: Pager) async throws -> Paged<DelibDecisionRow> {
        try await rows(
            "delib_decisions", zoneID: zoneID, order: [("id", .descending)], pager: pager, as: DelibDecisionRow.self)
    }

    /// The decisions of one meeting, or on one topic, in the order they were taken.
    func decisions(zoneID: Int64, meetingID: Int64? = nil, topicID: Int64? = nil) async throws -> [DelibDecisionRow] {
        var q = db.select().column("*").from("delib_decisions").where("zone_id", .equal, zoneID)
        if let meetingID { q = q.where("meeting_id", .equal, meetingID) }
        if let topicID { q = q.where("topic_id", .equal, topicID) }
        return try await q.orderBy("id").rows(DelibDecisionRow.self)
    }

    /// These decisions of the zone, by id.
    func decisions(ids: [Int64], zoneID: Int64) async throws -> [Int64: DelibDecisionRow] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column("*").from("delib_decisions").where("zone_id", .equal, zoneID)
            .where("id", .in, ids).rows(DelibDecisionRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    }

    /// Passed decisions by kind: the running totals (公共事务、惠民项目).
    func passedCounts(zoneID: Int64) async throws -> (affairs: Int, projects: Int) {
        func count(_ kind: DecisionKind) async throws -> Int {
            try await db.select().from("delib_decisions").where("zone_id", .equal, zoneID)
                .where("passed", .equal, true).where("kind", .equal, kind.rawValue).countRows()
        }
        return (try await count(.affair), try await count(.project))
    }

    func decision(id: Int64, zoneID: Int64) async throws -> DelibDecisionRow? {
        try await db.select().column("*").from("delib_decisions").where("id", .equal, id).where(
            "zone_id", .equal, zoneID
        )
        .row(DelibDecisionRow.self)
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

    /// One page of the zone's actions, newest first.
    func actions(zoneID: Int64, _ pager: Pager) async throws -> Paged<DelibActionRow> {
        try await rows(
            "delib_actions", zoneID: zoneID, order: [("id", .descending)], pager: pager, as: DelibActionRow.self)
    }

    /// The action carrying out each of these decisions (the newest, should there be more).
    func actions(decisionIDs: [Int64], zoneID: Int64) async throws -> [Int64: DelibActionRow] {
        guard !decisionIDs.isEmpty else { return [:] }
        let rows = try await db.select().column("*").from("delib_actions").where("zone_id", .equal, zoneID)
            .where("decision_id", .in, decisionIDs).orderBy("id", .descending)
            .rows(DelibActionRow.self)
        return Dictionary(rows.map { ($0.decisionId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The actions whose results are published (及时公开公示), newest first: the public page.
    func publishedActions(zoneID: Int64) async throws -> [DelibActionRow] {
        try await db.select().column("*").from("delib_actions").where("zone_id", .equal, zoneID)
            .where("published_at", .isNot, SQLLiteral.null).orderBy("id", .descending)
            .rows(DelibActionRow.self)
    }

    func action(id: Int64, zoneID: Int64) async throws -> DelibActionRow? {
        try await db.select().column("*").from("delib_actions").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(DelibActionRow.self)
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
            .rows(DelibActionUpdateRow.self)
    }

    func insertUpdate(actionID: Int64, day: String, progress: Int, note: String, by: String, at: Int64) async throws {
        try await db.insert(into: "delib_action_updates").columns(
            "action_id", "day", "progress", "note", "by_name", "at"
        )
        .values(SQLBind(actionID), SQLBind(day), SQLBind(progress), SQLBind(note), SQLBind(by), SQLBind(at)).run()
    }
}
