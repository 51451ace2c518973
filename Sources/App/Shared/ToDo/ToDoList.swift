import Foundation
import GaoxinCore
import SQLKit

/// Who asks for a to-do list, and the counting it may use.
struct ToDoAsker: Sendable {
    let user: CurrentUser
    let zoneID: Int64
    let repo: ToDoRepository
    /// A member of the zone's 积分管理小组 reviews every grid's declarations.
    let isPointsCommittee: Bool
}

/// One kind of work that can be on someone's to-do list. `count` answers nil when the work is not
/// this user's (their role never does it), so the line is left out rather than shown as 0; it
/// narrows the count the way `Permissions` narrows the list behind the link: a department its
/// own, a grid worker their grids, an enterprise its own, a resident their own.
///
/// A module adds its line with one entry in `ToDoList.sources` (and its count in its repository
/// or in `ToDoRepository`).
struct ToDoSource: Sendable {
    let key: String
    let title: String
    let count: @Sendable (ToDoAsker) async throws -> ToDoCount?
    let href: @Sendable (CurrentUser) -> String
}

/// A line as the home page and the API show it.
struct ToDoLine: Sendable, Equatable {
    let key: String
    let title: String
    let count: Int
    let late: Int
    let href: String
    let nextDeadline: Day?
    /// Working days from today to the nearest deadline (0: due today; negative: passed).
    let workingDaysLeft: Int?
    /// "最近期限 12月8日，还有 2 个工作日" and the like; empty when the work has no deadline.
    let deadlineText: String
    /// Stored, not computed: templates read fields by reflection.
    let hasLate: Bool
}

enum ToDoList {
    static let sources: [ToDoSource] = [
        ToDoSource(
            key: "consultations", title: "政策咨询待答复", count: Counts.consultations,
            href: { _ in SiteURL.consultations.path }),
        ToDoSource(
            key: "events_handle", title: "网格事件待受理、派遣或处置", count: Counts.eventsToHandle,
            href: { _ in SiteURL.events.path }),
        ToDoSource(
            key: "events_verify", title: "网格事件待核查、结案", count: Counts.eventsToVerify,
            href: { _ in SiteURL.events.path + "?state=handled" }),
        ToDoSource(
            key: "applications_review", title: "政策申报待审核", count: Counts.applicationsToReview,
            href: { _ in SiteURL.applications.path }),
        ToDoSource(
            key: "applications_returned", title: "申报被退回，待补正材料", count: Counts.applicationsReturned,
            href: { _ in SiteURL.applications.path }),
        ToDoSource(
            key: "points_review", title: "积分申报待审核", count: Counts.pointsReview,
            href: { _ in SiteURL.pointsReview.path }),
        ToDoSource(
            key: "points_mine", title: "我的积分申报（审核中）", count: Counts.pointsMine,
            href: { _ in SiteURL.points.path }),
        ToDoSource(
            key: "follow_ups", title: "差评回访整改待办结", count: Counts.followUps,
            href: { u in u.role == .gridWorker ? SiteURL.events.path : SiteURL.consultations.path }),
        ToDoSource(
            key: "blockers", title: "招商项目难点堵点待解决", count: Counts.blockers,
            href: { _ in SiteURL.investmentBlockers.path }),
        ToDoSource(
            key: "demands", title: "企业诉求待分办、办理", count: Counts.demands,
            href: { _ in SiteURL.help(.demands).path }),
        ToDoSource(
            key: "demands_confirm", title: "诉求已答复，待确认", count: Counts.demandsToConfirm,
            href: { _ in SiteURL.help(.demands).path }),
        ToDoSource(
            key: "service_applications", title: "政务服务办件待预审、办理", count: Counts.serviceApplications,
            href: { _ in SiteURL.serviceApplications.path }),
        ToDoSource(
            key: "service_correcting", title: "办件待补正材料", count: Counts.serviceCorrecting,
            href: { _ in SiteURL.serviceApplications.path }),
        ToDoSource(
            key: "rate_answers", title: "咨询已答复，待评价", count: Counts.answersToRate,
            href: { _ in SiteURL.consultationsMine.path }),
        ToDoSource(
            key: "rate_events", title: "上报的事件已结案，待评价", count: Counts.eventsToRate,
            href: { _ in SiteURL.events.path }),
    ]

    /// Each line's count for the asker, or nil when the work is not theirs.
    enum Counts {
        /// A line counted zone-wide for `zoneWide` roles (nil department) and for a department's staff
        /// over their department; no line for anyone else.
        static func perDepartment(
            _ a: ToDoAsker, zoneWide: Set<Role> = [.zoneAdmin], _ count: (Int64?) async throws -> ToDoCount
        ) async rethrows -> ToDoCount? {
            if zoneWide.contains(a.user.role) { return try await count(nil) }
            guard a.user.role == .departmentStaff, let department = a.user.departmentID else { return nil }
            return try await count(department)
        }

        @Sendable static func consultations(_ a: ToDoAsker) async throws -> ToDoCount? {
            try await perDepartment(a) { try await a.repo.consultationsToAnswer(zoneID: a.zoneID, departmentID: $0) }
        }

        @Sendable static func eventsToHandle(_ a: ToDoAsker) async throws -> ToDoCount? {
            switch a.user.role {
            case .zoneAdmin:
                return try await a.repo.eventsToHandle(zoneID: a.zoneID, gridIDs: nil, userID: nil, departmentID: nil)
            case .gridWorker:
                return try await a.repo.eventsToHandle(
                    zoneID: a.zoneID, gridIDs: a.user.gridIDs, userID: a.user.id, departmentID: nil)
            case .departmentStaff:
                guard let department = a.user.departmentID else { return nil }
                return try await a.repo.eventsToHandle(
                    zoneID: a.zoneID, gridIDs: nil, userID: nil, departmentID: department)
            default: return nil
            }
        }

        @Sendable static func eventsToVerify(_ a: ToDoAsker) async throws -> ToDoCount? {
            switch a.user.role {
            case .zoneAdmin: return try await a.repo.eventsToVerify(zoneID: a.zoneID, gridIDs: nil)
            case .gridWorker: return try await a.repo.eventsToVerify(zoneID: a.zoneID, gridIDs: a.user.gridIDs)
            default: return nil
            }
        }

        @Sendable static func applicationsToReview(_ a: ToDoAsker) async throws -> ToDoCount? {
            try await perDepartment(a) { try await a.repo.applicationsToReview(zoneID: a.zoneID, departmentID: $0) }
        }

        @Sendable static func applicationsReturned(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.user.role == .enterpriseUser, let enterprise = a.user.enterpriseID else { return nil }
            return try await a.repo.applicationsReturned(zoneID: a.zoneID, enterpriseID: enterprise)
        }

        @Sendable static func pointsReview(_ a: ToDoAsker) async throws -> ToDoCount? {
            if a.user.role == .zoneAdmin || a.isPointsCommittee {
                return try await a.repo.declarationsPending(zoneID: a.zoneID, gridIDs: nil)
            }
            guard a.user.role == .gridWorker else { return nil }
            return try await a.repo.declarationsPending(zoneID: a.zoneID, gridIDs: a.user.gridIDs)
        }

        @Sendable static func pointsMine(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.user.role == .resident, !a.isPointsCommittee, let person = a.user.personID else { return nil }
            return try await a.repo.declarationsPending(zoneID: a.zoneID, gridIDs: nil, subject: "person:\(person)")
        }

        @Sendable static func followUps(_ a: ToDoAsker) async throws -> ToDoCount? {
            switch a.user.role {
            case .zoneAdmin: return try await a.repo.followUps(zoneID: a.zoneID, assignees: nil)
            case .departmentStaff, .gridWorker:
                var mine = [CaseIDs.user(a.user.id)]
                if let department = a.user.departmentID { mine.append(CaseIDs.department(department).id) }
                mine += a.user.gridIDs.sorted().map { "grid:\($0)" }
                return try await a.repo.followUps(zoneID: a.zoneID, assignees: mine)
            default: return nil
            }
        }

        @Sendable static func blockers(_ a: ToDoAsker) async throws -> ToDoCount? {
            try await perDepartment(a, zoneWide: [.zoneAdmin, .investmentOfficer]) {
                try await a.repo.blockers(zoneID: a.zoneID, departmentID: $0)
            }
        }

        /// The desk of a department's staff member: the department's cases and those they lead (领办).
        static func desk(_ a: ToDoAsker) -> [String]? {
            switch a.user.role {
            case .zoneAdmin: return nil
            case .departmentStaff:
                return [CaseIDs.user(a.user.id)] + (a.user.departmentID.map { [CaseIDs.department($0).id] } ?? [])
            default: return []
            }
        }

        @Sendable static func demands(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.user.role == .zoneAdmin || a.user.role == .departmentStaff else { return nil }
            return try await a.repo.onDesk(
                zoneID: a.zoneID, type: HelpCaseTypes.demand.code, assignees: desk(a), waitingOnRequester: ["answered"])
        }

        @Sendable static func demandsToConfirm(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.user.role == .enterpriseUser, let enterprise = a.user.enterpriseID else { return nil }
            return try await a.repo.waitingOnRequester(
                zoneID: a.zoneID, type: HelpCaseTypes.demand.code, states: ["answered"], enterpriseID: enterprise,
                userID: nil)
        }

        @Sendable static func serviceApplications(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.user.role == .zoneAdmin || a.user.role == .departmentStaff else { return nil }
            return try await a.repo.onDesk(
                zoneID: a.zoneID, type: ServiceCaseTypes.application.code, assignees: desk(a),
                waitingOnRequester: ["correcting"])
        }

        @Sendable static func serviceCorrecting(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.user.role == .enterpriseUser || a.user.role == .resident else { return nil }
            return try await a.repo.waitingOnRequester(
                zoneID: a.zoneID, type: ServiceCaseTypes.application.code, states: ["correcting"], enterpriseID: nil,
                userID: a.user.id)
        }

        @Sendable static func answersToRate(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.user.role == .enterpriseUser || a.user.role == .resident else { return nil }
            return try await a.repo.answersToRate(zoneID: a.zoneID, requesterID: a.user.id)
        }

        @Sendable static func eventsToRate(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.user.role == .resident else { return nil }
            return try await a.repo.eventsToRate(zoneID: a.zoneID, requesterID: a.user.id)
        }
    }

    /// The user's lines in the zone (every line their role has, zero counts included), with the
    /// nearest deadline in working days on `calendar`.
    static func load(
        user: CurrentUser, zoneID: Int64, db: any SQLDatabase, calendar: WorkCalendar, today: Day = Clock.today
    ) async throws -> [ToDoLine] {
        let repo = ToDoRepository(db: db, today: today)
        let asker = ToDoAsker(
            user: user, zoneID: zoneID, repo: repo,
            isPointsCommittee: try await repo.isPointsCommitteeMember(userID: user.id, zoneID: zoneID))
        var lines: [ToDoLine] = []
        for source in sources {
            guard let c = try await source.count(asker) else { continue }
            let left = c.nextDeadline.map { workingDaysLeft(from: today, to: $0, calendar: calendar) }
            lines.append(
                ToDoLine(
                    key: source.key, title: source.title, count: c.count, late: c.late, href: source.href(user),
                    nextDeadline: c.nextDeadline, workingDaysLeft: left,
                    deadlineText: deadlineText(c.nextDeadline, left: left), hasLate: c.late > 0))
        }
        return lines
    }

    /// Working days after today up to and including `day` (its own day counts when it is a working
    /// day); 0 when it is today, minus the working days since when it has passed.
    static func workingDaysLeft(from today: Day, to day: Day, calendar: WorkCalendar) -> Int {
        if day == today { return 0 }
        if day > today { return calendar.workingDays(from: today.adding(days: 1), to: day).value }
        return -calendar.workingDays(from: day.adding(days: 1), to: today).value
    }

    static func deadlineText(_ day: Day?, left: Int?) -> String {
        guard let day, let left else { return "—" }
        let date = "\(day.month)月\(day.day)日"
        if left < 0 { return "最早期限 \(date)，已超期" }
        if left == 0 { return "最近期限 \(date)，今天到期" }
        return "最近期限 \(date)，还有 \(left) 个工作日"
    }
}
