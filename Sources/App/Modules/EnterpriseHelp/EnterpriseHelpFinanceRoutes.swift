import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 上市培育 (the 后备上市企业库 with stages, advisory team and dated meetings) and 知识产权质押融资
/// (pledges with the zone's total, linked to the 贴息 policy item).
struct EnterpriseHelpFinanceRoutes {
    let services: AppServices
    var help: EnterpriseHelpRoutes { EnterpriseHelpRoutes(services: services) }
    var service: EnterpriseHelpService { EnterpriseHelpService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.help(.listing).pattern, use: listing)
        router.post(SiteURL.help(.listingEvent(0)).pattern, use: listingEvent)
        router.get(SiteURL.help(.pledges).pattern, use: pledges)
        router.post(SiteURL.help(.pledges).pattern, use: addPledge)
    }

    func listingPage(zoneID: Int64, user: CurrentUser, context: AppRequestContext, errors: FormErrors = FormErrors())
        async throws -> Response
    {
        let db = services.database.sql
        let repo = EnterpriseHelpFinanceRepository(db: db)
        let rows = try await repo.listings(zoneID: zoneID)
        let events = Dictionary(grouping: try await repo.events(listingIDs: rows.map(\.id)), by: \.listingId)
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: zoneID)
        let page = HelpListingPage(
            candidates: rows.map { l in
                let stage = ListingStage(rawValue: l.stage)
                return .init(
                    id: l.id, enterprise: names[l.enterpriseId] ?? "—",
                    stages: ListingStage.allCases.map { s in
                        .init(
                            label: s.label,
                            reached: stage.map {
                                ListingStage.allCases.firstIndex(of: s)! <= ListingStage.allCases.firstIndex(of: $0)!
                            } ?? false)
                    }, stage: stage?.label ?? l.stage, next: stage?.next?.label, advisers: l.advisers,
                    events: (events[l.id] ?? []).map { .init(heldOn: $0.heldOn, kind: $0.kind, notes: $0.notes) },
                    action: SiteURL.help(.listingEvent(l.id)).path)
            }, canEdit: Permissions.decide(user, .update, .enterpriseHelp(zoneID: zoneID)) == .allow,
            today: Clock.today.description, csrf: context.csrfToken, errors: errors)
        return try await help.render(
            "enterprise-help/listing", page: page, context: context, title: "上市培育",
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func listing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        return try await listingPage(zoneID: zoneID, user: user, context: context)
    }

    @Sendable func listingEvent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        try context.authorize(.update, .enterpriseHelp(zoneID: zoneID))
        guard
            let l = try await EnterpriseHelpFinanceRepository(db: services.database.sql).listing(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.listingEvent(
                    l, kind: f["kind"], heldOn: f["held_on"], notes: f["notes"], advance: f["advance"] == "1",
                    user: user)
                return .redirect(to: .help(.listing), flash: Flash(kind: .success, message: "已记录。"))
            },
            refused: { errors in try await listingPage(zoneID: zoneID, user: user, context: context, errors: errors) })
    }

    func pledgePage(
        zoneID: Int64, user: CurrentUser, form: EnterpriseHelpService.PledgeForm, pager: Pager,
        context: AppRequestContext, errors: FormErrors = FormErrors()
    ) async throws -> Response {
        let db = services.database.sql
        let repo = EnterpriseHelpFinanceRepository(db: db)
        let paged = try await HelpPledgesPage.lines(zoneID: zoneID, pager: pager, db: db)
        let total = try await repo.pledgeTotal(zoneID: zoneID)
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: zoneID)
        let items = try await repo.subsidyItems(zoneID: zoneID)
        let page = HelpPledgesPage(
            lines: paged.rows, paging: paged.links, totalAmount: total.amount, totalCount: total.count, form: form,
            enterprises: helpOptions(
                names.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, selected: form.enterprise),
            items: helpOptions(items, selected: form.policyItem, prompt: "（暂不申请贴息）"),
            canEdit: Permissions.decide(user, .update, .enterpriseHelp(zoneID: zoneID)) == .allow,
            action: SiteURL.help(.pledges).path, csrf: context.csrfToken, errors: errors,
            exportHref: SiteURL.help(.pledges).path + "?format=csv")
        return try await help.render(
            "enterprise-help/pledges", page: page, context: context, title: "知识产权质押融资",
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func pledges(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "ip-pledges", title: "知识产权质押融资",
                headers: ["企业", "质押的专利/商标", "银行", "金额（万元）", "年利率", "期限（月）", "放款至到期", "贴息政策"],
                load: {
                    let m = try await HelpPledgesPage.lines(zoneID: zoneID, pager: $0, db: services.database.sql)
                    return (m.rows, m.total)
                },
                cells: {
                    [
                        $0.enterprise, $0.collateral, $0.bank, String($0.amount), $0.rate, String($0.term), $0.span,
                        $0.subsidy,
                    ]
                })
        }
        return try await pledgePage(
            zoneID: zoneID, user: user, form: .init(),
            pager: try Pager(query: request.uri.queryParameters.get("page"), size: 30),
            context: context)
    }

    @Sendable func addPledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try help.viewer(context)
        try context.authorize(.update, .enterpriseHelp(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        let form = EnterpriseHelpService.PledgeForm(
            enterprise: f["enterprise"], collateral: f["collateral"], bank: f["bank"], amount: f["amount"],
            rate: f["rate"],
            term: f["term"], startOn: f["start_on"], endOn: f["end_on"], policyItem: f["policy_item"])
        return try await services.submit(
            {
                _ = try await service.addPledge(form, zoneID: zoneID, user: user)
                return .redirect(to: .help(.pledges), flash: Flash(kind: .success, message: "已登记质押融资。"))
            },
            refused: { errors in
                try await pledgePage(
                    zoneID: zoneID, user: user, form: form, pager: try Pager(page: 1, size: 30), context: context,
                    errors: errors)
            })
    }
}

/// The 后备上市企业库.
struct HelpListingPage: Sendable {
    struct Stage: Sendable {
        let label: String
        let reached: Bool
    }
    struct Event: Sendable {
        let heldOn: String
        let kind: String
        let notes: String
    }
    struct Candidate: Sendable {
        let id: Int64
        let enterprise: String
        let stages: [Stage]
        let stage: String
        let next: String?
        let advisers: String
        let events: [Event]
        let action: String
    }
    let candidates: [Candidate]
    let canEdit: Bool
    let today: String
    let csrf: String
    let errors: FormErrors
}

/// Pledges with the zone's total.
struct HelpPledgesPage: Sendable {
    struct Line: Sendable {
        let enterprise: String
        let collateral: String
        let bank: String
        let amount: Int64
        let rate: String
        let term: Int
        let span: String
        let subsidy: String
        let subsidyHref: String?
    }
    let lines: [Line]
    let paging: PageLinks
    let totalAmount: Int64
    let totalCount: Int
    let form: EnterpriseHelpService.PledgeForm
    let enterprises: [SelectOption]
    let items: [SelectOption]
    let canEdit: Bool
    let action: String
    let csrf: String
    let errors: FormErrors
    let exportHref: String

    /// One page of the pledges as the table shows them, with the page's links and the list's total.
    static func lines(zoneID: Int64, pager: Pager, db: any SQLDatabase) async throws
        -> (rows: [Line], links: PageLinks, total: Int)
    {
        let repo = EnterpriseHelpFinanceRepository(db: db)
        let paged = try await repo.pledgesPage(zoneID: zoneID, pager)
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: zoneID)
        let itemName = Dictionary(try await repo.subsidyItems(zoneID: zoneID), uniquingKeysWith: { a, _ in a })
        let rows = paged.rows.map { p in
            Line(
                enterprise: names[p.enterpriseId] ?? "—", collateral: p.collateral, bank: p.bank, amount: p.amount,
                rate: PledgeTerms.rateText(p.rateBp), term: p.termMonths, span: "\(p.startOn) 至 \(p.endOn)",
                subsidy: p.policyItemId.flatMap { itemName[$0] } ?? "—",
                subsidyHref: p.policyItemId.map { SiteURL.policyItem($0).path })
        }
        return (rows, paged.links(.help(.pledges)), paged.total)
    }
}
