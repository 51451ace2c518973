import SQLKit

/// Logins. `zone_id` is empty only for platform admins; an enterprise user points at one
/// enterprise, a resident at one person record, department staff at a department.
struct M0003CreateUsers: Migration {
    let number = 3
    let name = "create users"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE users (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT REFERENCES zones(id),
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                department_id BIGINT REFERENCES departments(id),
                enterprise_id BIGINT REFERENCES enterprises(id),
                person_id BIGINT REFERENCES persons(id),
                is_active BOOLEAN NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                password_changed_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX users_zone ON users (zone_id, role)").run()
    }
}
