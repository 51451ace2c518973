import Foundation

extension WorkCalendar {
    /// The official notices shipped with the platform (Data/cn-official.txt).
    public static func bundledNotices() throws(CalendarDataError) -> CalendarSource {
        let name = "cn-official.txt"
        guard let url = Bundle.module.url(forResource: "cn-official", withExtension: "txt", subdirectory: "Data")
        else { throw CalendarDataError(source: name, line: nil, message: "程序包内缺少内置的节假日数据文件") }
        return try read(url, name: name)
    }

    /// Every `*.txt` in `directory`, by file name, so an admin's new notice (2027.txt) or a zone's
    /// closures (closures.txt) load without a release.
    public static func sources(inDirectory directory: URL) throws(CalendarDataError) -> [CalendarSource] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw CalendarDataError(
                source: directory.path, line: nil, message: "无法读取日历数据目录（\(error.localizedDescription)）")
        }
        var sources: [CalendarSource] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".txt") {
            sources.append(try read(directory.appendingPathComponent(name), name: name))
        }
        return sources
    }

    /// The bundled notices, then the files of `directory` (if any), then `extra` (e.g. a zone's closures
    /// kept in the database): later texts override earlier ones for the same date.
    public static func official(
        directory: URL? = nil, extra: [CalendarSource] = []
    ) throws(CalendarDataError) -> WorkCalendar {
        var sources = [try bundledNotices()]
        if let directory { sources += try Self.sources(inDirectory: directory) }
        return try WorkCalendar(sources: sources + extra)
    }

    private static func read(_ url: URL, name: String) throws(CalendarDataError) -> CalendarSource {
        do {
            return CalendarSource(name: name, text: try String(contentsOf: url, encoding: .utf8))
        } catch {
            throw CalendarDataError(source: name, line: nil, message: "无法以 UTF-8 读取文件（\(error.localizedDescription)）")
        }
    }
}
