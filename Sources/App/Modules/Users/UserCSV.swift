import CSV
import Foundation

/// A CSV file as the users and residents imports read it: UTF-8 (Excel's BOM dropped), a header row
/// of known columns (Chinese, or the English name beside it), then data rows with their line
/// numbers. Problems with the file as a whole come back as `Problem`s at line 0 or 1.
struct UserCSV: Sendable {
    /// A column: its Chinese header, the English alias also accepted, and whether it must be there.
    struct Column: Sendable {
        let header: String
        let alias: String
        let required: Bool
    }

    /// A problem with one cell (or the whole file when `line` is 0), for the error table and the API.
    struct Problem: Sendable, Equatable {
        let line: Int
        let column: String
        let message: String
    }

    /// One data row: its line in the file and a cell reader by Chinese header.
    struct Row: Sendable {
        let line: Int
        let cells: [String: String]
        subscript(_ header: String) -> String { cells[header] ?? "" }
    }

    let rows: [Row]

    /// Reads the file; the rows, or every problem with the file's shape.
    static func read(_ data: Data, columns: [Column], maxRows: Int = 5000) -> Result<UserCSV, ProblemList> {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        func refuse(_ line: Int, _ column: String, _ message: String) -> Result<UserCSV, ProblemList> {
            .failure(ProblemList([Problem(line: line, column: column, message: message)]))
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            return refuse(0, "文件", "文件不是 UTF-8 编码。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重新上传。")
        }
        guard !text.trimmed.isEmpty else { return refuse(0, "文件", "文件是空的。请按页面上的列名填写后上传。") }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            return refuse(1, "表头", "无法读取 CSV：\(error)")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmed }
        var problems: [Problem] = []
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where !name.isEmpty {
            guard let column = columns.first(where: { $0.header == name || $0.alias == name.lowercased() }) else {
                problems.append(Problem(line: 1, column: name, message: "不认识的列“\(name)”（列名须与页面上的说明一致）"))
                continue
            }
            if index[column.header] != nil {
                problems.append(Problem(line: 1, column: name, message: "列“\(column.header)”出现了两次"))
            }
            index[column.header] = i
        }
        let missing = columns.filter { $0.required && index[$0.header] == nil }.map(\.header)
        if !missing.isEmpty {
            problems.append(Problem(line: 1, column: "表头", message: "缺少必需的列：\(missing.joined(separator: "、"))"))
        }
        guard problems.isEmpty else { return .failure(ProblemList(problems)) }
        var rows: [Row] = []
        var line = 1
        while let cells = reader.next() {
            line += 1
            if cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            if rows.count == maxRows {
                return refuse(line, "文件", "一次最多导入 \(maxRows) 行，请分成几个文件")
            }
            var values: [String: String] = [:]
            for (name, i) in index where i < cells.count { values[name] = cells[i].trimmed }
            rows.append(Row(line: line, cells: values))
        }
        if rows.isEmpty { return refuse(0, "文件", "文件只有表头，没有数据行。") }
        return .success(UserCSV(rows: rows))
    }

    /// The column list as the import page explains it.
    static func describe(_ columns: [Column]) -> String {
        columns.map { "\($0.header)（\($0.alias)）\($0.required ? "" : "，可空")" }.joined(separator: "；")
    }
}

/// Every problem of a refused file (an `Error`, so a `Result` can carry it).
struct ProblemList: Error, Sendable {
    let problems: [UserCSV.Problem]
    init(_ problems: [UserCSV.Problem]) { self.problems = problems }
}
