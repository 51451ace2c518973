import SQLKit

/// A 差评 appeal can come from any unit a follow-up goes to, not only a department: a grid event's
/// 差评 goes back to the grid that handled it. The appeal keeps that unit (`unit_id`, a case
/// assignee id such as "department:3" or "grid:12"), and `department_id` is set only when the unit
/// is a department (the department staff's list of their appeals reads it).
struct M0061AppealsByUnit: Migration {
    let number = 61
    let name = "rating appeals by the follow-up's unit"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        switch ddl.kind {
        case .postgres:
            try await db.raw("ALTER TABLE rating_appeals ALTER COLUMN department_id DROP NOT NULL").run()
            try await db.raw("ALTER TABLE rating_appeals ADD COLUMN unit_id TEXT").run()
        case .sqlite:
            // SQLite cannot drop NOT NULL in place: the table is rebuilt (nothing references it).
            try await db.raw(
                """
                CREATE TABLE rating_appeals_next (
                    id \(unsafeRaw: ddl.id),
                    zone_id BIGINT NOT NULL REFERENCES zones(id),
                    case_id BIGINT NOT NULL REFERENCES cases(id),
                    follow_up_case_id BIGINT REFERENCES cases(id),
                    department_id BIGINT REFERENCES departments(id),
                    reason TEXT NOT NULL,
                    state TEXT NOT NULL,
                    filed_by BIGINT NOT NULL REFERENCES users(id),
                    filed_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                    decided_by BIGINT REFERENCES users(id),
                    decided_at \(unsafeRaw: ddl.timestamp),
                    decision_note TEXT,
                    unit_id TEXT,
                    UNIQUE (case_id))
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO rating_appeals_next (id, zone_id, case_id, follow_up_case_id, department_id, reason, state,
                    filed_by, filed_at, decided_by, decided_at, decision_note)
                SELECT id, zone_id, case_id, follow_up_case_id, department_id, reason, state, filed_by, filed_at,
                    decided_by, decided_at, decision_note FROM rating_appeals
                """
            ).run()
            try await db.raw("DROP TABLE rating_appeals").run()
            try await db.raw("ALTER TABLE rating_appeals_next RENAME TO rating_appeals").run()
        }
        try await db.raw("UPDATE rating_appeals SET unit_id = 'department:' || department_id WHERE unit_id IS NULL")
            .run()
        try await db.raw("CREATE INDEX rating_appeals_zone_state ON rating_appeals (zone_id, state)").run()
    }
}
