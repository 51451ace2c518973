/// 一月一公开: a month's boards frozen when they were published. Later confirmations,
/// corrections and revocations do not touch it; a correction to a published month is a new version.
public struct PointsPublication: Hashable, Sendable {
    public let month: Period
    /// 1 for the first publication of the month, 2 for the first republication, …
    public let version: Int
    public let publishedBy: String
    public let publishedAt: LocalMoment
    /// Why a new version was published; empty for version 1.
    public let note: String
    /// The full (committee) board; use `board(for:)` for what an audience may see.
    public let board: PointsBoard

    public init(
        month: Period, version: Int, publishedBy: String, publishedAt: LocalMoment, note: String, board: PointsBoard
    ) {
        self.month = month
        self.version = version
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
        self.note = note
        self.board = board
    }

    public func board(for audience: BoardAudience) -> PointsBoard { board.view(for: audience) }
}

extension PointsLedger {
    /// Publishes `month`'s boards. Refused if the month was published already: use `republish`.
    @discardableResult
    public mutating func publish(month: Period, by: String, at moment: LocalMoment) throws -> PointsPublication {
        try publish(month: month, board: board(for: month, audience: .committee), by: by, at: moment)
    }

    /// Publishes `board` as `month`'s: the app draws it from its database's sums
    /// (`PointsBoard(period:audience:items:sums:)`) when this ledger holds only the month's publications.
    @discardableResult
    public mutating func publish(month: Period, board: PointsBoard, by: String, at moment: LocalMoment) throws
        -> PointsPublication
    {
        guard month.kind == .month else { throw PointsError.wrongPeriodKind(expected: .month, got: month) }
        if let existing = publication(of: month) {
            throw PointsError.alreadyPublished(month: month, version: existing.version)
        }
        return try appendPublication(month: month, version: 1, by: by, at: moment, note: "", board: board)
    }

    /// Publishes a corrected board for a month already published, as the next version; the
    /// earlier versions stay as they were.
    @discardableResult
    public mutating func republish(
        month: Period, by: String, at moment: LocalMoment, reason: String
    ) throws
        -> PointsPublication
    {
        try republish(month: month, board: board(for: month, audience: .committee), by: by, at: moment, reason: reason)
    }

    /// `republish` with a board drawn elsewhere (see `publish(month:board:by:at:)`).
    @discardableResult
    public mutating func republish(
        month: Period, board: PointsBoard, by: String, at moment: LocalMoment, reason: String
    ) throws
        -> PointsPublication
    {
        guard month.kind == .month else { throw PointsError.wrongPeriodKind(expected: .month, got: month) }
        guard let existing = publication(of: month) else { throw PointsError.notYetPublished(month) }
        try requireText(reason, "重新发布的原因")
        return try appendPublication(
            month: month, version: existing.version + 1, by: by, at: moment, note: reason, board: board)
    }

    /// The latest version published for `month`.
    public func publication(of month: Period) -> PointsPublication? {
        publications.filter { $0.month == month }.max { $0.version < $1.version }
    }

    /// Every version published for `month`, oldest first.
    public func publications(of month: Period) -> [PointsPublication] {
        publications.filter { $0.month == month }.sorted { $0.version < $1.version }
    }

    private mutating func appendPublication(
        month: Period, version: Int, by: String, at moment: LocalMoment, note: String, board: PointsBoard
    )
        throws -> PointsPublication
    {
        try requireText(by, "发布人")
        let publication = PointsPublication(
            month: month, version: version, publishedBy: by, publishedAt: moment, note: note,
            board: board.view(for: .committee))
        publications.append(publication)
        return publication
    }
}

// Hand-written only for leniency synthesis lacks: a stored publication may omit `note` (empty for version 1).
extension PointsPublication: Codable {
    private enum CodingKeys: String, CodingKey { case month, version, publishedBy, publishedAt, note, board }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        month = try c.decode(Period.self, forKey: .month)
        version = try c.decode(Int.self, forKey: .version)
        publishedBy = try c.decode(String.self, forKey: .publishedBy)
        publishedAt = try c.decode(LocalMoment.self, forKey: .publishedAt)
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        board = try c.decode(PointsBoard.self, forKey: .board)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(month, forKey: .month)
        try c.encode(version, forKey: .version)
        try c.encode(publishedBy, forKey: .publishedBy)
        try c.encode(publishedAt, forKey: .publishedAt)
        try c.encode(note, forKey: .note)
        try c.encode(board, forKey: .board)
    }
}
