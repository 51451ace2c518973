import SQLKit

/// One pager behind every list page and API list: a bounded page number and size, turned into
/// LIMIT/OFFSET in SQL. A page number that is not a whole number in range is a `Refusal` on
/// `page` (400), never an overflow: the largest offset is 100 000 × 200, far inside `Int`.
public struct Pager: Sendable, Equatable {
    public static let maxPage = 100_000
    public static let maxSize = 200

    public let page: Int
    public let size: Int
    public var offset: Int { (page - 1) * size }

    /// `page` and `size` as given; out of range is a refusal naming the field.
    public init(page: Int = 1, size: Int = 20, sizeField: String = "per_page") throws(Refusal) {
        var errors = FormErrors()
        if page < 1 || page > Self.maxPage { errors.add("page", "页码必须是 1 到 \(Self.maxPage) 之间的整数") }
        if size < 1 || size > Self.maxSize { errors.add(sizeField, "每页条数必须是 1 到 \(Self.maxSize) 之间的整数") }
        try Refusal.check(errors)
        self.page = page
        self.size = size
    }

    /// From a page's `?page=` query value (absent or empty: the first page), `size` rows a page.
    public init(query: String?, size: Int) throws(Refusal) {
        guard let text = query, !text.isEmpty else {
            try self.init(page: 1, size: size)
            return
        }
        guard text.count <= 6, let number = Int(text) else {
            throw Refusal("page", "页码必须是 1 到 \(Self.maxPage) 之间的整数")
        }
        try self.init(page: number, size: size)
    }

    /// From the API's optional `page` and `per_page` (default 20 a page, at most 100).
    public static func api(page: Int?, perPage: Int?) throws(Refusal) -> Pager {
        var errors = FormErrors()
        if let page, page < 1 || page > maxPage { errors.add("page", "页码必须是 1 到 \(maxPage) 之间的整数") }
        if let perPage, perPage < 1 || perPage > 100 { errors.add("per_page", "每页条数必须是 1 到 100 之间的整数") }
        try Refusal.check(errors)
        return try Pager(page: page ?? 1, size: perPage ?? 20)
    }
}

/// One page of rows with the total they were cut from.
public struct Paged<Row: Sendable>: Sendable {
    public let rows: [Row]
    public let total: Int
    public let pager: Pager

    public init(rows: [Row], total: Int, pager: Pager) {
        self.rows = rows
        self.total = total
        self.pager = pager
    }

    public var hasPrevious: Bool { pager.page > 1 }
    public var hasNext: Bool { pager.offset + rows.count < total }

    public func map<T: Sendable>(_ transform: (Row) throws -> T) rethrows -> Paged<T> {
        Paged<T>(rows: try rows.map(transform), total: total, pager: pager)
    }

    /// Previous / next links for a page at `url` with the page's other query values kept.
    public func links(_ url: SiteURL, query: [(String, String)] = []) -> PageLinks {
        PageLinks(
            previous: hasPrevious ? url.with(query: query + [("page", String(pager.page - 1))]) : nil,
            next: hasNext ? url.with(query: query + [("page", String(pager.page + 1))]) : nil,
            summary: "第 \(pager.page) 页，共 \(total) 条"
        )
    }
}

/// What a list template shows under the table: `{{#paging.previous}}…`, `{{paging.summary}}`.
public struct PageLinks: Sendable {
    public let previous: String?
    public let next: String?
    public let summary: String
}

extension SQLSelectBuilder {
    /// LIMIT and OFFSET of one page.
    public func page(_ pager: Pager) -> Self {
        limit(pager.size).offset(pager.offset)
    }
}
