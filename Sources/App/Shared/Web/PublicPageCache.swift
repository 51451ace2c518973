import GaoxinCore
import Hummingbird

/// Public pages as rendered for visitors who are not signed in, served again while nothing they
/// show has changed.
///
/// The public policy list and an item's interpretation are the pages a zone's announcement sends
/// everyone to, and every visitor who is not signed in gets the same bytes for the same address;
/// rendering the list again (four queries, a Mustache page of 20 documents) served 413 a second
/// where a one-row read serves 14 858 (`gaoxin-bench load`). A kept page is keyed by its address
/// (the layout's 长辈模式 link repeats it) and 长辈模式, for its day, while the public pages version
/// has not moved (`VersionedCache`). A signed-in visitor, or one with a message to show (a flash),
/// is never served a kept page and never adds one.
///
/// Bounded: only addresses the route calls canonical are kept (no search words, zones that exist,
/// pages with documents), at most `maxBytes` in all.
final class PublicPageCache: Sendable {
    private struct Key: Hashable {
        let address: String
        let elderMode: Bool
    }

    private let pages: VersionedCache<Key, ByteBuffer>

    init(maxBytes: Int = 16 << 20) {
        pages = VersionedCache(maxCost: maxBytes)
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
        let key = Key(address: request.uri.description, elderMode: context.elderMode)
        let (day, version) = (Clock.today, try await PublicPageRepository(db: db.sql).version())
        if let kept = pages.value(for: key, day: day, version: version) { return PageRenderer.response(kept) }
        let page = try await render()
        if page.keep { pages.keep(page.body, cost: page.body.readableBytes, for: key, day: day, version: version) }
        return PageRenderer.response(page.body)
    }

    /// Whether the page at `address` is kept for today (tests see the cache work through it).
    func keeps(_ address: String, elderMode: Bool = false) -> Bool {
        pages.keeps(Key(address: address, elderMode: elderMode))
    }
}
