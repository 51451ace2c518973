/// Where a policy document stands in the ledger (台账), as stored.
public enum PolicyStatus: String, Sendable, CaseIterable, Codable {
    case draft, published, repealed

    public var label: String {
        switch self {
        case .draft: "草稿（未发布）"
        case .published: "已发布"
        case .repealed: "已废止"
        }
    }
}

/// Whether a policy applies on a given day (效力): only a published policy between its effective
/// and expiry dates is in force; the public and the matcher see only those.
public enum PolicyValidity: String, Sendable, CaseIterable {
    case unpublished, pending
    case inForce = "in_force"
    case expired, repealed

    public init(status: PolicyStatus, effectiveOn: Day, expiresOn: Day?, on today: Day) {
        switch status {
        case .draft: self = .unpublished
        case .repealed: self = .repealed
        case .published:
            if today < effectiveOn {
                self = .pending
            } else if let expiresOn, expiresOn < today {
                self = .expired
            } else {
                self = .inForce
            }
        }
    }

    public var label: String {
        switch self {
        case .unpublished: "未发布"
        case .pending: "尚未生效"
        case .inForce: "现行有效"
        case .expired: "已失效"
        case .repealed: "已废止"
        }
    }
}

/// An item's application window (申报期) on a given day.
public enum ApplicationWindow: Sendable, Equatable {
    /// No window set: enterprises may apply whenever the policy is in force.
    case always
    case upcoming(opens: Day)
    case open(closes: Day?)
    case closed(closed: Day)

    public init(from: Day?, to: Day?, on today: Day) {
        if let from, today < from {
            self = .upcoming(opens: from)
        } else if let to, to < today {
            self = .closed(closed: to)
        } else if from == nil, to == nil {
            self = .always
        } else {
            self = .open(closes: to)
        }
    }

    /// Whether an enterprise can still apply, now or later.
    public var isOpenOrUpcoming: Bool {
        if case .closed = self { return false }
        return true
    }

    public var isOpen: Bool {
        switch self {
        case .always, .open: true
        default: false
        }
    }

    /// "申报中（截至 2026-06-30）", "2026-09-01 起申报", "已于 2026-03-31 截止", "常年受理".
    public var label: String {
        switch self {
        case .always: "常年受理"
        case .upcoming(let day): "\(day) 起申报"
        case .open(let closes): closes.map { "申报中（截至 \($0)）" } ?? "申报中"
        case .closed(let day): "已于 \(day) 截止"
        }
    }
}
