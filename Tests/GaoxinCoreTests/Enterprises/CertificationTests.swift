import GaoxinCore
import Testing

@Suite struct CertificationTests {
    @Test func defaultValidityRunsToTheDayBeforeTheAnniversary() {
        let highTech = Certification(kind: .highTech, certifiedOn: Day("2023-11-06")!)
        #expect(highTech.effectiveExpiry == Day("2026-11-05"))
        #expect(highTech.isValid(on: Day("2026-11-05")!))
        #expect(!highTech.isValid(on: Day("2026-11-06")!))
        #expect(!highTech.isValid(on: Day("2023-11-05")!))  // not before it was granted
    }

    @Test func statedExpiryWinsAndListingNeverExpires() {
        let stated = Certification(kind: .highTech, certifiedOn: Day("2023-01-01")!, expiresOn: Day("2024-06-30")!)
        #expect(stated.effectiveExpiry == Day("2024-06-30"))
        let listed = Certification(kind: .listed, certifiedOn: Day("2010-01-01")!)
        #expect(listed.effectiveExpiry == nil)
        #expect(listed.isValid(on: Day("2030-01-01")!))
    }

    @Test func leapDayCertificationsEndAtTheMonthsEnd() {
        let sme = Certification(kind: .techSME, certifiedOn: Day("2024-02-29")!)
        #expect(sme.effectiveExpiry == Day("2025-02-27"))
    }
}
