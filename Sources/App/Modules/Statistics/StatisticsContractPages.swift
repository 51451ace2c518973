import Foundation
import GaoxinCore
import SQLKit

/// 技术合同登记 (`/m/statistics/contracts`): the register a page at a time, the yearly totals that
/// are the computed 技术合同成交额, and (for staff) the form to register a contract.
struct StatisticsContractPage: Sendable {
    struct Line: Sendable {
        let contractNo: String
        let title: String
        let seller: String
        let buyer: String
        let kind: String
        let amount: String
        let income: String
        let registeredOn: String
    }
    var errors = FormErrors()
    var form = [
        "contract_no": "", "title": "", "seller": "", "buyer": "", "kind": "", "amount": "", "tech_income": "",
        "registered_on": "",
    ]
    var kinds: [EvaluationSchemePage.Option] = []
    let lines: [Line]
    let total: Int
    let paging: PageLinks?
    let totals: DataTable
    let chart: BarChart?
    let canEnter: Bool
    let csrf: String
    let action: String
    var exportHref = SiteURL.statisticsContracts.path + "?format=csv"
    let homeHref = SiteURL.module(.statistics).path

    mutating func fill(_ values: [String: String]) {
        for (k, v) in values where form[k] != nil { form[k] = v }
        kinds = TechContractRow.kinds.map { .init(value: $0, label: $0, selected: form["kind"] == $0) }
    }

    /// The yearly totals as a table (the page's, the dashboard's and the export's).
    static func totals(_ years: [TechContractYear]) -> DataTable {
        DataTable(
            key: "contracts", caption: "技术合同登记（按登记年度）",
            headers: ["年度", "合同数（项）", "成交额（亿元）", "技术交易额（亿元）"],
            rows: years.map {
                .init(
                    head: $0.y,
                    cells: [
                        .number(Double($0.n)), .number(($0.amount / 10_000).rounded(toPlaces: 4)),
                        .number(($0.income / 10_000).rounded(toPlaces: 4)),
                    ])
            })
    }

    static func load(user: CurrentUser, zoneID: Int64, pager: Pager, csrf: String, db: any SQLDatabase) async throws
        -> StatisticsContractPage
    {
        let repo = StatisticsContractRepository(db: db)
        let paged = try await repo.page(zoneID: zoneID, pager)
        let years = try await repo.byYear(zoneID: zoneID)
        var page = StatisticsContractPage(
            lines: paged.rows.map {
                Line(
                    contractNo: $0.contractNo, title: $0.title, seller: $0.seller, buyer: $0.buyer, kind: $0.kind,
                    amount: StatNumber.text($0.amount), income: StatNumber.text($0.techIncome),
                    registeredOn: $0.registeredOn)
            },
            total: paged.total,
            paging: paged.hasPrevious || paged.hasNext ? paged.links(.statisticsContracts) : nil,
            totals: totals(years),
            chart: years.isEmpty
                ? nil
                : BarChart(
                    label: "各年度技术合同成交额（亿元）",
                    items: years.map { ($0.y + " 年", $0.amount / 10_000, StatNumber.text($0.amount / 10_000) + " 亿元") }),
            canEnter: Permissions.decide(user, .update, .statistics(zoneID: zoneID)) == .allow, csrf: csrf,
            action: SiteURL.statisticsContracts.path)
        page.fill([:])
        return page
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
