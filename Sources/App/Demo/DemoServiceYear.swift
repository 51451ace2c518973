import Foundation
import GaoxinCore
import SQLKit

extension DemoServiceCases {
    static let goodComments = ["办事很快，一次就办好了", "窗口人员耐心细致", "网上申请很方便，免费邮寄到家", "材料一次告知清楚"]
    static let badComments = ["等了很久才办结，中间没人告知进度", "网上系统上传材料总是失败", "窗口人员态度冷淡"]

    static func at(_ day: Day, _ hour: Int, _ minute: Int = 0) -> LocalMoment {
        LocalMoment(day: day, minuteOfDay: hour * 60 + minute)
    }

    static func cases(
        zoneID: Int64, bundles: [(ServiceBundleRow, [ServiceMaterialRow])], engine: CaseEngine, today: Day,
        db: any SQLDatabase, users: (resident: UserRow, enterprise: UserRow, window: Int64, admin: Int64)
    ) async throws {
        var dice = Dice()
        let calendar = engine.calendar
        let repo = CaseRepository(db: db)
        let apps = ServiceApplicationRepository(db: db)
        let upload = DemoServicePDF.make(lines: ["申请材料扫描件（演示）"])
        var negatives: [(Int64, Int64)] = []  // (case, department)
        var serial = 0
        for offset in stride(from: 365, through: 1, by: -1) {
            let day = today.adding(days: -offset)
            guard calendar.isWorkingDay(day) else { continue }
            let count = dice.next() < 0.5 ? 1 : 2
            for n in 0..<count {
                serial += 1
                // Most of a 一件事 window's work is 即办 (seed 004: 95% 即办, 100% within 1 working day).
                let instant = bundles.filter { $0.0.isInstant }
                let (bundle, materials) =
                    !instant.isEmpty && dice.next() < 0.6 ? dice.pick(instant) : dice.pick(bundles)
                let roll = dice.next()
                var channel: ServiceChannel =
                    roll < 0.55 ? .online : roll < 0.7 ? .mobile : roll < 0.75 ? .terminal : .window
                if !bundle.online { channel = .window }
                let person = bundle.audience == ServiceAudience.person.rawValue
                let applicant: UserRow? = channel == .window ? nil : (person ? users.resident : users.enterprise)
                let opener =
                    applicant.map { CaseActor(id: CaseIDs.user($0.id), role: Role(rawValue: $0.role)!) }
                    ?? CaseActor(id: CaseIDs.user(users.window), role: .departmentStaff)
                let officer = CaseActor(id: CaseIDs.user(users.window), role: .departmentStaff)
                let t0 = at(day, 9 + n * 2, serial % 30)
                var record = try engine.open(
                    typeCode: ServiceCaseTypes.application.code, by: opener, at: t0, note: "申请“\(bundle.name)”")
                var details = ServiceApplicationRow(
                    caseId: 0, zoneId: zoneID, bundleId: bundle.id, departmentId: bundle.departmentId,
                    channel: channel.rawValue,
                    applicantName: applicant?.displayName ?? dice.pick(windowNames),
                    applicantPhone: "139\(String(format: "%08d", 7_310_000 + serial))", applicantUserId: applicant?.id,
                    enterpriseId: applicant?.enterpriseId, enteredBy: applicant == nil ? users.window : nil,
                    officerUserId: nil, purpose: "", firstNotice: nil, noticeCount: 0,
                    promisedDays: bundle.promisedDays,
                    instant: bundle.isInstant, openedOn: day.description)
                let recent = offset <= 3
                var acceptAt = at(day, 9 + n * 2, 50)
                if !bundle.isInstant, dice.next() < 0.08 || (recent && n == 0) {
                    let asked = Array(materials.filter { $0.filledFrom == nil }.prefix(1 + serial % 2))
                    record = try engine.perform(
                        "notify", on: record, by: officer, at: at(day, 9 + n * 2, 40),
                        note: "请补正以下材料（共 \(asked.count) 项）：" + asked.map(\.name).joined(separator: "、"))
                    details.firstNotice = asked.map { String($0.id) }.joined(separator: ",")
                    details.noticeCount = 1
                    let next = try calendar.deadline(workingDays: 1, after: day).day
                    if recent || next >= today {
                        try await store(
                            record, details, bundle: bundle, materials: materials, upload: upload, repo: repo,
                            apps: apps)
                        continue
                    }
                    record = try engine.perform(
                        "resubmit", on: record, by: opener, at: at(next, 10), note: "已补正告知的全部材料")
                    acceptAt = at(next, 10, 30)
                }
                if offset <= 1, n == 1 {  // yesterday's second application waits for pre-check
                    try await store(
                        record, details, bundle: bundle, materials: materials, upload: upload, repo: repo, apps: apps)
                    continue
                }
                record = try engine.perform("accept", on: record, by: officer, at: acceptAt, note: "材料齐全，予以受理")
                details.acceptedAt = acceptAt.unixSeconds()
                if serial % 9 == 0 { details.officerUserId = users.window }
                var finishAt = acceptAt
                var days = 0
                if bundle.isInstant {
                    finishAt = LocalMoment(day: acceptAt.day, minuteOfDay: acceptAt.minuteOfDay + 20)
                } else {
                    record = try engine.withLimit(.workingDays(bundle.promisedDays), on: record)
                    let r = dice.next()
                    days =
                        r < 0.78
                        ? min(1, bundle.promisedDays)
                        : r < 0.96
                            ? max(1, Int(dice.next() * Double(bundle.promisedDays)) + 1)
                            : bundle.promisedDays + 1 + Int(dice.next() * 3)
                    let finishDay =
                        days == 0 ? acceptAt.day : try calendar.deadline(workingDays: days, after: acceptAt.day).day
                    finishAt = at(finishDay, 15, 30)
                    if finishDay >= today {
                        try await store(
                            record, details, bundle: bundle, materials: materials, upload: upload, repo: repo,
                            apps: apps)
                        continue
                    }
                    record = try engine.checkDeadline(record, now: finishAt).record
                }
                record = try engine.perform(
                    "finish", on: record, by: officer, at: finishAt, note: bundle.isInstant ? "即办事项，当场办结" : "审查通过，准予办理")
                details.finishedAt = finishAt.unixSeconds()
                details.workingDays = days
                details.resultNo = "XTGX-\(day.year)-\(String(format: "%05d", serial))"
                let mail = dice.next() < 0.4
                details.delivery = mail ? ServiceDelivery.mail.rawValue : ServiceDelivery.pickup.rawValue
                details.trackingNo = mail ? "1180\(String(format: "%09d", 410_000_000 + serial))" : nil
                var followUp: CaseRecord?
                if applicant != nil, dice.next() < 0.85 {
                    let late = days > bundle.promisedDays
                    let r = dice.next()
                    let level: RatingLevel =
                        late && r < 0.5
                        ? .dissatisfied
                        : r < 0.7
                            ? .verySatisfied : r < 0.9 ? .satisfied : r < 0.97 ? .basicallySatisfied : .veryDissatisfied
                    let bad = level.isNegative
                    var facets: [RatingFacet: Int] = [:]
                    for f in RatingFacet.allCases {
                        facets[f] = bad ? 1 + Int(dice.next() * 3) : 4 + Int(dice.next() * 2)
                    }
                    let rateAt = LocalMoment(day: finishAt.day, minuteOfDay: min(1439, finishAt.minuteOfDay + 60))
                    let outcome = try engine.rate(
                        record, by: opener, level: level, facets: facets,
                        comment: bad ? dice.pick(badComments) : dice.pick(goodComments), at: rateAt)
                    record = outcome.record
                    if let request = outcome.followUp {
                        var f = try engine.open(
                            typeCode: request.caseTypeCode, by: opener, at: rateAt, note: request.reason)
                        let callDay = try calendar.deadline(workingDays: 1, after: rateAt.day).day
                        let doneDay = try calendar.deadline(workingDays: 4, after: callDay).day
                        let unit = CaseActor(id: CaseIDs.user(users.window), role: .departmentStaff)
                        if doneDay < today {
                            f = try engine.perform(
                                "call_back", on: f, by: unit, at: at(callDay, 10), note: "已电话回访申请人，核实情况属实")
                            f = try engine.withLimit(.workingDays(15), on: f)
                            f = try engine.perform(
                                "finish", on: f, by: unit, at: at(doneDay, 16),
                                note: "已整改：优化办理流程并向申请人反馈整改结果，申请人表示认可")
                        }
                        followUp = f
                    }
                }
                let id = try await store(
                    record, details, bundle: bundle, materials: materials, upload: upload, repo: repo, apps: apps)
                if let followUp {
                    _ = try await repo.insert(
                        followUp, zoneID: zoneID, title: "差评回访：\(CaseRow.number(id, prefix: "BJ")) \(bundle.name)",
                        requesterUserID: details.applicantUserId, enterpriseID: details.enterpriseId,
                        assignee: CaseIDs.department(bundle.departmentId), parentCaseID: id, actor: nil)
                    negatives.append((id, bundle.departmentId))
                }
            }
        }
        try await openCases(
            zoneID: zoneID, bundles: bundles, engine: engine, today: today, repo: repo, apps: apps, upload: upload,
            users: users)
        // Two appeals by the handling unit: the first decided (upheld), the second waiting.
        for (k, (caseID, department)) in negatives.prefix(2).enumerated() {
            let appealID = try await apps.insertAppeal(
                RatingAppealRow(
                    id: 0, zoneId: zoneID, caseId: caseID, followUpCaseId: nil, departmentId: department,
                    reason: k == 0
                        ? "评价人在办结当日已书面确认满意，差评系误点所致，回访时本人亦予确认。" : "该差评所述等候时间与系统记录不符，办件在承诺时限内办结。",
                    state: "pending", filedBy: users.window, filedAt: Clock.nowSeconds()))
            if k == 0 {
                try await apps.decide(
                    id: appealID, state: "upheld", note: "经核实属误评，申诉成立，该差评不计入统计。", by: users.admin,
                    at: Clock.nowSeconds())
            }
        }
    }

    @discardableResult
    static func store(
        _ record: CaseRecord, _ details: ServiceApplicationRow, bundle: ServiceBundleRow,
        materials: [ServiceMaterialRow],
        upload: Data, repo: CaseRepository, apps: ServiceApplicationRepository
    ) async throws -> Int64 {
        let id = try await repo.insert(
            record, zoneID: details.zoneId, title: "\(bundle.name)（\(details.applicantName)）",
            requesterUserID: details.applicantUserId, enterpriseID: details.enterpriseId,
            assignee: CaseIDs.department(details.departmentId), actor: nil)
        var row = details
        row.caseId = id
        try await apps.insert(row)
        for m in materials {
            if m.filledFrom != nil, details.applicantUserId != nil {
                try await apps.putFile(
                    caseID: id, materialID: m.id, name: "免提交", data: nil, filledText: "由平台根据已有数据自动填写",
                    at: record.openedAt.unixSeconds())
            } else if details.channel == ServiceChannel.window.rawValue {
                try await apps.putFile(
                    caseID: id, materialID: m.id, name: "窗口收取纸质材料", data: nil, filledText: "窗口已收取纸质材料",
                    at: record.openedAt.unixSeconds())
            } else {
                try await apps.putFile(
                    caseID: id, materialID: m.id, name: "\(m.name).pdf", data: upload, filledText: nil,
                    at: record.openedAt.unixSeconds())
            }
        }
        return id
    }
}
