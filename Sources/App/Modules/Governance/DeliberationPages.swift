import Foundation

/// Lines of the deliberation lists.
struct DeliberationIssueLine: Sendable {
    let id: Int64
    let href: String
    let title: String
    let channel: String
    let raisedBy: String
    let raisedOn: String
    let supports: Int
    let status: String
}
struct DeliberationTopicLine: Sendable {
    let id: Int64
    let href: String
    let title: String
    let status: String
    let issueCount: Int
}
struct DeliberationMeetingLine: Sendable {
    let id: Int64
    let href: String
    let title: String
    let heldOn: String
    let topicCount: Int
    let attended: Int
    let invited: Int
}
struct DeliberationActionLine: Sendable {
    let id: Int64
    let href: String
    let title: String
    let owner: String
    let dueOn: String
    let progress: Int
    let status: String
    let published: Bool
}
struct DeliberationDecisionLine: Sendable {
    let topic: String
    let kind: String
    let text: String
    let votes: String
    let passed: Bool
    let actionHref: String?
}

/// 协商议事: issues collected, topics, meetings and how decisions are carried out.
struct DeliberationHomePage: Sendable {
    let channels: [SelectOption]
    let issues: [DeliberationIssueLine]
    let topics: [DeliberationTopicLine]
    let meetings: [DeliberationMeetingLine]
    let actions: [DeliberationActionLine]
    let canRaise: Bool
    let canManage: Bool
    let raiseHref: String
    let newMeetingHref: String
    let publicHref: String
    let affairs: Int
    let projects: Int
}

struct DeliberationIssueFormPage: Sendable {
    let isResident: Bool
    let channels: [SelectOption]
    var title = ""
    var description = ""
    var raisedBy = ""
    var raisedOn: String
    var errors = FormErrors()
    let action: String
    let csrf: String
}

struct DeliberationIssuePage: Sendable {
    let id: Int64
    let title: String
    let description: String
    let channel: String
    let raisedBy: String
    let raisedOn: String
    let supports: Int
    let canSupport: Bool
    let supported: Bool
    let supportAction: String
    let topicTitle: String?
    let topicHref: String?
    let canMakeTopic: Bool
    let topics: [SelectOption]
    var topicTitleInput = ""
    var notes = ""
    var errors = FormErrors()
    let topicAction: String
    let csrf: String
}

struct DeliberationTopicPage: Sendable {
    let title: String
    let status: String
    let notes: String
    let createdBy: String
    let issues: [DeliberationIssueLine]
    let meetings: [DeliberationMeetingLine]
    let decisions: [DeliberationDecisionLine]
    let canManage: Bool
    var notesInput: String
    var errors = FormErrors()
    let action: String
    let csrf: String
}

struct DeliberationMeetingFormPage: Sendable {
    struct Topic: Sendable {
        let id: Int64
        let title: String
        let checked: Bool
    }
    var title: String
    var heldOn: String
    var place: String
    let topics: [Topic]
    var participants: String
    var errors = FormErrors()
    let action: String
    let csrf: String
}

struct DeliberationMeetingPage: Sendable {
    struct Participant: Sendable {
        let id: Int64
        let category: String
        let name: String
        let attended: Bool
    }
    let title: String
    let heldOn: String
    let place: String
    let agenda: [DeliberationTopicLine]
    let participants: [Participant]
    let invited: Int
    let attended: Int
    let minutes: String
    let hasMinutes: Bool
    let decisions: [DeliberationDecisionLine]
    let canManage: Bool
    let topicOptions: [SelectOption]
    let kinds: [SelectOption]
    var minutesInput: String
    var decision = DecisionInput()
    var errors = FormErrors()
    let attendanceAction: String
    let minutesAction: String
    let decisionAction: String
    let csrf: String

    struct DecisionInput: Sendable {
        var text = ""
        var voted = true
        var votesFor = ""
        var votesAgainst = ""
        var votesAbstain = ""
        var actionTitle = ""
        var owner = ""
        var dueOn = ""
    }
}

struct DeliberationActionPage: Sendable {
    struct Update: Sendable {
        let day: String
        let progress: Int
        let note: String
        let by: String
    }
    let title: String
    let owner: String
    let dueOn: String
    let progress: Int
    let status: String
    let completedOn: String?
    let published: Bool
    let resultSummary: String?
    let decision: String
    let votes: String
    let meetingTitle: String
    let meetingHref: String
    let timeline: [Update]
    let canProgress: Bool
    let canPublish: Bool
    var errors = FormErrors()
    let progressAction: String
    let publishAction: String
    let csrf: String
}

/// The public page: published results and the running totals the seed reports.
struct PublicDeliberationPage: Sendable {
    struct Result: Sendable {
        let title: String
        let decision: String
        let kind: String
        let meeting: String
        let heldOn: String
        let votes: String
        let completedOn: String
        let summary: String
        let timeline: [DeliberationActionPage.Update]
    }
    let zoneName: String
    let affairs: Int
    let projects: Int
    let meetingCount: Int
    let results: [Result]
}
