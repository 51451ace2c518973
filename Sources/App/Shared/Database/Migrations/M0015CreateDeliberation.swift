import SQLKit

/// Deliberation (协商议事): issues collected from the channels with residents' support, topics
/// (议题) made from them with research notes, the monthly 阳光议事会 with agenda, participants and
/// attendance, minutes, decisions with votes, and the actions that carry decisions out, with a
/// progress timeline and their publication (公开公示).
struct M0015CreateDeliberation: Migration {
    let number = 15
    let name = "create deliberation issues, topics, meetings, decisions, actions"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE delib_topics (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                title TEXT NOT NULL,
                research_notes TEXT NOT NULL,
                status TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE delib_issues (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                channel TEXT NOT NULL,
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                raised_by_name TEXT NOT NULL,
                raised_by_person_id BIGINT REFERENCES persons(id),
                recorded_by_user_id BIGINT REFERENCES users(id),
                raised_on TEXT NOT NULL,
                topic_id BIGINT REFERENCES delib_topics(id),
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX delib_issues_zone ON delib_issues (zone_id, raised_on)").run()
        try await db.raw(
            """
            CREATE TABLE delib_supports (
                issue_id BIGINT NOT NULL REFERENCES delib_issues(id),
                person_id BIGINT NOT NULL REFERENCES persons(id),
                supported_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                PRIMARY KEY (issue_id, person_id))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE delib_meetings (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                title TEXT NOT NULL,
                held_on TEXT NOT NULL,
                place TEXT NOT NULL,
                minutes TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX delib_meetings_zone ON delib_meetings (zone_id, held_on)").run()
        try await db.raw(
            """
            CREATE TABLE delib_agenda (
                meeting_id BIGINT NOT NULL REFERENCES delib_meetings(id),
                topic_id BIGINT NOT NULL REFERENCES delib_topics(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (meeting_id, topic_id))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE delib_participants (
                id \(unsafeRaw: ddl.id),
                meeting_id BIGINT NOT NULL REFERENCES delib_meetings(id),
                category TEXT NOT NULL,
                name TEXT NOT NULL,
                attended BOOLEAN NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX delib_participants_meeting ON delib_participants (meeting_id)").run()
        try await db.raw(
            """
            CREATE TABLE delib_decisions (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                meeting_id BIGINT NOT NULL REFERENCES delib_meetings(id),
                topic_id BIGINT NOT NULL REFERENCES delib_topics(id),
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                voted BOOLEAN NOT NULL,
                votes_for INTEGER NOT NULL,
                votes_against INTEGER NOT NULL,
                votes_abstain INTEGER NOT NULL,
                passed BOOLEAN NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX delib_decisions_zone ON delib_decisions (zone_id, meeting_id)").run()
        try await db.raw(
            """
            CREATE TABLE delib_actions (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                decision_id BIGINT NOT NULL REFERENCES delib_decisions(id),
                title TEXT NOT NULL,
                owner TEXT NOT NULL,
                due_on TEXT NOT NULL,
                progress INTEGER NOT NULL,
                status TEXT NOT NULL,
                completed_on TEXT,
                published_at \(unsafeRaw: ddl.timestamp),
                result_summary TEXT)
            """
        ).run()
        try await db.raw("CREATE INDEX delib_actions_zone ON delib_actions (zone_id, status)").run()
        try await db.raw(
            """
            CREATE TABLE delib_action_updates (
                id \(unsafeRaw: ddl.id),
                action_id BIGINT NOT NULL REFERENCES delib_actions(id),
                day TEXT NOT NULL,
                progress INTEGER NOT NULL,
                note TEXT NOT NULL,
                by_name TEXT NOT NULL,
                at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX delib_action_updates_action ON delib_action_updates (action_id)").run()
    }
}
