import GaoxinCore
import Testing

@Suite struct GridEventCaseTests: CaseFixtures {
    @Test func walksEveryStepOfTheLoop() throws {
        // Reported Friday 16:00 with 4 working hours: 1.5 h on Friday, then the 调休 Saturday until 11:30.
        var record = try engine.open(
            typeCode: "grid_event", by: gridWorker, at: moment("2026-02-13", 16, 0),
            note: "井盖缺失", attachments: ["photo-1"])
        #expect(record.deadline?.description == "2026-02-14 11:30")

        record = try engine.perform("accept", on: record, by: admin, at: moment("2026-02-14", 9, 0))
        #expect(record.state == "registered")
        #expect(record.deadline?.day == day("2026-02-24"))  // 1 working day, across 春节

        #expect(throws: CaseError.assigneeRequired(transition: "派遣")) {
            try engine.perform("dispatch", on: record, by: admin, at: moment("2026-02-14", 9, 30))
        }
        record = try engine.perform(
            "dispatch", on: record, by: admin, at: moment("2026-02-14", 9, 30), assignee: cityManagement)
        #expect(record.assignee == cityManagement)
        #expect(record.deadline?.day == day("2026-02-26"))  // 3 working days: 2/24, 2/25, 2/26

        record = try engine.perform(
            "handle", on: record, by: staff, at: moment("2026-02-24", 10, 0),
            note: "已补装井盖", attachments: ["photo-2"])
        #expect(engine.transitions(availableTo: .gridWorker, on: record).map(\.code) == ["verify", "send_back"])
        #expect(engine.transitions(availableTo: .resident, on: record).isEmpty)

        // The check fails once: back to 处置中 with a fresh deadline, same assignee.
        record = try engine.perform(
            "send_back", on: record, by: gridWorker, at: moment("2026-02-24", 15, 0), note: "井盖型号不符")
        #expect(record.state == "dispatched")
        #expect(record.assignee == cityManagement)
        #expect(record.deadline?.day == day("2026-02-27"))

        record = try engine.perform("handle", on: record, by: gridWorker, at: moment("2026-02-25", 11, 0), note: "已更换")
        record = try engine.perform("verify", on: record, by: gridWorker, at: moment("2026-02-25", 16, 0))
        #expect(record.state == "closed")
        #expect(record.isClosed)
        #expect(
            record.history.map(\.transition) == [nil, "accept", "dispatch", "handle", "send_back", "handle", "verify"])
        #expect(
            record.history.map(\.to) == [
                "reported", "registered", "dispatched", "handled", "dispatched", "handled", "closed",
            ])
        #expect(record.history[2].assignee == cityManagement)
        #expect(record.history[3].attachments == ["photo-2"])
    }

    @Test func wrongStateNamesTheCurrentState() throws {
        let record = try engine.open(typeCode: "grid_event", by: resident, at: moment("2026-03-02", 9, 0))
        let error = #expect(throws: CaseError.self) {
            try engine.perform(
                "dispatch", on: record, by: admin, at: moment("2026-03-02", 9, 5), assignee: cityManagement)
        }
        #expect(error == .transitionNotAvailable(transition: "派遣", state: "待受理"))
        #expect(error?.message == "案件当前处于“待受理”，不能执行“派遣”")
        #expect(throws: CaseError.unknownTransition(code: "teleport", typeName: "网格事件")) {
            try engine.perform("teleport", on: record, by: admin, at: moment("2026-03-02", 9, 5))
        }
    }

    @Test func workingHourLimitEscalatesAfterLunchAndOvernight() throws {
        // Tuesday 11:00 + 4 working hours: 11:00–12:00, 13:30–16:30.
        let record = try engine.open(typeCode: "grid_event", by: gridWorker, at: moment("2026-03-03", 11, 0))
        #expect(record.deadline?.description == "2026-03-03 16:30")
        #expect(try engine.checkDeadline(record, now: moment("2026-03-03", 16, 30)).outcome == .notDue)
        let late = try engine.checkDeadline(record, now: moment("2026-03-03", 16, 31))
        #expect(late.outcome == .escalated(to: .zoneAdmin))
        #expect(late.record.history.last?.escalatedTo == .zoneAdmin)
    }

    @Test func markOnlyStatesBecomeOverdueWithoutEscalation() throws {
        var record = try engine.open(typeCode: "grid_event", by: gridWorker, at: moment("2026-03-03", 9, 0))
        record = try engine.perform("accept", on: record, by: admin, at: moment("2026-03-03", 9, 30))
        let first = try engine.checkDeadline(record, now: moment("2026-03-05", 9, 0))
        #expect(first.outcome == .becameOverdue)
        #expect(first.record.escalatedTo == nil)
        #expect(first.record.history.last?.note == "超过办理时限（2026-03-04）")
        let second = try engine.checkDeadline(first.record, now: moment("2026-03-06", 9, 0))
        #expect(second.outcome == .alreadyOverdue)
        #expect(second.record.history.count == first.record.history.count)
    }

    @Test func deadlineInAnUnloadedYearIsFlagged() throws {
        let record = try engine.open(typeCode: "grid_event", by: gridWorker, at: moment("2026-12-31", 17, 0))
        #expect(record.deadline?.uncertain == true)
        #expect(record.deadline?.description == "2027-01-01 14:00")  // 0.5 h + 3 h + 0.5 h, by the weekday rule
    }
}
