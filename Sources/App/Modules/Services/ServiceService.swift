import Foundation
import GaoxinCore
import HTTPTypes

/// An application as typed: who applies, through which channel, why, and the materials (an upload
/// per material, or for a window application the paper received).
struct ServiceApplicationInput: Sendable {
    var channel: String = ServiceChannel.online.rawValue
    var applicantName = ""
    var applicantPhone = ""
    var purpose = ""
    /// Uploads by material id.
    var files: [Int64: MultipartForm.File] = [:]
    /// Window only: materials received on paper at the counter.
    var paper: Set<Int64> = []
}

/// The one write service of 政务服务 applications, shared by the pages and the API: apply, 一次性告知,
/// 补正, 受理 (即办 finishes at once), 办结 with result and delivery, 不予受理, 领办 officer; rating and
/// appeals in `ServiceService+Rating`. Each checks every field first and throws a `Refusal` with
/// the field messages, then writes the case, its details, files and audit rows in ONE transaction.
struct ServiceService: Sendable {
    let services: AppServices
    var engine: CaseEngine { services.cases.engine }

    static func actor(_ user: CurrentUser) -> CaseActor { CaseActor(id: CaseIDs.user(user.id), role: user.role) }

    /// The bundle's materials as the check sees them, with 免证办 filled for this applicant.
    func requirements(_ materials: [ServiceMaterialRow], for user: CurrentUser?) -> [MaterialRequirement] {
        materials.map { m in
            let held = m.filledSource.flatMap { source -> MaterialSource? in
                switch source.audience {
                case .enterprise: return user?.enterpriseID != nil ? source : nil
                case .person: return user?.personID != nil ? source : nil
                }
            }
            return MaterialRequirement(key: String(m.id), name: m.name, required: m.required, filledFrom: held)
        }
    }

    /// The text a 免证办 material is filled with, from the data the platform holds.
    func filledText(_ source: MaterialSource, user: CurrentUser, zoneID: Int64) async throws -> String? {
        let db = services.database.sql
        switch source {
        case .businessLicense:
            guard let id = user.enterpriseID,
                let e = try await EnterpriseRepository(db: db).find(id: id, zoneID: zoneID)
            else { return nil }
            return "营业执照信息（企业登记库）：\(e.name)，统一社会信用代码 \(e.uscc)"
        case .certification:
            guard let id = user.enterpriseID,
                let e = try await EnterpriseRepository(db: db).find(id: id, zoneID: zoneID)
            else { return nil }
            return "资质认定记录（平台企业库）：\(e.name)"
        case .residentRecord:
            guard let id = user.personID,
                let r = try await ResidentRepository(db: db).find(personID: id, zoneID: zoneID)
            else { return nil }
            return "居民信息（平台居民库）：\(r.name)，身份证号 \(r.idNumber.prefix(6))********\(r.idNumber.suffix(4))"
        }
    }

    /// Checks one upload: a document by its content (PDF, image, Office zip), within the size limit.
    static func checkFile(_ file: MultipartForm.File, material: ServiceMaterialRow, into errors: inout FormErrors) {
        let field = "material_\(material.id)"
        if file.data.count > MaterialFileLimits.maxBytes {
            errors.add(field, "\(material.name)：文件超过 \(MaterialFileLimits.maxBytesText)，请压缩后重新上传")
            return
        }
        _ = FileKind.check(file.data, allowed: FileKind.documents, field: field, label: material.name, into: &errors)
    }

    /// Applies for the 一件事: online by the applicant, or at the window entered by staff (applicant
    /// named and phone given). Every required material must be uploaded, received on paper (window)
    /// or held by the platform (免证办); every missing one is named at once. Returns the case id.
    func apply(
        _ input: ServiceApplicationInput, bundle: ServiceBundleRow, user: CurrentUser, at now: LocalMoment = .now
    ) async throws -> Int64 {
        let materials = try await ServiceRepository(db: services.database.sql).materials(bundleID: bundle.id)
        var errors = FormErrors()
        let isStaff = user.role == .departmentStaff || user.role == .zoneAdmin
        let channel = ServiceChannel(rawValue: input.channel)
        if channel == nil {
            errors.add("channel", "办理渠道：请选择网上办理、掌上办理、自助终端或窗口办理")
        } else if isStaff, channel != .window {
            errors.add("channel", "办理渠道：工作人员代录的申请只能是窗口办理（一窗受理）")
        } else if !isStaff, channel == .window {
            errors.add("channel", "办理渠道：窗口办理由窗口工作人员录入，请选择网上办理")
        } else if channel?.isOnline == true, !bundle.online {
            errors.add("channel", "办理渠道：该事项暂不支持网上办理，请到窗口办理")
        }
        let name = input.applicantName.trimmed
        if name.isEmpty {
            errors.add("applicant_name", "申请人：请填写姓名或单位名称")
        } else if name.textLength > 60 {
            errors.add("applicant_name", "申请人：不能超过 60 个字")
        }
        var phone = ""
        do { phone = try MobileNumber(input.applicantPhone).value } catch {
            errors.add("applicant_phone", error.message)
        }
        let purpose = input.purpose.trimmed
        if purpose.textLength > 500 { errors.add("purpose", "申请事由：不能超过 500 个字（现有 \(purpose.textLength) 个字）") }

        let ids = Set(materials.map(\.id))
        for id in input.files.keys where !ids.contains(id) {
            errors.add("materials", "材料：上传的文件不属于本事项的材料清单")
        }
        let byID = Dictionary(uniqueKeysWithValues: materials.map { ($0.id, $0) })
        for (id, file) in input.files.sorted(by: { $0.key < $1.key }) {
            if let m = byID[id] { Self.checkFile(file, material: m, into: &errors) }
        }
        let paper = channel == .window ? input.paper.intersection(ids) : []
        let handedIn = Set(input.files.keys.map(String.init)).union(paper.map(String.init))
        let requirements = requirements(materials, for: isStaff ? nil : user)
        for missing in MaterialCheck.missing(requirements, submitted: handedIn) {
            errors.add(
                "material_\(missing.key)", "\(missing.name)：必须提交的材料，请上传\(channel == .window ? "或勾选已收取纸质材料" : "")")
        }
        try Refusal.check(errors)

        var held: [(Int64, String)] = []
        if !isStaff {
            for r in requirements {
                guard let source = r.filledFrom, let id = Int64(r.key) else { continue }
                // A record the registry cannot show in full still stands for the paper: the account is bound to it.
                let text =
                    try await filledText(source, user: user, zoneID: bundle.zoneId)
                    ?? "\(source.label)：由平台根据账号绑定的记录核验（\(user.displayName)）"
                held.append((id, text))
            }
        }
        let filled = held
        let applicantPhone = phone
        let record = try Refusal.engine("channel") {
            try engine.open(
                typeCode: ServiceCaseTypes.application.code, by: Self.actor(user), at: now,
                note: purpose.isEmpty ? "申请“\(bundle.name)”" : purpose)
        }
        let department = CaseIDs.department(bundle.departmentId)
        let stamp = now.unixSeconds()
        return try await services.database.transaction { db -> Int64 in
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: bundle.zoneId, title: "\(bundle.name)（\(name)）",
                requesterUserID: isStaff ? nil : user.id, enterpriseID: isStaff ? nil : user.enterpriseID,
                assignee: department, actor: user)
            let repo = ServiceApplicationRepository(db: db)
            try await repo.insert(
                ServiceApplicationRow(
                    caseId: id, zoneId: bundle.zoneId, bundleId: bundle.id, departmentId: bundle.departmentId,
                    channel: channel!.rawValue, applicantName: name, applicantPhone: applicantPhone,
                    applicantUserId: isStaff ? nil : user.id, enterpriseId: isStaff ? nil : user.enterpriseID,
                    enteredBy: isStaff ? user.id : nil, officerUserId: nil, purpose: purpose, firstNotice: nil,
                    noticeCount: 0, promisedDays: bundle.promisedDays, instant: bundle.isInstant,
                    openedOn: now.day.description))
            for (materialID, file) in input.files {
                try await repo.putFile(
                    caseID: id, materialID: materialID, name: String(file.fileName.prefix(120)), data: file.data,
                    filledText: nil, at: stamp)
            }
            for materialID in paper where input.files[materialID] == nil {
                try await repo.putFile(
                    caseID: id, materialID: materialID, name: "窗口收取纸质材料", data: nil, filledText: "窗口已收取纸质材料",
                    at: stamp)
            }
            for (materialID, text) in filled {
                try await repo.putFile(
                    caseID: id, materialID: materialID, name: "免提交", data: nil, filledText: text, at: stamp)
            }
            return id
        }
    }

    /// 一次性告知: every material to correct at once, with what is wrong. A later notice may only name
    /// materials the first one named.
    func notify(_ c: ServiceCase, materialIDs: [Int64], note: String, user: CurrentUser, at now: LocalMoment = .now)
        async throws
    {
        let materials = try await ServiceRepository(db: services.database.sql).materials(bundleID: c.details.bundleId)
        var errors = FormErrors()
        let list = materials.map { MaterialRequirement(key: String($0.id), name: $0.name, required: $0.required) }
        let asking = materialIDs.map(String.init)
        for p in MaterialCheck.noticeProblems(asking: asking, list: list, firstNotice: c.details.firstNoticeIDs) {
            errors.add(p.field, p.message)
        }
        let note = note.trimmed
        if note.textLength > 1000 { errors.add("note", "告知说明：不能超过 1000 个字") }
        try Refusal.check(errors)
        let names = materials.filter { materialIDs.contains($0.id) }.map(\.name)
        let text = "请补正以下材料（共 \(names.count) 项）：" + names.joined(separator: "、") + (note.isEmpty ? "" : "。说明：\(note)")
        let next = try Refusal.engine("materials") {
            try engine.perform(
                "notify", on: try engine.checkDeadline(try c.caseRow.record(), now: now).record, by: Self.actor(user),
                at: now, note: text)
        }
        var changed = c.details
        if changed.firstNotice == nil { changed.firstNotice = asking.joined(separator: ",") }
        changed.noticeCount += 1
        let details = changed
        try await services.database.transaction { db in
            try await CaseRepository(db: db).save(next, for: c.caseRow, action: "notify", actor: user)
            try await ServiceApplicationRepository(db: db).update(details)
            if let applicant = details.applicantUserId {
                try await Outbox.enqueue(
                    on: db, zoneID: details.zoneId, to: [.user(applicant)],
                    Notice(
                        kind: .application, subject: "一次性告知：\(c.number) 需补正材料", body: text,
                        link: .serviceApplication(c.id), dedupeKey: "svc_notice:\(c.id):\(details.noticeCount)"))
            }
        }
    }
}
