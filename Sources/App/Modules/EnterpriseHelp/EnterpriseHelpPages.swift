import Foundation
import GaoxinCore
import SQLKit

/// 助企's front page: the live totals as the seeds quote them.
struct HelpHomePage: Sendable {
    let totals: HelpTotals
    let canPair: Bool
    // Stored, not computed: templates read fields by reflection.
    let solvedPercent: Int
    let onTimePercent: Int
    let pairingsHref = SiteURL.help(.pairings).path
    let visitsHref = SiteURL.help(.visits).path
    let visitNewHref = SiteURL.help(.visitNew).path
    let demandsHref = SiteURL.help(.demands).path
    let demandNewHref = SiteURL.help(.demandNew).path
    let buildingsHref = SiteURL.help(.buildings).path
    let meetingsHref = SiteURL.help(.meetings).path
    let listingHref = SiteURL.help(.listing).path
    let pledgesHref = SiteURL.help(.pledges).path
}

/// Options for a select: "请选择" then the rows, the typed one chosen.
func helpOptions(_ rows: [(Int64, String)], selected: String, prompt: String = "请选择") -> [SelectOption] {
    [SelectOption(value: "", label: prompt, selected: selected.isEmpty)]
        + rows.map { SelectOption(value: String($0.0), label: $0.1, selected: String($0.0) == selected) }
}

/// 干部包联: the current and ended pairings, and the form that adds one.
struct HelpPairingsPage: Sendable {
    struct Line: Sendable {
        let enterprise: String
        let cadre: String
        let rank: String
        let department: String
        let since: String
        let ended: String?
        let endedReason: String?
        let endAction: String
        let id: Int64
    }
    let lines: [Line]
    let paging: PageLinks
    let form: EnterpriseHelpService.PairingForm
    let enterprises: [SelectOption]
    let cadres: [SelectOption]
    let canPair: Bool
    let action = SiteURL.help(.pairings).path
    let csrf: String
    var errors = FormErrors()

    static func load(
        zoneID: Int64, user: CurrentUser, form: EnterpriseHelpService.PairingForm, pager: Pager, csrf: String,
        db: any SQLDatabase
    ) async throws -> HelpPairingsPage {
        let repo = EnterpriseHelpRepository(db: db)
        let names = try await repo.enterpriseNames(zoneID: zoneID)
        let cadres = try await repo.cadres(zoneID: zoneID)
        let byID = Dictionary(cadres.map { ($0.userId, $0) }, uniquingKeysWith: { a, _ in a })
        let departments = Dictionary(
            try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map { ($0.id, $0.name) },
            uniquingKeysWith: { a, _ in a })
        let paged = try await repo.pairingsPage(zoneID: zoneID, pager)
        let canPair = Permissions.decide(user, .update, .enterpriseHelp(zoneID: zoneID)) == .allow
        return HelpPairingsPage(
            lines: paged.rows.map { p in
                let c = byID[p.cadreUserId]
                return Line(
                    enterprise: names[p.enterpriseId] ?? "—", cadre: c?.displayName ?? "—", rank: c?.rank ?? "—",
                    department: c?.departmentId.flatMap { departments[$0] } ?? "—", since: p.startedOn,
                    ended: p.endedOn, endedReason: p.endedReason,
                    endAction: SiteURL.help(.pairingEnd(p.id)).path, id: p.id)
            }, paging: paged.links(.help(.pairings)), form: form,
            enterprises: helpOptions(
                names.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, selected: form.enterprise),
            cadres: helpOptions(
                cadres.map { ($0.userId, $0.displayName + ($0.rank.map { "（\($0)）" } ?? "")) }, selected: form.cadre),
            canPair: canPair, csrf: csrf)
    }
}
