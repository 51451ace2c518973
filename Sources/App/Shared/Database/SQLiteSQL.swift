import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// SQLKit over one SQLite connection, as `SQLiteConnection.sql()` gives, but with rows that read
/// the common column types without SQLiteKit's decoder. Its `SQLiteDataDecoder` asks at run time
/// whether the wanted type converts (a protocol conformance lookup with generic metadata per
/// value): reading a 100 000-enterprise zone's figures for its rankings spent a fifth of its time
/// there. Anything but a plain integer, real or text read as itself goes to that decoder as before.
struct SQLiteSQL: SQLDatabase {
    let connection: SQLiteConnection
    let queryLogLevel: Logger.Level?
    /// SQLiteKit's own, for the version and dialect it reports.
    private let stock: any SQLDatabase
    private let encoder = SQLiteDataEncoder()

    init(_ connection: SQLiteConnection, queryLogLevel: Logger.Level?) {
        self.connection = connection
        self.queryLogLevel = queryLogLevel
        self.stock = connection.sql(queryLogLevel: queryLogLevel)
    }

    var eventLoop: any EventLoop { connection.eventLoop }
    var logger: Logger { connection.logger }
    var version: (any SQLDatabaseReportedVersion)? { stock.version }
    var dialect: any SQLDialect { stock.dialect }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        if let queryLogLevel {
            logger.log(
                level: queryLogLevel, "Executing query",
                metadata: ["sql": .string(sql), "binds": .array(binds.map { .string("\($0)") })])
        }
        try await connection.query(sql, try binds.map { try encoder.encode($0) }) { onRow(SQLiteValues(row: $0)) }
    }
}

/// One SQLite row through SQLKit's `SQLRow`. `BulkRead` reads `row` directly.
struct SQLiteValues: SQLRow {
    let row: SQLiteRow
    private static let decoder = SQLiteDataDecoder()

    var allColumns: [String] { row.columns.map(\.name) }

    func contains(column: String) -> Bool { row.column(column) != nil }

    func decodeNil(column: String) throws -> Bool { (row.column(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = row.column(column) else { throw MissingColumn(column: column) }
        // Comparing types compares two pointers; once equal, the value is reinterpreted as what it is.
        switch data {
        case .integer(let i):
            if D.self == Int64.self { return unsafeBitCast(Int64(i), to: D.self) }
            if D.self == Int.self { return unsafeBitCast(Int(i), to: D.self) }
            if D.self == Int64?.self { return unsafeBitCast(Int64?.some(Int64(i)), to: D.self) }
            if D.self == Int?.self { return unsafeBitCast(Int?.some(Int(i)), to: D.self) }
        case .float(let x):
            if D.self == Double.self { return unsafeBitCast(x, to: D.self) }
            if D.self == Double?.self { return unsafeBitCast(Double?.some(x), to: D.self) }
        case .text(let s):
            if D.self == String.self { return unsafeBitCast(s, to: D.self) }
            if D.self == String?.self { return unsafeBitCast(String?.some(s), to: D.self) }
        default: break
        }
        return try Self.decoder.decode(D.self, from: data)
    }

    struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "no column \(column) in the row" }
    }
}
