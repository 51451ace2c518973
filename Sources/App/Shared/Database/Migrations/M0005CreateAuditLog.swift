import SQLKit

/// The append-only audit trail. Triggers refuse UPDATE and DELETE in the database itself, so
/// not even a bug in the app (or a hand-typed statement) can rewrite history.
struct M0005CreateAuditLog: Migration {
    let number = 5
    let name = "create audit log"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE audit_log (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT REFERENCES zones(id),
                actor_user_id BIGINT,
                actor_name TEXT NOT NULL,
                at \(unsafeRaw: ddl.timestamp) NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                action TEXT NOT NULL,
                before_json TEXT,
                after_json TEXT,
                request_id TEXT)
            """
        ).run()
        try await db.raw("CREATE INDEX audit_log_zone ON audit_log (zone_id, at)").run()
        switch ddl.kind {
        case .sqlite:
            for event in ["UPDATE", "DELETE"] {
                try await db.raw(
                    """
                    CREATE TRIGGER audit_log_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON audit_log
                    BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改或删除'); END
                    """
                ).run()
            }
        case .postgres:
            try await db.raw(
                """
                CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '审计日志只能追加，不能修改或删除'; END $$ LANGUAGE plpgsql
                """
            ).run()
            try await db.raw(
                """
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
                """
            ).run()
        }
    }
}
