import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// `/api/v1/investment`: chains, the pipeline, stage moves, funds and targets with the pages'
/// checks and `Permissions`; the schema's limits are enforced exactly (code points, not
/// characters), and a refused write saves nothing.
@Suite struct InvestmentAPITests {
    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String,
        _ body: [String: Any]
    ) async throws -> TestResponse {
        try await PolicyEditAPITests.send(
            client, method, path, token: token,
            json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
    }

    /// The fields a refusal names.
    static func fields(_ response: TestResponse) throws -> Set<String> {
        Set((try APITests.json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
    }

    @Test func aChainLeaderReadsTheChainWithItsGapsAndProjects() async throws {
        try await withApp { client, services in
            let token = try await APITests.token("invest@foshan", services)
            let list = try APITests.json(try await APITests.get(client, "/api/v1/investment/chains", token: token))
            let chains = list["items"] as? [[String: Any]] ?? []
            #expect(chains.count >= 2 && (list["total"] as? Int ?? 0) == chains.count)
            let chainID = try #require(chains.first?["id"] as? Int)
            let one = try await APITests.get(client, "/api/v1/investment/chains/\(chainID)", token: token)
            #expect(one.status == .ok)
            let chain = try APITests.json(one)
            let nodes = chain["nodes"] as? [[String: Any]] ?? []
            #expect(!nodes.isEmpty)
            #expect((chain["gapCount"] as? Int ?? 0) >= 1)
            #expect(
                nodes.contains { $0["isGap"] as? Bool == true && !($0["targetCompanies"] as? String ?? "").isEmpty })
            #expect(
                Set(nodes.compactMap { $0["segment"] as? String }).isSubset(of: ["upstream", "midstream", "downstream"])
            )
            #expect(!(chain["tasks"] as? [Any] ?? []).isEmpty)
            // Another zone's chain does not exist; roles without 招商 are refused.
            let other = try await APITests.token("invest@shenyang", services)
            #expect(
                try await APITests.get(client, "/api/v1/investment/chains/\(chainID)", token: other).status
                    == .notFound)
            let firm = try await APITests.token("enterprise@foshan", services)
            #expect(try await APITests.get(client, "/api/v1/investment/chains", token: firm).status == .forbidden)
        }
    }

    @Test func aProjectGoesFromTalksToProductionThroughTheAPI() async throws {
        try await withApp { client, services in
            // 肇庆's pipeline is read; the new project goes to 沈阳 (the tests share one database, and
            // others count 肇庆's projects).
            let zhaoqingToken = try await APITests.token("invest@zhaoqing", services)
            let talks = try APITests.json(
                try await APITests.get(
                    client, "/api/v1/investment/projects?stage=talks&per_page=5", token: zhaoqingToken))
            #expect((talks["total"] as? Int ?? 0) >= 57)
            let zone = try await InvestmentFlowTests.zoneID("shenyang", services)
            let repo = InvestmentRepository(db: services.database.sql)
            let token = try await APITests.token("invest@shenyang", services)
            #expect((talks["items"] as? [[String: Any]] ?? []).allSatisfy { $0["stage"] as? String == "talks" })

            // Other suites add 沈阳 projects at the same time: what must not appear is this one.
            func saved() async throws -> Bool {
                try await repo.projects(zoneID: zone, filter: ProjectFilter(), try Pager(page: 1, size: 100)).rows
                    .contains { $0.name == "储能电池接口项目" }
            }
            #expect(try await !saved())
            let start = Clock.today.adding(days: -60)
            var body: [String: Any] = [
                "name": "储能电池接口项目", "investor": "东莞某储能企业", "originProvince": "广东省", "originCity": "东莞市",
                "plannedInvestment": 30000, "stage": "talks", "on": start.description,
            ]
            // 80 characters but 160 code points (each é written as e + a combining accent): over the
            // schema's 80, refused; so is an amount over the maximum and a date with a sign.
            var bad = body
            bad["name"] = String(repeating: "e\u{301}", count: 80)
            bad["plannedInvestment"] = 10_000_000_001
            bad["on"] = "+026-01-01"
            let refused = try await Self.send(client, .post, "/api/v1/investment/projects", token: token, bad)
            #expect(refused.status == .badRequest)
            #expect(try Self.fields(refused) == ["name", "plannedInvestment", "on"])
            var foreignNode = body
            let foshan = try await InvestmentFlowTests.zoneID("foshan", services)
            let foshanChain = try #require(try await repo.chains(zoneID: foshan).first)
            foreignNode["chainId"] = foshanChain.id
            let wrongChain = try await Self.send(
                client, .post, "/api/v1/investment/projects", token: token, foreignNode)
            #expect(wrongChain.status == .badRequest)
            #expect(try Self.fields(wrongChain) == ["chainId"])
            #expect(try await !saved())

            body["foreignInvestment"] = 0
            let made = try await Self.send(client, .post, "/api/v1/investment/projects", token: token, body)
            #expect(made.status == .created)
            let project = try APITests.json(made)
            let id = try #require(project["id"] as? Int)
            #expect(project["availableStages"] as? [String] == ["signed", "terminated"])
            let path = "/api/v1/investment/projects/\(id)"

            let skip = try await Self.send(
                client, .post, "\(path)/stages", token: token, ["stage": "registered", "on": start.description])
            #expect(try Self.fields(skip) == ["enterpriseId", "stage"])
            let unsigned = try await Self.send(
                client, .post, "\(path)/stages", token: token, ["stage": "signed", "on": start.description])
            #expect(try Self.fields(unsigned) == ["agreedInvestment"])
            let firm = try #require(
                try await EnterpriseRepository(db: services.database.sql).list(zoneID: zone, limit: 1, offset: 0)
                    .first)
            let moves: [[String: Any]] = [
                ["stage": "signed", "on": start.adding(days: 10).description, "agreedInvestment": 28000],
                ["stage": "registered", "on": start.adding(days: 20).description, "enterpriseId": firm.id],
                ["stage": "started", "on": start.adding(days: 30).description],
                ["stage": "completed", "on": start.adding(days: 50).description],
                ["stage": "producing", "on": start.adding(days: 55).description, "note": "一期投产"],
            ]
            for move in moves {
                let moved = try await Self.send(client, .post, "\(path)/stages", token: token, move)
                #expect(moved.status == .ok, "\(move)")
            }
            let month = String(start.adding(days: 40).description.prefix(7))
            let funds = try await Self.send(
                client, .post, "\(path)/funds", token: token, ["month": month, "funds": 5000, "foreignFunds": 12])
            #expect(funds.status == .ok)
            let early = try await Self.send(
                client, .post, "\(path)/funds", token: token, ["month": "2001-01", "funds": 1])
            #expect(try Self.fields(early) == ["month"])
            let done = try APITests.json(try await APITests.get(client, path, token: token))
            #expect(done["stage"] as? String == "producing")
            #expect(done["agreedInvestment"] as? Int == 28000)
            #expect(done["enterpriseId"] as? Int == Int(firm.id))
            #expect(done["fundsInPlace"] as? Int == 5000)
            #expect((done["availableStages"] as? [String])?.isEmpty == true)
            let steps = done["stages"] as? [[String: Any]] ?? []
            #expect(
                steps.compactMap { $0["stage"] as? String }
                    == ["talks", "signed", "registered", "started", "completed", "producing"])
            #expect(steps.compactMap { $0["on"] as? String }.last == start.adding(days: 55).description)

            // Department staff read but do not move; another zone's officer sees nothing.
            let staff = try await APITests.token("staff@shenyang", services)
            #expect(try await APITests.get(client, path, token: staff).status == .ok)
            #expect(
                try await Self.send(
                    client, .post, "\(path)/stages", token: staff, ["stage": "terminated", "on": "2026-01-01"]
                )
                .status == .forbidden)
            let other = try await APITests.token("invest@foshan", services)
            #expect(try await APITests.get(client, path, token: other).status == .notFound)
        }
    }

    @Test func targetsShowDoubleHalfAndOnlyTheAdminSetsThem() async throws {
        try await withApp { client, services in
            let year = DemoInvestment.year(Clock.today)
            let admin = try await APITests.token("admin@baoji", services)
            let read = try await APITests.get(client, "/api/v1/investment/targets?year=\(year)", token: admin)
            #expect(read.status == .ok)
            let targets = try APITests.json(read)
            #expect(targets["midYearReached"] as? Bool == true)
            let zone = try #require((targets["scopes"] as? [[String: Any]])?.first { $0["parkId"] == nil })
            let funds = try #require(
                (zone["lines"] as? [[String: Any]])?.first { $0["kind"] as? String == "funds_in_place" })
            #expect(funds["halfYearActual"] as? Int == 1_576_000)
            #expect(funds["doubleHalf"] as? Bool == true)

            let zero = try await Self.send(
                client, .put, "/api/v1/investment/targets", token: admin,
                ["year": year, "kind": "new_projects", "target": 0])
            #expect(try Self.fields(zero) == ["target"])
            let set = try await Self.send(
                client, .put, "/api/v1/investment/targets", token: admin,
                ["year": year, "kind": "producing", "target": 12])
            #expect(set.status == .ok)
            let lines = (try APITests.json(set)["scopes"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]]
            #expect(lines?.contains { $0["kind"] as? String == "producing" && $0["target"] as? Int == 12 } == true)
            let officer = try await APITests.token("invest@baoji", services)
            #expect(
                try await Self.send(
                    client, .put, "/api/v1/investment/targets", token: officer,
                    ["year": year, "kind": "producing", "target": 5]
                ).status == .forbidden)
            #expect(
                try await APITests.get(client, "/api/v1/investment/targets?year=1999", token: admin).status
                    == .badRequest)
        }
    }
}
