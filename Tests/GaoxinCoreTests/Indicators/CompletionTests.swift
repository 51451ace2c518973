import GaoxinCore
import Testing

@Suite struct CompletionTests {
    @Test func completionIsActualOverTarget() {
        // 宝鸡: 157.6亿 到位资金 was 55.49% of the year's task.
        let c = Completion(actual: 157.6, target: 284)
        #expect(c.text == "完成 55.49%")
        #expect(c.isMet == false)
        #expect(Completion(actual: 300, target: 284).isMet == true)
        #expect(Completion(actual: -10, target: 100).rate == .defined(-0.1))
    }

    @Test func aZeroTargetHasNoRateButStillSaysWhetherItWasMet() {
        let c = Completion(actual: 5, target: 0)
        #expect(c.rate == .undefined(.targetZero))
        #expect(c.isMet == true)
        #expect(c.text == "目标为零，完成率无意义（已达到目标）")
        #expect(Completion(actual: 0, target: 0).isMet == true)
        #expect(Completion(actual: -1, target: 0).isMet == false)
    }

    @Test func aNegativeTargetIsComparedNotDivided() {
        // Keep the loss within 100: −80 meets it although −80 ÷ −100 would read as "80%".
        let c = Completion(actual: -80, target: -100)
        #expect(c.rate == .undefined(.targetNegative))
        #expect(c.isMet == true)
        #expect(Completion(actual: -120, target: -100).isMet == false)
    }

    @Test func missingNumbersSaySo() {
        #expect(Completion(actual: nil, target: 100).rate == .undefined(.actualMissing))
        #expect(Completion(actual: 5, target: nil).rate == .undefined(.targetMissing))
        #expect(Completion(actual: 5, target: nil).isMet == nil)
        #expect(Completion(actual: 5, target: nil).text == "未设目标，无法计算完成率")
    }
}
