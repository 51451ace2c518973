import SQLKit

extension SQLSelectBuilder {
    /// `SELECT COUNT(*)` over what the builder selects from, its filters and joins applied. It
    /// runs a copy, so the same builder can then select the page: `countRows()` leaves it as it was.
    func countRows() async throws -> Int {
        let counting = SQLSelectBuilder(on: database)
        counting.select = select
        counting.select.columns = [SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))]
        counting.select.orderBy = []
        counting.select.limit = nil
        counting.select.offset = nil
        return try await counting.first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
