import Foundation
import GaoxinCore
import SQLKit

/// 走访记录: visits done (newest first) or planned (soonest first).
struct HelpVisitsPage: Sendable {
    struct Line: Sendable {
        let day: String
        let enterprise: String
        let cadre: String
        let findings: String
        let href: String
    }
    let lines: [Line]
    let total: Int
    let planned: Bool
    let paging: PageLinks
    var exportHref = ""
    let doneHref = SiteURL.help(.visits).path
    let planHref = SiteURL.help(.visits).with(query: [("show", "plan")])
    let newHref = SiteURL.help(.visitNew).path

    static func load(zoneID: Int64, cadreID: Int64?, planned: Bool, pager: Pager, db: any SQLDatabase) async throws
        -> HelpVisitsPage
    {
        let repo = EnterpriseHelpRepository(db: db)
        let paged = try await repo.visitsPage(zoneID: zoneID, cadreID: cadreID, planned: planned, pager)
        let names = try await repo.enterpriseNames(zoneID: zoneID)
        let cadres = try await EnterpriseHelpDemandRepository(db: db).userNames(paged.rows.map(\.cadreUserId))
        return HelpVisitsPage(
            lines: paged.rows.map { v in
                Line(
                    day: v.visitedOn ?? v.plannedOn ?? "—", enterprise: names[v.enterpriseId] ?? "—",
                    cadre: cadres[v.cadreUserId] ?? "—", findings: String(v.findings.prefix(60)),
                    href: SiteURL.help(.visit(v.id)).path)
            }, total: paged.total, planned: planned,
            paging: paged.links(.help(.visits), query: planned ? [("show", "plan")] : []))
    }
}

/// The visit form with the 四个一 prompts; the enterprises offered are the cadre's own.
struct HelpVisitNewPage: Sendable {
    struct Prompt: Sendable {
        let field: String
        let label: String
        let hint: String
        let value: String
    }
    let form: EnterpriseHelpService.VisitForm
    let enterprises: [SelectOption]
    let categories: [SelectOption]
    let prompts: [Prompt]
    let action = SiteURL.help(.visitUpload).path
    let csrf: String
    var errors = FormErrors()

    static func load(
        zoneID: Int64, user: CurrentUser, form: EnterpriseHelpService.VisitForm, csrf: String, db: any SQLDatabase
    ) async throws -> HelpVisitNewPage {
        let repo = EnterpriseHelpRepository(db: db)
        let names = try await repo.enterpriseNames(zoneID: zoneID)
        let mine = try await repo.pairings(
            zoneID: zoneID, activeOnly: true, cadreID: user.role == .zoneAdmin ? nil : user.id)
        let ids = Array(Set(mine.map(\.enterpriseId))).sorted()
        let values = ["area": form.area, "leader": form.leader, "plan": form.plan]
        return HelpVisitNewPage(
            form: form, enterprises: helpOptions(ids.map { ($0, names[$0] ?? "—") }, selected: form.enterprise),
            categories: [SelectOption(value: "", label: "（本次未提出诉求）", selected: form.demandCategory.isEmpty)]
                + DemandCategory.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.demandCategory)
                },
            prompts: FourOnes.prompts.filter { $0.field != "cadre" }.map {
                Prompt(field: $0.field, label: $0.label, hint: $0.hint, value: values[$0.field] ?? "")
            }, csrf: csrf)
    }
}

/// One visit with its photos and the demands it raised.
struct HelpVisitPage: Sendable {
    struct Photo: Sendable {
        let name: String
        let href: String
    }
    struct Demand: Sendable {
        let number: String
        let text: String
        let href: String
    }
    let enterprise: String
    let cadre: String
    let visit: HelpVisitRow
    let photos: [Photo]
    let demands: [Demand]

    static func load(_ v: HelpVisitRow, db: any SQLDatabase) async throws -> HelpVisitPage {
        let repo = EnterpriseHelpRepository(db: db)
        let names = try await repo.enterpriseNames(zoneID: v.zoneId)
        let cadre = try await EnterpriseHelpDemandRepository(db: db).userNames([v.cadreUserId])[v.cadreUserId] ?? "—"
        return HelpVisitPage(
            enterprise: names[v.enterpriseId] ?? "—", cadre: cadre, visit: v,
            photos: try await repo.photos(visitID: v.id).map {
                Photo(name: $0.fileName, href: SiteURL.help(.visitPhoto(v.id, photo: $0.id)).path)
            },
            demands: try await EnterpriseHelpDemandRepository(db: db).raised(visitID: v.id).map {
                Demand(
                    number: CaseRow.number($0.caseId, prefix: "SQ"), text: $0.text,
                    href: SiteURL.help(.demand($0.caseId)).path)
            })
    }
}
