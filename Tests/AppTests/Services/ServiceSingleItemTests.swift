import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// 单项办理: any item of the catalogue is applied for on its own, outside a 一件事, with its own
/// material list (kept on the item's page), the same 一次性告知 and limits as a 一件事.
@Suite struct ServiceSingleItemTests {
    /// The first item of 出生一件事 and its own form.
    static func birthItem(_ services: AppServices) async throws -> (ServiceItemRow, ServiceBundleRow) {
        let repo = ServiceRepository(db: services.database.sql)
        let birth = try await ServiceFixtures.bundle("出生一件事", services)
        let item = try #require(try await repo.items(bundleID: birth.id).first)
        return (item, try #require(try await repo.form(itemID: item.id)))
    }

    @Test func aCitizenFindsOneItemAndAppliesForItAlone() async throws {
        try await withApp { client, services in
            let (item, form) = try await Self.birthItem(services)
            #expect(form.promisedDays == item.promisedDays && form.legalDays == item.legalDays)
            let itemPath = "/m/services/items/\(item.id)"
            var visitor = Browser(client)
            // The catalogue lists single items beside the 一件事, and each kind alone.
            let items = try await visitor.get("/m/services?zone=xiangtan&event=birth&kind=item")
            #expect(items.status == .ok && items.text.contains("href=\"\(itemPath)\"") && items.text.contains("单项事项"))
            #expect(!items.text.contains("出生一件事"))
            let bundles = try await visitor.get("/m/services?zone=xiangtan&event=birth&kind=bundle")
            #expect(bundles.text.contains("出生一件事") && !bundles.text.contains("href=\"\(itemPath)\""))
            let both = try await visitor.get("/m/services?zone=xiangtan&event=birth")
            #expect(both.text.contains("出生一件事") && both.text.contains("href=\"\(itemPath)\""))
            // The item's page: its materials with the blank form, 免证办, and a login hint.
            let page = try await visitor.get(itemPath)
            #expect(page.text.contains("《\(item.name)》申请表") && page.text.contains("空白表格"))
            #expect(page.text.contains("免提交") && page.text.contains("网上申请请先"))
            #expect(page.text.contains("/m/services/bundles/\(form.id)/guide"))
            // The form is read on the item's page, and only the item edits it.
            let redirected = try await visitor.get("/m/services/bundles/\(form.id)")
            #expect(redirected.status == .seeOther && redirected.location == itemPath)
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            #expect(try await admin.get(SiteURL.serviceBundleEdit(form.id).path).status == .notFound)
            let kept = try await admin.get(itemPath)
            #expect(kept.text.contains(SiteURL.serviceMaterialNew(form.id).path) && kept.text.contains("删除"))
            #expect(try await admin.get(SiteURL.serviceMaterialNew(form.id).path).status == .ok)

            // Applied for alone: one notice of everything missing, then accepted with the item's limit.
            var citizen = Browser(client)
            _ = try await citizen.login("resident@xiangtan")
            let apply = "/m/services/bundles/\(form.id)/apply"
            #expect(try await citizen.get(itemPath).text.contains("href=\"\(apply)\""))
            let materials = try await ServiceFixtures.materials(form, services)
            let sheet = try #require(materials.first { $0.blankName != nil })
            let me = try await ServiceFixtures.userID("resident@xiangtan", services)
            let before = try await ServiceFixtures.applications(form, userID: me, services).count
            let fields = [("channel", "online"), ("applicant_name", "湘潭居民"), ("applicant_phone", "13907310001")]
            let missing = try await ApplicationFixtures.multipart(&citizen, apply, fields: fields, files: [])
            #expect(missing.status == .badRequest && missing.text.contains(sheet.name))
            #expect(try await ServiceFixtures.applications(form, userID: me, services).count == before)
            let made = try await ApplicationFixtures.multipart(
                &citizen, apply, fields: fields, files: [("material_\(sheet.id)", "表.pdf", ServiceFixtures.pdf)])
            #expect(made.status == .seeOther)
            let caseID = try ServiceFixtures.caseID(made)
            let shown = try await citizen.get("/m/services/applications/\(caseID)")
            #expect(shown.text.contains(item.name) && shown.text.contains("href=\"\(itemPath)\""))
            // It goes to the item's own department (the zone admin works every one).
            #expect(form.departmentId == item.departmentId)
            let step = "/m/services/applications/\(caseID)/step"
            // A 即办 item finishes on the spot with its result; any other gets the item's promised limit.
            let result = form.isInstant ? [("result_no", "XT-S-1"), ("delivery", "pickup")] : []
            #expect(try await admin.post(step, form: [("action", "accept")] + result).status == .seeOther)
            let c = try #require(
                try await ServiceApplicationRepository(db: services.database.sql).find(
                    caseID: caseID, zoneID: form.zoneId))
            #expect(c.details.bundleId == form.id && c.details.promisedDays == item.promisedDays)
            #expect(c.caseRow.state == (form.isInstant ? "finished" : "processing"))
        }
    }

    @Test func aMaterialOverItsLimitComesBackOnTheFormAndATooBigSubmissionIsExplained() async throws {
        try await withApp { client, services in
            let (_, form) = try await Self.birthItem(services)
            let sheet = try #require(try await ServiceFixtures.materials(form, services).first { $0.blankName != nil })
            let me = try await ServiceFixtures.userID("resident@xiangtan", services)
            func mine() async throws -> Int {
                try await ServiceFixtures.applications(form, userID: me, services).filter {
                    $0.details.applicantName == "超限测试居民"
                }.count
            }
            let before = try await mine()
            var citizen = Browser(client)
            _ = try await citizen.login("resident@xiangtan")
            let apply = "/m/services/bundles/\(form.id)/apply"
            let fields = [("channel", "online"), ("applicant_name", "超限测试居民"), ("applicant_phone", "13907310001")]
            func pdf(megabytes: Int) -> Data {
                ServiceFixtures.pdf + Data(repeating: 0x20, count: megabytes * 1024 * 1024)
            }
            // 11 MB: over the material's 10 MB, named on the form (not a bare 413), nothing saved.
            let big = try await ApplicationFixtures.multipart(
                &citizen, apply, fields: fields, files: [("material_\(sheet.id)", "表.pdf", pdf(megabytes: 11))])
            #expect(big.status == .badRequest && big.text.contains("\(sheet.name)：文件超过 10 MB"))
            // Over the 20 MB a submission may carry: the page says what the limits are.
            let huge = try await ApplicationFixtures.multipart(
                &citizen, apply, fields: fields, files: [("material_\(sheet.id)", "表.pdf", pdf(megabytes: 21))])
            #expect(huge.status == .contentTooLarge && huge.text.contains("合计不超过 20 MB"))
            #expect(try await mine() == before)
        }
    }

    @Test func aNewItemGetsItsOwnFormThatFollowsItsEdits() async throws {
        try await withApp { client, services in
            let code = "XT-S\(UInt32.random(in: 1000...999_999))"
            let science = try await ServiceCatalogueEditTests.department(of: "staff@xiangtan", services)
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            let made = try await admin.post(
                "/m/services/catalogue/new-item",
                form: ServiceCatalogueEditTests.itemFields(code: code, department: science))
            #expect(made.status == .seeOther)
            let item = try #require(try await ServiceCatalogueEditTests.items(code: code, services).first)
            let repo = ServiceRepository(db: services.database.sql)
            let form = try #require(try await repo.form(itemID: item.id))
            #expect(form.name == item.name && form.promisedDays == 5 && form.code == "item:" + code)
            #expect(try await admin.get("/m/services/items/\(item.id)").text.contains("本事项无需提交材料"))
            // Its code and limits follow the item's edits; a 一件事 may never take an `item:` code.
            let edit = "/m/services/catalogue/items/\(item.id)"
            #expect(
                try await admin.post(
                    edit,
                    form: ServiceCatalogueEditTests.itemFields(code: code + "X", department: science, promised: "0")
                ).status == .seeOther)
            let after = try #require(try await repo.form(itemID: item.id))
            #expect(after.code == "item:\(code)X" && after.promisedDays == 0 && after.id == form.id)
            #expect(CatalogueCheck.codeProblem("item:\(code)", field: "code", label: "编码") != nil)
        }
    }
}
