/// One entry whose status a decision changed, for the "what changed" list after a batch.
public struct PointsEntryChange: Hashable, Codable, Sendable {
    public let entryID: String
    public let subject: String
    public let itemID: String
    public let points: Int
    public let from: PointsEntryStatus
    public let to: PointsEntryStatus
}

extension PointsLedger {
    /// 一周一定: decides every pending entry dated in `period` (normally a week) at once. Entries
    /// named in `rejecting` (entry id → reason) are rejected, all others confirmed. Nothing changes
    /// if a named entry is not pending in the period or a reason is empty.
    @discardableResult
    public mutating func confirmPending(
        in period: Period, by: String, at moment: LocalMoment, rejecting: [String: String] = [:]
    ) throws -> [PointsEntryChange] {
        try requireText(by, "审核人")
        let pending = entries.indices.filter { entries[$0].status == .pending && period.contains(entries[$0].day) }
        let pendingIDs = Set(pending.map { entries[$0].id })
        let strays = rejecting.keys.filter { !pendingIDs.contains($0) }.sorted()
        guard strays.isEmpty else { throw PointsError.unknownRejections(strays) }
        for reason in rejecting.values { try requireText(reason, "不通过的原因") }

        let ordered = pending.sorted { (entries[$0].day, entries[$0].id) < (entries[$1].day, entries[$1].id) }
        return ordered.map { index in
            if let reason = rejecting[entries[index].id] {
                decide(index, .rejected, by: by, at: moment, reason: reason)
            } else {
                decide(index, .confirmed, by: by, at: moment, reason: "")
            }
        }
    }

    /// Rejects every pending entry dated in `period` with one reason (a week's sign-in sheet lost, say).
    @discardableResult
    public mutating func rejectPending(
        in period: Period, by: String, at moment: LocalMoment, reason: String
    ) throws -> [PointsEntryChange] {
        try requireText(by, "审核人")
        try requireText(reason, "不通过的原因")
        let pending = entries.indices
            .filter { entries[$0].status == .pending && period.contains(entries[$0].day) }
            .sorted { (entries[$0].day, entries[$0].id) < (entries[$1].day, entries[$1].id) }
        return pending.map { decide($0, .rejected, by: by, at: moment, reason: reason) }
    }

    @discardableResult
    public mutating func confirm(
        _ entryID: String, by: String, at moment: LocalMoment, note: String = ""
    ) throws
        -> PointsEntry
    {
        let index = try pendingIndex(entryID)
        try requireText(by, "审核人")
        decide(index, .confirmed, by: by, at: moment, reason: note)
        return entries[index]
    }

    @discardableResult
    public mutating func reject(
        _ entryID: String, by: String, at moment: LocalMoment, reason: String
    ) throws
        -> PointsEntry
    {
        let index = try pendingIndex(entryID)
        try requireText(by, "审核人")
        try requireText(reason, "不通过的原因")
        decide(index, .rejected, by: by, at: moment, reason: reason)
        return entries[index]
    }

    /// Withdraws a confirmed entry (made by mistake). It stops counting from now on; boards
    /// already published keep it.
    @discardableResult
    public mutating func revoke(
        _ entryID: String, by: String, at moment: LocalMoment, reason: String
    ) throws
        -> PointsEntry
    {
        guard let index = entryIndex[entryID] else { throw PointsError.unknownEntry(entryID) }
        guard entries[index].status == .confirmed else {
            throw PointsError.notConfirmed(entryID: entryID, status: entries[index].status)
        }
        try requireText(by, "撤销人")
        try requireText(reason, "撤销原因")
        decide(index, .revoked, by: by, at: moment, reason: reason)
        return entries[index]
    }

    private func pendingIndex(_ entryID: String) throws -> Int {
        guard let index = entryIndex[entryID] else { throw PointsError.unknownEntry(entryID) }
        guard entries[index].status == .pending else {
            throw PointsError.notPending(entryID: entryID, status: entries[index].status)
        }
        return index
    }

    @discardableResult
    private mutating func decide(
        _ index: Int, _ status: PointsEntryStatus, by: String, at moment: LocalMoment, reason: String
    ) -> PointsEntryChange {
        let before = entries[index]
        entries[index].status = status
        entries[index].decisions.append(PointsDecision(status: status, by: by, at: moment, reason: reason))
        return PointsEntryChange(
            entryID: before.id, subject: before.subject, itemID: before.itemID, points: before.points,
            from: before.status, to: status)
    }
}
