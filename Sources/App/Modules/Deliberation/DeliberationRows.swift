import Foundation
import GaoxinCore

/// Where an issue came in: the seed's channels (村民议事会、民情恳谈会、书记信箱、群众来访) and online.
enum DeliberationChannel: String, CaseIterable, Sendable, Codable {
    case council, forum, mailbox, visit, online

    var label: String {
        switch self {
        case .council: "村民议事会"
        case .forum: "民情恳谈会"
        case .mailbox: "书记信箱"
        case .visit: "群众来访"
        case .online: "网上提出"
        }
    }
}

/// Who is invited to a 阳光议事会 (提前通知村“两委”成员、集体经济组织理事会成员、党员群众代表及其他相关人员).
enum ParticipantCategory: String, CaseIterable, Sendable {
    case committees = "两委成员"
    case collective = "集体经济组织理事会成员"
    case representatives = "党员群众代表"
    case stakeholders = "利益相关方"
}

/// A decision is about a public affair (乡规民约修改等) or a project for residents (健身器材引进等).
enum DecisionKind: String, CaseIterable, Sendable {
    case affair, project

    var label: String { self == .affair ? "公共事务" : "惠民项目" }
}

enum TopicStatus: String, Sendable {
    case researching, scheduled, decided

    var label: String {
        switch self {
        case .researching: "调研论证中"
        case .scheduled: "已列入议程"
        case .decided: "已协商决定"
        }
    }
}

struct DelibIssueRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var channel: String
    var title: String
    var description: String
    var raisedByName: String
    var raisedByPersonId: Int64?
    var recordedByUserId: Int64?
    var raisedOn: String
    var topicId: Int64?
    var createdAt: Int64

    var channelLabel: String { DeliberationChannel(rawValue: channel)?.label ?? channel }
}

struct DelibTopicRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var title: String
    var researchNotes: String
    var status: String
    var createdBy: String
    var createdAt: Int64

    var statusLabel: String { TopicStatus(rawValue: status)?.label ?? status }
}

struct DelibMeetingRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var title: String
    var heldOn: String
    var place: String
    var minutes: String
    var createdAt: Int64
}

struct DelibParticipantRow: Codable, Sendable {
    var id: Int64
    var meetingId: Int64
    var category: String
    var name: String
    var attended: Bool
}

struct DelibDecisionRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var meetingId: Int64
    var topicId: Int64
    var kind: String
    var text: String
    var voted: Bool
    var votesFor: Int
    var votesAgainst: Int
    var votesAbstain: Int
    var passed: Bool
    var createdAt: Int64

    var votes: String {
        voted
            ? "赞成 \(votesFor)、反对 \(votesAgainst)、弃权 \(votesAbstain)，\(passed ? "通过" : "未通过")"
            : "协商一致，\(passed ? "通过" : "未通过")"
    }
}

struct DelibActionRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var decisionId: Int64
    var title: String
    var owner: String
    var dueOn: String
    var progress: Int
    var status: String
    var completedOn: String?
    var publishedAt: Int64?
    var resultSummary: String?

    var isDone: Bool { status == "done" }
}

struct DelibActionUpdateRow: Codable, Sendable {
    var id: Int64
    var actionId: Int64
    var day: String
    var progress: Int
    var note: String
    var byName: String
    var at: Int64
}
