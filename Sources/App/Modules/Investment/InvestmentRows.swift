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
