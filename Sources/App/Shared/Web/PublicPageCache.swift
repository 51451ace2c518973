import GaoxinCore
import Hummingbird
import Synchronization

/// Public pages as rendered for visitors who are not signed in, served again while nothing they
/// show has changed.
///
/// The public policy list and an item's interpretation are the pages a zone's announcement sends
/// everyone to, and every visitor who is not signed in gets the same bytes for the same address;
/// rendering the list again (four queries, a Mustache page of 20 documents) served 413 a second
/// where a one-row read serves 14 858 (`gaoxin-bench load`). A kept page is keyed by its address
/// (the layout's 长辈模式 link repeats it), 长辈模式 and the day (validity and application
/// windows go by the day), and is valid while the database's public pages version has not moved
/// (M0088: triggers on every table these pages read move it, whoever writes). The version is read
/// before the page's rows, so a page rendered from rows newer than the version read is only ever
/// thrown away early. A signed-in visitor, or one with a message to show (a flash), is never
/// served a kept page and never adds one.
///
/// Bounded: only addresses the route calls canonical are kept (no search words, zones that exist,
/// pages with documents), at most `maxBytes` in all; a new version starts over, a new day drops
/// the pages of the days before.
final class PublicPageCache: Sendable {
    private struct Key: Hashable {
        let address: String
        let elderMode: Bool
        let day: Day
    }

    private struct State {
        var version: Int64 = 0
        /// The latest day seen: pages of earlier days are dropped when it turns.
        var day = Day(dayNumber: 0)
        var pages: [Key: ByteBuffer] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    let maxBytes: Int

    init(maxBytes: Int = 16 << 20) {
        self.maxBytes = maxBytes
    }

    /// A page rendered for this visitor, and whether its address is one to keep.
    struct Page {
        let body: ByteBuffer
        let keep: Bool
    }

    /// The page for this request: the kept one when this visitor may be served it and it is still
    /// valid, else `render`'s (kept for the next visitor when it says so).
    func response(
        _ request: Request, _ context: AppRequestContext, db: Database, render: () async throws -> Page
    ) async throws -> Response {
        guard context.identity == nil, context.flash == nil, request.method == .get else {
            return PageRenderer.response(try await render().body)
        }
        let key = Key(address: request.uri.description, elderMode: context.elderMode, day: Clock.today)
        let version = try await PublicPageRepository(db: db.sql).version()
        if let kept = lookup(key, version: version) { return PageRenderer.response(kept) }
        let page = try await render()
        if page.keep { keep(page.body, for: key, version: version) }
        return PageRenderer.response(page.body)
    }

    /// Whether the page at `address` is kept for today (tests see the cache work through it).
    func keeps(_ address: String, elderMode: Bool = false) -> Bool {
        state.withLock { $0.pages[Key(address: address, elderMode: elderMode, day: Clock.today)] != nil }
    }

    private func lookup(_ key: Key, version: Int64) -> ByteBuffer? {
        state.withLock { s in
            if version > s.version {
                s = State(version: version, day: max(s.day, key.day))
            } else if key.day > s.day {
                s.day = key.day
                s.pages = s.pages.filter { $0.key.day >= key.day }
                s.bytes = s.pages.values.reduce(0) { $0 + $1.readableBytes }
            }
            // A reading older than the kept pages' is neither served nor kept.
            guard version == s.version else { return nil }
            return s.pages[key]
        }
    }

    private func keep(_ body: ByteBuffer, for key: Key, version: Int64) {
        state.withLock { s in
            guard version == s.version, s.pages[key] == nil, s.bytes + body.readableBytes <= maxBytes else { return }
            s.pages[key] = body
            s.bytes += body.readableBytes
        }
    }
}
