import Foundation
import SQLKit

/// Inserts many rows of numbers in few statements. Binding every value separately costs far more
/// than the insert itself at a million rows (measured with `gaoxin bench rematch`), so:
/// - on PostgreSQL each column travels as one binary array parameter and `unnest` turns the
///   arrays back into rows (50 000 rows a statement; no text to print or parse on either side);
/// - on SQLite the rows travel as a single JSON text parameter unpacked by `json_each` (20 000 rows
///   a statement).
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

        /// Floating-point columns travel as `float8[]`, every other one as `int8[]`.
        var isFloat: Bool { postgresType == "double precision" || postgresType == "real" }
    }

    let db: any SQLDatabase

    func insert(into table: String, columns: [Column], rows: [[Cell]]) async throws {
        guard !rows.isEmpty else { return }
        if db.dialect.name == "postgresql" {
            try await insertPostgres(into: table, columns: columns, rows: rows)
        } else {
            try await insertSQLite(into: table, columns: columns, rows: rows)
        }
    }

    /// Arrays cannot hold SQL NULL through the binary encoding used here, so a null travels as a
    /// value no real cell holds (NaN, which `Cell` never stores, or Int64.min) and `NULLIF` turns
    /// it back.
    private func insertPostgres(into table: String, columns: [Column], rows: [[Cell]]) async throws {
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let values = columns.enumerated().map { k, column in
            // Quoted: PostgreSQL reads a bare -9223372036854775808 as minus an out-of-range number.
            let null = column.isFloat ? "'NaN'::float8" : "'\(Int64.min)'::int8"
            return "NULLIF(u.c\(k), \(null))::\(column.postgresType)"
        }.joined(separator: ", ")
        let aliases = columns.indices.map { "c\($0)" }.joined(separator: ", ")
        for start in stride(from: 0, to: rows.count, by: 50_000) {
            let chunk = rows[start..<min(start + 50_000, rows.count)]
            var query: SQLQueryString =
                "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: values) FROM unnest("
            for (k, column) in columns.enumerated() {
                if k > 0 { query.appendInterpolation(unsafeRaw: ", ") }
                if column.isFloat {
                    let array: [Double] = chunk.map {
                        switch $0[k] {
                        case .double(let v): v
                        case .int(let v): Double(v)
                        case .null: .nan
                        }
                    }
                    query.appendInterpolation(bind: array)
                    query.appendInterpolation(unsafeRaw: "::float8[]")
                } else {
                    let array: [Int64] = chunk.map {
                        switch $0[k] {
                        case .int(let v): v
                        case .double(let v): Int64(exactly: v.rounded()) ?? Int64.min
                        case .null: Int64.min
                        }
                    }
                    query.appendInterpolation(bind: array)
                    query.appendInterpolation(unsafeRaw: "::int8[]")
                }
            }
            query.appendInterpolation(unsafeRaw: ") AS u(\(aliases))")
            try await db.raw(query).run()
        }
    }

    private func insertSQLite(into table: String, columns: [Column], rows: [[Cell]]) async throws {
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let values = columns.indices.map { "json_extract(value, '$[\($0)]')" }.joined(separator: ", ")
        for start in stride(from: 0, to: rows.count, by: 20_000) {
            let chunk = rows[start..<min(start + 20_000, rows.count)]
            var text = "["
            text.reserveCapacity(chunk.count * columns.count * 12)
            for (n, row) in chunk.enumerated() {
                text += n > 0 ? ",[" : "["
                for (k, cell) in row.enumerated() {
                    if k > 0 { text += "," }
                    text += cell.json
                }
                text += "]"
            }
            text += "]"
            try await db.raw(
                "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: values) FROM json_each(\(bind: text))"
            ).run()
        }
    }
}
