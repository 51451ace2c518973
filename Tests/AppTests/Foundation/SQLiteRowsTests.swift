import Foundation
import SQLKit
import SQLiteKit
import Testing

@testable import App

/// Our SQLite rows read plain integers, reals and texts without SQLiteKit's decoder; every page and
/// list reads through them, so each type a repository asks for must come back exactly as SQLiteKit
/// gives it (or fail as it fails), NULLs and conversions included.
@Suite struct SQLiteRowsTests {
    @Test func everyTypeReadsAsSQLiteKitReadsIt() async throws {
        let connection = try await SQLiteConnection.open(storage: .memory)
        let (ours, stock) = (SQLiteSQL(connection, queryLogLevel: nil), connection.sql())
        try await ours.raw("CREATE TABLE probe (i BIGINT, x DOUBLE PRECISION, t TEXT, b BOOLEAN, n TEXT)").run()
        try await ours.raw("INSERT INTO probe VALUES (-9007199254740993, 2.5, '高新区 \"ok\"', 1, NULL)").run()
        try await ours.raw("INSERT INTO probe VALUES (42, 3, '', 0, NULL)").run()
        let query = "SELECT i, x, t, b, n, i AS it, x AS xt FROM probe ORDER BY rowid"
        let (a, b) = (try await ours.raw(SQLQueryString(query)).all(), try await stock.raw(SQLQueryString(query)).all())
        #expect(a.count == 2 && b.count == 2)
        func same<D: Decodable & Equatable>(_ type: D.Type, _ column: String, _ k: Int) {
            let mine = Result { try a[k].decode(column: column, as: type) }
            let theirs = Result { try b[k].decode(column: column, as: type) }
            switch (mine, theirs) {
            case (.success(let m), .success(let t)): #expect(m == t, "\(column) as \(type)")
            case (.failure, .failure): break
            default: Issue.record("\(column) as \(type): ours \(mine), SQLiteKit's \(theirs)")
            }
        }
        for k in 0..<2 {
            for column in ["i", "x", "t", "b", "n", "it", "xt"] {
                same(Int64.self, column, k)
                same(Int.self, column, k)
                same(Int64?.self, column, k)
                same(Int?.self, column, k)
                same(Double.self, column, k)
                same(Double?.self, column, k)
                same(String.self, column, k)
                same(String?.self, column, k)
                same(Bool.self, column, k)
                same(Bool?.self, column, k)
                #expect(try a[k].decodeNil(column: column) == b[k].decodeNil(column: column))
                #expect(a[k].contains(column: column) == b[k].contains(column: column))
            }
        }
        #expect(a[0].allColumns == b[0].allColumns)
        #expect(try a[0].decode(column: "i", as: Int64.self) == -9_007_199_254_740_993)
        #expect(try a[0].decode(column: "t", as: String.self) == #"高新区 "ok""#)
        #expect(throws: (any Error).self) { try a[0].decode(column: "missing", as: Int.self) }
        try await connection.close()
    }
}
