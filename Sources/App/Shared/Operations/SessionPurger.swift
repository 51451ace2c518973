import Logging
import ServiceLifecycle

/// Deletes expired sessions and day-old login attempts every hour while the server runs.
struct SessionPurger: Service {
    let store: SessionRepository
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await store.purgeExpired()
                let dayAgo = Clock.nowSeconds() - 86_400
                try await store.database.transaction { db in
                    try await LoginAttemptRepository(db: db).purge(before: dayAgo)
                }
            } catch {
                logger.warning("清理过期会话和登录记录失败：\(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
