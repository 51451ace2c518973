import Foundation
import XMLCoder
import ZIPFoundation

/// An `.xlsx` workbook of tables, one sheet each: the sheets and the workbook are encoded with
/// XMLCoder, the package is zipped by ZIPFoundation (never zip bytes by hand). Numbers are written
/// as numbers (a reader sums them), texts inline; the caption is the sheet's first row, the header
/// the second.
enum Workbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    // MARK: - The parts XMLCoder encodes

    struct InlineString: Encodable, Sendable {
        let t: String
    }

    struct Cell: Encodable, DynamicNodeEncoding, Sendable {
        let r: String
        let t: String?
        let v: String?
        let `is`: InlineString?

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "r" || key.stringValue == "t" ? .attribute : .element
        }
    }

    struct Row: Encodable, DynamicNodeEncoding, Sendable {
        let r: Int
        let c: [Cell]

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "r" ? .attribute : .element
        }
    }

    struct SheetData: Encodable, Sendable {
        let row: [Row]
    }

    struct Worksheet: Encodable, Sendable {
        let sheetData: SheetData
    }

    struct Sheet: Encodable, DynamicNodeEncoding, Sendable {
        let name: String
        let sheetId: Int
        let rid: String

        enum CodingKeys: String, CodingKey {
            case name, sheetId
            case rid = "r:id"
        }

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    struct Sheets: Encodable, Sendable {
        let sheet: [Sheet]
    }

    struct WorkbookPart: Encodable, Sendable {
        let sheets: Sheets
    }

    struct Relationship: Encodable, DynamicNodeEncoding, Sendable {
        let Id: String
        let `Type`: String
        let Target: String

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    struct Relationships: Encodable, Sendable {
        let Relationship: [Relationship]
    }

    struct Override: Encodable, DynamicNodeEncoding, Sendable {
        let PartName: String
        let ContentType: String
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    struct Default: Encodable, DynamicNodeEncoding, Sendable {
        let Extension: String
        let ContentType: String
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    struct ContentTypes: Encodable, Sendable {
        let Default: [Default]
        let Override: [Override]
    }

    // MARK: - Writing

    /// "A", "B" … "Z", "AA" …: the column letters of a 0-based index.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the book.
    static func sheetName(_ caption: String, taken: Set<String>) -> String {
        let cleaned = String(caption.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(28))
        var name = cleaned.isEmpty ? "Sheet" : cleaned
        var n = 2
        while taken.contains(name) {
            name = String(cleaned.prefix(25)) + "(\(n))"
            n += 1
        }
        return name
    }

    static func worksheet(_ table: DataTable) -> Worksheet {
        func text(_ s: String, _ ref: String) -> Cell {
            // XML 1.0 has no place for control characters other than tab and line breaks.
            let clean = String(s.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            return Cell(r: ref, t: "inlineStr", v: nil, is: InlineString(t: clean))
        }
        var rows = [Row(r: 1, c: [text(table.caption, "A1")])]
        rows.append(
            Row(r: 2, c: table.headers.enumerated().map { i, h in text(h, "\(column(i))2") }))
        for (n, row) in table.rows.enumerated() {
            let r = n + 3
            var cells = [text(row.head, "A\(r)")]
            for (i, cell) in row.cells.enumerated() {
                let ref = "\(column(i + 1))\(r)"
                if let v = cell.number {
                    cells.append(Cell(r: ref, t: nil, v: StatisticsCSV.number(v), is: nil))
                } else {
                    cells.append(text(cell.text, ref))
                }
            }
            rows.append(Row(r: r, c: cells))
        }
        return Worksheet(sheetData: SheetData(row: rows))
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """

    /// The workbook's bytes: one sheet per table, in order.
    static func xlsx(_ tables: [DataTable]) throws -> Data {
        let encoder = XMLEncoder()
        let header = XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes")
        var parts: [(String, Data)] = []
        var taken = Set<String>()
        var sheets: [Sheet] = []
        for (i, table) in tables.enumerated() {
            let name = sheetName(table.caption, taken: taken)
            taken.insert(name)
            sheets.append(Sheet(name: name, sheetId: i + 1, rid: "rId\(i + 1)"))
            parts.append(
                (
                    "xl/worksheets/sheet\(i + 1).xml",
                    try encoder.encode(
                        worksheet(table), withRootKey: "worksheet", rootAttributes: ["xmlns": main], header: header)
                ))
        }
        parts.append(
            (
                "xl/workbook.xml",
                try encoder.encode(
                    WorkbookPart(sheets: Sheets(sheet: sheets)), withRootKey: "workbook",
                    rootAttributes: ["xmlns": main, "xmlns:r": relationships], header: header)
            ))
        let relNS = "http://schemas.openxmlformats.org/package/2006/relationships"
        parts.append(
            (
                "xl/_rels/workbook.xml.rels",
                try encoder.encode(
                    Relationships(
                        Relationship: sheets.enumerated().map { i, s in
                            Relationship(
                                Id: s.rid, Type: relationships + "/worksheet", Target: "worksheets/sheet\(i + 1).xml")
                        } + [
                            Relationship(
                                Id: "rId\(sheets.count + 1)", Type: relationships + "/styles", Target: "styles.xml")
                        ]), withRootKey: "Relationships", rootAttributes: ["xmlns": relNS], header: header)
            ))
        parts.append(
            (
                "_rels/.rels",
                try encoder.encode(
                    Relationships(Relationship: [
                        Relationship(Id: "rId1", Type: relationships + "/officeDocument", Target: "xl/workbook.xml")
                    ]), withRootKey: "Relationships", rootAttributes: ["xmlns": relNS], header: header)
            ))
        parts.append(("xl/styles.xml", Data(styles.utf8)))
        let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        parts.insert(
            (
                "[Content_Types].xml",
                try encoder.encode(
                    ContentTypes(
                        Default: [
                            Default(
                                Extension: "rels",
                                ContentType: "application/vnd.openxmlformats-package.relationships+xml"),
                            Default(Extension: "xml", ContentType: "application/xml"),
                        ],
                        Override: [
                            Override(
                                PartName: "/xl/workbook.xml",
                                ContentType:
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
                            ),
                            Override(
                                PartName: "/xl/styles.xml",
                                ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                        ]
                            + sheets.indices.map {
                                Override(PartName: "/xl/worksheets/sheet\($0 + 1).xml", ContentType: sheetType)
                            }),
                    withRootKey: "Types",
                    rootAttributes: ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"],
                    header: header)
            ), at: 0)
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let bytes = archive.data else { throw WorkbookError() }
        return bytes
    }

    struct WorkbookError: Error {}
}
