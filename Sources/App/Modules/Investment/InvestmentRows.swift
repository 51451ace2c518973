import Foundation
import GaoxinCore

struct InvestChainRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var name: String
    var leaderUserId: Int64?
    var leadDepartmentId: Int64?
    var plan: String
    var fund: String
    var platform: String
    var anchorFirms: String
    var experts: String
    var createdAt: Int64
}

struct InvestNodeRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var chainId: Int64
    var segment: String
    var name: String
    var position: Int
    var isGap: Bool
    var targetCompanies: String

    var segmentValue: ChainSegment { ChainSegment(rawValue: segment) ?? .midstream }
}

struct InvestTaskRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var chainId: Int64
    var title: String
    var ownerUserId: Int64
    var dueOn: String
    var doneOn: String?
    var createdAt: Int64

    func status(today: Day) -> ChainTaskStatus {
        ChainTaskStatus(dueOn: Day(dueOn) ?? today, doneOn: doneOn.flatMap { Day($0) }, today: today)
    }
}

struct InvestProjectRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var parkId: Int64?
    var chainId: Int64?
    var nodeId: Int64?
    var name: String
    var investor: String
    var originProvince: String
    var originCity: String
    var plannedInvestment: Int64
    var agreedInvestment: Int64?
    var foreignInvestment: Int64
    var officerUserId: Int64?
    var enterpriseId: Int64?
    var stage: String
    var stageOn: String
    var terminationReason: String?
    var createdAt: Int64

    var stageValue: ProjectStage { ProjectStage(rawValue: stage) ?? .lead }
}

struct InvestStageRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var projectId: Int64
    var stage: String
    var movedOn: String
    var note: String
    var byName: String
    var createdAt: Int64
}

struct InvestFundsRow: Codable, Sendable {
    var zoneId: Int64
    var projectId: Int64
    var month: String
    var funds: Int64
    var foreignFunds: Int64
}

struct InvestTargetRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var parkId: Int64?
    var year: Int
    var kind: String
    var target: Int64
    var updatedAt: Int64
}

/// The pipeline list's filters (all optional).
struct ProjectFilter: Sendable {
    var stage: ProjectStage?
    var parkID: Int64?
    var chainID: Int64?
}

/// One origin of the pipeline (招商地图): how many projects came from the city, planned investment (万元).
struct InvestOriginRow: Codable, Sendable {
    var originProvince: String
    var originCity: String
    var projects: Int64
    var planned: Int64?
    var signed: Int64?
}

/// A project on the month's dispatch list (重点项目 or 民生工程) and the unit responsible for it.
struct DispatchItemRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var year: Int
    var kind: String
    var name: String
    var projectId: Int64?
    var departmentId: Int64
    /// The year's planned investment, 万元.
    var annualPlan: Int64
    var createdAt: Int64

    var kindValue: DispatchKind { DispatchKind(rawValue: kind) ?? .keyProject }
}

/// One month's 调度 report: cumulative progress (0…100 %) and investment so far this year (万元).
struct DispatchReportRow: Codable, Sendable {
    var itemId: Int64
    var zoneId: Int64
    var month: String
    var progress: Int
    var invested: Int64
    var note: String
    var byName: String
    var createdAt: Int64
}

/// A 督办 of a late project with the 约谈 it led to.
struct DispatchEscalationRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var itemId: Int64
    var month: String
    var reason: String
    var interviewOn: String
    var interviewee: String
    var outcome: String
    var byName: String
    var createdAt: Int64
}

struct InvestEventRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var kind: String
    var title: String
    var heldOn: String
    var place: String
    var team: String
    /// Enterprises met (对接企业).
    var contacts: Int
    /// Enterprises that came to see the zone after it (来区考察).
    var visits: Int
    var notes: String
    var createdAt: Int64

    var kindValue: InvestEventKind { InvestEventKind(rawValue: kind) ?? .promotion }
}

struct InvestIdeaRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var title: String
    var detail: String
    var proposer: String
    var submittedOn: String
    var status: String
    var screeningNote: String
    var projectId: Int64?
    var createdAt: Int64

    var statusValue: IdeaStatus { IdeaStatus(rawValue: status) ?? .submitted }
}

/// 一月一链: a chain's review of the month, with its minutes.
struct InvestChainReviewRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var chainId: Int64
    var month: String
    var heldOn: String
    var attendees: String
    var minutes: String
    var byName: String
    var createdAt: Int64
}
