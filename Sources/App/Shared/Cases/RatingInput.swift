import GaoxinCore

/// A 好差评 form as typed (level and comment), checked the same way for every case type: a level
/// from the five, a comment of at most 500 characters, and a reason whenever the rating is negative
/// (the department follows it up).
struct RatingInput {
    let level: RatingLevel?
    let comment: String
    /// The online facets (整体满意度, 办事效率, 办事指南精确度, 办事便捷度, 平台操作性), each 1–5, each
    /// optional: a window 一次一评 gives the level only.
    private(set) var facets: [RatingFacet: Int] = [:]
    private(set) var errors = FormErrors()

    init(_ form: FormData) {
        comment = form["comment"]
        level = RatingLevel(rawValue: form["level"])
        for facet in RatingFacet.allCases {
            let text = form["facet_\(facet.rawValue)"]
            guard !text.isEmpty else { continue }
            if text.count <= 1, let score = Int(text), RatingFacet.scores.contains(score) {
                facets[facet] = score
            } else {
                errors.add("facet_\(facet.rawValue)", "\(facet.label)：请选择 1 到 5 分")
            }
        }
        if level == nil { errors.add("level", "评价等级：请在非常满意、满意、基本满意、不满意、非常不满意中选择一项") }
        if comment.count > 500 { errors.add("comment", "评价意见：不能超过 500 个字") }
        if level?.isNegative == true, comment.isEmpty { errors.add("comment", "评价意见：选择不满意时请写明原因，便于部门回访整改") }
    }

    /// The five levels for the form's select, the typed one chosen.
    static func levels(selected: RatingLevel? = nil) -> [SelectOption] {
        RatingLevel.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == selected) }
    }

    /// The facet selects of the online 一事一评 form, each 1–5 or not given.
    static func facetFields(_ chosen: [RatingFacet: Int] = [:]) -> [RatingFacetField] {
        RatingFacet.allCases.map { facet in
            RatingFacetField(
                name: "facet_\(facet.rawValue)", label: facet.label,
                options: [SelectOption(value: "", label: "不评", selected: chosen[facet] == nil)]
                    + RatingFacet.scores.reversed().map {
                        SelectOption(value: String($0), label: "\($0) 分", selected: chosen[facet] == $0)
                    })
        }
    }

    /// Rates through `rate` (the module's service, which returns the 差评 follow-up it opened, if any)
    /// when the form is right, and returns the thank-you message for the flash. A wrong form, or the
    /// service's refusal (worded "评价未保存：…" on `level`), is a `Refusal` and nothing is saved.
    func rate(followUpBy unit: String, _ rate: (RatingLevel, String) async throws -> Int64?) async throws -> String {
        try await rateWithFacets(followUpBy: unit) { level, _, comment in try await rate(level, comment) }
    }

    /// The same, handing the facet scores on as well (types whose service keeps them).
    func rateWithFacets(
        followUpBy unit: String, _ rate: (RatingLevel, [RatingFacet: Int], String) async throws -> Int64?
    ) async throws -> String {
        guard let level, errors.isEmpty else { throw Refusal(errors) }
        let followUp = try await Refusal.worded("评价未保存：") { try await rate(level, facets, comment) }
        return followUp.map { "已评价“\(level.label)”。已转\(unit)回访整改（\(CaseRow.number($0, prefix: "HF"))）。" }
            ?? "已评价“\(level.label)”，感谢您的反馈。"
    }

    /// The form as typed with `errors`, for the page that shows it again.
    func refused(_ errors: FormErrors) -> RatingForm {
        RatingForm(level: level, comment: comment, errors: errors, facets: facets)
    }
}

/// One facet's select on the rating form.
struct RatingFacetField: Sendable {
    let name: String
    let label: String
    let options: [SelectOption]
}
