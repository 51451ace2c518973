import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 技术合同登记: the register, registering a contract, and the register as CSV.
struct StatisticsContractRoutes {
    let services: AppServices
    var db: any SQLDatabase { services.database.sql }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.statisticsContracts.pattern, use: list)
        router.post(SiteURL.statisticsContracts.pattern, use: create)
        router.get(SiteURL.statisticsContractsCSV.pattern, use: csv)
    }

    func viewer(_ context: AppRequestContext) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .statistics(zoneID: zoneID))
        return (user, zoneID)
    }

    func render(_ page: StatisticsContractPage, _ context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let home = SiteURL.module(.statistics).path
        return try await services.render(
            "statistics/contracts", page: page, context: context, title: "技术合同登记", path: home,
            breadcrumbs: [.init(title: "统计监测", href: home), .init(title: "技术合同登记", href: nil)], status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        if ListExport.isRequested(request) { return try await export(user: user, zoneID: zoneID) }
        let pager = try Pager(query: request.uri.queryParameters["page"].map(String.init), size: 50)
        var page = try await StatisticsContractPage.load(
            user: user, zoneID: zoneID, pager: pager, csrf: context.csrfToken, db: db)
        page.exportHref = ListExport.href(request)
        return try await render(page, context)
    }

    /// The whole register as the page shows it, read a page at a time (UTF-8 with BOM).
    func export(user: CurrentUser, zoneID: Int64) async throws -> Response {
        try await ListExport.csv(
            filename: "tech-contracts", title: "技术合同登记",
            headers: ["登记编号", "合同名称", "卖方（技术输出方）", "买方（技术吸纳方）", "类型", "成交额（万元）", "技术交易额（万元）", "登记日期"],
            load: {
                let m = try await StatisticsContractPage.load(
                    user: user, zoneID: zoneID, pager: $0, csrf: "", db: db)
                return (m.lines, m.total)
            },
            cells: { [$0.contractNo, $0.title, $0.seller, $0.buyer, $0.kind, $0.amount, $0.income, $0.registeredOn] })
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.update, .statistics(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        let keys = ["contract_no", "title", "seller", "buyer", "kind", "amount", "tech_income", "registered_on"]
        let values = Dictionary(uniqueKeysWithValues: keys.map { ($0, f[$0]) })
        return try await services.submit(
            {
                _ = try await StatisticsService(database: services.database).registerContract(
                    values, user: user, zoneID: zoneID)
                return .redirect(
                    to: .statisticsContracts, flash: Flash(kind: .success, message: "已登记技术合同“\(f["title"])”。"))
            },
            refused: { errors in
                var page = try await StatisticsContractPage.load(
                    user: user, zoneID: zoneID, pager: try Pager(page: 1, size: 50), csrf: context.csrfToken, db: db)
                page.errors = errors
                page.fill(values)
                return try await render(page, context)
            })
    }

    /// The register's older CSV address: the same export as the list's "导出 CSV".
    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        return try await export(user: user, zoneID: zoneID)
    }
}
