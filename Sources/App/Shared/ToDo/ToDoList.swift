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

    /// `Permissions`' answer: the asker may `action` on `resource`.
    func may(_ action: Action, _ resource: Resource) -> Bool { Permissions.decide(user, action, resource) == .allow }
}

/// One kind of work that can be on someone's to-do list. `count` answers nil when `Permissions`
/// lets the user act on no row of that work, so the line is left out rather than shown as 0; it
/// narrows the count to the rows `Permissions` lets them act on: a department its own, a grid
/// worker their grids, an enterprise its own, a resident their own.
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

    /// Each line's count for the asker, or nil when the work is not theirs. Whose work it is and how
    /// far the count reaches are both `Permissions`' answers, never the role read here: the widest
    /// row the asker may act on decides the scope (any department's: the zone; their department's:
    /// the department; their grids' rows: those grids), and no allowed row means no line.
    /// A row "of no particular department" is asked as department 0, which no department has.
    enum Counts {
        /// Zone-wide when the asker may act on `zoneWide` (a row of no particular department),
        /// else over their department when they may act on `ofDepartment`'s row; nil otherwise.
        static func perDepartment(
            _ a: ToDoAsker, _ action: Action, zoneWide: Resource, ofDepartment: (Int64) -> Resource,
            _ count: (Int64?) async throws -> ToDoCount
        ) async rethrows -> ToDoCount? {
            if a.may(action, zoneWide) { return try await count(nil) }
            guard let department = a.user.departmentID, a.may(action, ofDepartment(department)) else { return nil }
            return try await count(department)
        }

        /// The asker's grids where they may act on an event (a grid worker's own).
        static func grids(_ a: ToDoAsker) -> Set<Int64> {
            a.user.gridIDs.filter {
                a.may(.update, .event(zoneID: a.zoneID, gridID: $0, departmentID: nil, reporterUserID: nil))
            }
        }

        /// Handling any event, whoever it is dispatched to: the zone's supervisor.
        static func handlesAllEvents(_ a: ToDoAsker) -> Bool {
            a.may(.update, .eventHandling(zoneID: a.zoneID, departmentID: nil, assigneeUserID: nil))
        }

        @Sendable static func consultations(_ a: ToDoAsker) async throws -> ToDoCount? {
            try await perDepartment(
                a, .update, zoneWide: .consultation(zoneID: a.zoneID, departmentID: 0, askerUserID: nil),
                ofDepartment: { .consultation(zoneID: a.zoneID, departmentID: $0, askerUserID: nil) }
            ) { try await a.repo.consultationsToAnswer(zoneID: a.zoneID, departmentID: $0) }
        }

        @Sendable static func eventsToHandle(_ a: ToDoAsker) async throws -> ToDoCount? {
            if handlesAllEvents(a) {
                return try await a.repo.eventsToHandle(zoneID: a.zoneID, gridIDs: nil, userID: nil, departmentID: nil)
            }
            let grids = grids(a)
            if !grids.isEmpty {
                return try await a.repo.eventsToHandle(
                    zoneID: a.zoneID, gridIDs: grids, userID: a.user.id, departmentID: nil)
            }
            guard let department = a.user.departmentID,
                a.may(.update, .eventHandling(zoneID: a.zoneID, departmentID: department, assigneeUserID: nil))
            else { return nil }
            return try await a.repo.eventsToHandle(
                zoneID: a.zoneID, gridIDs: nil, userID: nil, departmentID: department)
        }

        @Sendable static func eventsToVerify(_ a: ToDoAsker) async throws -> ToDoCount? {
            if handlesAllEvents(a) { return try await a.repo.eventsToVerify(zoneID: a.zoneID, gridIDs: nil) }
            let grids = grids(a)
            return grids.isEmpty ? nil : try await a.repo.eventsToVerify(zoneID: a.zoneID, gridIDs: grids)
        }

        @Sendable static func applicationsToReview(_ a: ToDoAsker) async throws -> ToDoCount? {
            try await perDepartment(
                a, .update, zoneWide: .application(zoneID: a.zoneID, departmentID: 0, enterpriseID: nil),
                ofDepartment: { .application(zoneID: a.zoneID, departmentID: $0, enterpriseID: nil) }
            ) { try await a.repo.applicationsToReview(zoneID: a.zoneID, departmentID: $0) }
        }

        @Sendable static func applicationsReturned(_ a: ToDoAsker) async throws -> ToDoCount? {
            // Resubmitting (`create`) is the applicant enterprise's act.
            guard let enterprise = a.user.enterpriseID,
                a.may(.create, .application(zoneID: a.zoneID, departmentID: 0, enterpriseID: enterprise))
            else { return nil }
            return try await a.repo.applicationsReturned(zoneID: a.zoneID, enterpriseID: enterprise)
        }

        @Sendable static func pointsReview(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.may(.update, .pointsReview(zoneID: a.zoneID, isMember: a.isPointsCommittee)) else { return nil }
            if a.may(.update, .pointsCommittee(zoneID: a.zoneID, isMember: a.isPointsCommittee)) {
                return try await a.repo.declarationsPending(zoneID: a.zoneID, gridIDs: nil)
            }
            let grids = a.user.gridIDs.filter {
                a.may(
                    .update,
                    .pointsEntry(zoneID: a.zoneID, subjectPersonIDs: [], gridID: $0, isCommitteeMember: false))
            }
            return try await a.repo.declarationsPending(zoneID: a.zoneID, gridIDs: grids)
        }

        @Sendable static func pointsMine(_ a: ToDoAsker) async throws -> ToDoCount? {
            // A committee member reviews every declaration (the line above) instead.
            guard !a.isPointsCommittee, let person = a.user.personID,
                a.may(
                    .create,
                    .pointsEntry(zoneID: a.zoneID, subjectPersonIDs: [person], gridID: nil, isCommitteeMember: false))
            else { return nil }
            return try await a.repo.declarationsPending(zoneID: a.zoneID, gridIDs: nil, subject: "person:\(person)")
        }

        @Sendable static func followUps(_ a: ToDoAsker) async throws -> ToDoCount? {
            if a.may(.update, .followUp(zoneID: a.zoneID, assigneeID: nil)) {
                return try await a.repo.followUps(zoneID: a.zoneID, assignees: nil)
            }
            let candidates =
                [CaseIDs.user(a.user.id)] + (a.user.departmentID.map { [CaseIDs.department($0).id] } ?? [])
                + a.user.gridIDs.sorted().map { "grid:\($0)" }
            let mine = candidates.filter { a.may(.update, .followUp(zoneID: a.zoneID, assigneeID: $0)) }
            return mine.isEmpty ? nil : try await a.repo.followUps(zoneID: a.zoneID, assignees: mine)
        }

        @Sendable static func blockers(_ a: ToDoAsker) async throws -> ToDoCount? {
            // Those who raise blockers on any project follow every one; a department solves its own.
            if a.may(.create, .investmentBlocker(zoneID: a.zoneID, departmentID: 0)) {
                return try await a.repo.blockers(zoneID: a.zoneID, departmentID: nil)
            }
            guard let department = a.user.departmentID,
                a.may(.update, .investmentBlocker(zoneID: a.zoneID, departmentID: department))
            else { return nil }
            return try await a.repo.blockers(zoneID: a.zoneID, departmentID: department)
        }

        /// A desk the asker may work: nil for the whole zone (may act on a row of no department),
        /// else their department and their own 领办 cases when they may act on the department's row;
        /// no desk (nil result) otherwise.
        static func desk(_ a: ToDoAsker, zoneWide: Resource, ofDepartment: (Int64) -> Resource) -> [String]?? {
            if a.may(.update, zoneWide) { return .some(nil) }
            guard let department = a.user.departmentID, a.may(.update, ofDepartment(department)) else { return nil }
            return .some([CaseIDs.user(a.user.id), CaseIDs.department(department).id])
        }

        @Sendable static func demands(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard
                let assignees = desk(
                    a, zoneWide: .helpDemand(zoneID: a.zoneID, enterpriseID: 0, departmentID: nil),
                    ofDepartment: { .helpDemand(zoneID: a.zoneID, enterpriseID: 0, departmentID: $0) })
            else { return nil }
            return try await a.repo.onDesk(
                zoneID: a.zoneID, type: HelpCaseTypes.demand.code, assignees: assignees,
                waitingOnRequester: ["answered"])
        }

        @Sendable static func demandsToConfirm(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard let enterprise = a.user.enterpriseID,
                a.may(.update, .helpDemand(zoneID: a.zoneID, enterpriseID: enterprise, departmentID: nil))
            else { return nil }
            return try await a.repo.waitingOnRequester(
                zoneID: a.zoneID, type: HelpCaseTypes.demand.code, states: ["answered"], enterpriseID: enterprise,
                userID: nil)
        }

        @Sendable static func serviceApplications(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard
                let assignees = desk(
                    a,
                    zoneWide: .serviceApplication(
                        zoneID: a.zoneID, departmentID: 0, applicantUserID: nil, officerUserID: nil),
                    ofDepartment: {
                        .serviceApplication(
                            zoneID: a.zoneID, departmentID: $0, applicantUserID: nil, officerUserID: nil)
                    })
            else { return nil }
            return try await a.repo.onDesk(
                zoneID: a.zoneID, type: ServiceCaseTypes.application.code, assignees: assignees,
                waitingOnRequester: ["correcting"])
        }

        @Sendable static func serviceCorrecting(_ a: ToDoAsker) async throws -> ToDoCount? {
            // Those who apply online (`create`) correct their own applications.
            guard a.may(.create, .serviceApply(zoneID: a.zoneID)) else { return nil }
            return try await a.repo.waitingOnRequester(
                zoneID: a.zoneID, type: ServiceCaseTypes.application.code, states: ["correcting"], enterpriseID: nil,
                userID: a.user.id)
        }

        @Sendable static func answersToRate(_ a: ToDoAsker) async throws -> ToDoCount? {
            guard a.may(.view, .ownConsultations(zoneID: a.zoneID)) else { return nil }
            return try await a.repo.answersToRate(zoneID: a.zoneID, requesterID: a.user.id)
        }

        @Sendable static func eventsToRate(_ a: ToDoAsker) async throws -> ToDoCount? {
            // Who reports events and keeps a list of their own requests: the requester who rates.
            guard a.may(.create, .eventList(zoneID: a.zoneID)), a.may(.view, .ownConsultations(zoneID: a.zoneID))
            else { return nil }
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
