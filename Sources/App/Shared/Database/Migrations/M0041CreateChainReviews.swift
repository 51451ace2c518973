import SQLKit

/// 一月一链 (金华): each chain's monthly review with who attended and the minutes, one a month.
struct M0041CreateChainReviews: Migration {
    let number = 41
    let name = "create investment chain monthly reviews"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE invest_chain_reviews (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                chain_id BIGINT NOT NULL REFERENCES invest_chains(id),
                month TEXT NOT NULL,
                held_on TEXT NOT NULL,
                attendees TEXT NOT NULL,
                minutes TEXT NOT NULL,
                by_name TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (chain_id, month))
            """
        ).run()
    }
}
