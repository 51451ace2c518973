import Foundation
import GaoxinCore
import SQLKit

/// 招商 demo from the seeds: 佛山 (新能源汽车, 高端装备) and 沈阳 (链长制: 智能制造, 电子信息) chains with
/// the ten elements, maps with gaps and tasks (one overdue); 肇庆's near 60 projects in talks
/// (近60家在谈的储备项目) with their history; 宝鸡's year where half-year funds in place reach
/// 157.6 亿元 = 55.49% of 284 亿元 and FDI 1590 万美元 = 227.14% of 700, with 24 projects signed in the
/// first half, 21 of them 亿元以上 totalling 92.03 亿元; 佛山's parks with targets, some passing 双过半.
enum DemoInvestment {
    struct Context {
        let zoneID: Int64
        let db: any SQLDatabase
        let officer: Int64?
        let admin: Int64?
        let parks: [Int64]
        var repo: InvestmentRepository { InvestmentRepository(db: db) }
    }

    /// The year the demo's figures are for: this year once its first half is over, else last year.
    static func year(_ today: Day) -> Int { today.month >= 7 ? today.year : today.year - 1 }

    static func load(zoneCode: String, zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        guard ["foshan", "shenyang", "zhaoqing", "baoji"].contains(zoneCode) else { return }
        let users = UserRepository(db: db)
        let ctx = Context(
            zoneID: zoneID, db: db, officer: try await users.find(username: "invest@\(zoneCode)")?.id,
            admin: try await users.find(username: "admin@\(zoneCode)")?.id,
            parks: try await ZoneRepository(db: db).parks(zoneID: zoneID).map(\.id))
        switch zoneCode {
        case "foshan": try await foshan(ctx, today: today)
        case "shenyang": try await shenyang(ctx, today: today)
        case "zhaoqing": try await zhaoqing(ctx, today: today)
        default: try await baoji(ctx, today: today)
        }
    }

    // MARK: - Building blocks

    struct NodeSpec {
        let segment: ChainSegment
        let name: String
        var gapTargets: String? = nil
    }

    /// A chain with its elements, nodes (registry enterprises of the chain placed on the non-gap
    /// nodes, a few left unplaced), linked policy items and tasks.
    static func chain(
        _ ctx: Context, name: String, department: String, plan: String, fund: String, platform: String,
        anchors: String, experts: String, nodes: [NodeSpec], tasks: [(String, Day, Day?)]
    ) async throws -> (Int64, [Int64]) {
        let departments = try await ZoneRepository(db: ctx.db).departments(scope: .zone(ctx.zoneID))
        let chainID = try await ctx.repo.insertChain(
            InvestChainRow(
                id: 0, zoneId: ctx.zoneID, name: name, leaderUserId: ctx.officer,
                leadDepartmentId: departments.first { $0.name == department }?.id, plan: plan, fund: fund,
                platform: platform, anchorFirms: anchors, experts: experts, createdAt: Clock.nowSeconds()))
        var nodeIDs: [Int64] = []
        for (i, n) in nodes.enumerated() {
            nodeIDs.append(
                try await ctx.repo.insertNode(
                    InvestNodeRow(
                        id: 0, zoneId: ctx.zoneID, chainId: chainID, segment: n.segment.rawValue, name: n.name,
                        position: i, isGap: n.gapTargets != nil, targetCompanies: n.gapTargets ?? "")))
        }
        let filled = zip(nodes, nodeIDs).filter { $0.0.gapTargets == nil }.map(\.1)
        let registry = try await ctx.repo.registryEnterprises(zoneID: ctx.zoneID, chain: name)
        for (i, e) in registry.dropLast(2).enumerated() where !filled.isEmpty {
            try await ctx.repo.placeEnterprise(nodeID: filled[i % filled.count], enterpriseID: e.0)
        }
        let items = try await ctx.repo.policyItemIDs(zoneID: ctx.zoneID, limit: 2)
        for item in items { try await ctx.repo.linkPolicy(chainID: chainID, itemID: item) }
        for (title, due, done) in tasks {
            _ = try await ctx.repo.insertTask(
                InvestTaskRow(
                    id: 0, zoneId: ctx.zoneID, chainId: chainID, title: title,
                    ownerUserId: ctx.officer ?? ctx.admin ?? 0,
                    dueOn: due.description, doneOn: done?.description, createdAt: Clock.nowSeconds()))
        }
        return (chainID, nodeIDs)
    }

    struct ProjectSpec {
        var name: String
        var investor: String
        var province: String
        var city: String
        var planned: Int64
        var park: Int64? = nil
        var chain: Int64? = nil
        var node: Int64? = nil
        var foreign: Int64 = 0
        /// The stages reached, each with its day (the first is where the project entered).
        var moves: [(ProjectStage, Day)]
        var agreed: Int64? = nil
        var funds: [(String, Int64, Int64)] = []
    }

    /// A project with its dated history and funds, written as the service would have.
    @discardableResult
    static func project(_ ctx: Context, _ s: ProjectSpec) async throws -> Int64 {
        let last = s.moves.last!
        let enterprise =
            last.0.hasReached(.registered)
            ? try await ctx.repo.firstEnterpriseID(zoneID: ctx.zoneID) : nil
        let id = try await ctx.repo.insertProject(
            InvestProjectRow(
                id: 0, zoneId: ctx.zoneID, parkId: s.park, chainId: s.chain, nodeId: s.node, name: s.name,
                investor: s.investor, originProvince: s.province, originCity: s.city, plannedInvestment: s.planned,
                agreedInvestment: last.0.hasReached(.signed) ? (s.agreed ?? s.planned) : nil,
                foreignInvestment: s.foreign,
                officerUserId: ctx.officer, enterpriseId: enterprise, stage: last.0.rawValue,
                stageOn: last.1.description, terminationReason: nil, createdAt: Clock.nowSeconds()))
        for (i, (stage, day)) in s.moves.enumerated() {
            try await ctx.repo.insertStage(
                InvestStageRow(
                    id: 0, zoneId: ctx.zoneID, projectId: id, stage: stage.rawValue, movedOn: day.description,
                    note: i == 0 ? "登记项目" : note(stage), byName: "招商专员", createdAt: Clock.nowSeconds()))
        }
        for (month, funds, foreign) in s.funds {
            try await ctx.repo.setFunds(
                InvestFundsRow(zoneId: ctx.zoneID, projectId: id, month: month, funds: funds, foreignFunds: foreign))
        }
        return id
    }

    static func note(_ stage: ProjectStage) -> String {
        switch stage {
        case .talks: "首次洽谈，对接用地和配套需求"
        case .signed: "签订投资协议"
        case .registered: "完成企业注册"
        case .started: "项目开工"
        case .completed: "主体工程竣工验收"
        case .producing: "正式投产"
        default: ""
        }
    }

    /// Stage days from `start` (or today, if later), `gap` days apart, never after `today`: the
    /// stages from `first` up to `stage`.
    static func moves(
        to stage: ProjectStage, from start: Day, gap: Int, today: Day, startingAt first: ProjectStage = .lead
    ) -> [(ProjectStage, Day)] {
        var out: [(ProjectStage, Day)] = []
        var day = min(start, today)
        for s in ProjectStage.line.drop(while: { $0 != first }) {
            guard day <= today else { break }
            out.append((s, day))
            if s == stage { break }
            day = day.adding(days: gap)
        }
        return out
    }

    static func month(_ year: Int, _ m: Int) -> String { String(format: "%04d-%02d", year, m) }
}
