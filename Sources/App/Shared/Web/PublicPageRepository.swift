import SQLKit

/// The SQL of `PublicPageCache`: the public pages version that triggers move (M0088).
struct PublicPageRepository: Sendable {
    let db: any SQLDatabase

    func version() async throws -> Int64 {
        try await db.raw("SELECT version FROM public_pages_version WHERE id = 1")
            .first(decodingColumn: "version", as: Int64.self) ?? 0
    }
}
