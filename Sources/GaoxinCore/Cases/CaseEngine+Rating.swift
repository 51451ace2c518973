extension CaseEngine {
    /// Records the requester's 好差评 of a closed case: once, only when the type asks for a rating, only by
    /// the actor who opened the case, only in a final state, facet scores 1–5. A 差评 (不满意, 非常不满意)
    /// returns a follow-up request for the type's follow-up case type, addressed to the last assignee.
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
