import Foundation
import Hummingbird

/// "导出 CSV" for a list page: the list's own address with `?format=csv` answers every page of
/// the list (same filters, same columns as the page), read through the page's own loader
/// `Pager.maxSize` rows at a time so each read is a paged SQL query, up to `maxRows` rows. The
/// route checks permissions before it gets here, exactly as for the page, so an export shows no row
/// the page would not.
///
/// A list adds it with a few lines: `if ListExport.isRequested(request) { return try await
/// ListExport.csv(...) }` in its route after the permission check, and `exportHref` on its page.
enum ListExport {
    /// More than this is no longer a list to read in Excel; the file says where it stopped.
    static let maxRows = 20_000

    static func isRequested(_ request: Request) -> Bool {
        request.uri.queryParameters.get("format") == "csv"
    }

    /// The page's address with its filters kept, its page number dropped and `format=csv` added.
    static func href(_ request: Request) -> String {
        var components = URLComponents()
        components.queryItems =
            request.uri.queryParameters.filter { $0.key != "page" && $0.key != "format" && !$0.value.isEmpty }
            .map { URLQueryItem(name: String($0.key), value: String($0.value)) }.sorted { $0.name < $1.name }
            + [URLQueryItem(name: "format", value: "csv")]
        return request.uri.path + "?" + (components.percentEncodedQuery ?? "format=csv")
    }

    /// Every page of the list as CSV (UTF-8 with BOM): `load` is the page's loader for one pager,
    /// answering its table rows and the list's total; `cells` writes one row as the page shows it.
    static func csv<Row>(
        filename: String, title: String, headers: [String],
        load: (Pager) async throws -> (rows: [Row], total: Int), cells: (Row) -> [String]
    ) async throws -> Response {
        var rows: [DataTable.Row] = []
        var page = 1
        var total = 0
        repeat {
            let chunk = try await load(try Pager(page: page, size: Pager.maxSize))
            total = chunk.total
            for row in chunk.rows.prefix(maxRows - rows.count) {
                let values = cells(row)
                rows.append(.init(head: values.first ?? "", cells: values.dropFirst().map { .text($0) }))
            }
            if chunk.rows.count < Pager.maxSize { break }
            page += 1
        } while rows.count < min(total, maxRows) && page <= Pager.maxPage
        if total > rows.count {
            rows.append(.init(head: "（仅导出前 \(rows.count) 条，共 \(total) 条；请加筛选条件后分批导出）", cells: []))
        }
        let table = DataTable(key: filename, caption: title, headers: headers, rows: rows)
        return .download(
            try table.csv(), contentType: "text/csv; charset=utf-8", filename: filename + ".csv",
            chineseName: title + ".csv")
    }

    /// A list the page shows whole (not paged): its rows as loaded, written as above.
    static func csv<Row>(
        filename: String, title: String, headers: [String], rows: [Row], cells: (Row) -> [String]
    ) async throws -> Response {
        try await csv(
            filename: filename, title: title, headers: headers,
            load: { (Array(rows.dropFirst($0.offset).prefix($0.size)), rows.count) }, cells: cells)
    }
}
