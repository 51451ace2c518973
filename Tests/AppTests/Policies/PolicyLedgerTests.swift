import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The ledger as department staff keep it: documents and items, the rule builder without
/// JavaScript, and refusals that save nothing. Writes happen in 宝鸡, which other tests only read.
@Suite struct PolicyLedgerTests {
    /// Creates a published document in 宝鸡's science department as staff@baoji; returns its id.
    static func createDocument(_ browser: inout Browser, title: String, status: String = "published") async throws
        -> Int64
    {
        let form = try await browser.get("/m/policies/documents/new")
        #expect(form.status == .ok)
        let department = try #require(form.text.firstMatch(of: /<option value="(\d+)" selected>科技局<\/option>/)).1
        let created = try await browser.post(
            "/m/policies/documents/new", form: documentForm(title: title, department: department, status: status))
        #expect(created.status == .seeOther)
        let location = try #require(created.location)
        return try #require(Int64(location.split(separator: "/").last!))
    }

    /// A complete document form (new or edit) for 宝鸡's `department`.
    static func documentForm(title: String, department: some StringProtocol, status: String = "published")
        -> [(String, String)]
    {
        [
            ("title", title), ("doc_number", "宝高新科〔2026〕99号"), ("department_id", String(department)),
            ("issued_on", "2026-01-10"),
            ("effective_on", "2026-01-20"), ("expires_on", "2099-12-31"), ("status", status),
            ("full_text", "第一条 测试政策。\n第二条 由科技局解释。"),
        ]
    }

    @Test func staffCreateADocumentAndAnItemWithTheRuleBuilderAndEnterprisesAreMatched() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("staff@baoji")
            let policyID = try await Self.createDocument(&browser, title: "宝鸡高新区研发投入测试政策")
            // MUT: the item, with two builder rows (R&D ratio ≥ 4%, staff ≤ 500).
            let saved = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new", form: PolicyFixtures.itemForm(title: "研发投入测试补助"))
            // validate
            #expect(saved.status == .seeOther, "\(saved.text.prefix(2000))")
            let itemPath = try #require(saved.location)
            let page = try await browser.get(itemPath)
            #expect(page.text.contains("研发费用占营业收入比例 ≥ 4% 且 职工总数 ≤ 500人"))
            #expect(page.text.contains("按 研发费用 × 10% 计算，最高 200万元"))
            #expect(page.text.contains("已匹配本园区"))
            let itemID = try #require(Int64(itemPath.split(separator: "/").last!))
            let item = try #require(try await PolicyRepository(db: services.database.sql).item(id: itemID))
            #expect(item.ruleJson == #"{"and":[{">=":[{"var":"rdRatio"},0.04]},{"<=":[{"var":"staff"},500]}]}"#)
            #expect(item.materials == [PolicyMaterial(name: "申请表", required: true)])
            // Every enterprise of the zone was weighed, and both outcomes occur.
            let matches = try await PolicyRepository(db: services.database.sql).matches(itemID: itemID)
            let zoneEnterprises = try await EnterpriseRepository(db: services.database.sql).count(zoneID: item.zoneId)
            #expect(!matches.isEmpty && matches.count < zoneEnterprises)
            #expect(matches.allSatisfy { ($0.estimatedAmount ?? 0) <= 200 })
            // The audit log has the document and the item, with their contents.
            let audits = try await services.database.sql.select().column("action").from("audit_log").where(
                "entity", .equal, "policy_item"
            )
            .where("entity_id", .equal, String(itemID)).orderBy("id").all(decodingColumn: "action", as: String.self)
            #expect(audits == ["create"])

            // The edit page reads the rule back into rows.
            let edit = try await browser.get("/m/policies/items/\(itemID)/edit")
            #expect(edit.text.contains(#"<option value="rdRatio" selected>"#))
            #expect(edit.text.contains(#"name="g0_v1" value="500""#))
        }
    }

    @Test func addConditionReRendersWithMoreRowsAndSavesNothing() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("staff@baoji")
            let policyID = try await Self.createDocument(&browser, title: "宝鸡高新区添加条件测试政策")
            let before = try await PolicyFixtures.count("policy_items", services, where: "policy_id", policyID)
            let more = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(title: "添加条件测试", [("action", "add_condition_0")]))
            #expect(more.status == .ok)
            #expect(more.text.contains(#"name="g0_rows" value="5""#))
            #expect(more.text.contains(#"name="g0_f4""#))
            #expect(more.text.contains("当前规则：<strong>研发费用占营业收入比例 ≥ 4% 且 职工总数 ≤ 500人</strong>"))
            let group = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(title: "添加一组测试", [("action", "add_group")]))
            #expect(group.text.contains(#"name="groups" value="2""#))
            #expect(group.text.contains("第 2 组"))
            #expect(try await PolicyFixtures.count("policy_items", services, where: "policy_id", policyID) == before)
        }
    }

    @Test func unknownFieldsAreRefusedByNameAndNothingIsSaved() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("staff@baoji")
            let policyID = try await Self.createDocument(&browser, title: "宝鸡高新区未知字段测试政策")
            // In the JSONLogic box…
            let json = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(
                    title: "月球基地补助",
                    [
                        ("rule_mode", "json"),
                        (
                            "rule_json",
                            #"{"and": [{">=": [{"var": "rdRatio"}, 0.04]}, {">": [{"var": "moonBase"}, 1]}]}"#
                        ),
                    ]))
            #expect(json.status == .badRequest)
            #expect(json.text.contains("“moonBase”"))
            #expect(json.text.contains("尚未保存任何内容"))
            // …in a forged builder row…
            let row = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(title: "月球基地补助", [("g0_f1", "moonBase")]))
            #expect(row.status == .badRequest)
            #expect(row.text.contains("字段“moonBase”不在企业字段目录中"))
            // …and in the benefit formula.
            let formula = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(
                    title: "月球基地补助", [("formula_json", #"{"*": [{"var": "goldReserve"}, 0.1]}"#)]))
            #expect(formula.status == .badRequest)
            #expect(formula.text.contains("“goldReserve”"))
            #expect(try await PolicyFixtures.count("policy_items", services, where: "policy_id", policyID) == 0)
            // Nothing half-saved: not even an audit row (other tests may add theirs meanwhile, never ours).
            let ours = try await services.database.sql.select().column("id").from("audit_log").where(
                "after_json", .like, "%月球基地补助%"
            )
            .all(decodingColumn: "id", as: Int64.self)
            #expect(ours.isEmpty)
        }
    }

    @Test func importedJSONLogicFillsTheRowsAndComplexRulesStayText() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("staff@baoji")
            let policyID = try await Self.createDocument(&browser, title: "宝鸡高新区导入测试政策")
            let simple = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(
                    title: "导入测试",
                    [
                        ("action", "import_json"),
                        (
                            "rule_json",
                            #"{"or": [{"in": ["high_tech", {"var": "certifications"}]}, {">=": [{"var": "ipClass1"}, 3]}]}"#
                        ),
                    ]))
            #expect(simple.status == .ok)
            #expect(simple.text.contains("已从 JSONLogic 导入为条件表格"))
            #expect(simple.text.contains("已获高新技术企业资质 或 Ⅰ类知识产权数 ≥ 3件"))
            let complex = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(
                    title: "导入测试",
                    [
                        ("action", "save"), ("rule_mode", "json"),
                        (
                            "rule_json",
                            #"{"if": [{">": [{"var": "staff"}, 100]}, {">=": [{"var": "rdRatio"}, 0.03]}, {">=": [{"var": "rdRatio"}, 0.05]}]}"#
                        ),
                    ]))
            #expect(complex.status == .seeOther)
            let page = try await browser.get(try #require(complex.location))
            #expect(page.text.contains("复杂规则"))
        }
    }

    @Test func everyFieldProblemIsListedInChinese() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("staff@baoji")
            let policyID = try await Self.createDocument(&browser, title: "宝鸡高新区校验测试政策")
            let bad = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(
                    title: "",
                    [
                        ("benefit_kind", "fixed"), ("benefit_amount", "abc"), ("window_from", "2026-05-01"),
                        ("window_to", "2026-04-01"),
                        ("content", ""), ("g0_v0", ""),
                    ]))
            #expect(bad.status == .badRequest)
            for message in [
                "条款名称：请填写", "资助金额：“abc”不是有效金额", "申报截止日期：不能早于开始日期", "政策内容：请填写",
                "适用条件第 1 个条件：请填写“研发费用占营业收入比例”的数值",
            ] {
                #expect(bad.text.contains(message), "\(message)")
            }
            // What was typed comes back.
            #expect(bad.text.contains(#"value="2026-05-01""#))
            let doc = try await browser.post(
                "/m/policies/documents/new",
                form: [
                    ("title", ""), ("department_id", "999999"), ("effective_on", "2026-02-30"), ("expires_on", ""),
                    ("status", "published"), ("full_text", ""),
                ])
            #expect(doc.status == .badRequest)
            for message in ["政策名称：请填写", "发布部门：只能选择您所在的部门", "生效日期：“2026-02-30”不是有效日期", "政策全文：请填写"] {
                #expect(doc.text.contains(message), "\(message)")
            }
            _ = services
        }
    }

    @Test func onlyTheIssuingDepartmentAndTheZoneAdminEdit() async throws {
        try await withApp { client, services in
            let economy = try await PolicyFixtures.policy("佛山高新区促进企业上规模扶持办法", services)
            let science = try await PolicyFixtures.policy(PolicyFixtures.foshanHighTech, services)
            let scienceItem = try await PolicyFixtures.item("高新技术企业认定奖励", zone: "foshan", services)
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")  // 科技创新局
            #expect(try await staff.get("/m/policies/documents/\(science.id)/edit").status == .ok)
            #expect(try await staff.get("/m/policies/documents/\(economy.id)/edit").status == .forbidden)
            #expect(try await staff.get("/m/policies/documents/\(economy.id)/items/new").status == .forbidden)
            #expect(
                try await staff.post("/m/policies/documents/\(economy.id)/edit", form: [("title", "改名")]).status
                    == .forbidden)
            var invest = Browser(client)
            _ = try await invest.login("invest@foshan")
            #expect(try await invest.get("/m/policies/ledger").status == .ok)
            #expect(try await invest.get("/m/policies/documents/new").status == .forbidden)
            #expect(try await invest.get("/m/policies/items/\(scienceItem.id)/edit").status == .forbidden)
            var admin = Browser(client)
            _ = try await admin.login("admin@foshan")
            #expect(try await admin.get("/m/policies/documents/\(economy.id)/edit").status == .ok)
            // Another zone's staff don't see the document's ledger page at all.
            var other = Browser(client)
            _ = try await other.login("staff@jinan")
            #expect(try await other.get("/m/policies/documents/\(science.id)/edit").status == .notFound)
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            #expect(try await enterprise.get("/m/policies/ledger").status == .forbidden)
        }
    }

    @Test func theLedgerKeepsExpiredAndDraftPoliciesAndFiltersThem() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("invest@foshan")
            let all = try await browser.get("/m/policies/ledger")
            #expect(all.text.contains(PolicyFixtures.foshanExpired))
            #expect(all.text.contains(PolicyFixtures.foshanDraft))
            let expired = try await browser.get("/m/policies/ledger?validity=expired")
            #expect(expired.text.contains(PolicyFixtures.foshanExpired))
            #expect(!expired.text.contains(PolicyFixtures.foshanHighTech))
            let market = try await PolicyFixtures.policy(PolicyFixtures.foshanIP, services)
            let byDepartment = try await browser.get("/m/policies/ledger?department=\(market.departmentId)")
            #expect(byDepartment.text.contains(PolicyFixtures.foshanIP))
            #expect(!byDepartment.text.contains(PolicyFixtures.foshanHighTech))
            let drafts = try await browser.get("/m/policies/ledger?status=draft")
            #expect(drafts.text.contains(PolicyFixtures.foshanDraft))
            #expect(!drafts.text.contains(PolicyFixtures.foshanExpired))
            // 佛山's 17 主导政策 with close to 2亿元.
            #expect(all.text.contains("共 17 份政策"))
            #expect(all.text.contains("19983万元"))
        }
    }

    @Test func changingADocumentsStatusRematchesItsItems() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("staff@baoji")
            let policyID = try await Self.createDocument(&browser, title: "宝鸡高新区状态测试政策", status: "draft")
            let saved = try await browser.post(
                "/m/policies/documents/\(policyID)/items/new", form: PolicyFixtures.itemForm(title: "状态测试条款"))
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            let itemID = try #require(Int64(location.split(separator: "/").last!))
            let repo = PolicyRepository(db: services.database.sql)
            #expect(try await repo.matches(itemID: itemID).isEmpty)  // a draft matches nobody
            let publish = try await browser.post(
                "/m/policies/documents/\(policyID)/edit",
                form: [
                    ("title", "宝鸡高新区状态测试政策"),
                    ("department_id", String(try await PolicyFixtures.policy("宝鸡高新区状态测试政策", services).departmentId)),
                    ("effective_on", "2026-01-20"), ("expires_on", ""), ("status", "published"), ("full_text", "正文"),
                ])
            #expect(publish.status == .seeOther)
            #expect(try await !repo.matches(itemID: itemID).isEmpty)
            let audit = try await services.database.sql.select().column("before_json").from("audit_log").where(
                "entity", .equal, "policy"
            )
            .where("entity_id", .equal, String(policyID)).where("action", .equal, "update").first(
                decodingColumn: "before_json", as: String.self)
            #expect(audit?.contains(#""status":"draft""#) == true)
        }
    }
}
