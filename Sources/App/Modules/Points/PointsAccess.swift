import GaoxinCore
import SQLKit

/// What a user may do in the zone's points scheme, looked up once per request.
struct PointsAccess: Sendable {
    let user: CurrentUser
    let zoneID: Int64
    let isMember: Bool

    /// The committee's pages: members and the zone admin.
    var isCommittee: Bool {
        Permissions.decide(user, .view, .pointsCommittee(zoneID: zoneID, isMember: isMember)) == .allow
    }
    /// Reviews: the committee, or a grid worker for their own grids.
    var reviews: Bool {
        Permissions.decide(user, .view, .pointsReview(zoneID: zoneID, isMember: isMember)) == .allow
    }
    /// Records entries for other residents at once (记录积分): the committee, and grid workers.
    var recordsForOthers: Bool {
        isCommittee || Permissions.decide(user, .view, .pointsRecording(zoneID: zoneID, gridID: nil)) == .allow
    }
    /// Records an entry for a resident of this grid: the committee for anyone, a grid worker in their grids.
    func recordsFor(gridID: Int64?) -> Bool {
        isCommittee || Permissions.decide(user, .create, .pointsRecording(zoneID: zoneID, gridID: gridID)) == .allow
    }
    /// Whose own entries count at once or are recorded by office: the tab and form say 记录积分 for
    /// them, 申报积分 for a resident declaring for themselves.
    var recordsByOffice: Bool {
        Permissions.decide(user, .view, .pointsRecording(zoneID: zoneID, gridID: nil)) == .allow
    }

    func may(_ action: Action, entrySubject subject: String, gridID: Int64?, subjects: PointsSubjects) -> Decision {
        Permissions.decide(
            user, action,
            .pointsEntry(
                zoneID: zoneID, subjectPersonIDs: subjects.personIDs(subject), gridID: gridID,
                isCommitteeMember: isMember))
    }

    static func load(_ user: CurrentUser, zoneID: Int64, db: any SQLDatabase) async throws -> PointsAccess {
        PointsAccess(
            user: user, zoneID: zoneID,
            isMember: try await PointsRepository(db: db).isMember(userID: user.id, zoneID: zoneID))
    }
}
