import Foundation
import SQLKit
import Testing

@testable import App

@Suite struct BulkWriteTests {
    /// Texts travel in bulk as JSON (SQLite) or a text array (PostgreSQL): quotes, backslashes,
    /// line breaks and Chinese come back as written, an empty text as NULL, numbers beside them.
    @Test func textsAndNumbersComeBackAsWritten() async throws {
        let services = try await TestDatabase.services()
        let table = "bulk_write_probe_\(UInt32.random(in: 0...UInt32.max))"
        let texts = [#"say "hi""#, #"back\slash"#, "two\nlines\ttab", "高新区 ✓", ""]
        try await services.database.transaction { db in
            try await db.raw("CREATE TABLE \(unsafeRaw: table) (id BIGINT, label TEXT, score DOUBLE PRECISION)").run()
            try await BulkWrite(db: db).insert(
                into: table,
                columns: [
                    .init(name: "id", postgresType: "bigint"), .init(name: "label", postgresType: "text"),
                    .init(name: "score", postgresType: "double precision"),
                ],
                rows: texts.enumerated().map { k, text in [.int(Int64(k)), .text(text), .double(Double(k) + 0.5)] })
            let rows = try await db.select().columns("id", "label", "score").from(table).orderBy("id").all()
            #expect(rows.count == texts.count)
            for (k, row) in rows.enumerated() {
                let label = try row.decode(column: "label", as: String?.self)
                #expect(label == (texts[k].isEmpty ? nil : texts[k]))
                #expect(try row.decode(column: "score", as: Double.self) == Double(k) + 0.5)
            }
            try await db.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}
