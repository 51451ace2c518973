import Foundation
import GaoxinCore
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import App

/// Keeping the catalogue on its pages: items with every guide field, 一件事 composed from items, and
/// their materials with blank forms and samples. Refusals come back on the form with nothing saved.
@Suite struct ServiceCatalogueEditTests {
    static func itemFields(code: String, department: Int64, legal: String = "20", promised: String = "5")
        -> [(String, String)]
    {
        var fields = GuideField.allCases.map { f in (f.rawValue, "测试\(f.label)") }
        fields.removeAll { $0.0 == "code" || $0.0 == "basic_code" || $0.0 == "name" }
        return fields + [
            ("code", code), ("basic_code", "000101001000"), ("name", "测试事项 \(code)"),
            ("department_id", String(department)), ("legal_days", legal), ("promised_days", promised),
            ("online", "1"), ("audience", "enterprise"), ("life_event", "permits"),
        ]
    }

    static func department(of username: String, _ services: AppServices) async throws -> Int64 {
        try #require(try await UserRepository(db: services.database.sql).find(username: username)?.departmentId)
    }

    static func items(code: String, _ services: AppServices) async throws -> [ServiceItemRow] {
        try await ServiceRepository(db: services.database.sql).items(zoneID: try await ServiceFixtures.zoneID(services))
            .filter { $0.code == code }
    }

    @Test func theAdminAddsAndEditsAnItemWithTheWholeGuide() async throws {
        try await withApp { client, services in
            let code = "XT-T\(UInt32.random(in: 1000...999_999))"
            let science = try await Self.department(of: "staff@xiangtan", services)
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            let form = try await admin.get("/m/services/catalogue/new-item")
            #expect(form.status == .ok && form.text.contains("设定依据") && form.text.contains("监督投诉方式"))
            #expect(try await admin.get("/m/services").text.contains("新增事项"))

            // A promise longer than the law, and a blank field: both named, nothing saved.
            var bad = Self.itemFields(code: code, department: science, legal: "5", promised: "20")
            bad.removeAll { $0.0 == "basis" }
            let refused = try await admin.post("/m/services/catalogue/new-item", form: bad + [("basis", " ")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("不能长于法定办结时限") && refused.text.contains("设定依据：请填写"))
            #expect(try await Self.items(code: code, services).isEmpty)
            let wrongSide = try await admin.post(
                "/m/services/catalogue/new-item",
                form: Self.itemFields(code: code, department: science).filter { $0.0 != "life_event" }
                    + [("life_event", "birth")])
            #expect(wrongSide.status == .badRequest && wrongSide.text.contains("不属于企业的主题"))

            let made = try await admin.post(
                "/m/services/catalogue/new-item", form: Self.itemFields(code: code, department: science))
            #expect(made.status == .seeOther)
            let item = try #require(try await Self.items(code: code, services).first)
            #expect(item.promisedDays == 5 && item.basis == "测试设定依据" && item.lifeEvent == "permits")
            #expect(try await admin.get("/m/services/items/\(item.id)").text.contains("编辑办事指南"))
            let duplicate = try await admin.post(
                "/m/services/catalogue/new-item", form: Self.itemFields(code: code, department: science))
            #expect(duplicate.status == .badRequest && duplicate.text.contains("本园区已有事项使用"))
            #expect(try await Self.items(code: code, services).count == 1)

            // Editing keeps the code unique to this item and the limits checked again.
            let edit = "/m/services/catalogue/items/\(item.id)"
            #expect(try await admin.get(edit).text.contains(code))
            let longer = try await admin.post(
                edit, form: Self.itemFields(code: code, department: science, legal: "10", promised: "12"))
            #expect(longer.status == .badRequest && longer.text.contains("不能长于法定办结时限"))
            #expect(
                try await admin.post(edit, form: Self.itemFields(code: code, department: science, promised: "0")).status
                    == .seeOther)
            #expect(try await Self.items(code: code, services).first?.promisedDays == 0)

            // The item's department keeps it; a resident, another department and another zone do not.
            var staff = Browser(client)
            _ = try await staff.login("staff@xiangtan")
            #expect(try await staff.get(edit).status == .ok)
            let other = try #require(
                try await ServiceRoutes(services: services).departmentNames(try await ServiceFixtures.zoneID(services))
                    .keys.first { $0 != science })
            #expect(
                try await staff.post(
                    "/m/services/catalogue/new-item", form: Self.itemFields(code: code + "B", department: other)
                ).status == .forbidden)
            var resident = Browser(client)
            _ = try await resident.login("resident@xiangtan")
            #expect(try await resident.get("/m/services/catalogue/new-item").status == .forbidden)
            #expect(try await resident.get(edit).status == .forbidden)
            var stranger = Browser(client)
            _ = try await stranger.login("admin@xian")
            #expect(try await stranger.get(edit).status == .notFound)
        }
    }

    @Test func theAdminComposesAOneThingWithMaterialsAndChecksUploadsByContent() async throws {
        try await withApp { client, services in
            let code = "XT-B\(UInt32.random(in: 1000...999_999))"
            let science = try await Self.department(of: "staff@xiangtan", services)
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            #expect(
                try await admin.post(
                    "/m/services/catalogue/new-item", form: Self.itemFields(code: code, department: science)
                )
                .status == .seeOther)
            let item = try #require(try await Self.items(code: code, services).first)
            let bundleFields: [(String, String)] = [
                ("name", "测试一件事 \(code)"), ("code", code), ("summary", "一表申请、一套材料"),
                ("department_id", String(science)), ("audience", "enterprise"), ("online", "1"),
            ]
            let noItems = try await admin.post(
                "/m/services/catalogue/new-bundle", form: bundleFields + [("life_event", "permits")])
            #expect(noItems.status == .badRequest && noItems.text.contains("请至少选择一个事项"))
            let made = try await admin.post(
                "/m/services/catalogue/new-bundle",
                form: bundleFields + [("life_event", "permits"), ("items", String(item.id))])
            #expect(made.status == .seeOther)
            let zone = try await ServiceFixtures.zoneID(services)
            let bundle = try #require(
                try await ServiceRepository(db: services.database.sql).bundles(zoneID: zone).first { $0.code == code })
            #expect(bundle.promisedDays == item.promisedDays && bundle.legalDays == item.legalDays)

            // A material: the blank form is checked by its content, copies by range; nothing half-saved.
            let path = "/m/services/catalogue/bundles/\(bundle.id)/materials/upload"
            let material: [(String, String)] = [
                ("name", "设备清单"), ("required", "1"), ("form", "原件"), ("source", "申请人自备"), ("standard", "加盖公章"),
            ]
            let fake = try await ApplicationFixtures.multipart(
                &admin, path, fields: material + [("copies", "1")], files: [("blank", "清单.pdf", Data("not a pdf".utf8))]
            )
            #expect(fake.status == .badRequest && fake.text.contains("文件内容不是允许的类型"))
            let copies = try await ApplicationFixtures.multipart(
                &admin, path, fields: material + [("copies", "0")], files: [("blank", "清单.pdf", ServiceFixtures.pdf)])
            #expect(copies.status == .badRequest && copies.text.contains("份数"))
            #expect(try await ServiceFixtures.materials(bundle, services).isEmpty)
            let added = try await ApplicationFixtures.multipart(
                &admin, path, fields: material + [("copies", "2")],
                files: [("blank", "清单.pdf", ServiceFixtures.pdf), ("sample", "样表.pdf", ServiceFixtures.pdf)])
            #expect(added.status == .seeOther)
            let saved = try #require(try await ServiceFixtures.materials(bundle, services).first)
            #expect(saved.copies == 2 && saved.blankName == "清单.pdf" && saved.sampleName == "样表.pdf")
            let blank = try await admin.get("/m/services/materials/\(saved.id)/blank")
            #expect(blank.status == .ok && (blank.headers[.contentDisposition] ?? "").contains("attachment"))
            #expect(try await admin.get("/m/services/bundles/\(bundle.id)").text.contains("设备清单"))

            // Edit keeps the files when none is uploaded; remove takes it off the list.
            let edited = try await ApplicationFixtures.multipart(
                &admin, "/m/services/catalogue/materials/\(saved.id)/upload",
                fields: material.filter { $0.0 != "name" } + [("name", "设备清单（加盖公章）"), ("copies", "1")], files: [])
            #expect(edited.status == .seeOther)
            let again = try #require(try await ServiceFixtures.materials(bundle, services).first)
            #expect(again.name == "设备清单（加盖公章）" && again.blankName == "清单.pdf")
            var resident = Browser(client)
            _ = try await resident.login("resident@xiangtan")
            #expect(
                try await resident.post("/m/services/catalogue/materials/\(saved.id)/remove", form: []).status
                    == .forbidden)
            #expect(
                try await admin.post("/m/services/catalogue/materials/\(saved.id)/remove", form: []).status == .seeOther
            )
            #expect(try await ServiceFixtures.materials(bundle, services).isEmpty)

            // Only the zone admin composes a new 一件事.
            var staff = Browser(client)
            _ = try await staff.login("staff@xiangtan")
            #expect(try await staff.get("/m/services/catalogue/new-bundle").status == .forbidden)
        }
    }
}
