import Foundation
import SQLKit

/// Reads many rows of a few columns. PostgresKit spends microseconds on every row it hands over (a
/// table of the column names per row, a dynamic cast and a coding path per cell): re-matching a zone
/// read 600 000 rows that way in about two seconds of its PostgreSQL run (`gaoxin bench rematch`).
/// There the rows come folded into one row of binary arrays (`array_agg` per column; arrays cannot
/// carry a NULL through PostgresNIO, so each column also travels as an array of NULL flags). SQLite
/// hands rows over cheaply and is read row by row. The rows' order is not kept.
struct BulkRead {
    enum Kind: Sendable {
        case int
        case double
        case text
    }

    struct Column: Sendable {
        let name: String
        let kind: Kind

        init(_ name: String, _ kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// The rows read, column by column in the order asked for; nil is NULL.
    struct Columns: Sendable {
        fileprivate var ints: [Int: [Int64?]] = [:]
        fileprivate var doubles: [Int: [Double?]] = [:]
        fileprivate var texts: [Int: [String?]] = [:]
        fileprivate(set) var count = 0

        func ints(_ column: Int) -> [Int64?] { ints[column] ?? [] }
        func doubles(_ column: Int) -> [Double?] { doubles[column] ?? [] }
        func texts(_ column: Int) -> [String?] { texts[column] ?? [] }
    }

    let db: any SQLDatabase

    func read(_ query: SQLSelectBuilder, columns: [Column]) async throws -> Columns {
        db.dialect.name == "postgresql"
            ? try await readPostgres(query, columns: columns) : try await readRows(query, columns: columns)
    }

    private func readRows(_ query: SQLSelectBuilder, columns: [Column]) async throws -> Columns {
        var result = Columns()
        let rows = try await query.all()
        result.count = rows.count
        for (k, column) in columns.enumerated() {
            switch column.kind {
            case .int:
                result.ints[k] = try rows.map {
                    try $0.decodeNil(column: column.name) ? nil : try $0.decode(column: column.name, as: Int64.self)
                }
            case .double:
                result.doubles[k] = try rows.map {
                    try $0.decodeNil(column: column.name) ? nil : try $0.decode(column: column.name, as: Double.self)
                }
            case .text:
                result.texts[k] = try rows.map {
                    try $0.decodeNil(column: column.name) ? nil : try $0.decode(column: column.name, as: String.self)
                }
            }
        }
        return result
    }

    private func readPostgres(_ query: SQLSelectBuilder, columns: [Column]) async throws -> Columns {
        let arrays = columns.enumerated().map { k, column in
            let (type, zero) =
                switch column.kind {
                case .int: ("int8", "0")
                case .double: ("float8", "0")
                case .text: ("text", "''")
                }
            return "array_agg(COALESCE(t.\"\(column.name)\"::\(type), \(zero))) AS v\(k), "
                + "array_agg(t.\"\(column.name)\" IS NULL) AS n\(k)"
        }.joined(separator: ", ")
        var result = Columns()
        // No row comes back when the query has none: array_agg answers NULL then.
        guard
            let row = try await db.raw("SELECT \(unsafeRaw: arrays) FROM (\(query.select)) AS t").first(),
            try !row.decodeNil(column: "n0")
        else { return result }
        for (k, column) in columns.enumerated() {
            let null = try row.decode(column: "n\(k)", as: [Bool].self)
            result.count = null.count
            switch column.kind {
            case .int:
                result.ints[k] = zip(try row.decode(column: "v\(k)", as: [Int64].self), null).map { $1 ? nil : $0 }
            case .double:
                result.doubles[k] = zip(try row.decode(column: "v\(k)", as: [Double].self), null).map { $1 ? nil : $0 }
            case .text:
                result.texts[k] = zip(try row.decode(column: "v\(k)", as: [String].self), null).map { $1 ? nil : $0 }
            }
        }
        return result
    }
}
