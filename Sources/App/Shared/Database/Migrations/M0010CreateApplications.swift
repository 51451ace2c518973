import SQLKit

/// Applications (申报) for policy items, their uploaded materials (kept in the database so a
/// backup holds everything) and payouts (兑现). Amounts in 万元, days as "YYYY-MM-DD" text.
/// A payout without an application is a 免申即享 grant; `cases` > 1 marks an aggregated row
/// (a batch registered as one line, e.g. a year's 一件事 figures), whose enterprise may be NULL.
struct M0010CreateApplications: Migration {
    let number = 10
    let name = "create applications, application materials, payouts"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        let blob = ddl.kind == .sqlite ? "BLOB" : "BYTEA"
        try await db.raw(
            """
            CREATE TABLE applications (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                item_id BIGINT NOT NULL REFERENCES policy_items(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                applicant_user_id BIGINT REFERENCES users(id),
                state TEXT NOT NULL,
                requested_amount DOUBLE PRECISION NOT NULL,
                approved_amount DOUBLE PRECISION,
                note TEXT NOT NULL,
                missing_json TEXT,
                return_note TEXT,
                returned_at \(unsafeRaw: ddl.timestamp),
                resubmitted_at \(unsafeRaw: ddl.timestamp),
                decision_reason TEXT,
                reviewer_user_id BIGINT REFERENCES users(id),
                decided_at \(unsafeRaw: ddl.timestamp),
                submitted_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX applications_zone ON applications (zone_id, state)").run()
        try await db.raw("CREATE INDEX applications_enterprise ON applications (enterprise_id, item_id)").run()
        try await db.raw(
            """
            CREATE TABLE application_materials (
                id \(unsafeRaw: ddl.id),
                application_id BIGINT NOT NULL REFERENCES applications(id),
                material_name TEXT NOT NULL,
                file_name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size_bytes BIGINT NOT NULL,
                content \(unsafeRaw: blob),
                uploaded_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX application_materials_application ON application_materials (application_id)")
            .run()
        try await db.raw(
            """
            CREATE TABLE payouts (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                item_id BIGINT NOT NULL REFERENCES policy_items(id),
                enterprise_id BIGINT REFERENCES enterprises(id),
                application_id BIGINT REFERENCES applications(id),
                amount DOUBLE PRECISION NOT NULL,
                cases INTEGER NOT NULL,
                paid_on TEXT NOT NULL,
                voucher_no TEXT NOT NULL,
                note TEXT,
                recorded_by BIGINT REFERENCES users(id),
                recorded_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX payouts_zone ON payouts (zone_id, paid_on)").run()
        try await db.raw("CREATE INDEX payouts_item ON payouts (item_id, enterprise_id)").run()
    }
}
