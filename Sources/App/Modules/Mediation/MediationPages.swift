import Foundation
import GaoxinCore
import SQLKit

/// The target as people read it: "2026-12-07下班前" and whether it was met.
func mediationTargetText(_ m: MediationRow) -> String {
    let t = m.target
    return t.day.description
        + (t.minuteOfDay == Deadline.endOfDay
            ? "下班前" : String(format: " %02d:%02d", t.minuteOfDay / 60, t.minuteOfDay % 60))
}

/// The docket (or a party's own cases) with the 1-working-day target.
struct MediationListPage: Sendable {
    struct Line: Sendable {
        let number: String
        let href: String
        let kind: String
        let parties: String
        let state: String
        let target: String
        let outcome: String
    }
    let lines: [Line]
    let paging: PageLinks
    let office: Bool
    let closed: Int
    let met: Int
    let newHref = SiteURL.mediationPath(.caseNew).path
    let lettersHref = SiteURL.mediationPath(.letters).path
    /// This list, every page, as CSV.
    var exportHref = ""

    static func load(_ paged: Paged<MediationCase>, zoneID: Int64, office: Bool, services: AppServices) async throws
        -> MediationListPage
    {
        let counts = try await MediationRepository(db: services.database.sql).targetCounts(zoneID: zoneID)
        return MediationListPage(
            lines: paged.rows.map { m in
                Line(
                    number: m.number, href: SiteURL.mediationPath(.show(m.id)).path, kind: m.details.kindLabel,
                    parties: m.parties.map(\.name).joined(separator: " 与 "),
                    state: services.cases.stateName(m.caseRow.typeCode, m.caseRow.state),
                    target: mediationTargetText(m.details),
                    outcome: m.details.onTarget.map { $0 ? "按时办结" : "超出目标" } ?? "办理中")
            }, paging: paged.links(.mediationPath(.cases)), office: office, closed: office ? counts.closed : 0,
            met: office ? counts.met : 0)
    }
}

/// The filing form.
struct MediationNewPage: Sendable {
    let form: MediationService.Filing
    let selfFiled: Bool
    let kinds: [SelectOption]
    let action = SiteURL.mediationPath(.caseNew).path
    let csrf: String
    let errors: FormErrors
}

/// One dispute: facts, parties, evidence, the steps, the agreement and the history.
struct MediationCasePage: Sendable {
    struct Party: Sendable {
        let id: Int64
        let side: String
        let name: String
        let confirmed: String?
        let canConfirm: Bool
    }
    struct File: Sendable {
        let name: String
        let href: String
    }
    struct Step: Sendable {
        let code: String
        let name: String
    }
    struct Entry: Sendable {
        let at: String
        let text: String
        let note: String?
    }
    let number: String
    let m: MediationRow
    let state: String
    let filedAt: String
    let target: String
    let outcome: String?
    let parties: [Party]
    let files: [File]
    let steps: [Step]
    let office: Bool
    let canUpload: Bool
    let agreementHref: String?
    let eventHref: String?
    let stepAction: String
    let confirmAction: String
    let uploadAction: String
    // Stored, not computed: templates read fields by reflection.
    let kindLabel: String
    let canAccept: Bool
    let canSchedule: Bool
    let canAgree: Bool
    let canRefer: Bool
    let history: [Entry]
    let csrf: String
    var errors = FormErrors()

    static func load(_ m: MediationCase, user: CurrentUser, csrf: String, services: AppServices) async throws
        -> MediationCasePage
    {
        let record = try m.caseRow.record()
        let office = MediationRoutes.isOffice(user)
        let type = services.cases.engine.types[record.typeCode]
        let steps =
            office
            ? services.cases.engine.transitions(availableTo: user.role, on: record).filter { $0.code != "settle" }.map {
                Step(code: $0.code, name: $0.name)
            } : []
        let agreed = m.caseRow.state == "agreed"
        return MediationCasePage(
            number: m.number, m: m.details, state: services.cases.stateName(m.caseRow.typeCode, m.caseRow.state),
            filedAt: DisplayTime.format(m.caseRow.openedAt), target: mediationTargetText(m.details),
            outcome: m.details.onTarget.map { $0 ? "已在 1 个工作日目标内办结" : "超出 1 个工作日目标" },
            parties: m.parties.map { p in
                Party(
                    id: p.id, side: p.sideLabel, name: p.name,
                    confirmed: p.confirmedAt.map { DisplayTime.format($0) },
                    canConfirm: agreed && p.confirmedAt == nil && (office || p.isActed(by: user)))
            },
            files: try await MediationRepository(db: services.database.sql).evidence(caseID: m.id).map {
                File(name: $0.fileName, href: SiteURL.mediationPath(.evidenceFile(m.id, file: $0.id)).path)
            }, steps: steps, office: office, canUpload: m.caseRow.closedAt == nil,
            agreementHref: m.details.agreement == nil ? nil : SiteURL.mediationPath(.agreement(m.id)).path,
            eventHref: office ? m.details.eventCaseId.map { SiteURL.event($0).path } : nil,
            stepAction: SiteURL.mediationPath(.step(m.id)).path,
            confirmAction: SiteURL.mediationPath(.confirm(m.id)).path,
            uploadAction: SiteURL.mediationPath(.evidence(m.id)).path,
            kindLabel: m.details.kindLabel, canAccept: steps.contains { $0.code == "accept" },
            canSchedule: steps.contains { $0.code == "schedule" }, canAgree: steps.contains { $0.code == "agree" },
            canRefer: steps.contains { $0.code == "refer" },
            history: record.history.map { e in
                let who = e.actor.map { $0.role.label } ?? "系统"
                let text: String =
                    switch e.kind {
                    case .opened: "\(who)申请调解"
                    case .transition: "\(who)\(e.transition.flatMap { type?.transition($0)?.name } ?? "办理")"
                    case .overdue: "超过受理时限"
                    case .escalated: "升级至管委会督办"
                    case .rated: "\(who)评价"
                    }
                return Entry(
                    at: DisplayTime.format(e.at.unixSeconds()), text: text, note: e.kind == .opened ? nil : e.note)
            }, csrf: csrf)
    }
}

/// 司法建议 letters (the office's all; an enterprise's own with the reply form).
struct MediationLettersPage: Sendable {
    struct Line: Sendable {
        let id: Int64
        let enterprise: String
        let kind: String
        let pattern: String
        let letter: String
        let sentOn: String
        let reply: String?
        let replyAction: String
    }
    let lines: [Line]
    let canReply: Bool
    let csrf: String
    let exportHref = SiteURL.mediationPath(.letters).path + "?format=csv"

    static func load(_ rows: [MediationLetterRow], zoneID: Int64, canReply: Bool, csrf: String, db: any SQLDatabase)
        async throws -> MediationLettersPage
    {
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: zoneID)
        return MediationLettersPage(
            lines: rows.map {
                Line(
                    id: $0.id, enterprise: names[$0.enterpriseId] ?? "—",
                    kind: DisputeKind(rawValue: $0.kind)?.label ?? $0.kind, pattern: $0.pattern, letter: $0.letter,
                    sentOn: $0.sentOn, reply: $0.reply, replyAction: SiteURL.mediationPath(.letterReply($0.id)).path)
            }, canReply: canReply, csrf: csrf)
    }
}
