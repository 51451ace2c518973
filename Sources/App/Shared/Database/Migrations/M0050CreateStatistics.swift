import SQLKit

/// 统计监测: the zone's indicators (GDP, 工业总产值, 技术合同成交额 … and any a zone adds) and their
/// figures by reporting period. A figure keeps the growth its source published and the quote it
/// came from, so a seed's "增长 2.99%" is shown as stated until we hold the year before.
struct M0050CreateStatistics: Migration {
    let number = 50
    let name = "create statistics indicators and figures"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        for statement in [
            """
            CREATE TABLE stat_indicators (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                unit TEXT NOT NULL,
                position INTEGER NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, code))
            """,
            """
            CREATE TABLE stat_figures (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                indicator_id BIGINT NOT NULL REFERENCES stat_indicators(id),
                period TEXT NOT NULL,
                period_end TEXT NOT NULL,
                value DOUBLE PRECISION,
                stated_growth DOUBLE PRECISION,
                target DOUBLE PRECISION,
                source TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (indicator_id, period))
            """,
            "CREATE INDEX stat_figures_zone ON stat_figures (zone_id, period_end)",
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
