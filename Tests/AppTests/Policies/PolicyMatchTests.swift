import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Matching (应知尽知、应享尽享) from both sides, and the notices that tell enterprises.
@Suite struct PolicyMatchTests {
    @Test func theDemoMatchesSomeEnterprisesAndNotOthersWithReasons() async throws {
        try await withApp { _, services in
            let item = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
            let sql = services.database.sql
            let stored = try await PolicyRepository(db: sql).matches(itemID: item.id)
            let everyone = try await EnterpriseRepository(db: sql).list(zoneID: item.zoneId, limit: 10_000, offset: 0)
                .map(\.id)
            let yes = Set(stored.map(\.enterpriseId))
            #expect(!yes.isEmpty && yes.count < everyone.count)
            // Every outcome says why, in Chinese, condition by condition (rendered when asked).
            let reasons = try await PolicyMatching(db: sql).explain(
                item: item, enterpriseIDs: everyone, zoneID: item.zoneId)
            #expect(reasons.count == everyone.count && reasons.values.allSatisfy { !$0.isEmpty })
            #expect(yes.allSatisfy { reasons[$0]?.contains { $0.hasPrefix("研发费用 ") && $0.hasSuffix("满足") } == true })
            #expect(reasons.contains { !yes.contains($0.key) && $0.value.contains { $0.contains("不满足") } })
            // The amount is 10% of R&D expense, capped at 200万元.
            #expect(stored.allSatisfy { ($0.estimatedAmount ?? 0) > 0 && ($0.estimatedAmount ?? 0) <= 200 })
            #expect(stored.contains { $0.estimatedAmount == 200 })
            // Drafts and expired policies are matched with nobody.
            let expired = try await PolicyFixtures.item("稳岗补贴", zone: "foshan", services)
            #expect(try await PolicyRepository(db: services.database.sql).matches(itemID: expired.id).isEmpty)
        }
    }

    @Test func anImportRematchesTheEnterprisesItBrings() async throws {
        try await withApp { client, services in
            let uscc = DemoLoader.creditCode(body: "91610131MA6T\(Int.random(in: 10000...99999))")
            let header = EnterpriseCSVTests.header
            // A 西安 enterprise with 400万 R&D on 5000万 revenue (8%): fits 研发投入补助 (≥ 300万 and ≥ 4%).
            let rows = [
                header,
                EnterpriseCSVTests.row(
                    uscc, year: 2025, name: "西安匹配测试科技有限公司",
                    ["园区": "", "营业收入（万元）": "5000", "研发费用（万元）": "400"]),
            ]
            var browser = Browser(client)
            _ = try await browser.login("admin@xian")
            let imported = try await EnterpriseRoutesTests.upload(
                &browser, "/m/enterprises/import", file: Data(rows.joined(separator: "\n").utf8))
            #expect(imported.status == .seeOther, "\(imported.text.prefix(3000))")
            let xian = try await PolicyFixtures.zoneID("xian", services)
            let enterprise = try #require(
                try await EnterpriseRepository(db: services.database.sql).find(uscc: uscc, zoneID: xian))
            let matches = try await PolicyRepository(db: services.database.sql).matches(enterpriseID: enterprise.id)
            let item = try await PolicyFixtures.item("研发投入补助", zone: "xian", services)
            let match = try #require(matches.first { $0.itemId == item.id })
            #expect(match.estimatedAmount == 32)  // 400 × 8%
            #expect(match.factsYear == 2025)
        }
    }

    @Test func anEnterpriseUserSeesOnlyTheirOwnMatches() async throws {
        try await withApp { client, services in
            let (own, other, foreign) = try await PermissionTests.enterpriseIDs(services)
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            let mine = try await browser.get("/m/policies/mine")
            #expect(mine.status == .seeOther)
            #expect(mine.location == "/m/policies/enterprises/\(own)")
            let page = try await browser.get("/m/policies/enterprises/\(own)")
            #expect(page.status == .ok)
            #expect(page.text.contains("可申报的政策"))
            #expect(page.text.contains("为什么符合"))
            #expect(page.text.contains("预计可获"))
            #expect(page.text.contains("暂不符合的政策"))
            #expect(try await browser.get("/m/policies/enterprises/\(other)").status == .notFound)
            #expect(try await browser.get("/m/policies/enterprises/\(foreign)").status == .notFound)
            // Staff look at any enterprise of their zone.
            var staff = Browser(client)
            _ = try await staff.login("invest@foshan")
            #expect(try await staff.get("/m/policies/enterprises/\(other)").status == .ok)
            #expect(try await staff.get("/m/policies/enterprises/\(foreign)").status == .notFound)
            #expect(try await staff.get("/m/policies/mine").status == .forbidden)
        }
    }

    @Test func notifyingCreatesNoticesTheEnterpriseReadsAndMarksRead() async throws {
        try await withApp { client, services in
            // 济南's 发明专利资助 fits enterprise@jinan's enterprise? Pick an item that does.
            let enterpriseID = try await PolicyFixtures.enterpriseID(of: "enterprise@jinan", services)
            let repo = PolicyRepository(db: services.database.sql)
            let jinan = try await PolicyFixtures.zoneID("jinan", services)
            let items = try await repo.items(zoneID: jinan)
            let fitting = try await repo.matches(enterpriseID: enterpriseID).map(\.itemId)
            let item = try #require(
                items.first { fitting.contains($0.id) }, "the demo gives enterprise@jinan at least one match")
            var staff = Browser(client)
            _ = try await staff.login("admin@jinan")  // the zone admin may notify for any department's item
            let list = try await staff.get("/m/policies/items/\(item.id)/eligible")
            #expect(list.status == .ok)
            #expect(list.text.contains("通知全部尚未通知的企业"))

            // MUT: one enterprise, then everyone not yet told.
            let one = try await staff.post(
                "/m/policies/items/\(item.id)/notify", form: [("enterprise_id", String(enterpriseID))])
            #expect(one.status == .seeOther)
            let notices = try await repo.notices(enterpriseID: enterpriseID)
            let notice = try #require(notices.first { $0.policyItemId == item.id })
            #expect(notice.message.contains(item.title))
            #expect(notice.readAt == nil)
            let everyone = try await staff.post("/m/policies/items/\(item.id)/notify", form: [("all", "1")])
            #expect(everyone.status == .seeOther)
            let engaged = try await ApplicationRepository(db: services.database.sql).engaged(itemID: item.id)
            let eligible = try await repo.matches(itemID: item.id).filter { !engaged.contains($0.enterpriseId) }.count
            #expect(try await repo.notified(itemID: item.id).count == eligible)
            // not told twice
            #expect(try await repo.notices(enterpriseID: enterpriseID).filter { $0.policyItemId == item.id }.count == 1)
            let again = try await staff.post("/m/policies/items/\(item.id)/notify", form: [("all", "1")])
            #expect(again.status == .seeOther)
            let audit = try await services.database.sql.select().column("after_json").from("audit_log").where(
                "entity", .equal, "policy_item"
            )
            .where("entity_id", .equal, String(item.id)).where("action", .equal, "notify").orderBy("id").all(
                decodingColumn: "after_json", as: String.self)
            #expect(audit.count == 2)

            // The enterprise sees it on the home page and the notices page, and marks it read.
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@jinan")
            let home = try await enterprise.get("/")
            #expect(home.text.contains("未读通知"))
            #expect(home.text.contains(item.title))
            let page = try await enterprise.get("/m/policies/notices")
            #expect(page.status == .ok)
            #expect(page.text.contains(item.title))
            let read = try await enterprise.post("/m/policies/notices/read", form: [("all", "1")])
            #expect(read.status == .seeOther)
            #expect(try await repo.unreadCount(enterpriseID: enterpriseID) == 0)
        }
    }

    @Test func onlyEditorsNotifyAndOnlyEligibleEnterprises() async throws {
        try await withApp { client, services in
            let item = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
            let repo = PolicyRepository(db: services.database.sql)
            let fitting = Set(try await repo.matches(itemID: item.id).map(\.enterpriseId))
            // Not enterprise@foshan's own: other suites edit its figures (so its matches) and decide its
            // applications (each decision a notice to it) meanwhile.
            let own = try await PolicyFixtures.enterpriseID(of: "enterprise@foshan", services)
            let notEligible = try #require(
                try await EnterpriseRepository(db: services.database.sql).list(
                    zoneID: item.zoneId, limit: 10_000, offset: 0
                )
                .first { !fitting.contains($0.id) && $0.id != own })
            var invest = Browser(client)
            _ = try await invest.login("invest@foshan")
            let page = try await invest.get("/m/policies/items/\(item.id)/eligible")
            #expect(page.status == .ok)
            #expect(!page.text.contains("通知全部尚未通知的企业"))
            #expect(
                try await invest.post("/m/policies/items/\(item.id)/notify", form: [("all", "1")]).status == .forbidden)
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            let before = try await repo.notices(enterpriseID: notEligible.id).count
            let refused = try await staff.post(
                "/m/policies/items/\(item.id)/notify", form: [("enterprise_id", String(notEligible.id))])
            #expect(refused.status == .seeOther)
            #expect(try await repo.notices(enterpriseID: notEligible.id).count == before)
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            #expect(try await enterprise.get("/m/policies/items/\(item.id)/eligible").status == .forbidden)
            #expect(try await staff.get("/m/policies/notices").status == .forbidden)
        }
    }

    @Test func theCommandRematchesAWholeZoneAndARerunWritesNothing() async throws {
        try await withApp { _, services in
            let zone = try await PolicyFixtures.zoneID("yongchuan", services)
            let rematch = {
                try await services.database.transaction { db in
                    try await PolicyMatching(db: db).run(zoneID: zone, trigger: "测试", actor: nil)
                }
            }
            let summary = try await rematch()
            let enterprises = try await EnterpriseRepository(db: services.database.sql).count(zoneID: zone)
            #expect(summary.enterprises == enterprises)
            #expect(summary.items == 3)
            #expect(summary.eligible > 0 && summary.eligible < summary.items * enterprises)
            #expect(
                try await PolicyFixtures.count("policy_matches", services, where: "zone_id", zone) == summary.eligible)
            // Nothing changed since: the outcome digests agree and no enterprise is rewritten.
            let again = try await rematch()
            #expect(again.changed == 0 && again.eligible == summary.eligible)
        }
    }

    @Test func aChangedRuleRewritesOnlyTheEnterprisesWhoseOutcomeMoved() async throws {
        try await withApp { _, services in
            // A copy of a 佛山 demo item in 宝鸡, whose enterprises' figures no other suite edits, so the
            // outcomes below move only with the rule.
            var copy = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
            let baoji = try await PolicyFixtures.zoneID("baoji", services)
            let host = try #require(
                try await PolicyRepository(db: services.database.sql).policies(zoneID: baoji)
                    .first { $0.validity(on: Clock.today) == .inForce })
            copy.zoneId = baoji
            copy.policyId = host.id
            copy.title = "增量匹配测试条款"
            copy.budget = nil
            let template = copy
            copy.id = try await services.database.transaction { db in
                let id = try await PolicyRepository(db: db).insert(template)
                _ = try await PolicyMatching(db: db).run(zoneID: template.zoneId, trigger: "测试", actor: nil)
                return id
            }
            let item = copy
            let repo = PolicyRepository(db: services.database.sql)
            let before = Set(try await repo.matches(itemID: item.id).map(\.enterpriseId))
            var change = item
            // Only the enterprises that also have more than 100 staff keep the item.
            change.ruleJson = #"{"and":[\#(item.ruleJson),{">":[{"var":"staff"},100]}]}"#
            let stricter = change
            let summary = try await services.database.transaction { db in
                try await PolicyRepository(db: db).update(stricter)
                return try await PolicyMatching(db: db).run(zoneID: item.zoneId, trigger: "测试", actor: nil)
            }
            let after = Set(try await repo.matches(itemID: item.id).map(\.enterpriseId))
            #expect(after.isSubset(of: before) && after.count < before.count)
            // At least those enterprises were rewritten (suites running alongside change the zone too).
            #expect(summary.changed >= before.count - after.count)
            // Put the rule back: the same enterprises move back, and the stored matches are as before.
            let restored = try await services.database.transaction { db in
                try await PolicyRepository(db: db).update(item)
                return try await PolicyMatching(db: db).run(zoneID: item.zoneId, trigger: "测试", actor: nil)
            }
            #expect(restored.changed >= before.count - after.count)
            #expect(Set(try await repo.matches(itemID: item.id).map(\.enterpriseId)) == before)
        }
    }

    @Test func aRematchLeavesExactlyThePairsOfAFullEvaluation() async throws {
        try await withApp { _, services in
            // setup: a zone of its own (no other suite edits it) with 40 enterprises and three items, matched.
            let code = "m" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let now = Clock.nowSeconds()
            let (zoneID, items) = try await services.database.transaction { db in
                let zones = ZoneRepository(db: db)
                let zoneID = try await zones.insertZone(
                    code: code, name: "匹配测试\(code)", fullName: "匹配测试高新区\(code)", province: "陕西省", city: "西安市",
                    at: now)
                let department = try await zones.insertDepartment(
                    zoneID: zoneID, code: "science", name: "科技创新局", kind: "science")
                let repo = PolicyRepository(db: db)
                let policy = try await repo.insertDocument(
                    zoneID: zoneID, departmentID: department, title: "匹配测试政策", effectiveOn: "2025-01-01", at: now)
                let items = [
                    try await repo.insertItem(
                        zoneID: zoneID, policyID: policy, position: 0, title: "营收奖励", fixedAmount: 10, formula: nil,
                        cap: nil, ruleJSON: #"{">=":[{"var":"revenue"},2000]}"#, at: now),
                    try await repo.insertItem(
                        zoneID: zoneID, policyID: policy, position: 1, title: "研发补助", fixedAmount: nil,
                        formula: #"{"*":[{"var":"rdExpense"},0.1]}"#, cap: 50,
                        ruleJSON: #"{">=":[{"var":"rdExpense"},100]}"#,
                        at: now),
                    try await repo.insertItem(
                        zoneID: zoneID, policyID: policy, position: 2, title: "人才补贴", fixedAmount: 5, formula: nil,
                        cap: nil, ruleJSON: #"{">=":[{"var":"staff"},50]}"#, at: now),
                ]
                try await EnterpriseRepository(db: db).insertBulk(
                    (0..<40).map { k in
                        EnterpriseBulkRow(
                            name: "匹配测试企业\(code)-\(k)", uscc: "M\(code)\(k)", foundedOn: "2015-01-01", profileJSON: nil,
                            years: [
                                (2024, #"{"year":2024,"revenue":\#(k * 100),"rdExpense":\#(k * 15),"staff":\#(k * 3)}"#)
                            ], certifications: [])
                    }, zoneID: zoneID, at: now)
                return (zoneID, items)
            }
            let sql = services.database.sql
            let repo = PolicyRepository(db: sql)
            func rematch(_ enterpriseIDs: [Int64]? = nil) async throws -> PolicyMatching.Summary {
                try await services.database.transaction { db in
                    try await PolicyMatching(db: db).run(
                        zoneID: zoneID, enterpriseIDs: enterpriseIDs, trigger: "测试", actor: nil)
                }
            }
            // What a full rewrite would store: every outcome of the zone as it is now.
            func evaluated() async throws -> [PolicyBatch.Outcome] {
                let batch = try await PolicyMatching(db: sql).program(zoneID: zoneID, today: Clock.today)
                return batch.evaluate(
                    try await EnterpriseRecordInputs(db: sql).load(zoneID: zoneID, enterpriseIDs: nil),
                    today: Clock.today)
            }
            func pairs(_ outcomes: [PolicyBatch.Outcome]) -> [String] {
                outcomes.flatMap { o in
                    o.eligible.map {
                        "\(o.enterpriseID) \($0.itemID) \($0.amount.map { "\($0)" } ?? "-") \(o.factsYear ?? 0)"
                    }
                }.sorted()
            }
            func stored() async throws -> [String] {
                var rows: [String] = []
                for item in items {
                    for m in try await repo.matches(itemID: item) {
                        #expect(m.zoneId == zoneID)
                        rows.append(
                            "\(m.enterpriseId) \(m.itemId) \(m.estimatedAmount.map { "\($0)" } ?? "-") \(m.factsYear ?? 0)"
                        )
                    }
                }
                return rows.sorted()
            }
            func digests(_ outcomes: [PolicyBatch.Outcome]) -> [Int64: Int64] {
                let empty = PolicyBatch.digest([])
                return Dictionary(
                    uniqueKeysWithValues: outcomes.filter { $0.digest != empty }.map { ($0.enterpriseID, $0.digest) })
            }
            let first = try await rematch()
            let before = try await evaluated()
            #expect(first.changed == digests(before).count && first.eligible == pairs(before).count)
            #expect(try await stored() == pairs(before))

            // MUT: one item loses enterprises, one gains some, one's amounts move (a lower cap).
            try await services.database.transaction { db in
                let repo = PolicyRepository(db: db)
                try await repo.setRule(itemID: items[0], ruleJSON: #"{">=":[{"var":"revenue"},3000]}"#)
                try await repo.setRule(itemID: items[2], ruleJSON: #"{">=":[{"var":"staff"},30]}"#)
                var capped = try #require(try await repo.item(id: items[1]))
                capped.benefitCap = 30
                try await repo.update(capped)
            }
            let second = try await rematch()

            // validate: exactly the pairs, amounts and years of a full evaluation, and the digests with them.
            let after = try await evaluated()
            #expect(try await stored() == pairs(after))
            #expect(try await repo.matchDigests(zoneID: zoneID, enterpriseIDs: nil) == digests(after))
            let earlier = Dictionary(uniqueKeysWithValues: before.map { ($0.enterpriseID, $0.digest) })
            let moved = after.filter { earlier[$0.enterpriseID] != $0.digest }.count
            #expect(moved > 0 && second.changed == moved && second.eligible == pairs(after).count)

            // MUT: one enterprise reports a new year (its year and amounts move), re-matched alone.
            let enterprise = try #require(before.first { $0.eligible.count == 3 }?.enterpriseID)
            var facts = YearFacts(year: 2025)
            facts.revenue = 500
            facts.rdExpense = 200
            facts.staff = 40
            let reported = facts
            try await services.database.transaction { db in
                try await EnterpriseRepository(db: db).upsertFacts(
                    enterpriseID: enterprise, zoneID: zoneID, facts: reported, at: now)
            }
            let third = try await rematch([enterprise])

            // validate
            let last = try await evaluated()
            #expect(try await stored() == pairs(last))
            #expect(try await repo.matchDigests(zoneID: zoneID, enterpriseIDs: nil) == digests(last))
            #expect(third.changed == 1)
            #expect(try await rematch().changed == 0)
        }
    }
}
