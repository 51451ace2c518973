import Foundation

/// Why the ledger refused a change. `message` is the sentence a page shows.
public enum PointsError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    case missingField(String)
    case invalidItem(String, String)
    case duplicateItem(String)
    case unknownItem(String)
    case inactiveItem(String)
    case duplicateEntry(String)
    case unknownEntry(String)
    case zeroPoints
    /// Item name, the item's standard points, the points given.
    case signMismatch(item: String, itemPoints: Int, given: Int)
    case capExceeded(CapExceeded)
    case notPending(entryID: String, status: PointsEntryStatus)
    case notConfirmed(entryID: String, status: PointsEntryStatus)
    case notCorrectable(entryID: String, status: PointsEntryStatus)
    case unknownRejections([String])
    case wrongPeriodKind(expected: PeriodKind, got: Period)
    case alreadyPublished(month: Period, version: Int)
    case notYetPublished(Period)
    case rewardsAlreadyRecorded(Period)
    case invalidRewardScheme(String)

    /// The numbers behind a cap refusal, so a page can show them next to the form too.
    public struct CapExceeded: Equatable, Sendable {
        public let item: String
        public let cap: PointsCap
        public let period: Period
        /// Points of this item already pending or confirmed for the subject in `period`.
        public let used: Int
        public let requested: Int
        public var remaining: Int { max(0, cap.maxPoints - used) }
    }

    public var message: String {
        switch self {
        case .missingField(let field):
            return "\(field)不能为空"
        case .invalidItem(let name, let problem):
            return "积分事项「\(name)」\(problem)"
        case .duplicateItem(let id):
            return "积分事项编号「\(id)」已存在"
        case .unknownItem(let id):
            return "没有编号为「\(id)」的积分事项"
        case .inactiveItem(let name):
            return "积分事项「\(name)」已停用，不能再记分"
        case .duplicateEntry(let id):
            return "积分记录编号「\(id)」已存在"
        case .unknownEntry(let id):
            return "没有编号为「\(id)」的积分记录"
        case .zeroPoints:
            return "分值不能为 0"
        case .signMismatch(let item, let itemPoints, let given):
            return itemPoints > 0
                ? "「\(item)」是加分事项，分值应为正数（填写的是 \(given)）"
                : "「\(item)」是扣分事项，分值应为负数（填写的是 \(given)）"
        case .capExceeded(let c):
            let verb = c.requested < 0 ? "扣" : "计"
            return "「\(c.item)」\(c.cap.label)：\(c.period.label)已\(verb) \(c.used) 分（含待确认），"
                + "还可\(verb) \(c.remaining) 分，本次 \(abs(c.requested)) 分超出上限"
        case .notPending(let id, let status):
            return "积分记录「\(id)」\(status.label)，不是待确认状态，不能再审核"
        case .notConfirmed(let id, let status):
            return "积分记录「\(id)」\(status.label)，只有已确认的记录可以撤销"
        case .notCorrectable(let id, let status):
            return "积分记录「\(id)」\(status.label)，不能更正分值"
        case .unknownRejections(let ids):
            return "以下记录不在本期待确认记录中：\(ids.joined(separator: "、"))"
        case .wrongPeriodKind(let expected, let got):
            return "需要按\(expected.label)选择期间，收到的是「\(got.label)」"
        case .alreadyPublished(let month, let version):
            return "\(month.label)积分榜已公布（第 \(version) 版），如需更正请重新发布新版本并说明原因"
        case .notYetPublished(let month):
            return "\(month.label)积分榜尚未公布，不能重新发布"
        case .rewardsAlreadyRecorded(let quarter):
            return "\(quarter.label)的奖励已登记，不能重复登记"
        case .invalidRewardScheme(let problem):
            return "奖励档次设置有误：\(problem)"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
