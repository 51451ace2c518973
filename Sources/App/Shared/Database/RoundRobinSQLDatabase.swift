import Logging
import NIOCore
import SQLKit
import Synchronization

/// Spreads reads over several SQLite connections (WAL lets them read while one writes).
///
/// Each connection runs one statement at a time: statements running together on one connection
/// share its read transaction, so a read that started while another was still going would see
/// the older snapshot and miss a write that had already committed (a saved form missing from the
/// page it redirects to). For an in-memory database there is one connection, shared with the
/// writer, so reads take the writer's lock rather than slip into the middle of a transaction.
final class RoundRobinSQLDatabase: SQLDatabase, Sendable {
    let databases: [any SQLDatabase]
    let locks: [AsyncLock]
    private let next = Atomic<Int>(0)

    init(databases: [any SQLDatabase], sharedLock: AsyncLock?) {
        self.databases = databases
        self.locks = databases.map { _ in sharedLock ?? AsyncLock() }
    }

    var logger: Logger { databases[0].logger }
    var eventLoop: any EventLoop { databases[0].eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { databases[0].version }
    var dialect: any SQLDialect { databases[0].dialect }
    var queryLogLevel: Logger.Level? { databases[0].queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<
        Void
    > {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue % databases.count
        let db = databases[index]
        try await locks[index].withLock { try await db.execute(sql: query, onRow) }
    }
}
