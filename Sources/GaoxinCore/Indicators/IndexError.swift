import Foundation

/// Why an index table, a grade scale or an evaluation's input was refused. `message` is for pages.
public enum IndexError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// A structural problem of the table (ids, stages, references), already worded.
    case invalidTable(String)
    /// Weights that do not add up: where, for which stage, what they add up to, in the table's unit.
    case weightsDoNotSum(scope: String, stage: String?, sum: Double, unit: WeightUnit)
    case invalidBands(indicator: String?, problem: String)
    case invalidGradeScale(String)
    case duplicateSubject(String)
    case missingStage(subject: String, stages: [String])
    case unknownStage(subject: String, stage: String, stages: [String])
    case notFinite(subject: String, indicator: String)

    public var message: String {
        switch self {
        case .invalidTable(let problem):
            return "指标表有误：\(problem)"
        case .weightsDoNotSum(let scope, let stage, let sum, let unit):
            let stageText = stage.map { "（\($0)）" } ?? ""
            return "\(scope)权重之和\(stageText)为 \(unit.text(sum))，应为 \(unit.text(1))"
        case .invalidBands(let indicator, let problem):
            return indicator.map { "指标「\($0)」的分档表有误：\(problem)" } ?? "分档表有误：\(problem)"
        case .invalidGradeScale(let problem):
            return "等次设置有误：\(problem)"
        case .duplicateSubject(let id):
            return "评价对象「\(id)」重复出现"
        case .missingStage(let subject, let stages):
            return "评价对象「\(subject)」未设发展阶段（应为 \(stages.joined(separator: "、")) 之一）"
        case .unknownStage(let subject, let stage, let stages):
            return "评价对象「\(subject)」的发展阶段「\(stage)」不在指标表中（应为 \(stages.joined(separator: "、")) 之一）"
        case .notFinite(let subject, let indicator):
            return "评价对象「\(subject)」的指标「\(indicator)」不是有效数字"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
