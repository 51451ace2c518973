import Foundation

extension PointsLedger {
    /// A resident's own declaration: it waits (pending) for the points group's weekly decision.
    /// `points` defaults to the item's standard points.
    @discardableResult
    public mutating func declare(
        id: String, subject: String, itemID: String, points: Int? = nil, day: Day, evidence: String = "",
        attachments: [String] = [], by enteredBy: String, at moment: LocalMoment
    ) throws -> PointsEntry {
        try add(
            id: id, subject: subject, itemID: itemID, points: points, day: day, origin: .declaration,
            evidence: evidence, attachments: attachments, by: enteredBy, at: moment)
    }

    /// A direct award (or deduction) by staff: confirmed at once, with `by` as the decider.
    @discardableResult
    public mutating func award(
        id: String, subject: String, itemID: String, points: Int? = nil, day: Day, evidence: String = "",
        attachments: [String] = [], by enteredBy: String, at moment: LocalMoment
    ) throws -> PointsEntry {
        try add(
            id: id, subject: subject, itemID: itemID, points: points, day: day, origin: .award,
            evidence: evidence, attachments: attachments, by: enteredBy, at: moment)
    }

    /// Changes a pending or confirmed entry's points (a wrong count, say). The cap is checked
    /// again without the entry's old points. Published boards do not change.
    @discardableResult
    public mutating func correct(
        _ entryID: String, points: Int, by: String, at moment: LocalMoment, reason: String
    ) throws -> PointsEntry {
        guard let index = entryIndex[entryID] else { throw PointsError.unknownEntry(entryID) }
        let entry = entries[index]
        guard entry.status.countsTowardCap else {
            throw PointsError.notCorrectable(entryID: entryID, status: entry.status)
        }
        try requireText(by, "更正人")
        try requireText(reason, "更正原因")
        let item = item(entry.itemID)!
        try checkPoints(points, for: item)
        try checkCap(item: item, subject: entry.subject, day: entry.day, points: points, excluding: entryID)
        entries[index].corrections.append(
            PointsCorrection(from: entry.points, to: points, by: by, at: moment, reason: reason))
        entries[index].points = points
        return entries[index]
    }

    private mutating func add(
        id: String, subject: String, itemID: String, points: Int?, day: Day, origin: PointsEntryOrigin,
        evidence: String, attachments: [String], by enteredBy: String, at moment: LocalMoment
    ) throws -> PointsEntry {
        try requireText(id, "记录编号")
        try requireText(subject, "积分对象")
        try requireText(enteredBy, "录入人")
        guard entryIndex[id] == nil else { throw PointsError.duplicateEntry(id) }
        guard let item = item(itemID) else { throw PointsError.unknownItem(itemID) }
        guard item.isActive else { throw PointsError.inactiveItem(item.name) }
        let points = points ?? item.points
        try checkPoints(points, for: item)
        try checkCap(item: item, subject: subject, day: day, points: points, excluding: nil)

        let confirmedAtOnce = origin == .award
        let entry = PointsEntry(
            id: id, subject: subject, itemID: itemID, points: points, day: day, origin: origin,
            status: confirmedAtOnce ? .confirmed : .pending, evidence: evidence, attachments: attachments,
            enteredBy: enteredBy, enteredAt: moment,
            decisions: confirmedAtOnce
                ? [PointsDecision(status: .confirmed, by: enteredBy, at: moment, reason: origin.label)] : [])
        entryIndex[id] = entries.count
        entries.append(entry)
        return entry
    }

    private func checkPoints(_ points: Int, for item: PointsItem) throws {
        guard points != 0 else { throw PointsError.zeroPoints }
        guard (points > 0) == (item.points > 0) else {
            throw PointsError.signMismatch(item: item.name, itemPoints: item.points, given: points)
        }
    }

    /// Refuses the whole entry when it would take the item past its cap: a partial award would
    /// leave the declared number and the recorded one disagreeing without anyone deciding so.
    private func checkCap(item: PointsItem, subject: String, day: Day, points: Int, excluding: String?) throws {
        guard let cap = item.cap else { return }
        let used = capUsage(subject: subject, itemID: item.id, on: day, excluding: excluding)
        guard used.adding(clamped: points.clampedMagnitude) <= cap.maxPoints else {
            throw PointsError.capExceeded(
                .init(
                    item: item.name, cap: cap, period: Period(cap.per, containing: day), used: used, requested: points))
        }
    }

    func requireText(_ text: String, _ field: String) throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw PointsError.missingField(field) }
    }
}
