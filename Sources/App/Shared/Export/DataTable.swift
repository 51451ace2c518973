import CSV
import Foundation
import Hummingbird

/// A table as a page shows it and as the exports write it (CSV, a sheet of an `.xlsx`): one value
/// for the screen, the print, the CSV and the workbook, so the numbers cannot drift apart.
struct DataTable: Sendable {
    struct Cell: Sendable {
        let text: String
        /// The number behind the text, written as a number in the workbook.
        let number: Double?

        static func text(_ s: String) -> Cell { Cell(text: s, number: nil) }
        static func number(_ v: Double?, _ text: String? = nil) -> Cell {
            Cell(text: text ?? StatNumber.text(v), number: v.flatMap { $0.isFinite ? $0 : nil })
        }
    }
    struct Row: Sendable {
        let head: String
        let cells: [Cell]
    }

    /// Short and ASCII: names the sheet's CSV download (`?table=key`).
    let key: String
    let caption: String
    let headers: [String]
    let rows: [Row]

    /// The table as CSV: UTF-8 with a BOM so Excel opens it, texts that a spreadsheet would run as
    /// a formula kept as text.
    func csv() throws -> Data {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: headers.map(Self.inert))
        for row in rows {
            try writer.write(
                row: [Self.inert(row.head)] + row.cells.map { $0.number == nil ? Self.inert($0.text) : $0.text })
        }
        writer.stream.close()
        return Data([0xEF, 0xBB, 0xBF])
            + (writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data())
    }

    /// A typed text starting with =, +, -, @ (a formula to a spreadsheet) is kept as text.
    static func inert(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}

extension Response {
    /// A download: `data` of `contentType` saved as `filename` (ASCII) or its Chinese name.
    static func download(_ data: Data, contentType: String, filename: String, chineseName: String) -> Response {
        var response = Response(
            status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        let encoded =
            chineseName.addingPercentEncoding(
                withAllowedCharacters: CharacterSet(
                    charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")) ?? filename
        response.headers[.contentDisposition] = "attachment; filename=\"\(filename)\"; filename*=UTF-8''\(encoded)"
        return response
    }
}
