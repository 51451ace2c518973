import SQLKit

/// One number that moves whenever something the public policy pages show changes, so a page
/// rendered for visitors who are not signed in can be served again while it has not moved
/// (`PublicPageCache`). Triggers move it, whoever writes: this server, the CLI in another process,
/// another server of the same database, a hand-typed statement.
///
/// The pages read zones, departments, policies and their items, and the published questions and
/// answers (政策问答): any write to the first four moves the number; a consultation moves it only
/// when it is or was published, so the questions asked all day do not.
struct M0088PublicPagesVersion: Migration {
    let number = 88
    let name = "public pages version"

    static let tables = ["zones", "departments", "policies", "policy_items"]

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            "CREATE TABLE public_pages_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)"
        ).run()
        try await db.raw("INSERT INTO public_pages_version (id, version) VALUES (1, 1)").run()
        let bump = "UPDATE public_pages_version SET version = version + 1"
        let published = [
            "INSERT": "NEW.published", "UPDATE": "OLD.published OR NEW.published", "DELETE": "OLD.published",
        ]
        switch ddl.kind {
        case .sqlite:
            // One writer at a time: the number cannot be raced, and row triggers are all SQLite has.
            for table in Self.tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await db.raw(
                        """
                        CREATE TRIGGER public_pages_\(unsafeRaw: table)_\(unsafeRaw: event.lowercased())
                        AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN \(unsafeRaw: bump); END
                        """
                    ).run()
                }
            }
            for (event, condition) in published {
                try await db.raw(
                    """
                    CREATE TRIGGER public_pages_consultations_\(unsafeRaw: event.lowercased())
                    AFTER \(unsafeRaw: event) ON consultations WHEN \(unsafeRaw: condition)
                    BEGIN \(unsafeRaw: bump); END
                    """
                ).run()
            }
        case .postgres:
            try await db.raw(
                """
                CREATE FUNCTION public_pages_changed() RETURNS trigger AS $$
                BEGIN \(unsafeRaw: bump); RETURN NULL; END $$ LANGUAGE plpgsql
                """
            ).run()
            // BEFORE each statement: a writer takes the number's row lock before any row of the
            // table, so two writers always lock in the same order and cannot deadlock on it. The
            // row is held to the commit, so a reader sees the new number with the new rows.
            for table in Self.tables {
                try await db.raw(
                    """
                    CREATE TRIGGER public_pages_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
                    ON \(unsafeRaw: table) FOR EACH STATEMENT EXECUTE FUNCTION public_pages_changed()
                    """
                ).run()
            }
            for (event, condition) in published {
                try await db.raw(
                    """
                    CREATE TRIGGER public_pages_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event)
                    ON consultations FOR EACH ROW WHEN (\(unsafeRaw: condition))
                    EXECUTE FUNCTION public_pages_changed()
                    """
                ).run()
            }
        }
    }
}
