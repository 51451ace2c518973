import Foundation
import GaoxinCore
import Logging
import SQLKit

/// The notices the case engine's events make: a deadline one working day away, a deadline
/// passed, an escalation (超时督办) and a 差评 follow-up opened. Each goes to the case's assignee
/// (a user, a department's staff or a grid's workers); escalations also to the zone admins.
enum CaseNotices {
    /// The page a case is worked on: its own, or for a follow-up its parent's.
    static func link(_ row: CaseRow, db: any SQLDatabase) async throws -> SiteURL? {
        if row.typeCode == "consultation" { return .consultation(row.id) }
        if EventCaseTypes.category(caseType: row.typeCode) != nil { return .event(row.id) }
        if row.typeCode == InvestmentBlockers.caseType.code {
            return try await InvestmentBlockerRepository(db: db).projectID(caseID: row.id).map {
                .investmentProject($0)
            }
        }
        if row.typeCode == ServiceCaseTypes.application.code { return .serviceApplication(row.id) }  // services
        guard let parentID = row.parentCaseId, parentID != row.id,
            let parent = try await CaseRepository(db: db).find(id: parentID), parent.parentCaseId == nil
        else { return nil }
        return try await link(parent, db: db)
    }

    /// "ZX-000042", "SJ-000007" or "HF-000012".
    static func number(_ row: CaseRow) -> String {
        let prefix =
            row.typeCode == "consultation"
            ? "ZX"
            : EventCaseTypes.category(caseType: row.typeCode) != nil
                ? "SJ" : row.typeCode == ServiceCaseTypes.application.code ? "BJ" : "HF"
        return CaseRow.number(row.id, prefix: prefix)
    }

    /// A reminder that the deadline is one working day away (once per case and deadline).
    @discardableResult
    static func deadlineSoon(_ row: CaseRow, typeName: String, on db: any SQLDatabase, now: Int64) async throws -> Int {
        guard let assignee = row.assigneeId, let day = row.deadlineDay else { return 0 }
        return try await Outbox.enqueue(
            on: db, zoneID: row.zoneId, to: [.assignee(assignee)],
            Notice(
                kind: .deadlineSoon, subject: "时限提醒：\(number(row)) 将于 \(day) 到期",
                body: "\(typeName)“\(row.title)”的办理时限为 \(row.deadlineText ?? day)，请在时限内办理。",
                link: try await link(row, db: db), dedupeKey: "deadline_soon:\(row.id):\(row.state):\(day)"),
            now: now)
    }

    /// The sweep marked the case overdue, and escalated it when `escalated`.
    static func deadlinePassed(_ row: CaseRow, typeName: String, escalated: Bool, on db: any SQLDatabase) async throws {
        let day = row.deadlineDay ?? ""
        let link = try await link(row, db: db)
        let key = "\(row.id):\(row.state):\(day)"
        if let assignee = row.assigneeId {
            try await Outbox.enqueue(
                on: db, zoneID: row.zoneId, to: [.assignee(assignee)],
                Notice(
                    kind: .deadlinePassed, subject: "办理超时：\(number(row))",
                    body: "\(typeName)“\(row.title)”已超过办理时限（\(row.deadlineText ?? day)），请尽快办理。"
                        + (escalated ? "已转管委会督办。" : ""),
                    link: link, dedupeKey: "deadline_passed:\(key)"))
        }
        if escalated {
            try await Outbox.enqueue(
                on: db, zoneID: row.zoneId, to: [.zoneAdmins(zoneID: row.zoneId)],
                Notice(
                    kind: .escalation, subject: "超时督办：\(number(row))",
                    body: "\(typeName)“\(row.title)”超过办理时限（\(row.deadlineText ?? day)）未办理，已升级由管委会督办。",
                    link: link, dedupeKey: "escalation:\(key)"))
        }
    }

    /// A 差评 opened a follow-up case for `assignee`.
    static func followUpOpened(
        caseID: Int64, zoneID: Int64, assignee: String, title: String, parentLink: SiteURL, on db: any SQLDatabase
    ) async throws {
        try await Outbox.enqueue(
            on: db, zoneID: zoneID, to: [.assignee(assignee)],
            Notice(
                kind: .followUp, subject: "差评回访：\(CaseRow.number(caseID, prefix: "HF"))",
                body: "\(title)。请在 1 个工作日内回访核实，并按期整改。", link: parentLink,
                dedupeKey: "follow_up:\(caseID)"))
    }
}

/// The reminder sweep: every open case whose deadline is one working day away (on the zone's
/// working-day calendar) gets one reminder to its assignee. Idempotent: running it again, or on
/// two servers at once, adds nothing.
struct DeadlineReminders {
    let cases: CaseService
    let database: Database

    init(services: AppServices) {
        self.init(cases: services.cases, database: services.database)
    }

    // The command line runs the sweep without the rest of the app's services.
    init(cases: CaseService, database: Database) {
        self.cases = cases
        self.database = database
    }

    @discardableResult
    func run(today: Day, now: Int64 = Clock.nowSeconds()) async throws -> Int {
        let calendar = cases.engine.calendar
        // Two weeks ahead covers the longest holiday between a reminder day and its deadline.
        let candidates = try await OutboxRepository(db: database.sql).openCases(
            deadlineFrom: today.description, to: today.adding(days: 14).description)
        var added = 0
        for row in candidates {
            guard let text = row.deadlineDay, let deadline = Day(text),
                DeadlineReminder.isDue(deadline: deadline, today: today, calendar: calendar)
            else { continue }
            let typeName = cases.typeName(row.typeCode)
            added += try await database.transaction { db in
                try await CaseNotices.deadlineSoon(row, typeName: typeName, on: db, now: now)
            }
        }
        return added
    }
}

/// The reminder sweep from the command line (`gaoxin cases remind`), e.g. from cron or right
/// after a change, instead of waiting for the server's next sweep; the running server's worker
/// then sends the webhook deliveries it queued. Returns how many notices it queued.
public func sendDeadlineReminders(config: AppConfig, logger: Logger) async throws -> Int {
    try await withCaseDatabase(config: config, logger: logger) { cases, database in
        try await DeadlineReminders(cases: cases, database: database).run(today: Clock.today)
    }
}
