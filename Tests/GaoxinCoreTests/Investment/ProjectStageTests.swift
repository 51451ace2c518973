import GaoxinCore
import Testing

@Suite struct ProjectStageTests {
    let today = Day("2026-11-30")!

    func problems(_ from: ProjectStage, since: String, _ move: StageMove) -> [String] {
        ProjectStageMachine.problems(from: from, since: Day(since)!, move: move, today: today).map(\.field)
    }

    @Test func movesGoToTheNextStageOnly() {
        #expect(problems(.lead, since: "2026-01-05", StageMove(to: .talks, on: Day("2026-01-05")!)).isEmpty)
        #expect(
            problems(
                .talks, since: "2026-01-05",
                StageMove(to: .registered, on: Day("2026-02-01")!, enterpriseInRegistry: true)) == ["stage"])
        #expect(problems(.signed, since: "2026-01-05", StageMove(to: .talks, on: Day("2026-02-01")!)) == ["stage"])
        #expect(ProjectStage.line.compactMap(\.next) == Array(ProjectStage.line.dropFirst()))
        #expect(ProjectStage.producing.next == nil)
    }

    @Test func datesMayNotGoBackOrIntoTheFuture() {
        let back = ProjectStageMachine.problems(
            from: .started, since: Day("2026-05-01")!, move: StageMove(to: .completed, on: Day("2026-04-30")!),
            today: today)
        #expect(back.map(\.field) == ["on"])
        #expect(back[0].message.contains("早于上一阶段“开工”的日期 2026-05-01"))
        #expect(problems(.started, since: "2026-05-01", StageMove(to: .completed, on: Day("2026-05-01")!)).isEmpty)
        #expect(problems(.started, since: "2026-05-01", StageMove(to: .completed, on: Day("2026-12-01")!)) == ["on"])
    }

    @Test func signingNeedsAnAgreedInvestmentAndRegistrationAnEnterprise() {
        let on = Day("2026-03-01")!
        #expect(problems(.talks, since: "2026-01-01", StageMove(to: .signed, on: on)) == ["agreed_investment"])
        #expect(
            problems(.talks, since: "2026-01-01", StageMove(to: .signed, on: on, agreedInvestment: 0)) == [
                "agreed_investment"
            ])
        #expect(
            problems(.talks, since: "2026-01-01", StageMove(to: .signed, on: on, agreedInvestment: -5)) == [
                "agreed_investment"
            ])
        #expect(
            problems(.talks, since: "2026-01-01", StageMove(to: .signed, on: on, agreedInvestment: Int64.max))
                == ["agreed_investment"])
        #expect(problems(.talks, since: "2026-01-01", StageMove(to: .signed, on: on, agreedInvestment: 50_000)).isEmpty)
        #expect(problems(.signed, since: "2026-01-01", StageMove(to: .registered, on: on)) == ["enterprise"])
        #expect(
            problems(.signed, since: "2026-01-01", StageMove(to: .registered, on: on, enterpriseInRegistry: true))
                .isEmpty)
    }

    @Test func terminationNeedsAReasonAndFinalStagesDoNotMove() {
        let on = Day("2026-03-01")!
        #expect(problems(.talks, since: "2026-01-01", StageMove(to: .terminated, on: on, reason: "  ")) == ["reason"])
        #expect(problems(.talks, since: "2026-01-01", StageMove(to: .terminated, on: on, reason: "投资方资金链断裂")).isEmpty)
        #expect(problems(.producing, since: "2026-01-01", StageMove(to: .terminated, on: on, reason: "x")) == ["stage"])
        #expect(problems(.terminated, since: "2026-01-01", StageMove(to: .talks, on: on)) == ["stage"])
        #expect(ProjectStage.completed.hasReached(.signed))
        #expect(!ProjectStage.terminated.hasReached(.lead))
    }
}

@Suite struct InvestmentTargetTests {
    @Test func baojiHalfYearFundsPassDoubleHalf() {
        // 宝鸡: 到位资金 157.6 亿元 = 55.49% of the year's 284 亿元 at mid-year.
        let p = TargetProgress(
            kind: .fundsInPlace, target: 2_840_000, actual: 2_900_000, halfYearActual: 1_576_000, at: Day("2026-11-30")!
        )
        let half = try! #require(p.doubleHalf)
        #expect(half.isAchieved)
        #expect(half.completion.text == "完成 55.49%")
        #expect(half.timeProgress.text == "时间进度 50.0%（6/12 个月）")
        #expect(TargetProgress.amountText(1_576_000, kind: .fundsInPlace) == "157.6 亿元")
        #expect(TargetProgress.amountText(9_000, kind: .fundsInPlace) == "9000 万元")
        // 外商直接投资 1590 万美元 = 227.14% of 700.
        #expect(TargetProgress.amountText(1_590, kind: .foreignInvestment) == "1590 万美元")
        #expect(Completion(actual: 1_590, target: 700).text == "完成 227.14%")
        #expect(p.isOnPace)
    }

    @Test func belowHalfFailsAndBeforeMidYearThereIsNoTest() {
        let p = TargetProgress(kind: .newProjects, target: 40, actual: 30, halfYearActual: 19, at: Day("2026-07-01")!)
        #expect(p.doubleHalf?.isAchieved == false)
        #expect(p.doubleHalf?.text.contains("未过半") == true)
        let early = TargetProgress(
            kind: .newProjects, target: 40, actual: 10, halfYearActual: 10, at: Day("2026-06-29")!)
        #expect(early.doubleHalf == nil)
        // Month end counts: June 30 is 6/12.
        #expect(
            TargetProgress(kind: .started, target: 10, actual: 5, halfYearActual: 5, at: Day("2026-06-30")!).doubleHalf?
                .isAchieved == true)
    }

    @Test func zeroNegativeAndHugeTargetsAreRefused() {
        #expect(InvestmentTargetKind.fundsInPlace.problem(target: 0) == "到位资金目标必须大于 0")
        #expect(InvestmentTargetKind.started.problem(target: -3) == "新开工项目目标必须大于 0")
        #expect(InvestmentTargetKind.started.problem(target: 2_000_000) != nil)
        #expect(InvestmentTargetKind.fundsInPlace.problem(target: 2_840_000) == nil)
    }
}

@Suite struct IndustrialChainTests {
    @Test func tasksPastTheirDateAreOverdueUnlessDone() {
        let today = Day("2026-12-01")!
        #expect(ChainTaskStatus(dueOn: Day("2026-11-30")!, doneOn: nil, today: today) == .overdue)
        #expect(ChainTaskStatus(dueOn: Day("2026-12-01")!, doneOn: nil, today: today) == .open)
        #expect(ChainTaskStatus(dueOn: Day("2026-11-30")!, doneOn: Day("2026-12-01")!, today: today) == .done)
    }

    @Test func theMapPutsEachSegmentInItsColumn() {
        let layout = ChainMapLayout(segments: [.upstream, .midstream, .upstream, .downstream])
        #expect(layout.boxes.map(\.x) == [20, 260, 20, 500])
        #expect(layout.boxes.map(\.y) == [40, 40, 104, 40])
        #expect(layout.height == 40 + 2 * 64 + 10)
        #expect(ChainMapLayout(segments: []).height == 40 + 64 + 10)
    }
}
