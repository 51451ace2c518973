import SQLKit

/// 技术合同登记: the zone's registered technology contracts (parties, type, amount, the registered
/// technical income); their sum by period is the computed 技术合同成交额.
struct M0052CreateTechContracts: Migration {
    let number = 52
    let name = "create technology contract register"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        for statement in [
            """
            CREATE TABLE tech_contracts (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                contract_no TEXT NOT NULL,
                title TEXT NOT NULL,
                seller TEXT NOT NULL,
                buyer TEXT NOT NULL,
                kind TEXT NOT NULL,
                amount DOUBLE PRECISION NOT NULL,
                tech_income DOUBLE PRECISION NOT NULL,
                registered_on TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, contract_no))
            """,
            "CREATE INDEX tech_contracts_zone ON tech_contracts (zone_id, registered_on)",
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
