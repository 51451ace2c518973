import Foundation
import SQLKit

/// Inserts or deletes many rows of numbers (and short texts) in few statements. Binding every value separately costs
/// far more than the write itself at a million rows (measured with `gaoxin bench rematch`), so the
/// rows travel as one statement's row source:
/// - on PostgreSQL each column as one binary array parameter that `unnest` turns back into rows
///   (50 000 rows a statement; no text to print or parse on either side);
/// - on SQLite as a single JSON text parameter unpacked by `json_each` (20 000 rows a statement).
struct BulkWrite {
    enum Cell: Sendable {
        case int(Int64)
        case double(Double)
        /// Stored as NULL when empty, on both databases.
        case text(String)
        case null

        init(_ value: Int64?) { self = value.map(Cell.int) ?? .null }
        init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
        init(_ value: Double?) { self = value.flatMap { $0.isFinite ? .double($0) : nil } ?? .null }

        var json: String {
            switch self {
            case .int(let v): String(v)
            case .double(let v): "\(v)"
            case .text(let v): v.isEmpty ? "null" : Self.quoted(v)
            case .null: "null"
            }
        }

        /// A JSON string literal: quotes, backslashes and control characters escaped, byte by byte
        /// (a rankings run escapes a hundred thousand stored JSON texts; building them scalar by
        /// scalar was a sixth of its time).
        static func quoted(_ text: String) -> String {
            var out: [UInt8] = [UInt8(ascii: "\"")]
            out.reserveCapacity(text.utf8.count + 16)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xf)])
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A column and its PostgreSQL type (SQLite takes the JSON value as it is).
    struct Column: Sendable {
        let name: String
        let postgresType: String

        /// Floating-point columns travel as `float8[]`, text as `text[]`, every other one as `int8[]`.
        var isFloat: Bool { postgresType == "double precision" || postgresType == "real" }
        var isText: Bool { postgresType == "text" }
    }

    let db: any SQLDatabase

    func insert(into table: String, columns: [Column], rows: [[Cell]]) async throws {
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        for select in selects(columns: columns, rows: rows) {
            try await db.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) \(select)").run()
        }
    }

    /// Deletes the rows whose `keys` hold one of `rows` (one cell per key column); a row-value `IN`
    /// both databases answer through the index on the keys.
    func delete(from table: String, keys: [Column], rows: [[Cell]]) async throws {
        let names = keys.map { "\"\($0.name)\"" }.joined(separator: ", ")
        for select in selects(columns: keys, rows: rows) {
            try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE (\(unsafeRaw: names)) IN (\(select))").run()
        }
    }

    /// One `SELECT` of the rows per chunk.
    private func selects(columns: [Column], rows: [[Cell]]) -> [SQLQueryString] {
        let postgres = db.dialect.name == "postgresql"
        let size = postgres ? 50_000 : 20_000
        return stride(from: 0, to: rows.count, by: size).map { start in
            let chunk = rows[start..<min(start + size, rows.count)]
            return postgres
                ? Self.postgresSelect(columns: columns, rows: chunk) : Self.sqliteSelect(columns: columns, rows: chunk)
        }
    }

    /// Arrays cannot hold SQL NULL through the binary encoding used here, so a null travels as a
    /// value no real cell holds (NaN, which `Cell` never stores, or Int64.min) and `NULLIF` turns
    /// it back, in the columns of the chunk that have one (the call costs the database per cell).
    private static func postgresSelect(columns: [Column], rows: ArraySlice<[Cell]>) -> SQLQueryString {
        var arrays: [any Encodable & Sendable] = []
        var values: [String] = []
        for (k, column) in columns.enumerated() {
            var hasNull = false
            if column.isText {
                // A text array carries no nulls here: an empty text stands for one, as on SQLite.
                arrays.append(
                    rows.map { row -> String in
                        switch row[k] {
                        case .text(let v): v
                        case .int(let v): String(v)
                        case .double(let v): "\(v)"
                        case .null: ""
                        }
                    })
                values.append("NULLIF(u.c\(k), '')")
                continue
            }
            if column.isFloat {
                arrays.append(
                    PostgresNumberArray(
                        values: .float8(
                            rows.map {
                                switch $0[k] {
                                case .double(let v): return v
                                case .int(let v): return Double(v)
                                case .text, .null:
                                    hasNull = true
                                    return .nan
                                }
                            })))
            } else {
                arrays.append(
                    PostgresNumberArray(
                        values: .int8(
                            rows.map {
                                switch $0[k] {
                                case .int(let v): return v
                                case .double(let v): return Int64(exactly: v.rounded()) ?? Int64.min
                                case .text, .null:
                                    hasNull = true
                                    return Int64.min
                                }
                            })))
            }
            // Quoted: PostgreSQL reads a bare -9223372036854775808 as minus an out-of-range number.
            let null = column.isFloat ? "'NaN'::float8" : "'\(Int64.min)'::int8"
            values.append(
                hasNull ? "NULLIF(u.c\(k), \(null))::\(column.postgresType)" : "u.c\(k)::\(column.postgresType)")
        }
        let aliases = columns.indices.map { "c\($0)" }.joined(separator: ", ")
        var query: SQLQueryString = "SELECT \(unsafeRaw: values.joined(separator: ", ")) FROM unnest("
        for (k, array) in arrays.enumerated() {
            if k > 0 { query.appendInterpolation(unsafeRaw: ", ") }
            query.appendInterpolation(bind: array)
        }
        query.appendInterpolation(unsafeRaw: ") AS u(\(aliases))")
        return query
    }

    private static func sqliteSelect(columns: [Column], rows: ArraySlice<[Cell]>) -> SQLQueryString {
        let values = columns.indices.map { "json_extract(value, '$[\($0)]')" }.joined(separator: ", ")
        var text = "["
        text.reserveCapacity(rows.count * columns.count * 12)
        for (n, row) in rows.enumerated() {
            text += n > 0 ? ",[" : "["
            for (k, cell) in row.enumerated() {
                if k > 0 { text += "," }
                text += cell.json
            }
            text += "]"
        }
        text += "]"
        return "SELECT \(unsafeRaw: values) FROM json_each(\(bind: text))"
    }
}
