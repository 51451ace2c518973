import Foundation
import SQLKit

/// Inserts many rows of numbers with one statement per 20 000 rows: the rows travel as a single
/// JSON text parameter and the database unpacks them (`json_each` on SQLite,
/// `json_array_elements` on PostgreSQL). Binding every value separately costs far more than the
/// insert itself at a million rows (measured with `gaoxin bench rematch`).
struct BulkInsert {
    enum Cell: Sendable {
        case int(Int64)
        case double(Double)
        case null

        init(_ value: Int64?) { self = value.map(Cell.int) ?? .null }
        init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
        init(_ value: Double?) { self = value.flatMap { $0.isFinite ? .double($0) : nil } ?? .null }

        var json: String {
            switch self {
            case .int(let v): String(v)
            case .double(let v): "\(v)"
            case .null: "null"
            }
        }
    }

    /// A column and its PostgreSQL type (SQLite takes the JSON number as it is).
    struct Column: Sendable {
        let name: String
        let postgresType: String
    }

    let db: any SQLDatabase

    func insert(into table: String, columns: [Column], rows: [[Cell]]) async throws {
        let postgres = db.dialect.name == "postgresql"
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let values = columns.enumerated().map { k, column in
            postgres ? "(v->>\(k))::\(column.postgresType)" : "json_extract(value, '$[\(k)]')"
        }.joined(separator: ", ")
        for start in stride(from: 0, to: rows.count, by: 20_000) {
            var text = "["
            for (n, row) in rows[start..<min(start + 20_000, rows.count)].enumerated() {
                if n > 0 { text += "," }
                text += "[" + row.map(\.json).joined(separator: ",") + "]"
            }
            text += "]"
            let head: SQLQueryString =
                "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: values) FROM "
            let source: SQLQueryString =
                postgres ? "json_array_elements(\(bind: text)::json) AS v" : "json_each(\(bind: text))"
            try await db.raw(head + source).run()
        }
    }
}
