import GaoxinCore
import Testing

@testable import App

/// Who may ask, answer, list and supervise consultations, decided in `Permissions` alone. Each row
/// is viewer by viewer: nobody, platform_admin, zone_admin, department_staff, investment_officer,
/// grid_worker, enterprise_user, resident, public; each view/create/update/delete (A allow,
/// F forbidden, H hidden).
@Suite struct ConsultationPermissionTests {
    @Test func theAskerReadsTheAssignedDepartmentAnswersTheZoneAdminOversees() {
        let own = Resource.consultation(zoneID: 1, departmentID: 3, askerUserID: 9)
        let other = Resource.consultation(zoneID: 1, departmentID: 4, askerUserID: 8)
        CasePermissionMatrix.expect(own, "FFFF AAAA AAAA AAAF HHHH HHHH AFFF AFFF HHHH", "own consultation")
        CasePermissionMatrix.expect(other, "FFFF AAAA AAAA AFFF HHHH HHHH HHHH HHHH HHHH", "other consultation")
        CasePermissionMatrix.expectHiddenFromOtherZones(own, "consultation")
    }

    @Test func thePublicEnterprisesAndResidentsAskOfficeStaffAnswer() {
        // The platform admin may look at the question form but never asks.
        CasePermissionMatrix.expect(
            .consultationAsk(zoneID: 1), "AAFF AFFF FFFF FFFF FFFF FFFF AAFF AAFF FFFF", "consultationAsk")
        CasePermissionMatrix.expect(
            .ownConsultations(zoneID: 1), "FFFF FFFF FFFF FFFF FFFF FFFF AFFF AFFF FFFF", "ownConsultations")
        CasePermissionMatrix.expectHiddenFromOtherZones(.consultationAsk(zoneID: 1), "consultationAsk")
        CasePermissionMatrix.expectHiddenFromOtherZones(.ownConsultations(zoneID: 1), "ownConsultations")
    }

    @Test func departmentsWorkTheInboxAndTheZoneAdminSupervisesEveryDepartment() {
        CasePermissionMatrix.expect(
            .consultationList(zoneID: 1), "FFFF AAAA AAAA AAAA FFFF FFFF FFFF FFFF FFFF", "consultationList")
        CasePermissionMatrix.expect(
            .consultationSupervision(zoneID: 1), "FFFF AAAA AFFF FFFF FFFF FFFF FFFF FFFF FFFF",
            "consultationSupervision")
        CasePermissionMatrix.expectHiddenFromOtherZones(.consultationList(zoneID: 1), "consultationList")
        CasePermissionMatrix.expectHiddenFromOtherZones(.consultationSupervision(zoneID: 1), "consultationSupervision")
    }
}
