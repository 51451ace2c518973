import GaoxinCore

/// A 好差评 form as typed (level and comment), checked the same way for every case type: a level
/// from the five, a comment of at most 500 characters, and a reason whenever the rating is negative
/// (the department follows it up).
struct RatingInput {
    let level: RatingLevel?
    let comment: String
    private(set) var errors = FormErrors()

    init(_ form: FormData) {
        comment = form["comment"]
        level = RatingLevel(rawValue: form["level"])
        if level == nil { errors.add("level", "评价等级：请在非常满意、满意、基本满意、不满意、非常不满意中选择一项") }
        if comment.count > 500 { errors.add("comment", "评价意见：不能超过 500 个字") }
        if level?.isNegative == true, comment.isEmpty { errors.add("comment", "评价意见：选择不满意时请写明原因，便于部门回访整改") }
    }

    /// The five levels for the form's select, the typed one chosen.
    static func levels(selected: RatingLevel? = nil) -> [SelectOption] {
        RatingLevel.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == selected) }
    }

    /// Rates through `rate` (the module's service, which returns the 差评 follow-up it opened, if any)
    /// when the form is right, and returns the thank-you message for the flash. A wrong form, or the
    /// service's refusal (worded "评价未保存：…" on `level`), is a `Refusal` and nothing is saved.
    func rate(followUpBy unit: String, _ rate: (RatingLevel, String) async throws -> Int64?) async throws -> String {
        guard let level, errors.isEmpty else { throw Refusal(errors) }
        let followUp = try await Refusal.worded("评价未保存：") { try await rate(level, comment) }
        return followUp.map { "已评价“\(level.label)”。已转\(unit)回访整改（\(CaseRow.number($0, prefix: "HF"))）。" }
            ?? "已评价“\(level.label)”，感谢您的反馈。"
    }

    /// The form as typed with `errors`, for the page that shows it again.
    func refused(_ errors: FormErrors) -> RatingForm {
        RatingForm(level: level, comment: comment, errors: errors)
    }
}
