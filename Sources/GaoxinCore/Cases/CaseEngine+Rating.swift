extension CaseEngine {
    /// Records the requester's 好差评 of a closed case: once, only when the type asks for a rating, only by
    /// the actor who opened the case, only in a final state, facet scores 1–5. A 差评 (不满意, 非常不满意)
    /// returns a follow-up request for the type's follow-up case type, addressed to the last assignee.
    /// 一次一评 at the window (国办发〔2019〕51号: 窗口服务“一次一评”): the applicant presses the counter's
    /// evaluator and the window records the level on the case. The same rules as an online rating — a
    /// finished case, rated once, a 差评 opening its follow-up — except that the recorder writes it
    /// down for the applicant; the caller checks that the case was handled at the window.
    public func rateAtCounter(_ record: CaseRecord, recordedBy actor: CaseActor, level: RatingLevel, at: LocalMoment)
        throws(CaseError) -> RatingOutcome
    {
        let outcome = try rate(record, by: record.openedBy, level: level, at: at)
        var next = outcome.record
        let rated = next.history.removeLast()
        next.history.append(
            CaseEvent(
                kind: .rated, actor: actor, at: rated.at, from: rated.from, to: rated.to,
                note: "窗口评价器（一次一评）：\(level.label)"))
        return RatingOutcome(record: next, followUp: outcome.followUp)
    }

    public func rate(
        _ record: CaseRecord, by actor: CaseActor, level: RatingLevel, facets: [RatingFacet: Int] = [:],
        comment: String? = nil, at: LocalMoment
    ) throws(CaseError) -> RatingOutcome {
        let (type, state) = try typeAndState(of: record)
        guard let policy = type.rating else { throw .ratingNotOffered(typeName: type.name) }
        guard actor.id == record.openedBy.id else { throw .onlyRequesterMayRate }
        guard state.isFinal else { throw .notClosedYet(state: state.name) }
        guard record.rating == nil else { throw .alreadyRated }
        for facet in RatingFacet.allCases {
            if let score = facets[facet], !RatingFacet.scores.contains(score) {
                throw .facetScoreOutOfRange(facet: facet, score: score)
            }
        }
        if let last = record.history.last?.at, at < last { throw .momentBeforeLastEvent(at: at, last: last) }

        let comment = comment.flatMap(Self.nonBlank)
        var next = record
        next.rating = CaseRating(level: level, facets: facets, comment: comment, at: at)
        next.history.append(
            CaseEvent(
                kind: .rated, actor: actor, at: at, from: state.code, to: state.code,
                note: comment.map { "\(level.label)：\($0)" } ?? level.label))

        var followUp: FollowUpRequest?
        if level.isNegative, let followUpType = policy.followUpCaseType {
            let reason = "“\(type.name)”收到差评（\(level.label)）" + (comment.map { "：\($0)" } ?? "")
            followUp = FollowUpRequest(caseTypeCode: followUpType, handledBy: record.assignee, reason: reason)
        }
        return RatingOutcome(record: next, followUp: followUp)
    }
}
