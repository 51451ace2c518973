import Logging
import ServiceLifecycle

/// Deletes expired sessions every hour while the server runs.
struct SessionPurger: Service {
    let store: SQLSessionStore
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do { try await store.purgeExpired() } catch { logger.warning("清理过期会话失败：\(error)") }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
