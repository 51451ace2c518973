import SQLKit

extension SQLSelectBuilder {
    /// `SELECT COUNT(*)` over what the builder selects from (its filters applied).
    func countRows() async throws -> Int {
        try await column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").first(decodingColumn: "n", as: Int.self)
            ?? 0
    }
}
