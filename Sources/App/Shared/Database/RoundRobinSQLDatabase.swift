import Logging
import NIOCore
import Synchronization
import SQLKit

/// Spreads reads over several SQLite connections (WAL lets them read while one writes).
/// For an in-memory database there is one connection, shared with the writer, so reads take the
/// writer's lock rather than slip into the middle of someone's transaction.
final class RoundRobinSQLDatabase: SQLDatabase, Sendable {
    let databases: [any SQLDatabase]
    let lock: AsyncLock?
    private let next = Atomic<Int>(0)

    init(databases: [any SQLDatabase], lock: AsyncLock?) {
        self.databases = databases
        self.lock = lock
    }

    private var pick: any SQLDatabase {
        databases[next.wrappingAdd(1, ordering: .relaxed).oldValue % databases.count]
    }

    var logger: Logger { databases[0].logger }
    var eventLoop: any EventLoop { databases[0].eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { databases[0].version }
    var dialect: any SQLDialect { databases[0].dialect }
    var queryLogLevel: Logger.Level? { databases[0].queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let db = pick
        if let lock {
            try await lock.withLock { try await db.execute(sql: query, onRow) }
        } else {
            try await db.execute(sql: query, onRow)
        }
    }
}
