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
}
