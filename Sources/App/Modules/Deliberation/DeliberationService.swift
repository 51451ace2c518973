import Foundation
import GaoxinCore
import SQLKit

/// The 协商议事 workflow: 广开言路找问题 (issues and support), 深入调研定议题 (topics with research
/// notes), 群策群力解难题 (the monthly 阳光议事会: agenda, participants, attendance, minutes,
/// decisions and votes), then tracked actions published when done (及时公开公示实施结果).
/// Each step validates first (a `Refusal` when anything is wrong) and writes once, in one
/// transaction with its audit row. Pages and the API call here.
struct DeliberationService: Sendable {
    /// The most votes of any kind one decision may record (a meeting is never larger).
    static let maxVotes = 100_000
    let database: Database
    var db: any SQLDatabase { database.sql }

    func require(_ action: Action, _ user: CurrentUser, zoneID: Int64) throws {
        switch Permissions.decide(user, action, .deliberation(zoneID: zoneID)) {
        case .allow: return
        case .forbidden: throw PageError.forbidden
        case .hidden: throw PageError.notFound
        }
    }

    // MARK: - Issues

    struct IssueForm: Sendable {
        var channel: String
        var title: String
        var description: String
        var raisedBy: String
        var raisedOn: String
    }

    /// A resident raises an issue online in their own name; staff and grid workers record one
    /// collected through any channel, naming who raised it.
    func raise(_ f: IssueForm, user: CurrentUser, zoneID: Int64) async throws -> Int64 {
        try require(.create, user, zoneID: zoneID)
        var errors = FormErrors()
        var channel = DeliberationChannel(rawValue: f.channel)
        var raisedBy = f.raisedBy
        var personID: Int64?
        var raisedOn = Day(f.raisedOn)
        if Permissions.decide(user, .create, .deliberationIntake(zoneID: zoneID)) != .allow {
            // A resident raises an issue online, in their own registered name.
            guard let own = user.personID else { throw PageError.forbidden }
            channel = .online
            personID = own
            raisedBy = try await ResidentDirectory(db: db).name(personID: own) ?? user.displayName
            raisedOn = Clock.today
        } else {
            if channel == nil { errors.add("channel", "请选择收集渠道（村民议事会、民情恳谈会、书记信箱、群众来访或网上提出）") }
            if raisedBy.isEmpty { errors.add("raised_by", "请填写反映人（姓名或群体，如“3组村民”）") }
            if raisedBy.count > 40 { errors.add("raised_by", "反映人不能超过 40 字") }
            if raisedOn == nil {
                errors.add("raised_on", "收集日期格式应为 YYYY-MM-DD")
            } else if raisedOn! > Clock.today {
                errors.add("raised_on", "收集日期不能晚于今天")
            }
        }
        if f.title.isEmpty { errors.add("title", "请用一句话概括问题") }
        if f.title.count > 80 { errors.add("title", "问题概括不能超过 80 字") }
        if f.description.isEmpty { errors.add("description", "请说明具体情况和诉求") }
        if f.description.count > 2000 { errors.add("description", "具体情况不能超过 2000 字") }
        if !errors.isEmpty { throw Refusal(errors) }
        let row = DelibIssueRow(
            id: 0, zoneId: zoneID, channel: channel!.rawValue, title: f.title, description: f.description,
            raisedByName: raisedBy,
            raisedByPersonId: personID, recordedByUserId: user.id, raisedOn: raisedOn!.description, topicId: nil,
            createdAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let id = try await DeliberationRepository(db: db).insertIssue(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "delib_issue", id: id, action: "raise",
                after: ["channel": row.channel, "title": row.title, "raised_by": row.raisedByName], on: db)
            return id
        }
    }

    /// One support per resident per issue; not one's own.
    func support(_ issue: DelibIssueRow, user: CurrentUser) async throws {
        try require(.create, user, zoneID: issue.zoneId)
        guard Permissions.decide(user, .create, .deliberationSupport(zoneID: issue.zoneId)) == .allow,
            let personID = user.personID
        else { throw Refusal("support", "只有居民可以附议") }
        if issue.raisedByPersonId == personID { throw Refusal("support", "不能附议自己提出的问题") }
        if try await DeliberationRepository(db: db).supporters(issueID: issue.id).contains(personID) {
            throw Refusal("support", "您已附议过这个问题（每人一次）")
        }
        try await database.transaction { db in
            try await DeliberationRepository(db: db).insertSupport(
                issueID: issue.id, personID: personID, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: issue.zoneId, actor: user, entity: "delib_issue", id: issue.id, action: "support", on: db)
        }
    }

    // MARK: - Topics

    /// 深入调研定议题: the issue joins an existing topic, or becomes a new one with research notes.
    func makeTopic(_ issue: DelibIssueRow, existingTopicID: Int64?, title: String, notes: String, user: CurrentUser)
        async throws -> Int64
    {
        try require(.update, user, zoneID: issue.zoneId)
        var errors = FormErrors()
        if issue.topicId != nil { errors.add("topic", "该问题已列入议题") }
        if let existingTopicID {
            guard let topic = try await DeliberationRepository(db: db).topic(id: existingTopicID, zoneID: issue.zoneId)
            else {
                throw Refusal("topic", "没有这个议题")
            }
            if topic.status == TopicStatus.decided.rawValue { errors.add("topic", "议题“\(topic.title)”已协商决定，请新建议题") }
        } else {
            if title.isEmpty { errors.add("title", "请填写议题名称") }
            if title.count > 80 { errors.add("title", "议题名称不能超过 80 字") }
            if notes.isEmpty { errors.add("notes", "请填写调研论证情况（征集的党员群众意见、可行性、费用等）") }
        }
        if !errors.isEmpty { throw Refusal(errors) }
        return try await database.transaction { db in
            let repo = DeliberationRepository(db: db)
            var topicID = existingTopicID ?? 0
            if existingTopicID == nil {
                topicID = try await repo.insertTopic(
                    zoneID: issue.zoneId, title: title, notes: notes, by: user.displayName, at: Clock.nowSeconds())
            }
            try await repo.setIssueTopic(issueID: issue.id, topicID: topicID)
            try await AuditLog.record(
                zoneID: issue.zoneId, actor: user, entity: "delib_topic", id: topicID, action: "add_issue",
                after: ["issue": String(issue.id)], on: db)
            return topicID
        }
    }

    func updateNotes(_ topic: DelibTopicRow, notes: String, user: CurrentUser) async throws {
        try require(.update, user, zoneID: topic.zoneId)
        if notes.isEmpty { throw Refusal("notes", "调研论证情况不能为空") }
        try await database.transaction { db in
            try await DeliberationRepository(db: db).updateTopic(id: topic.id, zoneID: topic.zoneId, notes: notes)
            try await AuditLog.record(
                zoneID: topic.zoneId, actor: user, entity: "delib_topic", id: topic.id, action: "research",
                before: topic.researchNotes, after: notes, on: db)
        }
    }

    // MARK: - Meetings

    struct MeetingForm: Sendable {
        var title: String
        var heldOn: String
        var place: String
        var topicIDs: [Int64]
        var participants: String
    }

    /// Parses "类别|姓名" lines; the category may be given by its first two characters (两委、集体、党员、利益).
    static func participants(_ text: String) -> (rows: [(ParticipantCategory, String)], errors: [String]) {
        var rows: [(ParticipantCategory, String)] = []
        var errors: [String] = []
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty,
                let category = ParticipantCategory.allCases.first(where: {
                    $0.rawValue == parts[0] || $0.rawValue.hasPrefix(parts[0].prefix(2))
                })
            else {
                errors.append("第 \(n + 1) 行应写成“类别|姓名”，类别为两委成员、集体经济组织理事会成员、党员群众代表或利益相关方")
                continue
            }
            rows.append((category, parts[1]))
        }
        return (rows, errors)
    }

    func createMeeting(_ f: MeetingForm, user: CurrentUser, zoneID: Int64) async throws -> Int64 {
        try require(.update, user, zoneID: zoneID)
        var errors = FormErrors()
        if f.title.isEmpty { errors.add("title", "请填写会议名称") }
        if Day(f.heldOn) == nil { errors.add("held_on", "会议日期格式应为 YYYY-MM-DD") }
        if f.place.isEmpty { errors.add("place", "请填写会议地点") }
        let topics = try await DeliberationRepository(db: db).topics(ids: f.topicIDs, zoneID: zoneID)
        if f.topicIDs.isEmpty { errors.add("topics", "请至少选择一个议题列入议程") }
        for id in f.topicIDs {
            guard let t = topics[id] else {
                errors.add("topics", "没有编号为 \(id) 的议题")
                continue
            }
            if t.status == TopicStatus.decided.rawValue { errors.add("topics", "议题“\(t.title)”已协商决定") }
        }
        let (people, problems) = Self.participants(f.participants)
        for p in problems { errors.add("participants", p) }
        if people.isEmpty, problems.isEmpty { errors.add("participants", "请列出参会人员（每行“类别|姓名”）") }
        if !errors.isEmpty { throw Refusal(errors) }
        let ids = f.topicIDs
        return try await database.transaction { db in
            let repo = DeliberationRepository(db: db)
            let id = try await repo.insertMeeting(
                zoneID: zoneID, title: f.title, heldOn: f.heldOn, place: f.place, at: Clock.nowSeconds())
            for (n, topicID) in ids.enumerated() {
                try await repo.insertAgenda(meetingID: id, topicID: topicID, position: n + 1)
                try await repo.updateTopic(id: topicID, zoneID: zoneID, status: .scheduled)
            }
            for (category, name) in people {
                try await repo.insertParticipant(
                    meetingID: id, category: category.rawValue, name: name, attended: false)
            }
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "delib_meeting", id: id, action: "create",
                after: ["title": f.title, "held_on": f.heldOn, "topics": ids.map(String.init).joined(separator: ",")],
                on: db)
            return id
        }
    }

    func setAttendance(_ meeting: DelibMeetingRow, attended: Set<Int64>, user: CurrentUser) async throws {
        try require(.update, user, zoneID: meeting.zoneId)
        let known = Set(try await DeliberationRepository(db: db).participants(meetingID: meeting.id).map(\.id))
        if !attended.isSubset(of: known) { throw Refusal("attendance", "所选人员不在本次会议的参会名单中") }
        try await database.transaction { db in
            try await DeliberationRepository(db: db).setAttendance(meetingID: meeting.id, attended: attended)
            try await AuditLog.record(
                zoneID: meeting.zoneId, actor: user, entity: "delib_meeting", id: meeting.id, action: "attendance",
                after: attended.sorted().map(String.init), on: db)
        }
    }

    func setMinutes(_ meeting: DelibMeetingRow, minutes: String, user: CurrentUser) async throws {
        try require(.update, user, zoneID: meeting.zoneId)
        if minutes.isEmpty { throw Refusal("minutes", "请填写会议纪要（讨论情况、各方意见）") }
        if minutes.count > 10000 { throw Refusal("minutes", "会议纪要不能超过 10000 字") }
        try await database.transaction { db in
            try await DeliberationRepository(db: db).setMinutes(meetingID: meeting.id, zoneID: meeting.zoneId, minutes)
            try await AuditLog.record(
                zoneID: meeting.zoneId, actor: user, entity: "delib_meeting", id: meeting.id, action: "minutes",
                before: meeting.minutes, after: minutes, on: db)
        }
    }

    struct DecisionForm: Sendable {
        var topicID: Int64?
        var kind: String
        var text: String
        var voted: Bool
        var votesFor: String
        var votesAgainst: String
        var votesAbstain: String
        var actionTitle: String
        var owner: String
        var dueOn: String
    }

    /// Records a decision on an agenda topic. With a vote it passes when more than half of those
    /// present vote for it; without one it is a consensus (协商一致). A passed decision with an
    /// action becomes a tracked action.
    func decide(_ meeting: DelibMeetingRow, _ f: DecisionForm, user: CurrentUser) async throws -> (
        decisionID: Int64, actionID: Int64?
    ) {
        try require(.update, user, zoneID: meeting.zoneId)
        let repo = DeliberationRepository(db: db)
        var errors = FormErrors()
        let agenda = try await repo.agenda(meetingID: meeting.id)
        let present = try await repo.participants(meetingID: meeting.id).count { $0.attended }
        if f.topicID == nil || !agenda.contains(f.topicID!) { errors.add("topic", "请选择本次会议议程中的议题") }
        let kind = DecisionKind(rawValue: f.kind)
        if kind == nil { errors.add("kind", "请选择决定类别（公共事务或惠民项目）") }
        if f.text.isEmpty { errors.add("text", "请填写决定内容") }
        if present == 0 { errors.add("attendance", "请先登记到会情况，再记录决定") }
        var votes = (0, 0, 0)
        if f.voted {
            // Bounded before any sum: a vote count near Int.max used to trap the board totals (#11).
            let range = 0...Self.maxVotes
            guard let a = Int(f.votesFor), let b = Int(f.votesAgainst), let c = Int(f.votesAbstain), range.contains(a),
                range.contains(b), range.contains(c)
            else {
                errors.add("votes", "赞成、反对、弃权票数应为 0 到 \(Self.maxVotes) 之间的整数")
                throw Refusal(errors)
            }
            votes = (a, b, c)
            if a + b + c > present { errors.add("votes", "票数合计 \(a + b + c) 超过到会人数 \(present)") }
        }
        let passed = f.voted ? votes.0 * 2 > present : true
        let wantsAction = !f.actionTitle.isEmpty
        if wantsAction {
            if !passed { errors.add("action_title", "决定未通过，不能生成落实事项") }
            if f.owner.isEmpty { errors.add("owner", "请填写落实责任人") }
            if Day(f.dueOn) == nil { errors.add("due_on", "完成期限格式应为 YYYY-MM-DD") }
        } else if passed {
            errors.add("action_title", "通过的决定须明确落实事项、责任人和期限")
        }
        if !errors.isEmpty { throw Refusal(errors) }
        let row = DelibDecisionRow(
            id: 0, zoneId: meeting.zoneId, meetingId: meeting.id, topicId: f.topicID!, kind: kind!.rawValue,
            text: f.text, voted: f.voted,
            votesFor: votes.0, votesAgainst: votes.1, votesAbstain: votes.2, passed: passed,
            createdAt: Clock.nowSeconds())
        return try await database.transaction { db in
            let repo = DeliberationRepository(db: db)
            let id = try await repo.insertDecision(row)
            try await repo.updateTopic(id: row.topicId, zoneID: row.zoneId, status: .decided)
            var actionID: Int64?
            if wantsAction {
                actionID = try await repo.insertAction(
                    zoneID: row.zoneId, decisionID: id, title: f.actionTitle, owner: f.owner, dueOn: f.dueOn)
                try await repo.insertUpdate(
                    actionID: actionID!, day: Clock.today.description, progress: 0, note: "议事会决定，交由\(f.owner)落实",
                    by: user.displayName, at: Clock.nowSeconds())
            }
            try await AuditLog.record(
                zoneID: row.zoneId, actor: user, entity: "delib_decision", id: id, action: "decide",
                after: ["text": row.text, "votes": row.votes, "action": f.actionTitle], on: db)
            return (id, actionID)
        }
    }

    // MARK: - Actions

    func progress(_ action: DelibActionRow, progress text: String, note: String, user: CurrentUser) async throws {
        try require(.update, user, zoneID: action.zoneId)
        var errors = FormErrors()
        let progress = Int(text)
        if progress == nil || !(0...100).contains(progress!) { errors.add("progress", "进度应为 0 到 100 的整数") }
        if note.isEmpty { errors.add("note", "请说明本次进展") }
        if action.isDone { errors.add("progress", "该事项已完成") }
        if let progress, progress < action.progress { errors.add("progress", "进度不能低于已登记的 \(action.progress)%") }
        if !errors.isEmpty { throw Refusal(errors) }
        var after = action
        after.progress = progress!
        if progress == 100 {
            after.status = "done"
            after.completedOn = Clock.today.description
        }
        try await database.transaction { [after] db in
            let repo = DeliberationRepository(db: db)
            try await repo.updateAction(after)
            try await repo.insertUpdate(
                actionID: action.id, day: Clock.today.description, progress: after.progress, note: note,
                by: user.displayName, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: action.zoneId, actor: user, entity: "delib_action", id: action.id, action: "progress",
                after: ["progress": String(after.progress), "note": note], on: db)
        }
    }

    /// 公开公示: a finished action with its result goes on the public page.
    func publish(_ action: DelibActionRow, summary: String, user: CurrentUser) async throws {
        try require(.update, user, zoneID: action.zoneId)
        var errors = FormErrors()
        if !action.isDone { errors.add("publish", "事项完成（进度 100%）后才能公示") }
        if action.publishedAt != nil { errors.add("publish", "该事项已公示") }
        if summary.isEmpty { errors.add("summary", "请填写公示的实施结果") }
        if !errors.isEmpty { throw Refusal(errors) }
        var after = action
        after.publishedAt = Clock.nowSeconds()
        after.resultSummary = summary
        try await database.transaction { [after] db in
            try await DeliberationRepository(db: db).updateAction(after)
            try await AuditLog.record(
                zoneID: action.zoneId, actor: user, entity: "delib_action", id: action.id, action: "publish",
                after: ["summary": summary], on: db)
        }
    }
}
