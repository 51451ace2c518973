import Foundation

/// The 企业创新积分制 indicator table as data: an `IndexTable` (groups 技术创新/成长经营/辅助, weights
/// per stage 初创期/成长期/稳定期, normalisation such as percentile rank within the zone) plus, for
/// each indicator, where its value comes from in the enterprise record: a field, or a JSONLogic
/// expression over the record. A zone may add indicators and change weights by editing the file.
public struct InnovationPointsTable: Sendable {
    public enum Source: Sendable {
        case field(String)
        case expression(JSONLogicRule)
    }

    public let table: IndexTable
    public let basis: String?
    public let note: String?
    /// Indicator id → where its value comes from.
    public let sources: [String: Source]
    public let catalogue: FieldCatalogue
    /// A stable digest of the file the table was read from (0 when built in code): stored rankings
    /// made with another table are recomputed, as after a criterion's edit.
    public private(set) var digest: Int64 = 0

    public var name: String { table.name }

    public init(
        table: IndexTable, sources: [String: Source], basis: String? = nil, note: String? = nil,
        catalogue: FieldCatalogue = EnterpriseFieldCatalogue.catalogue
    ) throws(CriterionError) {
        for indicator in table.indicators {
            guard let source = sources[indicator.id] else {
                throw CriterionError(
                    source: table.name, part: "indicators", message: "指标「\(indicator.name)」没有给出取值来源（field 或 expression）"
                )
            }
            switch source {
            case .field(let field) where catalogue[field] == nil:
                throw CriterionError(
                    source: table.name, part: "indicators", message: "指标「\(indicator.name)」读取的字段「\(field)」不在字段目录中")
            case .expression(let rule):
                do {
                    try catalogue.check(rule)
                } catch {
                    throw CriterionError(
                        source: table.name, part: "indicators", message: "指标「\(indicator.name)」的表达式有误：\(error.reason)")
                }
            default: break
            }
        }
        let known = GrowthStage.allCases.map(\.label)
        if let stray = table.stages.first(where: { !known.contains($0) }) {
            throw CriterionError(
                source: table.name, part: "stages",
                message: "发展阶段「\(stray)」不是 \(known.joined(separator: "、")) 之一（企业按这三个阶段取权重）")
        }
        self.table = table
        self.sources = sources
        self.basis = basis
        self.note = note
        self.catalogue = catalogue
    }

    /// Reads a table file: the `IndexTable` members plus `field` or `expression` on each indicator.
    public init(
        json data: Data, source: String? = nil, catalogue: FieldCatalogue = EnterpriseFieldCatalogue.catalogue
    ) throws(CriterionError) {
        let table: IndexTable
        let envelope: Envelope
        do {
            let decoder = JSONDecoder()
            envelope = try decoder.decode(Envelope.self, from: data)
            table = try decoder.decode(IndexTable.self, from: data)
        } catch {
            throw CriterionError.decoding(error, source: source)
        }
        var sources: [String: Source] = [:]
        for (i, spec) in envelope.indicators.enumerated() {
            let part = "indicators[\(i)]"
            switch (spec.field, spec.expression) {
            case (let field?, nil):
                sources[spec.id] = .field(field)
            case (nil, let expression?):
                do {
                    sources[spec.id] = .expression(try JSONLogicRule(expression.value))
                } catch {
                    throw CriterionError(
                        source: source, part: part + ".expression", message: "指标「\(spec.id)」的表达式有误：\(error.reason)")
                }
            default:
                throw CriterionError(
                    source: source, part: part, message: "指标「\(spec.id)」应给出 field 或 expression 之一（且只能给一个）")
            }
        }
        do {
            try self.init(
                table: table, sources: sources, basis: envelope.basis, note: envelope.note, catalogue: catalogue)
        } catch {
            throw CriterionError(source: source ?? error.source, part: error.part, message: error.message)
        }
        var digest = StableDigest()
        digest.add(String(decoding: data, as: UTF8.self))
        self.digest = digest.value
    }

    /// The default table shipped in `CriteriaData/InnovationPoints/`.
    public static func bundled() throws(CriterionError) -> InnovationPointsTable {
        let name = "innovation-points.json"
        guard
            let url = Bundle.module.url(
                forResource: "innovation-points", withExtension: "json", subdirectory: "CriteriaData/InnovationPoints")
        else { throw CriterionError(source: name, message: "程序包内缺少内置的创新积分指标表") }
        do {
            return try InnovationPointsTable(json: try Data(contentsOf: url), source: name)
        } catch let error as CriterionError {
            throw error
        } catch {
            throw CriterionError(source: name, message: "无法读取文件（\(error.localizedDescription)）")
        }
    }

    /// The value of one indicator for a record; nil when missing or not a finite number.
    func value(_ indicatorID: String, in record: JSONValue) -> Double? {
        let value: JSONValue? =
            switch sources[indicatorID] {
            case .field(let field)?: RuleReading.lookUp(field, in: record)
            case .expression(let rule)?: rule.evaluate(record)
            case nil: nil
            }
        guard case .number(let n)? = value, n.isFinite else { return nil }
        return n
    }

    private struct Envelope: Decodable {
        struct Spec: Decodable {
            let id: String
            let field: String?
            let expression: CodableJSON?
        }

        let basis: String?
        let note: String?
        let indicators: [Spec]
    }
}
