import Foundation

/// Checks a criterion definition part by part and compiles its rules; every refusal names the part.
struct CriterionCompiler {
    let definition: CriterionDefinition
    let catalogue: FieldCatalogue

    private func fail(_ part: String, _ message: String) -> CriterionError {
        CriterionError(source: definition.code.isEmpty ? nil : definition.code, part: part, message: message)
    }

    mutating func compile() throws(CriterionError) -> (
        conditions: [CompiledCondition], directConditions: [CompiledCondition], items: [CompiledItem]
    ) {
        let d = definition
        guard !d.code.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("code", "认定条件缺少编号（code）") }
        guard !d.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("name", "认定条件缺少名称（name）") }
        guard !(d.conditions.isEmpty && d.scoring.isEmpty && d.directConditions.isEmpty) else {
            throw fail("", "「\(d.name)」没有任何条件、评分项或直接认定条件")
        }
        if let kind = d.certifies, CertificationKind(rawValue: kind) == nil {
            let known = CertificationKind.allCases.map(\.rawValue).joined(separator: "、")
            throw fail("certifies", "certifies 的值「\(kind)」不是已知的资质类型（可用：\(known)）")
        }
        var seen = Set<String>()
        let conditions = try compileConditions(d.conditions, key: "conditions", kind: "条件", seen: &seen)
        let directs = try compileConditions(d.directConditions, key: "directConditions", kind: "直接认定条件", seen: &seen)
        let items = try compileItems()
        try checkScoreRequirements()
        return (conditions, directs, items)
    }

    private func compileConditions(
        _ list: [CriterionCondition], key: String, kind: String, seen: inout Set<String>
    ) throws(CriterionError) -> [CompiledCondition] {
        var compiled: [CompiledCondition] = []
        for (i, condition) in list.enumerated() {
            let part = "\(key)[\(i)]"
            guard !condition.code.isEmpty else { throw fail(part + ".code", "第 \(i + 1) 个\(kind)缺少编号（code）") }
            guard seen.insert(condition.code).inserted else { throw fail(part + ".code", "条件编号「\(condition.code)」重复") }
            guard !condition.label.isEmpty else { throw fail(part + ".label", "\(kind)「\(condition.code)」缺少说明（label）") }
            let rule = try compileRule(condition.rule, part: part + ".rule", owner: "\(kind)「\(condition.label)」")
            compiled.append(CompiledCondition(definition: condition, rule: rule))
        }
        return compiled
    }

    private func compileRule(_ json: JSONValue, part: String, owner: String) throws(CriterionError) -> JSONLogicRule {
        do {
            let rule = try JSONLogicRule(json)
            try catalogue.check(rule)
            return rule
        } catch {
            throw fail(part + error.pointer.replacingOccurrences(of: "/", with: "."), "\(owner)的规则有误：\(error.reason)")
        }
    }

    private func compileItems() throws(CriterionError) -> [CompiledItem] {
        var seen = Set<String>()
        let groups = Set(definition.groups.map(\.code))
        var compiled: [CompiledItem] = []
        for (i, item) in definition.scoring.enumerated() {
            let part = "scoring[\(i)]"
            guard !item.code.isEmpty else { throw fail(part + ".code", "第 \(i + 1) 个评分项缺少编号（code）") }
            guard seen.insert(item.code).inserted else { throw fail(part + ".code", "评分项编号「\(item.code)」重复") }
            let name = "评分项「\(item.label.isEmpty ? item.code : item.label)」"
            guard item.maxPoints.isFinite, item.maxPoints > 0 else {
                throw fail(part + ".maxPoints", "\(name)的满分应大于 0（填写为 \(item.maxPoints)）")
            }
            if let group = item.group, !groups.contains(group) {
                throw fail(part + ".group", "\(name)所属分组「\(group)」未在 groups 中定义")
            }
            let method: CompiledItem.Method
            switch item.method {
            case .bands(let source):
                method = .bands([try compileBands(source, part: part + ".bands", owner: name, outOf: item.maxPoints)])
            case .higherOf(let sources):
                guard !sources.isEmpty else { throw fail(part + ".higherOf", "\(name)的 higherOf 至少要有一个分档表") }
                var tables: [CompiledBands] = []
                for (j, source) in sources.enumerated() {
                    tables.append(
                        try compileBands(source, part: part + ".higherOf[\(j)]", owner: name, outOf: item.maxPoints))
                }
                method = .bands(tables)
            case .rule(let json):
                method = .rule(try compileRule(json, part: part + ".rule", owner: name))
            }
            compiled.append(CompiledItem(definition: item, method: method))
        }
        return compiled
    }

    private func compileBands(
        _ source: BandSource, part: String, owner: String, outOf: Double
    ) throws(CriterionError) -> CompiledBands {
        guard catalogue[source.field] != nil else {
            throw fail(part + ".field", "\(owner)读取的字段「\(source.field)」不在字段目录中")
        }
        let table: BandTable
        do {
            table = try BandTable(source.bands, boundary: source.boundary, outOf: outOf)
        } catch let IndexError.invalidBands(_, problem) {
            throw fail(part + ".bands", "\(owner)的分档表有误：\(problem)")
        } catch {
            throw fail(part + ".bands", "\(owner)的分档表有误：\(error)")
        }
        let edges = Set(source.bands.compactMap(\.from))
        if let stray = source.strictEdges.first(where: { !edges.contains($0) }) {
            throw fail(part + ".strictEdges", "\(owner)的严格边界 \(FieldCatalogue.plain(.number(stray))) 不是任何一档的下限")
        }
        return CompiledBands(source: source, table: table)
    }

    private func checkScoreRequirements() throws(CriterionError) {
        let d = definition
        var seen = Set<String>()
        for (i, group) in d.groups.enumerated() {
            let part = "groups[\(i)]"
            guard seen.insert(group.code).inserted else { throw fail(part + ".code", "分组编号「\(group.code)」重复") }
            let own = d.scoring.filter { $0.group == group.code }
            guard !own.isEmpty else { throw fail(part, "分组「\(group.label)」下没有评分项") }
            let most = own.reduce(0) { $0 + $1.maxPoints }
            if let minimum = group.minimum, !(minimum >= 0 && minimum <= most) {
                throw fail(
                    part + ".minimum",
                    "分组「\(group.label)」的最低分 \(Self.points(minimum)) 应在 0 到该组满分 \(Self.points(most)) 之间")
            }
        }
        if let minimum = d.minimumScore {
            guard !d.scoring.isEmpty else { throw fail("minimumScore", "设了最低总分，但没有评分项") }
            let most = d.scoring.reduce(0) { $0 + $1.maxPoints }
            guard minimum >= 0, minimum <= most else {
                throw fail("minimumScore", "最低总分 \(Self.points(minimum)) 应在 0 到各评分项满分之和 \(Self.points(most)) 之间")
            }
        }
        let codes = Set(d.scoring.map(\.code))
        for (i, code) in d.nonZeroItems.enumerated() where !codes.contains(code) {
            throw fail("nonZeroItems[\(i)]", "nonZeroItems 中的「\(code)」不是评分项编号")
        }
    }

    static func points(_ value: Double) -> String { FieldCatalogue.decimal(value, decimals: 2) }
}
