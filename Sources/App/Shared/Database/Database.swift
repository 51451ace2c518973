@preconcurrency import AsyncKit
import Logging
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The one database handle the app uses, on SQLite or PostgreSQL. Reads go through `sql`;
/// every write goes through `transaction`, so a request either writes all it means to (with its
/// audit rows) or nothing.
public final class Database: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgres }

    public let kind: Kind
    /// For reads. Writes go through `transaction`: on SQLite the reader connections are
    /// `query_only`, so a write here fails at once instead of waiting on the writer's file lock.
    public let sql: any SQLDatabase
    private let begin: @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void
    /// Runs `body` on the connection that writes, outside a transaction (SQLite's `VACUUM INTO`).
    private let onWriter: @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void
    private let close: @Sendable () async throws -> Void
    /// Counts kept for `/metrics`.
    public let stats = DatabaseStats()

    private init(
        kind: Kind, sql: any SQLDatabase,
        begin: @escaping @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void,
        onWriter: @escaping @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void,
        close: @escaping @Sendable () async throws -> Void
    ) {
        self.kind = kind
        self.sql = sql
        self.begin = begin
        self.onWriter = onWriter
        self.close = close
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws
        -> R
    {
        stats.transactionStarted()
        defer { stats.transactionEnded() }
        let box = ResultBox<R>()
        // Task-local values do not cross the PostgreSQL pool's hop to its event loop, so the ones a
        // write reads (the request ID its audit rows carry, a test's fixed clock) are carried over.
        let requestID = AuditLog.requestID
        let fixedNow = Clock.fixedNow
        // A write once begun runs to its COMMIT or ROLLBACK in a task of its own: a cancelled request
        // (a client that went away) would otherwise skip the ROLLBACK and leave SQLite's one writer
        // inside a transaction, refusing every later write ("cannot start a transaction within a
        // transaction"). Unstructured tasks keep the task-local values and drop the cancellation.
        try await Task {
            try await begin { db in
                try await AuditLog.$requestID.withValue(requestID) {
                    try await Clock.$fixedNow.withValue(fixedNow) { box.value = try await body(db) }
                }
            }
        }.value
        return box.value!
    }

    public func shutdown() async throws { try await close() }

    /// One round trip, for the health check.
    func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS ok").first()
    }

    /// A consistent copy of a SQLite database while it serves (`VACUUM INTO` a new file).
    func copySQLite(to path: String) async throws {
        try await maintenance { db in try await db.raw("VACUUM INTO \(bind: path)").run() }
    }

    /// Statements that write but may not run inside a transaction (ANALYZE, VACUUM): on SQLite on the
    /// writer under its lock (the readers refuse writes), on PostgreSQL on any connection.
    func maintenance(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await onWriter(body)
    }

    /// Opens the database named by the configuration: PostgreSQL when a URL is given, else the SQLite file.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        switch location {
        case .sqlite(let path): try await openSQLite(path: path, logger: logger)
        case .postgres(let url): try await openPostgres(url: url, logger: logger)
        }
    }

    private static func openSQLite(path: String, logger: Logger) async throws -> Database {
        let storage: SQLiteConnection.Storage = path == ":memory:" ? .memory : .file(path: path)
        // One connection writes (transactions are serialised on it, as SQLite allows one writer);
        // a few more read concurrently, which WAL mode permits while a write is in progress.
        let writer = try await SQLiteConnection.open(storage: storage, logger: logger)
        var readers: [SQLiteConnection] = []
        try await configure(writer, isFile: path != ":memory:")
        // 32 MB of pages for the writer (SQLite's default is 2 MB): rewriting a 100 000-enterprise
        // zone's rankings touched more index pages than that, spilled them to the log mid-write and
        // read them back, twice the time of the rewrite itself. It grows only as pages are used.
        _ = try await writer.query("PRAGMA cache_size = -32768")
        // Statement journals (a multi-row write inside a transaction keeps one) in memory, not in
        // temporary files: they were a tenth of that rewrite.
        _ = try await writer.query("PRAGMA temp_store = MEMORY")
        if path != ":memory:" {
            for _ in 0..<3 {
                let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                try await configure(reader, isFile: true)
                // A write on a reader would wait on the writer's file lock outside the app's own
                // queue (and fail after busy_timeout when the writer is busy): refuse it at once.
                _ = try await reader.query("PRAGMA query_only = ON")
                readers.append(reader)
            }
        } else {
            readers = [writer]  // an in-memory database exists only on its one connection
        }
        let lock = AsyncLock()
        let writerSQL = SQLiteSQL(writer, queryLogLevel: .trace)
        let readerSQL = RoundRobinSQLDatabase(
            databases: readers.map { SQLiteSQL($0, queryLogLevel: .trace) }, sharedLock: path == ":memory:" ? lock : nil
        )
        let allConnections = [writer] + (path == ":memory:" ? [] : readers)
        return Database(
            kind: .sqlite, sql: readerSQL,
            begin: { body in
                try await lock.withLock {
                    _ = try await writer.query("BEGIN IMMEDIATE")
                    do {
                        try await body(writerSQL)
                        _ = try await writer.query("COMMIT")
                    } catch {
                        _ = try? await writer.query("ROLLBACK")
                        throw error
                    }
                }
            },
            // The readers refuse writes (`query_only`), and VACUUM INTO writes a file.
            onWriter: { body in try await lock.withLock { try await body(writerSQL) } },
            close: { for c in allConnections { try await c.close() } }
        )
    }

    private static func configure(_ connection: SQLiteConnection, isFile: Bool) async throws {
        if isFile { _ = try await connection.query("PRAGMA journal_mode = WAL") }
        _ = try await connection.query("PRAGMA foreign_keys = ON")
        _ = try await connection.query("PRAGMA busy_timeout = 10000")
        _ = try await connection.query("PRAGMA synchronous = NORMAL")
    }

    private static func openPostgres(url: String, logger: Logger) async throws -> Database {
        var config = try SQLPostgresConfiguration(url: url)
        config.searchPath = nil
        // Ten connections per event loop (twenty on two cores) and a 30 s wait: a request that
        // holds a transaction's connection while the pool is busy must queue, not fail, when the
        // machine is loaded (at 4 and AsyncKit's 10 s, a loaded CI box timed out page requests).
        // Two instances stay well inside PostgreSQL's default 100 connections.
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: config),
            maxConnectionsPerEventLoop: 10,
            requestTimeout: .seconds(30),
            logger: logger,
            on: MultiThreadedEventLoopGroup.singleton
        )
        let sql = pool.database(logger: logger).sql(queryLogLevel: .trace)
        return Database(
            kind: .postgres, sql: sql,
            begin: { body in
                try await sql.withSession { session in
                    try await session.raw("BEGIN").run()
                    do {
                        try await body(session)
                        try await session.raw("COMMIT").run()
                    } catch {
                        try? await session.raw("ROLLBACK").run()
                        throw error
                    }
                }
            },
            onWriter: { body in try await body(sql) },
            close: { [pool = UncheckedPool(pool: pool)] in try await pool.pool.shutdownAsync() }
        )
    }
}

/// Where the data lives, decided once from the environment.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite \(path)"
        case .postgres(let url):
            "PostgreSQL \(url.replacingOccurrences(of: #"://([^:@/]+):[^@]*@"#, with: "://$1:***@", options: .regularExpression))"
        }
    }
}

/// Carries a transaction's result out of the `@Sendable` body; written once before it is read.
private final class ResultBox<R>: @unchecked Sendable {
    var value: R?
}

/// The connection pool is thread-safe but not marked Sendable by AsyncKit.
private struct UncheckedPool: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
}
