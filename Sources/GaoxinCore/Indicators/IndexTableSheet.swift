import Foundation

/// A problem of an uploaded sheet: the line (1 = the header), the column and what is wrong.
public struct SheetProblem: Hashable, Sendable {
    public let line: Int
    public let column: String
    public let message: String

    public init(line: Int, column: String, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// Every problem of a refused sheet (an `Error`, so a `Result` can carry it).
public struct SheetProblems: Error, Sendable {
    public let problems: [SheetProblem]
    public init(_ problems: [SheetProblem]) { self.problems = problems }
}

/// One data row of an uploaded sheet: its line in the file and its cells by header.
public struct SheetRow: Sendable {
    public let line: Int
    public let values: [String: String]

    public init(line: Int, values: [String: String]) {
        self.line = line
        self.values = values
    }
}

/// An evaluation table as a sheet an administrator fills in, one line per indicator with its
/// dimension (国家高新区综合评价: 创新能力和创业活跃度 20, 结构优化和产业价值链 20, 绿色发展和宜居包容性
/// 15, 开放创新和国际竞争力 15, 综合质效和持续创新力 30): weights in percent, dimension weights on
/// every line of the dimension (they must agree), indicator weights within the dimension.
public enum IndexTableSheet {
    public static let headers = ["维度编号", "维度名称", "维度权重", "指标编号", "指标名称", "单位", "指标权重", "方向"]

    /// The table the rows describe (each row's cells by header), or every problem found (nothing is
    /// half-read).
    public static func read(
        name: String, rows: [SheetRow], normalisation: Normalisation
    ) -> Result<IndexTable, SheetProblems> {
        var problems: [SheetProblem] = []
        var dimensions: [IndexDimension] = []
        var dimensionWeight: [String: Double] = [:]
        var indicators: [IndexIndicator] = []
        for row in rows {
            let number = row.line
            func cell(_ h: String) -> String { (row.values[h] ?? "").trimmingCharacters(in: .whitespaces) }
            func code(_ h: String) -> String? {
                let v = cell(h)
                guard !v.isEmpty, v.count <= 30,
                    v.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
                else {
                    problems.append(SheetProblem(line: number, column: h, message: "请填写 1–30 位英文字母、数字或下划线"))
                    return nil
                }
                return v
            }
            func text(_ h: String, max: Int, required: Bool = true) -> String? {
                let v = cell(h)
                if (required && v.isEmpty) || v.count > max {
                    problems.append(SheetProblem(line: number, column: h, message: "请填写，不超过 \(max) 个字"))
                    return nil
                }
                return v
            }
            func weight(_ h: String) -> Double? {
                let t = cell(h).replacingOccurrences(of: "%", with: "")
                guard t.count <= 12, let w = Double(t), w.isFinite, w >= 0, w <= 100 else {
                    problems.append(SheetProblem(line: number, column: h, message: "请填写 0–100 之间的百分数"))
                    return nil
                }
                return w
            }
            let direction: IndicatorDirection?
            switch cell("方向") {
            case "", "正向": direction = .higherIsBetter
            case "逆向": direction = .lowerIsBetter
            default:
                problems.append(SheetProblem(line: number, column: "方向", message: "请填写“正向”或“逆向”"))
                direction = nil
            }
            guard let dID = code("维度编号"), let dName = text("维度名称", max: 40), let dW = weight("维度权重"),
                let iID = code("指标编号"), let iName = text("指标名称", max: 60),
                let unit = text("单位", max: 10, required: false),
                let iW = weight("指标权重"), let direction
            else { continue }
            if let known = dimensionWeight[dID] {
                if known != dW {
                    problems.append(
                        SheetProblem(line: number, column: "维度权重", message: "维度“\(dName)”的权重与前面的行不一致"))
                }
            } else {
                dimensionWeight[dID] = dW
                dimensions.append(IndexDimension(id: dID, name: dName, weight: .same(dW)))
            }
            if indicators.contains(where: { $0.id == iID }) {
                problems.append(SheetProblem(line: number, column: "指标编号", message: "指标编号“\(iID)”重复"))
                continue
            }
            indicators.append(
                IndexIndicator(
                    id: iID, name: iName, dimension: dID, weight: .same(iW), direction: direction,
                    normalisation: normalisation, unit: unit))
        }
        if rows.isEmpty { problems.append(SheetProblem(line: 0, column: "", message: "没有指标行")) }
        guard problems.isEmpty else { return .failure(SheetProblems(problems)) }
        do {
            return .success(
                try IndexTable(
                    name: name, weighting: .nested, weightUnit: .percent, missingValues: .scoreZero,
                    dimensions: dimensions, indicators: indicators))
        } catch let error as IndexError {
            return .failure(SheetProblems([SheetProblem(line: 0, column: "权重", message: error.message)]))
        } catch {
            return .failure(SheetProblems([SheetProblem(line: 0, column: "", message: "\(error)")]))
        }
    }
}

/// Why a unit scored as it did: the indicators whose contribution is furthest above (pulled it up)
/// and below (pulled it down) the average of the units evaluated with it.
public struct ScoreExplanation: Hashable, Sendable {
    public struct Pull: Hashable, Sendable {
        public let indicatorID: String
        public let name: String
        /// Points of the total score above (+) or below (−) the average unit's.
        public let points: Double
    }
    public let up: [Pull]
    public let down: [Pull]

    /// Each subject's explanation, at most `limit` indicators each way.
    public static func explain(_ evaluation: IndexEvaluation, limit: Int = 2) -> [String: ScoreExplanation] {
        let n = Double(max(evaluation.results.count, 1))
        var mean: [String: Double] = [:]
        for r in evaluation.results {
            for i in r.indicators { mean[i.indicatorID, default: 0] += i.contribution / n }
        }
        var result: [String: ScoreExplanation] = [:]
        for r in evaluation.results {
            let pulls = r.indicators.map {
                Pull(indicatorID: $0.indicatorID, name: $0.name, points: $0.contribution - (mean[$0.indicatorID] ?? 0))
            }
            result[r.subject] = ScoreExplanation(
                up: Array(pulls.filter { $0.points > 1e-9 }.sorted { $0.points > $1.points }.prefix(limit)),
                down: Array(pulls.filter { $0.points < -1e-9 }.sorted { $0.points < $1.points }.prefix(limit)))
        }
        return result
    }
}
