import GaoxinCore
import Testing

@Suite struct PointsEntryTests {
    @Test func declarationsWaitAndAwardsCountAtOnce() throws {
        var ledger = try communityLedger()
        let declared = try ledger.declare(
            id: "e1", subject: "王大妈", itemID: "volunteer", day: day("2026-03-16"), evidence: "社区义诊志愿者",
            attachments: ["files/sign-in-0316.jpg"], by: "王大妈", at: moment("2026-03-16 18:00"))
        #expect(declared.status == .pending)
        #expect(declared.points == 2)  // the item's standard points
        #expect(ledger.balance(of: "王大妈", asOf: day("2026-03-31")) == 0)

        let awarded = try ledger.award(
            id: "e2", subject: "王大妈", itemID: "cleanup", day: day("2026-03-17"), by: "网格员李",
            at: moment("2026-03-17 10:00"))
        #expect(awarded.status == .confirmed)
        #expect(awarded.decision?.by == "网格员李")
        #expect(ledger.balance(of: "王大妈", asOf: day("2026-03-31")) == 3)
    }

    @Test func capReachedMidMonthRefusesWithWhatIsLeft() throws {
        var ledger = try communityLedger()
        // 8 of the 10 March points used: three confirmed, one still pending (pending counts).
        for (i, d) in ["2026-03-02", "2026-03-05", "2026-03-09"].enumerated() {
            try ledger.award(
                id: "a\(i)", subject: "张三", itemID: "volunteer", day: day(d), by: "网格员", at: moment("\(d) 12:00"))
        }
        try ledger.declare(
            id: "p1", subject: "张三", itemID: "volunteer", day: day("2026-03-12"), by: "张三",
            at: moment("2026-03-12 20:00"))
        #expect(ledger.capUsage(subject: "张三", itemID: "volunteer", on: day("2026-03-20")) == 8)

        let refusal = #expect(throws: PointsError.self) {
            try ledger.declare(
                id: "p2", subject: "张三", itemID: "volunteer", points: 4, day: day("2026-03-20"), by: "张三",
                at: moment("2026-03-20 20:00"))
        }
        #expect(refusal?.message == "「志愿服务」每月最多 10 分：2026年3月已计 8 分（含待确认），还可计 2 分，本次 4 分超出上限")
        #expect(ledger.entry("p2") == nil)

        // Exactly up to the cap is fine; after that nothing more this month, but April starts afresh.
        try ledger.declare(
            id: "p3", subject: "张三", itemID: "volunteer", day: day("2026-03-21"), by: "张三",
            at: moment("2026-03-21 20:00"))
        #expect(throws: PointsError.self) {
            try ledger.declare(
                id: "p4", subject: "张三", itemID: "volunteer", day: day("2026-03-31"), by: "张三",
                at: moment("2026-03-31 20:00"))
        }
        try ledger.declare(
            id: "p5", subject: "张三", itemID: "volunteer", day: day("2026-04-01"), by: "张三",
            at: moment("2026-04-01 20:00"))
        // Another resident has their own cap.
        try ledger.declare(
            id: "p6", subject: "李四", itemID: "volunteer", day: day("2026-03-21"), by: "李四",
            at: moment("2026-03-21 20:00"))
    }

    @Test func rejectedDeclarationsFreeTheirShareOfTheCap() throws {
        var ledger = try communityLedger()
        for i in 0..<5 {
            try ledger.declare(
                id: "d\(i)", subject: "张三", itemID: "volunteer", day: day("2026-03-0\(i + 2)"), by: "张三",
                at: moment("2026-03-07 20:00"))
        }
        #expect(throws: PointsError.self) {
            try ledger.declare(
                id: "d5", subject: "张三", itemID: "volunteer", day: day("2026-03-10"), by: "张三",
                at: moment("2026-03-10 20:00"))
        }
        try ledger.reject("d0", by: "积分管理小组", at: moment("2026-03-09 09:00"), reason: "当天无活动记录")
        try ledger.declare(
            id: "d5", subject: "张三", itemID: "volunteer", day: day("2026-03-10"), by: "张三",
            at: moment("2026-03-10 20:00"))
        #expect(ledger.capUsage(subject: "张三", itemID: "volunteer", on: day("2026-03-10")) == 10)
    }

    @Test func negativeItemCapsLimitTheDeduction() throws {
        var ledger = try communityLedger()
        try ledger.award(
            id: "n1", subject: "赵五", itemID: "litter", day: day("2026-03-03"), by: "网格员", at: moment("2026-03-03 09:00")
        )
        try ledger.award(
            id: "n2", subject: "赵五", itemID: "litter", day: day("2026-03-04"), by: "网格员", at: moment("2026-03-04 09:00")
        )
        let refusal = #expect(throws: PointsError.self) {
            try ledger.award(
                id: "n3", subject: "赵五", itemID: "litter", day: day("2026-03-05"), by: "网格员",
                at: moment("2026-03-05 09:00"))
        }
        #expect(refusal?.message == "「乱扔垃圾」每月最多 4 分：2026年3月已扣 4 分（含待确认），还可扣 0 分，本次 2 分超出上限")
        #expect(ledger.balance(of: "赵五", asOf: day("2026-03-31")) == -4)
    }

    @Test func badEntriesAreRefusedInChinese() throws {
        var ledger = try communityLedger()
        let at = moment("2026-03-02 09:00")
        func message(_ body: () throws -> Void) -> String? {
            do {
                try body()
                return nil
            } catch let error as PointsError { return error.message } catch { return "\(error)" }
        }
        #expect(
            message {
                try ledger.declare(
                    id: "x", subject: "张三", itemID: "volunteer", points: -2, day: at.day, by: "张三", at: at)
            }
                == "「志愿服务」是加分事项，分值应为正数（填写的是 -2）")
        #expect(
            message {
                try ledger.award(id: "x", subject: "张三", itemID: "uncivil", points: 5, day: at.day, by: "网格员", at: at)
            }
                == "「不文明行为」是扣分事项，分值应为负数（填写的是 5）")
        #expect(
            message {
                try ledger.declare(id: "x", subject: "张三", itemID: "cleanup", points: 0, day: at.day, by: "张三", at: at)
            }
                == "分值不能为 0")
        #expect(
            message { try ledger.declare(id: "x", subject: "张三", itemID: "dance", day: at.day, by: "张三", at: at) }
                == "没有编号为「dance」的积分事项")
        #expect(
            message { try ledger.declare(id: "x", subject: " ", itemID: "cleanup", day: at.day, by: "张三", at: at) }
                == "积分对象不能为空")
        try ledger.declare(id: "x", subject: "张三", itemID: "cleanup", day: at.day, by: "张三", at: at)
        #expect(
            message { try ledger.declare(id: "x", subject: "张三", itemID: "cleanup", day: at.day, by: "张三", at: at) }
                == "积分记录编号「x」已存在")

        var retired = ledger.item("cleanup")!
        retired.isActive = false
        try ledger.updateItem(retired)
        #expect(
            message { try ledger.declare(id: "y", subject: "张三", itemID: "cleanup", day: at.day, by: "张三", at: at) }
                == "积分事项「人居环境整治」已停用，不能再记分")
        #expect(ledger.entry("x")?.status == .pending)  // history of a retired item stays
    }

    @Test func itemsAreCheckedWhenAdded() throws {
        var ledger = try communityLedger()
        #expect(throws: PointsError.invalidItem("打卡", "分值不能为 0")) {
            try ledger.addItem(PointsItem(id: "checkin", name: "打卡", category: "其他", points: 0))
        }
        #expect(throws: PointsError.duplicateItem("cleanup")) {
            try ledger.addItem(PointsItem(id: "cleanup", name: "清洁", category: "其他", points: 1))
        }
        #expect(throws: PointsError.invalidItem("义演", "上限必须大于 0")) {
            try ledger.addItem(
                PointsItem(id: "show", name: "义演", category: "其他", points: 1, cap: PointsCap(maxPoints: 0, per: .week)))
        }
    }

    @Test func correctionsKeepHistoryAndRespectTheCap() throws {
        var ledger = try communityLedger()
        try ledger.award(
            id: "a", subject: "张三", itemID: "volunteer", points: 6, day: day("2026-03-02"), by: "网格员",
            at: moment("2026-03-02 09:00"))
        try ledger.award(
            id: "b", subject: "张三", itemID: "volunteer", points: 2, day: day("2026-03-03"), by: "网格员",
            at: moment("2026-03-03 09:00"))
        #expect(throws: PointsError.self) {
            try ledger.correct("b", points: 6, by: "积分管理小组", at: moment("2026-03-04 09:00"), reason: "按时长计")
        }
        let corrected = try ledger.correct(
            "b", points: 4, by: "积分管理小组", at: moment("2026-03-04 09:00"), reason: "服务 2 小时")
        #expect(corrected.points == 4)
        #expect(corrected.corrections.map { [$0.from, $0.to] } == [[2, 4]])
        #expect(ledger.balance(of: "张三", asOf: day("2026-03-31")) == 10)
        #expect(throws: PointsError.missingField("更正原因")) {
            try ledger.correct("b", points: 2, by: "积分管理小组", at: moment("2026-03-04 09:00"), reason: "")
        }
    }
}
