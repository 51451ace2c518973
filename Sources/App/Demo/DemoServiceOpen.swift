import Foundation
import GaoxinCore
import SQLKit

extension DemoServiceCases {
    /// The work on the window's desk today: 出生一件事 applications waiting for pre-check, one waiting
    /// for the resident's 补正, and one accepted two weeks ago and past its promised limit (the sweep
    /// after the demo marks it 超时 and escalates it to the zone admin).
    static func openCases(
        zoneID: Int64, bundles: [(ServiceBundleRow, [ServiceMaterialRow])], engine: CaseEngine, today: Day,
        repo: CaseRepository, apps: ServiceApplicationRepository, upload: Data,
        users: (resident: UserRow, enterprise: UserRow, window: Int64, admin: Int64)
    ) async throws {
        guard let (birth, materials) = bundles.first(where: { $0.0.name == "出生一件事" }) else { return }
        let calendar = engine.calendar
        let resident = CaseActor(id: CaseIDs.user(users.resident.id), role: .resident)
        let window = CaseActor(id: CaseIDs.user(users.window), role: .departmentStaff)
        func details(_ day: Day) -> ServiceApplicationRow {
            ServiceApplicationRow(
                caseId: 0, zoneId: zoneID, bundleId: birth.id, departmentId: birth.departmentId,
                channel: ServiceChannel.online.rawValue, applicantName: users.resident.displayName,
                applicantPhone: "13907310088", applicantUserId: users.resident.id, enterpriseId: nil, enteredBy: nil,
                officerUserId: nil, purpose: "为新生儿办理出生一件事", firstNotice: nil, noticeCount: 0,
                promisedDays: birth.promisedDays, instant: birth.isInstant, openedOn: day.description)
        }
        // Accepted ten working days ago: late against its promise.
        var late = try calendar.deadline(workingDays: 0, after: today.adding(days: -16)).day
        if late >= today { late = today.adding(days: -16) }
        var record = try engine.open(
            typeCode: ServiceCaseTypes.application.code, by: resident, at: at(late, 9), note: "为新生儿办理出生一件事")
        record = try engine.perform("accept", on: record, by: window, at: at(late, 10), note: "材料齐全，予以受理")
        record = try engine.withLimit(.workingDays(max(1, birth.promisedDays)), on: record)
        var row = details(late)
        row.acceptedAt = at(late, 10).unixSeconds()
        row.officerUserId = users.window
        try await store(record, row, bundle: birth, materials: materials, upload: upload, repo: repo, apps: apps)
        // Told once, waiting for the resident.
        let yesterday = today.adding(days: -1)
        record = try engine.open(
            typeCode: ServiceCaseTypes.application.code, by: resident, at: at(yesterday, 9), note: "为新生儿办理出生一件事")
        let asked = materials.filter { $0.filledFrom == nil && $0.required }
        record = try engine.perform(
            "notify", on: record, by: window, at: at(yesterday, 11),
            note: "请补正以下材料（共 \(asked.count) 项）：" + asked.map(\.name).joined(separator: "、"))
        row = details(yesterday)
        row.firstNotice = asked.map { String($0.id) }.joined(separator: ",")
        row.noticeCount = 1
        try await store(record, row, bundle: birth, materials: materials, upload: upload, repo: repo, apps: apps)
        // Two from yesterday afternoon for today's pre-check (never dated later than now: the next
        // step must not come before them).
        for hour in [15, 16] {
            record = try engine.open(
                typeCode: ServiceCaseTypes.application.code, by: resident, at: at(yesterday, hour),
                note: "为新生儿办理出生一件事")
            try await store(
                record, details(yesterday), bundle: birth, materials: materials, upload: upload, repo: repo, apps: apps)
        }
    }
}
