import GaoxinCore
import Testing

@Suite struct PointsDecisionTests {
    /// Three declarations in week 12 of 2026 and one in week 13.
    private func ledgerWithDeclarations() throws -> PointsLedger {
        var ledger = try communityLedger()
        let declarations = [
            ("w12a", "张三", "2026-03-16"), ("w12b", "李四", "2026-03-18"), ("w12c", "王五", "2026-03-22"),
            ("w13a", "张三", "2026-03-23"),
        ]
        for (id, subject, d) in declarations {
            try ledger.declare(
                id: id, subject: subject, itemID: "cleanup", day: day(d), by: subject, at: moment("\(d) 20:00"))
        }
        return ledger
    }

    @Test func weeklyConfirmationDecidesThatWeekOnlyAndSaysWhatChanged() throws {
        var ledger = try ledgerWithDeclarations()
        let week12 = Period(.week, containing: day("2026-03-18"))
        let changes = try ledger.confirmPending(
            in: week12, by: "积分管理小组", at: moment("2026-03-23 09:00"), rejecting: ["w12b": "照片与现场不符"])

        #expect(changes.map(\.entryID) == ["w12a", "w12b", "w12c"])
        #expect(changes.map(\.to) == [.confirmed, .rejected, .confirmed])
        #expect(changes.allSatisfy { $0.from == .pending })
        #expect(ledger.entry("w12b")?.decision?.reason == "照片与现场不符")
        #expect(ledger.entry("w12a")?.decision?.by == "积分管理小组")
        #expect(ledger.entry("w13a")?.status == .pending)
        #expect(ledger.balance(of: "张三", asOf: day("2026-03-31")) == 3)

        // A second run finds nothing left to decide in that week.
        #expect(try ledger.confirmPending(in: week12, by: "积分管理小组", at: moment("2026-03-23 10:00")).isEmpty)
    }

    @Test func aBatchNamingAnEntryOutsideTheWeekChangesNothing() throws {
        var ledger = try ledgerWithDeclarations()
        let before = ledger
        let week12 = Period(.week, containing: day("2026-03-18"))
        let error = #expect(throws: PointsError.self) {
            try ledger.confirmPending(
                in: week12, by: "积分管理小组", at: moment("2026-03-23 09:00"), rejecting: ["w13a": "重复"])
        }
        #expect(error?.message == "以下记录不在本期待确认记录中：w13a")
        #expect(ledger == before)
        #expect(throws: PointsError.missingField("不通过的原因")) {
            try ledger.confirmPending(
                in: week12, by: "积分管理小组", at: moment("2026-03-23 09:00"), rejecting: ["w12a": " "])
        }
        #expect(ledger == before)
    }

    @Test func aWholeWeekCanBeRejectedWithOneReason() throws {
        var ledger = try ledgerWithDeclarations()
        let changes = try ledger.rejectPending(
            in: Period(.week, containing: day("2026-03-16")), by: "积分管理小组", at: moment("2026-03-23 09:00"),
            reason: "签到表遗失，请重新申报")
        #expect(changes.count == 3 && changes.allSatisfy { $0.to == .rejected })
    }

    @Test func singleDecisionsNeedAReasonToRejectAndHappenOnce() throws {
        var ledger = try ledgerWithDeclarations()
        #expect(throws: PointsError.missingField("不通过的原因")) {
            try ledger.reject("w12a", by: "积分管理小组", at: moment("2026-03-19 09:00"), reason: "")
        }
        let confirmed = try ledger.confirm("w12a", by: "积分管理小组", at: moment("2026-03-19 09:00"))
        #expect(confirmed.decision?.at == moment("2026-03-19 09:00"))
        let again = #expect(throws: PointsError.self) {
            try ledger.reject("w12a", by: "积分管理小组", at: moment("2026-03-19 10:00"), reason: "误点")
        }
        #expect(again?.message == "积分记录「w12a」已确认，不是待确认状态，不能再审核")
        #expect(throws: PointsError.unknownEntry("nope")) {
            try ledger.confirm("nope", by: "积分管理小组", at: moment("2026-03-19 09:00"))
        }
    }

    @Test func revokingAConfirmedEntryStopsItCounting() throws {
        var ledger = try ledgerWithDeclarations()
        try ledger.confirm("w12a", by: "积分管理小组", at: moment("2026-03-19 09:00"))
        let revoked = try ledger.revoke("w12a", by: "积分管理小组", at: moment("2026-03-25 09:00"), reason: "重复申报")
        #expect(revoked.status == .revoked)
        #expect(revoked.decisions.map(\.status) == [.confirmed, .revoked])
        #expect(ledger.balance(of: "张三", asOf: day("2026-03-31")) == 0)
        #expect(throws: PointsError.notConfirmed(entryID: "w12b", status: .pending)) {
            try ledger.revoke("w12b", by: "积分管理小组", at: moment("2026-03-25 09:00"), reason: "x")
        }
    }
}
