import CSV
import Foundation
import GaoxinCore
import Hummingbird

/// One group's figures as a table row and a CSV line.
struct ServiceFigureLine: Sendable {
    let group: String
    let applications: Int
    let finished: Int
    let instantRate: String
    let onlineRate: String
    let averageDays: String
    let averagePromised: String
    let withinOneDay: String
    let withinPromise: String
    let rated: Int
    let goodRate: String
    let satisfiedRate: String
    let bad: Int
    let fixRate: String

    init(_ group: String, _ f: ServiceFigures) {
        func pct(_ v: Double?) -> String { v.map { Percent.text($0, digits: 1) } ?? "—" }
        func days(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "—" }
        self.group = group
        applications = f.applications
        finished = f.finished
        instantRate = pct(f.instantRate)
        onlineRate = pct(f.onlineRate)
        averageDays = days(f.averageDays)
        averagePromised = days(f.averagePromised)
        withinOneDay = pct(f.withinOneDayRate)
        withinPromise = pct(f.withinPromiseRate)
        rated = f.rated
        goodRate = pct(f.goodRate)
        satisfiedRate = pct(f.satisfiedRate)
        bad = f.bad
        fixRate = pct(f.fixRate)
    }

    static let headers = [
        "分组", "受理件数", "办结件数", "即办率", "网办率", "平均办理时长（工作日）", "平均承诺时限（工作日）", "1个工作日内办结占比", "承诺时限内办结占比",
        "评价数", "好评率", "满意率", "差评数", "差评整改率",
    ]

    var cells: [String] {
        [
            group, String(applications), String(finished), instantRate, onlineRate, averageDays, averagePromised,
            withinOneDay, withinPromise, String(rated), goodRate, satisfiedRate, String(bad), fixRate,
        ]
    }
}

/// A table of the figures by one dimension.
struct ServiceFigureTable: Sendable {
    let caption: String
    let dimension: String
    let lines: [ServiceFigureLine]
}

struct ServiceStatisticsPage: Sendable {
    let year: Int
    let years: [SelectOption]
    let headline: String
    let total: ServiceFigureLine
    let tables: [ServiceFigureTable]
    let chart: BarChart?
    let exportHref: String
}

/// 政务服务统计 (`/m/services/statistics`): 即办率, 网办率, time against the promise, 1 日内办结, 好评率,
/// 满意率 and 差评整改率 for a year, by 一件事, department, channel and month, with the CSV export.
struct ServiceStatisticsRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.serviceStatistics.pattern, use: page)
        router.get(SiteURL.serviceStatisticsExport.pattern, use: export)
    }

    func year(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("year"), !text.isEmpty else { return Clock.today.year }
        guard text.count == 4, let y = Int(text), (2000...2100).contains(y) else {
            throw PageError.badRequest("年份应为 2000 到 2100 之间的四位数字。")
        }
        return y
    }

    /// The year's figures in total and grouped by month, 一件事, item, department and channel (in
    /// that order), each group's name beside its figures. An application of a 一件事 counts for every
    /// item behind it: each item's own figures, as the seeds report them by 事项.
    func figures(zoneID: Int64, year: Int) async throws -> (total: ServiceFigures, tables: [[(String, ServiceFigures)]])
    {
        let db = services.database.sql
        let repo = ServiceApplicationRepository(db: db)
        let rows = try await repo.facts(zoneID: zoneID, from: "\(year)-01-01", to: "\(year)-12-31")
        let fixed = try await repo.parentsWithClosedFollowUp(zoneID: zoneID)
        let upheld = try await repo.upheldAppeals(zoneID: zoneID)
        let bundles = Dictionary(
            uniqueKeysWithValues: try await ServiceRepository(db: db).bundles(zoneID: zoneID).map { ($0.id, $0.name) })
        let departments = try await ServiceRoutes(services: services).departmentNames(zoneID)
        let facts = rows.map { r in
            (
                r,
                ServiceCaseFact(
                    channel: ServiceChannel(rawValue: r.channel) ?? .online, instant: r.instant,
                    workingDays: r.workingDays, promisedDays: r.promisedDays, finished: r.state == "finished",
                    rating: r.ratingLevel.flatMap(RatingLevel.init(rawValue:)),
                    followUpClosed: fixed.contains(r.caseId),
                    appealUpheld: upheld.contains(r.caseId))
            )
        }
        let itemNames = try await ServiceRepository(db: db).itemNamesByBundle(zoneID: zoneID)
        func grouped(_ keys: (ServiceFactRow) -> [String]) -> [(String, ServiceFigures)] {
            var groups: [String: ServiceFigures] = [:]
            for (row, fact) in facts {
                for key in keys(row) { groups[key, default: ServiceFigures()].add(fact) }
            }
            return groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        func grouped(_ key: (ServiceFactRow) -> String) -> [(String, ServiceFigures)] { grouped { [key($0)] } }
        return (
            ServiceFigures(facts.map(\.1)),
            [
                grouped { String($0.openedOn.prefix(7)) },
                grouped { bundles[$0.bundleId] ?? "一件事 \($0.bundleId)" },
                grouped { itemNames[$0.bundleId] ?? [] },
                grouped { departments[$0.departmentId] ?? "部门 \($0.departmentId)" },
                grouped { (ServiceChannel(rawValue: $0.channel) ?? .online).label },
            ]
        )
    }

    static let dimensions = [
        ("按月份", "月份"), ("按一件事", "一件事"), ("按事项", "事项"), ("按承办部门", "部门"), ("按办理渠道", "渠道"),
    ]

    func tables(zoneID: Int64, year: Int) async throws -> (ServiceFigureLine, [ServiceFigureTable]) {
        let groups = try await figures(zoneID: zoneID, year: year)
        return (
            ServiceFigureLine("合计", groups.total),
            zip(Self.dimensions, groups.tables).map { dimension, lines in
                ServiceFigureTable(
                    caption: dimension.0, dimension: dimension.1, lines: lines.map { ServiceFigureLine($0.0, $0.1) })
            }
        )
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .serviceOffice(zoneID: zoneID, departmentID: nil))
        let year = try year(request)
        let (total, tables) = try await tables(zoneID: zoneID, year: year)
        let months = tables.first?.lines ?? []
        let headline =
            "\(year)年受理 \(total.applications) 件、办结 \(total.finished) 件；即办率 \(total.instantRate)，网办率 \(total.onlineRate)，"
            + "1个工作日内办结 \(total.withinOneDay)，平均办理 \(total.averageDays) 个工作日（平均承诺 \(total.averagePromised) 个工作日）；"
            + "好评率 \(total.goodRate)，满意率 \(total.satisfiedRate)，差评 \(total.bad) 件、整改率 \(total.fixRate)。"
        let page = ServiceStatisticsPage(
            year: year,
            years: (max(2000, Clock.today.year - 4)...Clock.today.year).reversed().map {
                SelectOption(value: String($0), label: "\($0)年", selected: $0 == year)
            },
            headline: headline, total: total, tables: tables,
            chart: months.isEmpty
                ? nil
                : BarChart(
                    label: "\(year)年各月受理件数",
                    items: months.map {
                        (label: $0.group, value: Double($0.applications), text: "\($0.applications) 件")
                    }),
            exportHref: SiteURL.serviceStatisticsExport.with(query: [("year", String(year))]))
        return try await ServiceRoutes(services: services).render(
            "services/statistics", page: page, context: context, title: "政务服务统计",
            crumbs: [.init(title: "统计", href: nil)])
    }

    /// The same tables as CSV (UTF-8 with a BOM so Excel opens it), one block per dimension.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .serviceOffice(zoneID: zoneID, departmentID: nil))
        let year = try year(request)
        let (total, tables) = try await tables(zoneID: zoneID, year: year)
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: ["维度"] + ServiceFigureLine.headers)
        try writer.write(row: ["全年"] + total.cells.map(StatisticsCSV.inert))
        for table in tables {
            for line in table.lines { try writer.write(row: [table.dimension] + line.cells.map(StatisticsCSV.inert)) }
        }
        writer.stream.close()
        let data =
            Data([0xEF, 0xBB, 0xBF])
            + (writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data())
        var response = Response(
            status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentDisposition] =
            "attachment; filename=\"services-\(year).csv\"; filename*=UTF-8''%E6%94%BF%E5%8A%A1%E6%9C%8D%E5%8A%A1%E7%BB%9F%E8%AE%A1-\(year).csv"
        return response
    }
}
