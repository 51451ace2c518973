import GaoxinCore
import Testing

@Suite struct ConsultationCaseTests: CaseFixtures {
    func openConsultation() throws -> CaseRecord {
        try engine.open(
            typeCode: "consultation", by: company, at: moment("2026-02-13", 15, 0), note: "研发费用加计扣除怎么申报？",
            attachments: ["file-1"])
    }

    @Test func openingStartsTheHistoryAndTheClockAcrossSpringFestival() throws {
        let record = try openConsultation()
        #expect(record.state == "submitted")
        #expect(record.history.count == 1)
        #expect(record.history[0].kind == .opened)
        #expect(record.history[0].actor == company)
        #expect(record.history[0].attachments == ["file-1"])
        // Friday 2/13: day 1 is the 调休 Saturday 2/14, day 2 is 2/24 after 春节.
        #expect(record.deadline == Deadline(day: day("2026-02-24"), uncertain: false))
        #expect(!record.isClosed)
    }

    @Test func onlyListedRolesMayOpen() {
        #expect(throws: CaseError.notAllowedToOpen(role: .gridWorker, typeName: "政策咨询")) {
            try engine.open(typeCode: "consultation", by: gridWorker, at: moment("2026-03-02", 9, 0))
        }
        #expect(CaseError.notAllowedToOpen(role: .gridWorker, typeName: "政策咨询").message == "网格员不能发起“政策咨询”")
        #expect(throws: CaseError.unknownCaseType("nope")) {
            try engine.open(typeCode: "nope", by: company, at: moment("2026-03-02", 9, 0))
        }
    }

    @Test func overdueThenEscalationIsIdempotent() throws {
        let record = try openConsultation()
        #expect(try engine.checkDeadline(record, now: moment("2026-02-24", 17, 59)).outcome == .notDue)

        let first = try engine.checkDeadline(record, now: moment("2026-02-25", 0, 1))
        #expect(first.outcome == .escalated(to: .zoneAdmin))
        #expect(first.record.isOverdue)
        #expect(first.record.escalatedTo == .zoneAdmin)
        #expect(first.record.history.map(\.kind) == [.opened, .overdue, .escalated])
        #expect(first.record.history.last?.actor == nil)  // the system did it

        let again = try engine.checkDeadline(first.record, now: moment("2026-02-26", 9, 0))
        #expect(again.outcome == .alreadyOverdue)
        #expect(again.record == first.record)

        // Answering late still works, and clears the marks for the new state; the history keeps them.
        let answered = try engine.perform(
            "answer", on: again.record, by: staff, at: moment("2026-02-26", 10, 0),
            note: "请见税务总局2023年第7号公告", assignee: scienceBureau)
        #expect(answered.state == "answered")
        #expect(!answered.isOverdue)
        #expect(answered.escalatedTo == nil)
        #expect(answered.deadline == nil)
        #expect(answered.closedAt == moment("2026-02-26", 10, 0))
        #expect(answered.history.map(\.kind) == [.opened, .overdue, .escalated, .transition])
        #expect(try engine.checkDeadline(answered, now: moment("2026-03-30", 9, 0)).outcome == .notDue)
    }

    @Test func wrongRoleIsRefusedWithTheAllowedRoles() throws {
        let record = try openConsultation()
        let error = #expect(throws: CaseError.self) {
            try engine.perform("answer", on: record, by: resident, at: moment("2026-02-14", 9, 0), note: "答复")
        }
        #expect(error == .roleNotAllowed(role: .resident, transition: "答复", allowed: [.departmentStaff, .zoneAdmin]))
        #expect(error?.message == "居民无权执行“答复”，可执行的角色：部门工作人员、管委会管理员")
    }

    @Test func noteIsRequiredAndBlankDoesNotCount() throws {
        let record = try openConsultation()
        #expect(throws: CaseError.noteRequired(transition: "答复")) {
            try engine.perform("answer", on: record, by: staff, at: moment("2026-02-14", 9, 0), note: "  ")
        }
    }

    @Test func closedCaseCannotMove() throws {
        let withdrawn = try engine.perform(
            "withdraw", on: try openConsultation(), by: company, at: moment("2026-02-14", 9, 0))
        #expect(withdrawn.isClosed)
        #expect(throws: CaseError.caseClosed(state: "已撤回")) {
            try engine.perform("answer", on: withdrawn, by: staff, at: moment("2026-02-14", 10, 0), note: "答复")
        }
        #expect(engine.transitions(availableTo: .zoneAdmin, on: withdrawn).isEmpty)
    }

    @Test func timeCannotRunBackwards() throws {
        let record = try openConsultation()
        #expect(
            throws: CaseError.momentBeforeLastEvent(at: moment("2026-02-13", 14, 0), last: moment("2026-02-13", 15, 0))
        ) {
            try engine.perform("answer", on: record, by: staff, at: moment("2026-02-13", 14, 0), note: "答复")
        }
    }
}
