import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@testable import App

/// Case deadlines through the outbox: a reminder one working day before (Monday → the Friday
/// before; after 国庆 → the last working day before it), once per deadline however often the sweep
/// runs; the missed deadline to the department and the escalation to the zone admin; a 差评's
/// follow-up to whoever handles it.
@Suite(.serialized) struct NoticeCaseTests {
    /// Opens a consultation case for staff@yongchuan's department at a pinned moment; returns its row.
    func openCase(at day: String, _ hour: Int, title: String, _ services: AppServices) async throws -> CaseRow {
        let staff = try await NoticeFixtures.user("staff@yongchuan", services)
        let enterprise = try await NoticeFixtures.user("enterprise@yongchuan", services)
        let zoneID = try await NoticeFixtures.zoneID(services)
        let moment = LocalMoment(day: Day(day)!, hour: hour, minute: 0)!
        let record = try services.cases.engine.open(
            typeCode: "consultation", by: CaseActor(id: CaseIDs.user(enterprise.id), role: .enterpriseUser), at: moment,
            note: title)
        let id = try await services.database.transaction { db in
            try await CaseRepository(db: db).insert(
                record, zoneID: zoneID, title: title, requesterUserID: enterprise.id,
                enterpriseID: enterprise.enterpriseId,
                assignee: CaseIDs.department(staff.departmentId!), actor: nil)
        }
        return try await CaseRepository(db: services.database.sql).find(id: id)!
    }

    func notices(_ username: String, kind: NoticeKind, about row: CaseRow, _ services: AppServices) async throws
        -> [OutboxRow]
    {
        let user = try await NoticeFixtures.user(username, services)
        let number = CaseRow.number(row.id)
        return try await NoticeFixtures.rows(userID: user.id, services).filter {
            $0.kind == kind.rawValue && $0.subject.contains(number)
        }
    }

    @Test func aMondayDeadlineIsRemindedOnTheFridayBeforeOnce() async throws {
        try await withApp { _, services in
            // Thursday 2026-12-03: 2 working days from the next day → Monday 2026-12-07.
            let row = try await openCase(at: "2026-12-03", 15, title: "周一到期的咨询", services)
            #expect(row.deadlineDay == "2026-12-07")
            let reminders = DeadlineReminders(services: services)
            _ = try await reminders.run(today: Day("2026-12-03")!, now: NoticeFixtures.at("2026-12-03", 16))
            #expect(try await notices("staff@yongchuan", kind: .deadlineSoon, about: row, services).isEmpty)
            _ = try await reminders.run(today: Day("2026-12-04")!, now: NoticeFixtures.at("2026-12-04", 8))
            let sent = try await notices("staff@yongchuan", kind: .deadlineSoon, about: row, services)
            #expect(sent.count == 1)
            #expect(sent.first?.subject.contains("2026-12-07") == true)
            #expect(sent.first?.link == "/m/policies/consultations/\(row.id)")
            // The sweep again on Friday, on the weekend and on Monday adds nothing.
            for day in ["2026-12-04", "2026-12-05", "2026-12-07"] {
                _ = try await reminders.run(today: Day(day)!, now: NoticeFixtures.at(day, 9))
            }
            #expect(try await notices("staff@yongchuan", kind: .deadlineSoon, about: row, services).count == 1)
        }
    }

    @Test func theRemindCommandQueuesTheReminderOnceOnItsOwnDatabaseConnection() async throws {
        try await withApp { _, services in
            // Wednesday 2026-12-09: 2 working days from the next day → Friday 2026-12-11, reminded Thursday.
            let row = try await openCase(at: "2026-12-09", 10, title: "命令行提醒的咨询", services)
            #expect(row.deadlineDay == "2026-12-11")
            let logger = Logger(label: "test")
            // MUT: what `gaoxin cases remind` runs, on Thursday morning.
            let added = try await Clock.$fixedNow.withValue(NoticeFixtures.at("2026-12-10", 8)) {
                try await sendDeadlineReminders(config: services.config, logger: logger)
            }
            #expect(added >= 1)
            let sent = try await notices("staff@yongchuan", kind: .deadlineSoon, about: row, services)
            #expect(sent.count == 1)
            #expect(sent.first?.subject.contains("2026-12-11") == true)
            // The same day again queues nothing more for this case (other suites share the database, so
            // the command's total may include their cases).
            _ = try await Clock.$fixedNow.withValue(NoticeFixtures.at("2026-12-10", 9)) {
                try await sendDeadlineReminders(config: services.config, logger: logger)
            }
            #expect(try await notices("staff@yongchuan", kind: .deadlineSoon, about: row, services).count == 1)
            try await NoticeFixtures.close(caseID: row.id, at: NoticeFixtures.at("2026-12-11", 9), services)
        }
    }

    @Test func aDeadlineAfterNationalDayIsRemindedBeforeTheHoliday() async throws {
        try await withApp { _, services in
            // Tuesday 2026-09-29: day 1 is 09-30, then 国庆 10-01..10-07, day 2 is Thursday 10-08.
            let row = try await openCase(at: "2026-09-29", 10, title: "国庆后到期的咨询", services)
            #expect(row.deadlineDay == "2026-10-08")
            let reminders = DeadlineReminders(services: services)
            _ = try await reminders.run(today: Day("2026-09-29")!, now: NoticeFixtures.at("2026-09-29", 11))
            #expect(try await notices("staff@yongchuan", kind: .deadlineSoon, about: row, services).isEmpty)
            _ = try await reminders.run(today: Day("2026-09-30")!, now: NoticeFixtures.at("2026-09-30", 8))
            #expect(try await notices("staff@yongchuan", kind: .deadlineSoon, about: row, services).count == 1)
            // Close it so later sweeps of other tests leave it alone.
            try await NoticeFixtures.close(caseID: row.id, at: NoticeFixtures.at("2026-10-08", 9), services)
        }
    }

    @Test func aMissedDeadlineReachesTheDepartmentAndTheEscalationTheZoneAdmin() async throws {
        try await withApp { _, services in
            let row = try await openCase(at: "2026-12-03", 10, title: "超时督办的咨询", services)
            let zoneID = try await NoticeFixtures.zoneID(services)
            let late = LocalMoment(day: Day("2026-12-08")!, hour: 0, minute: 1)!
            _ = try await services.checkOverdue(zoneID: zoneID, now: late)
            let passed = try await notices("staff@yongchuan", kind: .deadlinePassed, about: row, services)
            #expect(passed.count == 1)
            #expect(passed.first?.body.contains("已转管委会督办") == true)
            #expect(try await notices("admin@yongchuan", kind: .escalation, about: row, services).count == 1)
            // Not to the department's users of another department, nor twice on a second sweep.
            _ = try await services.checkOverdue(zoneID: zoneID, now: late)
            #expect(try await notices("staff@yongchuan", kind: .deadlinePassed, about: row, services).count == 1)
            #expect(try await notices("grid@yongchuan", kind: .deadlinePassed, about: row, services).isEmpty)
            try await NoticeFixtures.close(caseID: row.id, at: late.unixSeconds(), services)
        }
    }

    @Test func recipientsResolveToActiveUsersOnce() async throws {
        try await withApp { _, services in
            let staff = try await NoticeFixtures.user("staff@yongchuan", services)
            let repo = OutboxRepository(db: services.database.sql)
            let ids = try await Outbox.resolve(
                [.user(staff.id), .department(staff.departmentId!), .assignee("department:\(staff.departmentId!)")],
                repo: repo)
            #expect(ids.filter { $0 == staff.id }.count == 1)
            #expect(
                try await Outbox.resolve([.assignee("nonsense"), .assignee("user:abc"), .user(-5)], repo: repo).isEmpty)
        }
    }
}

extension NoticeFixtures {
    /// Unix seconds of a China-time moment.
    static func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Int64 {
        LocalMoment(day: Day(day)!, hour: hour, minute: minute)!.unixSeconds()
    }
}
