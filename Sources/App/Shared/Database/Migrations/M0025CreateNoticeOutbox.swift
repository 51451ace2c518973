import SQLKit

/// The one outbox for every notice the platform makes (issue #12): a row per recipient user with
/// the in-app state (`read_at`) and the webhook channel's delivery state (`webhook_state`: none,
/// pending, sending, sent, failed — failed rows keep their last error and are retried until the
/// attempts run out, then `dead`). `dedupe_key` makes a reminder or sweep notice idempotent per
/// user. A zone's webhook (URL, optional secret header) and each user's choice to use it.
struct M0025CreateNoticeOutbox: Migration {
    let number = 25
    let name = "create notice outbox, zone webhooks, notice preferences"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE notice_outbox (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT REFERENCES zones(id),
                user_id BIGINT NOT NULL REFERENCES users(id),
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                link TEXT,
                dedupe_key TEXT,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                read_at \(unsafeRaw: ddl.timestamp),
                webhook_state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at \(unsafeRaw: ddl.timestamp),
                lease_until \(unsafeRaw: ddl.timestamp),
                last_error TEXT,
                delivered_at \(unsafeRaw: ddl.timestamp))
            """
        ).run()
        try await db.raw("CREATE INDEX notice_outbox_user ON notice_outbox (user_id, read_at)").run()
        try await db.raw("CREATE INDEX notice_outbox_due ON notice_outbox (webhook_state, next_attempt_at)").run()
        try await db.raw("CREATE INDEX notice_outbox_zone ON notice_outbox (zone_id, webhook_state, id)").run()
        try await db.raw("CREATE UNIQUE INDEX notice_outbox_dedupe ON notice_outbox (user_id, dedupe_key)").run()
        try await db.raw(
            """
            CREATE TABLE zone_webhooks (
                zone_id BIGINT PRIMARY KEY REFERENCES zones(id),
                url TEXT NOT NULL,
                header_name TEXT,
                header_value TEXT,
                enabled BOOLEAN NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE notice_preferences (
                user_id BIGINT PRIMARY KEY REFERENCES users(id),
                webhook BOOLEAN NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
    }
}
