import SQLKit

/// The enterprise registry: registry fields on `enterprises`, one row of figures per enterprise
/// and year (stored as the JSON of `YearFacts`, so the catalogue can grow without a migration),
/// and certifications with their dates.
struct M0006CreateEnterpriseRegistry: Migration {
    let number = 6
    let name = "create enterprise registry: facts, certifications"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        for column in [
            "industry_code TEXT", "chain TEXT", "founded_on TEXT", "contact_name TEXT", "contact_phone TEXT",
            "profile_json TEXT",
        ] {
            try await db.raw("ALTER TABLE enterprises ADD COLUMN \(unsafeRaw: column)").run()
        }
        try await db.raw(
            """
            CREATE TABLE enterprise_facts (
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                year INTEGER NOT NULL,
                facts_json TEXT NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                PRIMARY KEY (enterprise_id, year))
            """
        ).run()
        try await db.raw("CREATE INDEX enterprise_facts_zone ON enterprise_facts (zone_id, year)").run()
        try await db.raw(
            """
            CREATE TABLE certifications (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                kind TEXT NOT NULL,
                certified_on TEXT NOT NULL,
                expires_on TEXT,
                certificate_no TEXT,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (enterprise_id, kind, certified_on))
            """
        ).run()
        try await db.raw("CREATE INDEX certifications_zone ON certifications (zone_id, kind)").run()
    }
}
