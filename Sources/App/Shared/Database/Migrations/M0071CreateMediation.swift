import SQLKit

/// 共享法庭 online mediation: a dispute's details beside its case (claim, the 1-working-day target,
/// the online session, the agreement or referral), its parties with their confirmation, evidence
/// files, and 司法建议 letters with the enterprise's reply.
struct M0071CreateMediation: Migration {
    let number = 71
    let name = "create mediation cases, parties, evidence, judicial suggestions"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        let blob = ddl.kind == .sqlite ? "BLOB" : "BYTEA"
        for statement in [
            """
            CREATE TABLE mediation_cases (
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                kind TEXT NOT NULL,
                claim TEXT NOT NULL,
                amount_claimed BIGINT,
                event_case_id BIGINT REFERENCES cases(id),
                target_day TEXT NOT NULL,
                target_minute INTEGER NOT NULL,
                session_at TEXT,
                session_link TEXT,
                session_participants TEXT,
                agreement TEXT,
                agreement_amount BIGINT,
                agreement_deadline TEXT,
                outcome_note TEXT,
                on_target BOOLEAN)
            """,
            """
            CREATE TABLE mediation_parties (
                id \(unsafeRaw: ddl.id),
                case_id BIGINT NOT NULL REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                side TEXT NOT NULL,
                name TEXT NOT NULL,
                user_id BIGINT REFERENCES users(id),
                enterprise_id BIGINT REFERENCES enterprises(id),
                confirmed_at \(unsafeRaw: ddl.timestamp))
            """,
            "CREATE INDEX mediation_parties_case ON mediation_parties (case_id)",
            "CREATE INDEX mediation_parties_user ON mediation_parties (user_id)",
            "CREATE INDEX mediation_parties_enterprise ON mediation_parties (enterprise_id)",
            """
            CREATE TABLE mediation_evidence (
                id \(unsafeRaw: ddl.id),
                case_id BIGINT NOT NULL REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                file_name TEXT NOT NULL,
                uploaded_by BIGINT REFERENCES users(id),
                data \(unsafeRaw: blob) NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            """
            CREATE TABLE mediation_letters (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                kind TEXT NOT NULL,
                pattern TEXT NOT NULL,
                letter TEXT NOT NULL,
                sent_on TEXT NOT NULL,
                reply TEXT,
                replied_at \(unsafeRaw: ddl.timestamp),
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
