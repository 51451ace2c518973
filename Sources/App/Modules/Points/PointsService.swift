import Foundation
import GaoxinCore
import SQLKit

/// The points workflow (一周一定、一月一公开、一季一奖励、一年一清零) over `PointsLedger`. Each step
/// checks everything first and writes in one transaction with its audit row. The ledger each step
/// loads holds only what its rules read (the items and the subject's entries in the cap's period;
/// the entries decided; the period's sums), read inside that transaction under the zone's
/// `ZoneLock.pointsEntries` so a cap can't be overshot by two declarations at once. Pages and the
/// API both call here; the item list and the committee's members are in `PointsService+Committee`.
struct PointsService: Sendable {
    /// What one item may be worth, its cap per period and a reward threshold: small enough that no
    /// sum of a year's entries can overflow (#11).
    static let itemPointsRange = -1000...1000
    static let maxCapPoints = 10_000
    static let maxTierPoints = 1_000_000
    let database: Database

    static let maxPhotoBytes = 5 * 1024 * 1024

    static func moment() -> LocalMoment { LocalMoment(unixSeconds: Clock.nowSeconds()) }

    /// Where a ledger refusal belongs on the form.
    static func field(of error: PointsError) -> String {
        switch error {
        case .missingField(let name) where name.contains("原因"): "reason"
        case .missingField: "evidence"
        case .notPending, .notConfirmed, .notCorrectable, .unknownEntry, .unknownRejections: "decision"
        case .alreadyPublished, .notYetPublished, .wrongPeriodKind: "month"
        case .rewardsAlreadyRecorded, .invalidRewardScheme: "quarter"
        default: "item"
        }
    }

    // MARK: - Declare (residents) or record (committee, grid workers)

    struct Declaration: Sendable {
        var subject: String
        var itemCode: String
        var day: String
        var evidence: String
        var photo: MultipartForm.File?
    }

    /// A resident's declaration for themselves or their household waits for the weekly review; the
    /// committee (any resident) or a grid worker (residents of their grids) records an entry that
    /// counts at once. Returns the new entry's id.
    func declare(_ d: Declaration, access: PointsAccess) async throws -> Int64 {
        let zoneID = access.zoneID
        let subjects = try await PointsSubjects.load(
            zoneID: zoneID, subjects: [d.subject], personID: access.user.personID, db: database.sql)
        var errors = FormErrors()
        let own = subjects.own(personID: access.user.personID).contains(d.subject)
        let gridID = subjects.gridID(d.subject)
        if !subjects.exists(d.subject) {
            errors.add("subject", "请选择申报对象（本人或本户）")
        } else if !own {
            // Someone else's record: only the committee, or the grid's own worker, may enter it.
            if !access.recordsFor(gridID: gridID) { errors.add("subject", "只能为本人或本户申报积分；为他人记分须是积分管理小组成员或该居民所在网格的网格员") }
        }
        let today = Clock.today
        if let day = Day(d.day) {
            if day > today { errors.add("day", "发生日期不能晚于今天（\(today)）") }
            if day.year < today.year { errors.add("day", "积分一年一清零：只能申报 \(today.year) 年内发生的事项") }
        } else {
            errors.add("day", d.day.isEmpty ? "请填写发生日期" : "发生日期格式应为 YYYY-MM-DD")
        }
        if d.evidence.isEmpty { errors.add("evidence", "请说明事由和凭据（如活动名称、时间地点、证明人）") }
        if d.evidence.count > 500 { errors.add("evidence", "事由和凭据不能超过 500 字") }
        var photo = d.photo
        if let file = photo {
            if file.data.count > Self.maxPhotoBytes { errors.add("photo", "照片不能超过 5 MB") }
            // Checked by its bytes, and stored with the type they show, not the uploader's word.
            let kind = FileKind.check(file.data, allowed: FileKind.images, field: "photo", label: "照片", into: &errors)
            photo?.contentType = kind?.mediaType ?? file.contentType
        }
        if !errors.isEmpty { throw Refusal(errors) }
        let day = Day(d.day)!
        let user = access.user
        let asDeclaration = own
        return try await database.transaction { [photo] db in
            try await ZoneLock.pointsEntries.acquire(zoneID: zoneID, on: db)
            let repo = PointsRepository(db: db)
            let items = try await repo.items(zoneID: zoneID).map(\.item)
            guard let item = items.first(where: { $0.id == d.itemCode }) else { throw Refusal("item", "请选择积分事项") }
            // What the cap counts: the subject's entries of this item in the cap's period.
            var counted: [PointsEntry] = []
            if let period = item.capPeriod(containing: day) {
                counted = try await repo.entries(
                    zoneID: zoneID, subject: d.subject, itemCode: item.id, from: period.start, to: period.end
                ).map { try $0.entry() }
            }
            var ledger = try PointsLedger(items: items, entries: counted)
            if asDeclaration, item.isNegative, !access.isCommittee {
                throw Refusal("item", "「\(item.name)」是扣分事项，由积分管理小组或网格员核实后记录，居民不能自行申报")
            }
            let entry: PointsEntry
            do {
                entry =
                    asDeclaration
                    ? try ledger.declare(
                        id: "new", subject: d.subject, itemID: item.id, day: day, evidence: d.evidence,
                        attachments: photo.map { [$0.fileName] } ?? [], by: user.displayName, at: Self.moment())
                    : try ledger.award(
                        id: "new", subject: d.subject, itemID: item.id, day: day, evidence: d.evidence,
                        attachments: photo.map { [$0.fileName] } ?? [], by: user.displayName, at: Self.moment())
            } catch let error as PointsError {
                throw Refusal(Self.field(of: error), error.message)
            }
            let id = try await repo.insertEntry(
                zoneID: zoneID, entry, gridID: gridID, userID: user.id, photo: photo)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "points_entry", id: id,
                action: asDeclaration ? "declare" : "award", after: EntryAudit(entry), on: db)
            return id
        }
    }

    /// What the audit log keeps of an entry (no photo bytes).
    struct EntryAudit: Encodable {
        let subject: String, item: String, points: Int, day: String, status: String, evidence: String
        init(_ e: PointsEntry) {
            subject = e.subject
            item = e.itemID
            points = e.points
            day = e.day.description
            status = e.status.rawValue
            evidence = e.evidence
        }
    }

    // MARK: - 一周一定

    enum Verdict: Sendable, Equatable {
        case confirm
        case reject(reason: String)
    }

    /// Decides the listed pending entries; refused whole if any one may not be decided by this user.
    /// Returns (confirmed, rejected) counts.
    @discardableResult
    func review(_ verdicts: [Int64: Verdict], access: PointsAccess) async throws -> (confirmed: Int, rejected: Int) {
        guard !verdicts.isEmpty else { throw Refusal("decision", "请至少对一条申报作出确认或不通过的决定") }
        let zoneID = access.zoneID
        let user = access.user
        return try await database.transaction { db in
            try await ZoneLock.pointsEntries.acquire(zoneID: zoneID, on: db)
            let repo = PointsRepository(db: db)
            // The ledger holds the items and the entries decided, nothing else.
            var rows: [Int64: PointsEntryRow] = [:]
            for id in verdicts.keys { rows[id] = try await repo.entry(id: id, zoneID: zoneID) }
            var ledger = try PointsLedger(
                items: try await repo.items(zoneID: zoneID).map(\.item),
                entries: try rows.values.sorted { $0.id < $1.id }.map { try $0.entry() })
            let subjects = try await PointsSubjects.load(zoneID: zoneID, subjects: rows.values.map(\.subject), db: db)
            var errors = FormErrors()
            var changed: [PointsEntry] = []
            var reviewed: [PointsEntryRow] = []
            for (id, verdict) in verdicts.sorted(by: { $0.key < $1.key }) {
                guard let row = rows[id] else {
                    errors.add("decision", "没有编号为 \(id) 的积分记录")
                    continue
                }
                guard access.may(.update, entrySubject: row.subject, gridID: row.gridId, subjects: subjects) == .allow
                else {
                    errors.add("decision", "记录 \(id)（\(subjects.name(row.subject))）不在您负责的网格内，不能审核")
                    continue
                }
                reviewed.append(row)
                do {
                    switch verdict {
                    case .confirm:
                        changed.append(try ledger.confirm(String(id), by: user.displayName, at: Self.moment()))
                    case .reject(let reason):
                        changed.append(
                            try ledger.reject(String(id), by: user.displayName, at: Self.moment(), reason: reason))
                    }
                } catch let error as PointsError {
                    errors.add(
                        Self.field(of: error) == "reason" ? "reason_\(id)" : "decision", "记录 \(id)：\(error.message)")
                }
            }
            if !errors.isEmpty { throw Refusal(errors) }
            for entry in changed {
                try await repo.updateEntry(zoneID: zoneID, entry)
                try await AuditLog.record(
                    zoneID: zoneID, actor: user, entity: "points_entry", id: entry.id,
                    action: entry.status == .confirmed ? "confirm" : "reject", after: EntryAudit(entry), on: db)
            }
            try await Self.noticeReviewed(changed, rows: reviewed, zoneID: zoneID, subjects: subjects, on: db)
            return (changed.count { $0.status == .confirmed }, changed.count { $0.status == .rejected })
        }
    }

    // MARK: - 一月一公开

    /// Publishes a month's boards as a frozen snapshot (names included); a month already published
    /// takes a new version only with a reason.
    @discardableResult
    func publish(month: Period, reason: String, access: PointsAccess) async throws -> PointsPublication {
        guard access.isCommittee else { throw PageError.forbidden }
        if month.end >= Clock.today { throw Refusal("month", "\(month.label)尚未结束，月末后才能公布") }
        let zoneID = access.zoneID
        let user = access.user
        return try await database.transaction { db in
            try await ZoneLock.pointsEntries.acquire(zoneID: zoneID, on: db)
            let repo = PointsRepository(db: db)
            // The month's earlier versions and the board drawn from the database's per-subject sums.
            let items = try await repo.items(zoneID: zoneID).map(\.item)
            var ledger = try PointsLedger(
                items: items, publications: try await repo.publications(zoneID: zoneID, month: month).map(\.publication)
            )
            let board = PointsBoard(
                period: month, audience: .committee, items: items,
                sums: try await repo.boardSums(zoneID: zoneID, period: month))
            let publication: PointsPublication
            do {
                publication =
                    ledger.publication(of: month) == nil
                    ? try ledger.publish(month: month, board: board, by: user.displayName, at: Self.moment())
                    : try ledger.republish(
                        month: month, board: board, by: user.displayName, at: Self.moment(), reason: reason)
            } catch let error as PointsError {
                throw Refusal(Self.field(of: error) == "evidence" ? "reason" : Self.field(of: error), error.message)
            }
            let shown = publication.board.positive.map(\.subject) + publication.board.negative.map(\.subject)
            let names = try await PointsSubjects.load(zoneID: zoneID, subjects: shown, db: db).names(shown)
            try await repo.insertPublication(zoneID: zoneID, publication, names: names)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "points_publication", id: month.key, action: "publish",
                after: ["month": month.key, "version": String(publication.version), "note": publication.note], on: db)
            return publication
        }
    }

    // MARK: - 一季一奖励

    /// The reward levels as the ledger's scheme, with each level's prize; nil before any is set.
    static func scheme(_ tiers: [PointsRewardTierRow]) throws -> (scheme: RewardScheme, prizes: [String: String])? {
        guard !tiers.isEmpty else { return nil }
        return (
            try RewardScheme(tiers: tiers.map { RewardTier(name: $0.name, minimumPoints: $0.minimumPoints) }),
            Dictionary(tiers.map { ($0.name, $0.prize) }, uniquingKeysWith: { a, _ in a })
        )
    }

    @discardableResult
    func recordRewards(quarter: Period, access: PointsAccess) async throws -> PointsRewardRecord {
        guard access.isCommittee else { throw PageError.forbidden }
        if quarter.end >= Clock.today { throw Refusal("quarter", "\(quarter.label)尚未结束，季度结束后才能登记奖励") }
        let zoneID = access.zoneID
        let user = access.user
        return try await database.transaction { db in
            try await ZoneLock.pointsEntries.acquire(zoneID: zoneID, on: db)
            let repo = PointsRepository(db: db)
            guard let found = try Self.scheme(try await repo.rewardTiers(zoneID: zoneID)) else {
                throw Refusal("quarter", "请先设置奖励档次（门槛分和奖品）")
            }
            let (scheme, prizes) = found
            var ledger = try PointsLedger(
                items: try await repo.items(zoneID: zoneID).map(\.item),
                rewardRecords: try await repo.rewardRecord(zoneID: zoneID, quarter: quarter).map { [$0.record] } ?? [])
            let record: PointsRewardRecord
            do {
                // Only the subjects that reach the lowest level leave the database.
                let totals = try await repo.sums(
                    zoneID: zoneID, from: quarter.start, to: quarter.end,
                    atLeast: scheme.tiers.map(\.minimumPoints).min())
                record = try ledger.recordRewards(
                    for: quarter, scheme: scheme,
                    list: try PointsLedger.rewardList(for: quarter, scheme: scheme, totals: totals),
                    by: user.displayName, at: Self.moment())
            } catch let error as PointsError {
                throw Refusal("quarter", error.message)
            }
            let rewarded = record.rewards.map(\.subject)
            let names = try await PointsSubjects.load(zoneID: zoneID, subjects: rewarded, db: db).names(rewarded)
            try await repo.insertRewardRecord(zoneID: zoneID, record, prizes: prizes, names: names)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "points_reward", id: quarter.key, action: "record",
                after: ["quarter": quarter.key, "rewarded": String(record.rewards.count)], on: db)
            return record
        }
    }

    /// Replaces the reward levels from "名称|门槛分|奖品" lines.
    func setRewardTiers(_ text: String, access: PointsAccess) async throws {
        guard access.isCommittee else { throw PageError.forbidden }
        var tiers: [(name: String, minimum: Int, prize: String)] = []
        var errors = FormErrors()
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 3, let minimum = Int(parts[1]), (0...Self.maxTierPoints).contains(minimum) else {
                errors.add("tiers", "第 \(n + 1) 行应写成“档次名称|门槛分|奖品”，门槛分为整数（0 到 \(Self.maxTierPoints)）")
                continue
            }
            tiers.append((parts[0], minimum, parts[2]))
        }
        if tiers.isEmpty, errors.isEmpty { errors.add("tiers", "至少要有一个奖励档次") }
        if errors.isEmpty {
            do {
                _ = try RewardScheme(tiers: tiers.map { RewardTier(name: $0.name, minimumPoints: $0.minimum) })
            } catch let error as PointsError {
                errors.add("tiers", error.message)
            }
        }
        if !errors.isEmpty { throw Refusal(errors) }
        let zoneID = access.zoneID
        let user = access.user
        try await database.transaction { [tiers] db in
            try await PointsRepository(db: db).replaceRewardTiers(zoneID: zoneID, tiers)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "points_reward_tiers", id: zoneID, action: "update",
                after: tiers.map { "\($0.name)|\($0.minimum)|\($0.prize)" }, on: db)
        }
    }
}
