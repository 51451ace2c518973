import SQLKit

/// The to-do lists count open cases by zone, type, state and assignee with their lateness and
/// nearest deadline: a partial index over open cases only holds every column those counts read,
/// so a count never visits the (mostly closed) case rows themselves, however many there are.
/// The dashboard's count of cases ever late has an index of its own.
struct M0053IndexOpenCases: Migration {
    let number = 53
    let name = "index open cases for the to-do counts"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        // closed_at is listed too: SQLite takes a partial index as covering only when it holds every column named.
        try await db.raw(
            """
            CREATE INDEX cases_open_todo
            ON cases (zone_id, type_code, state, assignee_id, deadline_day, ever_overdue, closed_at)
            WHERE closed_at IS NULL
            """
        ).run()
        // The dashboard counts the cases ever late by type; few are, so the index stays small.
        try await db.raw("CREATE INDEX cases_ever_late ON cases (zone_id, type_code) WHERE ever_overdue").run()
    }
}
