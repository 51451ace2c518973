/// The checks of what staff type into the catalogue: a material of a 一件事's list and a 一件事
/// itself. Each field's problem comes back in Chinese on the field's name, all at once.
public enum CatalogueCheck {
    public static let maxCopies = 20
    public static let maxBundleItems = 20

    /// 实施编码 and 一件事编码: letters, digits and hyphens (national codes are digits, local ones
    /// carry letters), up to 40.
    public static func codeProblem(_ code: String, field: String, label: String) -> ServiceProblem? {
        if code.isEmpty { return .init(field: field, message: "\(label)：请填写") }
        if code.count > 40 { return .init(field: field, message: "\(label)：不能超过 40 个字符") }
        let allowed = code.unicodeScalars.allSatisfy {
            ("0"..."9").contains($0) || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || $0 == "-"
        }
        return allowed ? nil : .init(field: field, message: "\(label)：只能由字母、数字和连字符组成")
    }

    static func text(_ value: String, field: String, label: String, max: Int, into found: inout [ServiceProblem]) {
        if value.allSatisfy(\.isWhitespace) {
            found.append(.init(field: field, message: "\(label)：请填写"))
        } else if value.count > max {
            found.append(.init(field: field, message: "\(label)：不能超过 \(max) 个字（现有 \(value.count) 个字）"))
        }
    }

    /// A material (名称, 形式, 份数, 来源渠道, 受理标准): every text filled and bounded, 1–20 copies
    /// (`copies` nil when what was typed is not a number).
    public static func materialProblems(
        name: String, form: String, copies: Int?, source: String, standard: String
    ) -> [ServiceProblem] {
        var found: [ServiceProblem] = []
        text(name, field: "name", label: "材料名称", max: 100, into: &found)
        text(form, field: "form", label: "材料形式", max: 30, into: &found)
        if !(copies.map { (1...maxCopies).contains($0) } ?? false) {
            found.append(.init(field: "copies", message: "份数：应为 1 到 \(maxCopies) 之间的整数"))
        }
        text(source, field: "source", label: "来源渠道", max: 60, into: &found)
        text(standard, field: "standard", label: "受理标准", max: 500, into: &found)
        return found
    }

    /// A 一件事 (名称, 简介, the life event and its 个人/企业 side, its items): one to 20 distinct
    /// items, the life event of the chosen side.
    public static func bundleProblems(
        name: String, summary: String, audience: ServiceAudience?, lifeEvent: LifeEvent?, itemCount: Int,
        distinctItems: Int
    ) -> [ServiceProblem] {
        var found: [ServiceProblem] = []
        text(name, field: "name", label: "“一件事”名称", max: 100, into: &found)
        text(summary, field: "summary", label: "简介", max: 500, into: &found)
        if audience == nil { found.append(.init(field: "audience", message: "服务对象：请选择个人或企业")) }
        if let lifeEvent, let audience, lifeEvent.audience != audience {
            found.append(.init(field: "life_event", message: "主题：“\(lifeEvent.label)”不属于\(audience.label)的主题"))
        } else if lifeEvent == nil {
            found.append(.init(field: "life_event", message: "主题：请选择"))
        }
        if itemCount == 0 {
            found.append(.init(field: "items", message: "包含事项：请至少选择一个事项"))
        } else if itemCount > maxBundleItems {
            found.append(.init(field: "items", message: "包含事项：一件事最多包含 \(maxBundleItems) 个事项"))
        } else if distinctItems != itemCount {
            found.append(.init(field: "items", message: "包含事项：同一事项不能重复选择"))
        }
        return found
    }

    /// A 一件事's limits: the longest of its items' legal and promised limits (it is finished when
    /// its slowest item is).
    public static func bundleLimits(_ items: [ServiceLimits]) -> ServiceLimits {
        ServiceLimits(
            legalDays: items.map(\.legalDays).max() ?? 0, promisedDays: items.map(\.promisedDays).max() ?? 0)
    }
}
