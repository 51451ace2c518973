import Foundation
import GaoxinCore
import SQLKit

/// 肇庆's 难点堵点 ("高效解决制约项目落地建设的难点堵点", seed 001): blockers on projects of the
/// pipeline routed to departments, some resolved with how, one open past its 5 working days (the
/// sweep then marks and escalates it). Run through the case engine, so the records are real.
enum DemoInvestmentBlockers {
    struct Spec {
        let text: String
        let daysAgo: Int
        let resolution: String?
        /// Routed to the demo staff's own department (else the zone's next one).
        let ownDepartment: Bool
    }

    static let specs: [Spec] = [
        Spec(text: "项目用地指标未落实，需协调土地报批", daysAgo: 12, resolution: nil, ownDepartment: true),
        Spec(text: "厂房电力增容排期晚于投产计划", daysAgo: 3, resolution: nil, ownDepartment: false),
        Spec(
            text: "环评审批材料多次退回，企业不清楚要求", daysAgo: 20, resolution: "已一次性告知所需材料，环评已受理",
            ownDepartment: true),
        Spec(
            text: "企业急需技术工人 80 名", daysAgo: 30, resolution: "已组织专场招聘会，到岗 62 人，其余纳入下月招聘",
            ownDepartment: false),
    ]

    static func load(zoneCode: String, zoneID: Int64, engine: CaseEngine, db: any SQLDatabase) async throws {
        guard zoneCode == "zhaoqing" else { return }
        let users = UserRepository(db: db)
        guard let officer = try await users.find(username: "invest@\(zoneCode)"),
            let staff = try await users.find(username: "staff@\(zoneCode)"), let own = staff.departmentId
        else { return }
        let other =
            try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).first { $0.id != own }?.id ?? own
        let projects = try await InvestmentRepository(db: db).projects(
            zoneID: zoneID, filter: ProjectFilter(stage: .talks), try Pager(page: 1, size: specs.count)
        ).rows
        let now = Clock.nowSeconds()
        for (spec, project) in zip(specs, projects) {
            let department = spec.ownDepartment ? own : other
            let opened = LocalMoment(
                day: LocalMoment(unixSeconds: now - Int64(spec.daysAgo) * 86_400).day, minuteOfDay: 9 * 60 + 30)
            let at = min(opened, LocalMoment(unixSeconds: now))
            var record = try engine.open(
                typeCode: InvestmentBlockers.caseType.code,
                by: CaseActor(id: CaseIDs.user(officer.id), role: .investmentOfficer), at: at, note: spec.text)
            if let resolution = spec.resolution {
                let done = LocalMoment(day: at.day.adding(days: 4), minuteOfDay: 15 * 60)
                record = try engine.checkDeadline(record, now: done).record
                record = try engine.perform(
                    "resolve", on: record, by: CaseActor(id: CaseIDs.user(staff.id), role: .departmentStaff),
                    at: done, note: resolution, assignee: CaseIDs.department(department))
            }
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: zoneID, title: String(spec.text.prefix(40)), requesterUserID: officer.id,
                enterpriseID: nil, assignee: CaseIDs.department(department), actor: nil)
            try await InvestmentBlockerRepository(db: db).insert(
                InvestBlockerRow(caseId: id, zoneId: zoneID, projectId: project.id, departmentId: department))
        }
    }
}
