/// Where an entry stands. Only confirmed entries count in balances and boards; pending ones
/// already count toward an item's cap so that a week of declarations cannot overshoot it.
public enum PointsEntryStatus: String, CaseIterable, Codable, Sendable {
    case pending, confirmed, rejected
    /// A confirmed entry withdrawn later (entered by mistake); kept for the record.
    case revoked

    public var label: String {
        switch self {
        case .pending: "待确认"
        case .confirmed: "已确认"
        case .rejected: "未通过"
        case .revoked: "已撤销"
        }
    }

    var countsTowardCap: Bool { self == .pending || self == .confirmed }
}

/// How an entry came in: a resident's own declaration waits for the points group; a direct award
/// by staff (a grid worker recording a 反向 item, say) is confirmed at once.
public enum PointsEntryOrigin: String, CaseIterable, Codable, Sendable {
    case declaration, award

    public var label: String {
        switch self {
        case .declaration: "申报"
        case .award: "直接记分"
        }
    }
}

/// Who moved an entry to `status`, when and why.
public struct PointsDecision: Hashable, Codable, Sendable {
    public let status: PointsEntryStatus
    public let by: String
    public let at: LocalMoment
    public let reason: String

    public init(status: PointsEntryStatus, by: String, at: LocalMoment, reason: String) {
        self.status = status
        self.by = by
        self.at = at
        self.reason = reason
    }
}

/// A change of an entry's points after it was entered, with who changed it and why.
public struct PointsCorrection: Hashable, Codable, Sendable {
    public let from: Int
    public let to: Int
    public let by: String
    public let at: LocalMoment
    public let reason: String

    public init(from: Int, to: Int, by: String, at: LocalMoment, reason: String) {
        self.from = from
        self.to = to
        self.by = by
        self.at = at
        self.reason = reason
    }
}

/// One line of a subject's points record.
public struct PointsEntry: Hashable, Sendable, Identifiable {
    public let id: String
    /// Opaque: a resident, a household or an enterprise, as the caller keys them.
    public let subject: String
    public let itemID: String
    public internal(set) var points: Int
    /// The day the thing happened; it decides the week, month, quarter and year the entry counts in.
    public let day: Day
    public let origin: PointsEntryOrigin
    public internal(set) var status: PointsEntryStatus
    public let evidence: String
    /// References to stored files (photos, sign-in sheets), opaque to the ledger.
    public let attachments: [String]
    public let enteredBy: String
    public let enteredAt: LocalMoment
    /// Every status change, oldest first.
    public internal(set) var decisions: [PointsDecision]
    public internal(set) var corrections: [PointsCorrection]

    public init(
        id: String, subject: String, itemID: String, points: Int, day: Day, origin: PointsEntryOrigin,
        status: PointsEntryStatus, evidence: String = "", attachments: [String] = [], enteredBy: String,
        enteredAt: LocalMoment, decisions: [PointsDecision] = [], corrections: [PointsCorrection] = []
    ) {
        self.id = id
        self.subject = subject
        self.itemID = itemID
        self.points = points
        self.day = day
        self.origin = origin
        self.status = status
        self.evidence = evidence
        self.attachments = attachments
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
        self.decisions = decisions
        self.corrections = corrections
    }

    /// The latest decision, if any.
    public var decision: PointsDecision? { decisions.last }
}

// Hand-written only for leniency synthesis lacks: a stored entry may omit evidence, attachments,
// decisions and corrections, which then load as empty.
extension PointsEntry: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, subject, itemID, points, day, origin, status, evidence, attachments, enteredBy, enteredAt,
            decisions, corrections
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        subject = try c.decode(String.self, forKey: .subject)
        itemID = try c.decode(String.self, forKey: .itemID)
        points = try c.decode(Int.self, forKey: .points)
        day = try c.decode(Day.self, forKey: .day)
        origin = try c.decode(PointsEntryOrigin.self, forKey: .origin)
        status = try c.decode(PointsEntryStatus.self, forKey: .status)
        evidence = try c.decodeIfPresent(String.self, forKey: .evidence) ?? ""
        attachments = try c.decodeIfPresent([String].self, forKey: .attachments) ?? []
        enteredBy = try c.decode(String.self, forKey: .enteredBy)
        enteredAt = try c.decode(LocalMoment.self, forKey: .enteredAt)
        decisions = try c.decodeIfPresent([PointsDecision].self, forKey: .decisions) ?? []
        corrections = try c.decodeIfPresent([PointsCorrection].self, forKey: .corrections) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(subject, forKey: .subject)
        try c.encode(itemID, forKey: .itemID)
        try c.encode(points, forKey: .points)
        try c.encode(day, forKey: .day)
        try c.encode(origin, forKey: .origin)
        try c.encode(status, forKey: .status)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(enteredBy, forKey: .enteredBy)
        try c.encode(enteredAt, forKey: .enteredAt)
        try c.encode(decisions, forKey: .decisions)
        try c.encode(corrections, forKey: .corrections)
    }
}
